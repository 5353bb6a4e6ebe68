"""Coreference: pronouns, definite descriptions ("the ministry", "the ministers") and claim
nouns ("the charges") resolved against the document's memory, and nouns or free relatives
that stand for a clause's act ("..., a move Belgrade condemned")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventcoder.pipeline.phrases import normalise, singular
from eventcoder.pipeline.state import Mention, Salient
from eventcoder.pipeline.syntax import FINITE_TAGS, MODAL_TAG, PRONOUN_TAGS, is_passive, subject_of
from eventcoder.pipeline.words import DEFINITE_DETERMINERS, INDEFINITE_DETERMINERS
from eventcoder.schema import Actor

if TYPE_CHECKING:
    from eventcoder.pipeline.actors.resolve import ArgumentResolver

AGENT_SAME_WORD_SENTENCES = 6  # how far back "the ministers" looks for "ministers"
AGENT_SAME_SECTOR_SENTENCES = 3  # ... and for another actor of the same sector


def is_definite_description(resolver: ArgumentResolver, token: Token) -> bool:
    return description_phrase(resolver, token) is not None


def description_phrase(resolver: ArgumentResolver, token: Token) -> str | None:
    coref = resolver.lexicon.coref
    words = [normalise(c.text) for c in token.lefts if c.dep_ in ("compound", "amod", "nummod")]
    if any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in token.children):
        return None  # "a claim Rabat denied", "a declaration of war": a new thing, not one named before
    if not any(c.dep_ == "det" for c in token.children) and token.pos_ != "PRON":
        # without an article only a multi-word description refers back ("urged member states")
        phrase = " ".join([*words, normalise(token.text)])
        return phrase if words and phrase in coref else None
    for candidate in (" ".join([*words, normalise(token.text)]), normalise(token.text), normalise(token.lemma_)):
        if candidate in coref:
            return candidate
    return None


def coreference(resolver: ArgumentResolver, token: Token) -> list[Actor]:
    """The actors a pronoun or a definite description refers back to."""
    coref = resolver.lexicon.coref
    phrase = normalise(token.text) if token.tag_ in PRONOUN_TAGS else description_phrase(resolver, token)
    if phrase is None or phrase not in coref:
        return []
    refers, number = coref[phrase]
    if refers in ("issuer", "claim"):
        # "remarks made by the OIC", "..., an allegation the rebels rejected"
        issuer = _issued_by(resolver, token) or _owner_in_modifiers(resolver, token) or act_summarised_by(resolver, token)
        if issuer:
            return issuer
    if refers == "claim":
        return _claimant(resolver, phrase)
    antecedent = _antecedent(resolver, token, refers, number)
    if antecedent is None:
        return []
    offset, text = resolver.offset, resolver.context.text
    mention_span = (offset + token.idx, offset + token.idx + len(token.text))
    if token.tag_ not in PRONOUN_TAGS:
        mention_span = (offset + phrase_start(token).idx, mention_span[1])
    return [
        Actor(text=text[mention_span[0] : mention_span[1]], start=mention_span[0], end=mention_span[1], code=actor.code,
              sector=actor.sector, org=actor.org, name=actor.name, reason=f"coreference ({phrase!r} -> {refers}): {actor.reason}",
              antecedent=actor.antecedent or {"text": actor.text, "start": actor.start, "end": actor.end})
        for actor in antecedent.actors
    ]


def _claimant(resolver: ArgumentResolver, phrase: str) -> list[Actor]:
    """'dismissed the charges': who made them — the source of the latest accusation, demand
    or criticism coded in the story (the event stage's record of the document)."""
    ontology = resolver.ontology
    for event in reversed(resolver.context.events):
        if ontology.in_family(event.cameo.code, "claim") and event.source and not event.source[0].implicit:
            return [
                Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
                      f"'the {phrase}' were made by the source of the event {event.trigger.text!r}: {a.reason}", a.antecedent)
                for a in event.source
            ]
        if event.attributed_to and not event.attributed_to[0].implicit and event.attributed_to != event.source:
            # "Human Rights Watch said detainees had been tortured. ... dismissed the report"
            return [
                Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
                      f"'the {phrase}' were made by whoever reported the event {event.trigger.text!r}: {a.reason}", a.antecedent)
                for a in event.attributed_to
            ]
    return []


