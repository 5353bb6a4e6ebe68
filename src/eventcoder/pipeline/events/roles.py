"""Who did it and to whom: a candidate's source and target from its pattern's role tokens,
and from the clauses around the trigger where the roles find none; implicit agents and
targets where the text names none."""

from __future__ import annotations

from eventcoder.knowledge.files import STATE_SECTORS
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.events.frame import EventSentence
from eventcoder.pipeline.events.relations import earlier_event, inner_event, refers_to
from eventcoder.pipeline.state import Candidate
from eventcoder.pipeline.syntax import is_passive, subject_of
from eventcoder.pipeline.words import CONDITIONAL_MARKS, OWN_POSSESSIVES
from eventcoder.schema import Actor


def source_from_roles(candidate: Candidate, sentence: EventSentence) -> None:
    """The speaker of the clause it is joined to, else the first of the pattern's source roles
    that names an actor (an inner event lends its agent)."""
    if candidate.speaker:
        candidate.source, candidate.source_role = candidate.speaker, "the speaker of the clause it is joined to"
    tokens = [] if candidate.source else candidate.match.source_tokens
    for role, token in tokens:
        inner = inner_event(token, candidate, sentence)
        if inner is not None:
            actors = inner.source
        elif role == "compound":
            actors = state_forces(modifier_actors([t for r, t in tokens if r == "compound"], sentence), candidate, sentence)
        else:
            actors = sentence.resolver.resolve(token, role)
        if actors:
            candidate.source, candidate.source_role = actors, role
            break


def state_forces(actors: list[Actor], candidate: Candidate, sentence: EventSentence) -> list[Actor]:
    """'Turkish shelling', 'Israeli air strikes', 'a Russian missile attack': a country named
    before an act of force is its state's forces, an implicit agent (the text names no one)."""
    if candidate.match.pattern.pos != "NOUN" or not sentence.family(candidate, "harm"):
        return actors
    if not actors or not all(a.reason.startswith(("demonym", "country")) and a.code for a in actors):
        return actors
    sector, what = STATE_FORCE[next(f for f in STATE_FORCE if sentence.family(candidate, f))]
    return [Actor(f"{a.text} {what} (implicit)", -1, -1, a.code, sector, reason=f"implicit agent: the {what} of the country named in '{a.text} "
                  f"{candidate.match.head.text}' ({a.reason})", implicit=True) for a in actors]


# which forces of a state an act of harm named by its country is done by, first family that fits
STATE_FORCE = {"violent": ("MIL", "forces"), "arrest": ("COP", "police"), "coercion": ("GOV", "authorities")}


def modifier_actors(modifiers, sentence: EventSentence) -> list[Actor]:
    """Every actor named in the modifiers before a noun: both parties of "US-China talks",
    "Kenyan and Ugandan troops' raid"."""
    resolver, found = sentence.resolver, []
    for modifier in modifiers:
        starts = [i for i in range(modifier.left_edge.i, modifier.i + 1)
                  if (m := resolver.by_token.get(i)) is not None and m.named and m.start == i and m.end - 1 <= modifier.i]
        tokens = [resolver.doc[i] for i in starts] or [modifier]
        for token in tokens:
            found += [a for a in resolver.resolve(token, "compound", follow_conjuncts=False) if a not in found]
    return found


def target_from_roles(candidate: Candidate, sentence: EventSentence) -> None:
    """The first of the pattern's target roles that names an actor; an inner event is aimed
    at its agent ("condemned India's arrest of ..."); a thing marked as the agent's own points
    to the other party in its modifiers ("moved troops to its border with Poland")."""
    resolver = sentence.resolver
    for role, token in candidate.match.target_tokens:
        inner = inner_event(token, candidate, sentence)
        actors = inner.source if inner is not None and inner.source else resolver.resolve(token, role)
        if not actors and inner is not None:
            # "said the arrests violated a court order": the arrests told before are the police's
            earlier = earlier_event(inner, sentence.context, sentence.ontology)
            actors = earlier.source if earlier is not None else []
        if actors and candidate.source and all(a.text.lower() in OWN_POSSESSIVES and refers_to(a, candidate.source) for a in actors):
            actors = [a for a in resolver.resolve_other_party(token, role) if not refers_to(a, candidate.source)]
            candidate.own_thing = candidate.own_thing or not actors
        if actors:
            candidate.target, candidate.target_role = actors, role
            break


