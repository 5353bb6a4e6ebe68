"""The document's memory of actors: the countries each sentence names (the document's main
country, which agents with no country of their own belong to), the actor mentions later
pronouns and descriptions point back to, and the story's lead actor."""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.knowledge.files import KIND_CATEGORY
from eventcoder.pipeline.actors.coreference import head_word
from eventcoder.pipeline.actors.entries import choose_entry, named_countries
from eventcoder.pipeline.actors.resolve import ArgumentResolver
from eventcoder.pipeline.phrases import doc_words, normalise
from eventcoder.pipeline.state import DocumentContext, Mention, Salient, SentenceAnalysis
from eventcoder.pipeline.words import PLURAL_PRONOUNS
from eventcoder.schema import Actor

# kinds whose bare name in a sentence left unparsed is remembered for later references
REMEMBERED_UNPARSED_KINDS = frozenset({"igo", "ngo", "group", "body", "country"})


def remember(resolver: ArgumentResolver) -> None:
    """Record a parsed sentence's actors for later pronouns; once per sentence."""
    remember_countries(resolver.context, resolver.places, resolver.mentions, resolver.by_token)
    doc, context = resolver.doc, resolver.context
    seen: set[int] = set()
    for i, pos in enumerate(doc_words(doc).pos):
        # only a noun, a name or a pronoun heads a mention (no Token object built for the rest)
        if pos not in ("NOUN", "PROPN", "PRON") or i in seen:
            continue
        token = doc[i]
        if token.dep_ in ("compound", "amod"):
            continue
        mention = resolver.by_token.get(token.i)
        known_name = token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or token.text in context.persons)
        if mention is None and not known_name and normalise(token.text) not in resolver.lexicon.coref:
            continue
        actors = resolver.resolve(token, "subj" if token.dep_ in ("nsubj", "nsubjpass") else "obj", follow_conjuncts=True)
        if not actors:
            continue
        for conj in token.conjuncts:
            seen.add(conj.i)
        _record(resolver, token, actors)
    if context.lead is None:
        for entry in context.history:
            if entry.sentence == resolver.sentence_index and entry.subject:
                context.lead = entry.actors
                break


def remember_countries(context: DocumentContext, places, mentions: list[Mention], mention_at: dict[int, Mention]) -> None:
    """Count the countries a sentence names, as actors or through its places. Needs no
    parse, so screened-out sentences count too."""
    # places first: "officials in Brazzaville said Congo ..." decides which Congo is meant
    for place in places:
        if place.place.country and not any(i in mention_at for i in range(place.start, place.end)):
            context.countries[place.place.country] += 1
            context.places.append(place)
    for code in named_countries(mentions, context.countries, context.date):
        context.countries[code] += 1


def remember_unparsed(analysis: SentenceAnalysis, mentions: list[Mention], context: DocumentContext) -> None:
    """A screened-out sentence still counts for the document's context: its countries and
    places, and its named organisations, groups and countries for later references."""
    remember_countries(context, analysis.places, mentions, analysis.mention_at)
    sentence, doc = analysis.sentence, analysis.doc
    for mention in mentions:
        if not mention.named:
            continue
        entry = choose_entry(mention, context.countries, context.date)
        if entry.kind in REMEMBERED_UNPARSED_KINDS:
            span = doc[mention.start : mention.end]
            start = sentence.start + span.start_char
            actor = Actor(span.text, start, start + len(span.text), entry.code, entry.sector, entry.org, None, f"{entry.kind} {entry.origin}")
            context.history.append(Salient(sentence.index, mention.start, False, [actor], False, KIND_CATEGORY[entry.kind]))


def _record(resolver: ArgumentResolver, token: Token, actors: list[Actor]) -> None:
    mention = resolver.by_token.get(token.i)
    plural = token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children) or normalise(token.text) in PLURAL_PRONOUNS
    if mention is not None and mention.named:
        kind = resolver.choose_entry(mention).kind
        category = KIND_CATEGORY[kind]
        plural = plural or kind == "people"
    elif actors[0].name and (mention is None or mention.people or mention.agent):
        category = "person"
    elif actors[0].code in ("IGO", "NGO"):
        category = "organisation"
    elif actors[0].antecedent is not None:
        category = "organisation" if actors[0].code in ("IGO", "NGO") else "country" if actors[0].sector == "GOV" else "agent"
    else:
        category = "agent"
    if token.tag_ in ("NN", "NNP") and len(actors) == 1 and category == "agent" and actors[0].sector == "GOV":
        category = "country"
    resolver.context.history.append(
        Salient(resolver.sentence_index, token.i, token.dep_ in ("nsubj", "nsubjpass"), actors, plural, category, head_word(token))
    )