def phrase_start(token: Token) -> Token:
    return min((c for c in token.lefts if c.dep_ in ("det", "compound", "amod", "nummod")), key=lambda c: c.i, default=token)


def _antecedent(resolver: ArgumentResolver, token: Token, refers: str, number: str) -> Salient | None:
    context = resolver.context
    if refers == "issuer":  # with no "issued by" (the caller looked): the story's lead actor
        if context.lead:
            return Salient(resolver.sentence_index, token.i, True, context.lead, False, "organisation")
        return None
    own_clause = token.head.i if token.dep_ in ("nsubj", "nsubjpass") else None
    for entry in recent(resolver, token, sentences_back=0):
        if _fits(entry, refers, token, resolver.sentence_index) and not (
            own_clause is not None and entry.subject and resolver.doc[entry.token].head.i == own_clause
        ):
            return entry
    earlier = [e for e in context.history if e.sentence < resolver.sentence_index]
    for subject_only in (True, False):
        for entry in reversed(earlier):
            if (entry.subject or not subject_only) and _fits(entry, refers, token, resolver.sentence_index):
                return entry
    return None


def _fits(entry: Salient, refers: str, token: Token, sentence_index: int) -> bool:
    """Can this remembered mention be what a reference of this kind points back to?"""
    if entry.token == token.i and entry.sentence == sentence_index:
        return False
    if refers == "person":
        return entry.category == "person"
    if refers == "plural":
        return entry.plural and entry.category != "person"
    if refers == "organisation":
        return entry.category in ("organisation", "country", "group")
    if refers == "group":
        return entry.category == "group"
    if refers == "collective":
        return entry.category in ("organisation", "group") or (entry.plural and entry.category != "person")
    if refers == "country":
        return entry.category == "country"
    return not entry.plural and entry.category not in ("person", "people")


def _issued_by(resolver: ArgumentResolver, token: Token) -> list[Actor] | None:
    for child in token.children:
        if child.dep_ in ("acl", "relcl"):
            for grandchild in child.children:
                if grandchild.dep_ == "agent":
                    for pobj in grandchild.children:
                        found = resolver.resolve_within(pobj, "prep:by", 1, True)
                        if found:
                            return found
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for pobj in child.children:
                found = resolver.resolve_within(pobj, "prep:by", 1, True)
                if found:
                    return found
    return None


def _owner_in_modifiers(resolver: ArgumentResolver, token: Token) -> list[Actor]:
    """'Amnesty's report', 'a United Nations report': a document or claim whose author is
    named in front of it is that author's, not the story's latest speaker's."""
    for child in token.children:
        if child.dep_ == "poss":
            found = resolver.resolve_within(child, "poss", 1, True)
            if found:
                return found
    owner = resolver.named_modifier(token)
    return [owner] if owner is not None else []


def main_object(resolver: ArgumentResolver, pronoun: Token) -> Token | None:
    """'rejected the remarks, calling them interference', 'ordered the contingent to leave,
    accusing it of ...': the object pronoun of a participle clause takes up the object of
    the verb the clause hangs on, when their number agrees."""
    verb = pronoun.head
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    found = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj") and c.tag_ not in PRONOUN_TAGS), None)
    if found is None:
        return None
    plural = found.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in found.children)
    if pronoun.lower_ in ("him", "her"):
        # a person: a name or a noun of a person's role ("an opposition campaign coordinator")
        mentions = [resolver.by_token.get(i) for i in range(found.left_edge.i, found.i + 1)]
        is_person = found.ent_type_ == "PERSON" or any(m is not None and (m.people or m.agent is not None) for m in mentions)
        return found if is_person and not plural else None
    return found if plural == (pronoun.lower_ == "them") else None