def implicit_agent(cameo: str, country: str | None, ontology: Ontology) -> Actor | None:
    """Who did an agentless act: the police for arrests and detentions, the state for other
    coercion; unnamed attackers for violence. Located by the document's main country."""
    where = ", in the document's main country" if country else ", country unknown"
    if ontology.in_family(cameo, "arrest"):
        return Actor("police (implicit)", -1, -1, country, "COP", reason="implicit agent of an agentless arrest" + where, implicit=True)
    if ontology.in_family(cameo, "coercion"):
        return Actor("authorities (implicit)", -1, -1, country, "GOV", reason="implicit agent of an agentless coercive act" + where, implicit=True)
    if ontology.in_family(cameo, "violent"):
        return Actor("unidentified attackers (implicit)", -1, -1, country, "UAF", reason="implicit agent of an agentless violent act", implicit=True)
    return None


def implicit_protest_target(source: list[Actor], country: str | None) -> Actor | None:
    """Whom a protest that names no one is aimed at: people marching, striking or blocking
    roads at home ("workers marched in cities across the country", "a protest against tax
    increases") press their own authorities, the government of the story's country."""
    if country is None or any(a.sector in STATE_SECTORS or a.code not in (None, country) for a in source):
        return None
    return Actor("government (implicit)", -1, -1, country, "GOV",
                 reason="implicit target of a protest that names none: the government of the document's main country", implicit=True)


def target_in_clauses(candidate: Candidate, sentence: EventSentence) -> tuple[list[Actor], str] | None:
    """Targets a pattern's roles miss, from the clauses around the trigger, first that gives one."""
    for finder in (_threat_condition, _place_of_harm, _yielded_to, _named_by_reaction):
        found = finder(candidate, sentence)
        if found is not None:
            return found
    return None


def _threat_condition(candidate: Candidate, sentence: EventSentence) -> tuple[list[Actor], str] | None:
    """A threat or warning is aimed at whoever its condition is about ("warned it would
    retaliate if Finland allowed ...", "threatened to withdraw if European powers ...")."""
    if not sentence.family(candidate, "threat"):
        return None
    head = candidate.match.head
    clauses = [head, *[c for c in head.children if c.dep_ in ("ccomp", "xcomp")]]
    clauses += [g for c in clauses[1:] for g in c.children if g.dep_ in ("ccomp", "xcomp")]
    for clause in clauses:
        for child in clause.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children):
                subject = subject_of(child, is_passive(child))
                found = sentence.resolver.resolve(subject, "subj") if subject is not None else []
                if found:
                    return found, f"subject of the condition {child.text!r}"
    return None


def _place_of_harm(candidate: Candidate, sentence: EventSentence) -> tuple[list[Actor], str] | None:
    """'set fire to homes and cars in a Palestinian village': a violent act on things that
    belong to no one named is aimed at the people of the place named by whose it is."""
    if not sentence.family(candidate, "harm"):
        return None
    for prep in candidate.match.head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            for pobj in prep.children:
                mention = sentence.analysis.mention_at.get(pobj.i)
                if pobj.dep_ == "pobj" and mention is not None and mention.agent is not None:
                    found = sentence.resolver.resolve(pobj, "prep:" + prep.lower_)
                    if found:
                        return found, f"prep:{prep.lower_} (whose place it is)"
    return None


def _yielded_to(candidate: Candidate, sentence: EventSentence) -> tuple[list[Actor], str] | None:
    """'laid down their weapons under a government demobilisation programme', 'released the
    prisoners under pressure from Washington': one yields to whose scheme or pressure it is."""
    if not sentence.family(candidate, "yield"):
        return None
    for prep in candidate.match.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "under":
            for pobj in prep.children:
                found = sentence.resolver.resolve(pobj, "prep:under") if pobj.dep_ == "pobj" else []
                if found:
                    return found, "prep:under (whose scheme or pressure it is)"
    return None


def _named_by_reaction(candidate: Candidate, sentence: EventSentence) -> tuple[list[Actor], str] | None:
    """A reaction with a clause for object is aimed at what its participle names ("denied that
    ..., calling a United Nations report 'baseless propaganda'")."""
    head = candidate.match.head
    if not sentence.family(candidate, "reaction") or any(c.dep_ in ("dobj", "obj") for c in head.children):
        return None
    for child in head.children:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in child.children):
            named = next((c for c in child.children if c.dep_ in ("dobj", "obj")), None)
            found = sentence.resolver.resolve(named, "obj") if named is not None else []
            if found:
                return found, f"obj of {child.text!r}"
    return None
