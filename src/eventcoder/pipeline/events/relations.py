"""How a trigger relates to the other triggers of its sentence and to the story's earlier
events: an outcome of another act, the same act said twice, the charge behind an arrest, an
event noun that refers back to an act already coded."""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.events.frame import EventSentence
from eventcoder.pipeline.state import Candidate, DocumentContext, TriggerMatch
from eventcoder.pipeline.syntax import has_object, has_subject
from eventcoder.pipeline.words import CHARGE_PREPOSITIONS, DEFINITE_DETERMINERS
from eventcoder.schema import Actor, Event


def kin(code: str, other: str, ontology: Ontology) -> bool:
    """Acts of one kind: the same root, or both violence (an attack and the killing it did)."""
    return code[:2] == other[:2] or (ontology.in_family(code, "violent") and ontology.in_family(other, "violent"))


def consequence(token: Token, outer: Candidate | None, ontology: Ontology) -> bool:
    """'shelled the villages, killing four civilians': the killing is the shelling's outcome."""
    return (
        outer is not None
        and token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and ontology.in_family(outer.match.pattern.cameo, "violent")
        and token.head.i == outer.match.head.i
    )


def elaboration(token: Token, match: TriggerMatch, outer: Candidate | None) -> bool:
    """A participle clause that says again what its main verb did, in other words. One whose
    agent is not its subject ("did not condemn the attack, drawing criticism from Islamabad")
    tells another actor's act."""
    return (
        outer is not None
        and token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and token.head.i == outer.match.head.i
        and outer.match.pattern.cameo[:2] == match.pattern.cameo[:2]
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        and match.pattern.source[:1] in ((), ("subj",))
    )


def same_act(candidate: Candidate, sentence: EventSentence) -> Candidate | None:
    """'pardoned and released 14 prisoners', 'two soldiers were killed and three wounded':
    conjoined verbs of one kind that share one object tell one act; the verb that holds the
    object is kept ("expressed concern over X and condemned Y" are two)."""
    head, candidates = candidate.match.head, sentence.candidates
    if candidate.match.pattern.pos != "VERB":
        return None
    code = candidate.match.pattern.cameo
    # a conjunct with its own subject is a clause of its own, unless its auxiliary is left out
    # ("two soldiers were killed and three wounded")
    elliptical = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    if head.dep_ == "conj" and (elliptical or not has_subject(head)):
        first = candidates.get(head.head.i)
        if first is not None and first.match.pattern.pos == "VERB" and kin(code, first.match.pattern.cameo, sentence.ontology) and not has_object(head):
            return first
    if not has_object(head):
        for child in head.children:
            second = candidates.get(child.i) if child.dep_ == "conj" else None
            if (second is not None and second.match.pattern.pos == "VERB" and kin(code, second.match.pattern.cameo, sentence.ontology)
                    and has_object(child) and not has_subject(child)):
                return second
    return None


def named_violence(candidate: Candidate, sentence: EventSentence) -> Candidate | None:
    """'killed 26 people in a massacre', 'killed five in an air strike': the killing is what the
    named attack did, and the attack is the event."""
    head = candidate.match.head
    if candidate.match.pattern.pos != "VERB" or not sentence.family(candidate, "violent"):
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
            for noun in prep.children:
                inner = sentence.candidates.get(noun.i)
                if noun.dep_ == "pobj" and inner is not None and is_means_of(inner, candidate, sentence) and inner.verdict == "":
                    return inner
    return None


def is_means_of(inner: Candidate, outer: Candidate | None, sentence: EventSentence) -> bool:
    """Is the violent noun the attack a violent verb says was done in ("killed in shelling")?"""
    noun = inner.match.head
    return (outer is not None and inner.match.pattern.pos == "NOUN" and outer.match.pattern.pos == "VERB"
            and sentence.family(inner, "violent") and sentence.family(outer, "violent")
            and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during") and noun.head.head.i == outer.match.head.i)


def charge(head: Token, sentence: EventSentence) -> Candidate | None:
    """'arrested for allegedly violating public order rules', 'charged with inciting violence':
    the act an arrest or a charge is for is an allegation, not an event."""
    token, charged = head, False
    # climb through the gerund, its complements and the prepositions above it ("on suspicion
    # of paying voters to back ...") to the act that is done for it
    while token.dep_ in ("pcomp", "pobj", "prep", "xcomp") and token.head.i != token.i:
        charged = charged or (token.dep_ == "pcomp" and token.head.lower_ in CHARGE_PREPOSITIONS)
        token = token.head
        governor = sentence.candidates.get(token.i)
        if governor is not None:
            return governor if charged and sentence.family(governor, "coercion") else None
    return None


def inner_event(token: Token, outer: Candidate, sentence: EventSentence) -> Candidate | None:
    """'condemned India's arrest of ...': an act of conflict an outer verb is about."""
    for probe in (token, *[c for c in token.children if c.dep_ == "acl"]):
        inner = sentence.candidates.get(probe.i)
        if inner is not None and inner is not outer and sentence.family(inner, "contentious"):
            return inner
    return None


def earlier_in_sentence(candidate: Candidate, sentence: EventSentence) -> Candidate | None:
    """'detained two villagers ..., calling the detentions illegal': a definite event noun
    after a verb of the same family in its own sentence is that verb's act."""
    head = candidate.match.head
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children):
        return None
    code = candidate.match.pattern.cameo
    earlier = [c for c in sentence.candidates.values() if c is not candidate and c.match.head.i < head.i
               and c.match.pattern.pos == "VERB" and kin(code, c.match.pattern.cameo, sentence.ontology)]
    return max(earlier, key=lambda c: c.match.head.i, default=None)


def earlier_event(candidate: Candidate, context: DocumentContext, ontology: Ontology) -> Event | None:
    """'condemned the raid' after 'troops raided the camp': a definite event noun with no agent
    of its own is the happening already coded; it lends its agent, and is not coded again."""
    head = candidate.match.head
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children):
        return None
    code = candidate.match.pattern.cameo
    for event in reversed(context.events):
        if kin(code, event.cameo.code, ontology) and event.source and not event.source[0].implicit:
            return event
    return None


def reacted_to(candidate: Candidate, context: DocumentContext) -> Event | None:
    """'Belgrade condemned the move' after 'Kosovo police closed two offices': a reaction to
    a thing, not a party, is aimed at whoever did the story's latest act."""
    # an opposition answering its own government reacts to another actor than itself
    own = {(a.code, a.org, a.sector) for a in candidate.source}
    for event in reversed(context.events[-4:]):
        if event.source and not event.source[0].implicit and not own & {(a.code, a.org, a.sector) for a in event.source}:
            return event
    return None


def refers_to(actor: Actor, agents: list[Actor]) -> bool:
    """Is this actor, found through a pronoun or description, the same as one of the agents?"""
    if actor.antecedent is None:
        return False
    span = (actor.antecedent.get("start"), actor.antecedent.get("end"))
    return any((a.start, a.end) == span or (a.antecedent is not None and (a.antecedent.get("start"), a.antecedent.get("end")) == span) for a in agents)


def own_date(candidate: Candidate) -> bool:
    """Does a date expression modify this very trigger ("the meeting held in Srinagar on 22-24 May")?"""
    when = candidate.when
    return when is not None and any(when.anchor.i == t.i for t in candidate.match.tokens)