def act_summarised_by(resolver: ArgumentResolver, token: Token, depth: int = 1) -> list[Actor]:
    """'..., a move Belgrade condemned', '..., the movement said, a claim Rabat denied', 'in
    what Taipei called a show of force': a noun set beside a clause, or a free relative
    'what', stands for that clause's act, which is the act of the clause's subject (the
    main clause: a summary follows the whole sentence, not a participle inside it)."""
    if token.lower_ == "what" and token.tag_ == "WP" and token.head.pos_ in ("VERB", "AUX"):
        verb = token.head.head if token.head.head.i != token.head.i else token.head
    elif token.pos_ == "NOUN" and token.dep_ in ("appos", "npadvmod") and any(c.dep_ == "relcl" for c in token.children):
        verb = token.head
    else:
        return []
    finite = FINITE_TAGS | {MODAL_TAG}
    while verb.head.i != verb.i and not (verb.pos_ in ("VERB", "AUX") and (verb.tag_ in finite or any(c.dep_ == "aux" for c in verb.children))):
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == token.head.i and token.lower_ == "what":
        return []
    subject = subject_of(verb, is_passive(verb))
    if subject is None or subject.i == token.i:
        return []
    found = resolver.resolve_within(subject, "subj", depth + 1, True)
    return [
        Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
              f"'{token.text}' stands for the act of {verb.text!r}, whose subject this is: {a.reason}", a.antecedent, a.implicit)
        for a in found
    ]


def definite_agent(resolver: ArgumentResolver, head: Token, mention: Mention) -> list[Actor] | None:
    """'the ministers', 'the envoy': a definite agent noun is the actor it points back to (the
    same noun first, else the same sector); None when it is not definite or points nowhere."""
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children):
        return None
    agent = mention.agent
    antecedent = _agent_antecedent(resolver, head, agent)
    if antecedent is None:
        return None
    span_start = resolver.offset + resolver.doc[phrase_start(head).i].idx
    span_end = resolver.offset + head.idx + len(head.text)
    text = resolver.context.text
    return [
        Actor(text[span_start:span_end], span_start, span_end, a.code, a.sector, a.org, a.name,
              f"definite description ({agent.origin}) -> earlier {a.text!r}: {a.reason}",
              antecedent=a.antecedent or {"text": a.text, "start": a.start, "end": a.end})
        for a in antecedent.actors
    ]


def _agent_antecedent(resolver: ArgumentResolver, head: Token, agent) -> Salient | None:
    """The actor a definite agent points back to: the same noun first, else the same sector;
    this sentence, then earlier sentences, subjects before other mentions."""
    word = head_word(head)
    for entry in recent(resolver, head, sentences_back=AGENT_SAME_WORD_SENTENCES):
        if entry.category != "person" and entry.head_word == word:
            return entry
    for entry in recent(resolver, head, sentences_back=AGENT_SAME_SECTOR_SENTENCES):
        if entry.category != "person" and any(a.sector == agent.sector and a.code for a in entry.actors):
            return entry
    return None


def recent(resolver: ArgumentResolver, token: Token, sentences_back: int = 3) -> list[Salient]:
    """Earlier mentions in salience order: this sentence (subjects first, nearest first),
    then each earlier sentence, most recent first, subjects before other mentions."""
    history, index = resolver.context.history, resolver.sentence_index
    here = [e for e in history if e.sentence == index and e.token < token.i]
    ordered = sorted(here, key=lambda e: (not e.subject, -e.token))
    for sentence in range(index - 1, max(-1, index - 1 - sentences_back), -1):
        entries = [e for e in history if e.sentence == sentence]
        ordered += sorted(entries, key=lambda e: (not e.subject, e.token))
    return ordered


def head_word(token: Token) -> str:
    """The lemma of a mention's head noun ("minister"), for "the ministers"."""
    return singular(normalise(token.lemma_ or token.text))
