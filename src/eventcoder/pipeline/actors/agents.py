"""Agents: a generic noun or title ("police", "the foreign minister", "UMNO leaders") with
the country and sector it belongs to, first way that gives one: coordinated countries before
it, a country or organisation modifying it, a possessor or "of" phrase, a place in its name, a
definite description pointing back, where it is, the document's main country."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventcoder.knowledge.files import ORGANISATION_KINDS
from eventcoder.pipeline.actors import coreference, persons
from eventcoder.pipeline.state import Mention
from eventcoder.pipeline.words import QUANTITY_NOUNS
from eventcoder.schema import Actor

if TYPE_CHECKING:
    from eventcoder.pipeline.actors.resolve import ArgumentResolver


def agent_actors(resolver: ArgumentResolver, head: Token, mention: Mention) -> list[Actor]:
    """An agent noun ("police", "the foreign minister") with the country it belongs to,
    first way that gives one."""
    agent = mention.agent
    assert agent is not None
    head_token = resolver.doc[mention.end - 1] if head.i < mention.start or head.i >= mention.end else head
    left = left_edge(resolver, head_token, mention)
    found = (_coordinated_modifiers(resolver, head_token, mention) or _agent_with_modifier(resolver, head_token, mention, left)
             or _agent_of_owner(resolver, head_token, mention) or _agent_named_by_place(resolver, head_token, mention, left))
    if found:
        return found
    # 4. a definite description points back to the same noun or sector ("the ministers")
    referred = coreference.definite_agent(resolver, head_token, mention)
    if referred is not None:
        return referred
    # 5. where they are ("police in Sri Lanka's Northern Province", "protesters in the Iraqi city of Basra")
    located = _located_in(resolver, head_token)
    counted = head_token.head.head if head_token.dep_ in ("pobj", "conj") and head_token.head.lower_ == "of" else None
    if located is None and counted is not None and (counted.like_num or counted.lemma_ in QUANTITY_NOUNS):
        # "thousands of men and boys from Srebrenica": the count carries where they are from
        located = _located_in(resolver, counted)
    if located is not None:
        code, how = located
        return [resolver.actor(left, mention.end, code, agent.sector, None, None, f"agent {agent.origin} + located in {how}")]
    # 6. the document's main country
    code = resolver.context.main_country()
    reason = f"agent {agent.origin}" + (" + document country" if code else ", no country")
    return [resolver.actor(left, mention.end, code, agent.sector, None, None, reason)]


def _agent_named_by_place(resolver: ArgumentResolver, head_token: Token, mention: Mention, left: int) -> list[Actor]:
    """'the Lahore High Court', 'the Kaduna State government', 'the Lagos city council': a
    body named with a place takes the place's country."""
    agent = mention.agent
    for i in range(left, head_token.i):
        place = resolver.place_at.get(i)
        if place is not None and place.place.country and i not in resolver.by_token:
            return [resolver.actor(left, mention.end, place.place.country, agent.sector, None, None,
                               f"agent {agent.origin} + place {place.place.name} in its name ({place.reason})")]
    return []


def _coordinated_modifiers(resolver: ArgumentResolver, head_token: Token, mention: Mention) -> list[Actor]:
    """'Kenyan and Ugandan officials': coordinated countries or demonyms before one agent
    noun are that many actors, each with its own span."""
    agent = mention.agent
    modifiers = []
    for child in head_token.lefts:
        for i in range(child.left_edge.i, child.right_edge.i + 1):
            found = resolver.by_token.get(i)
            if found is not None and found.named and found not in modifiers and (found.start, found.end) != (mention.start, mention.end):
                modifiers.append(found)
    roots = [resolver.doc[m.start : m.end].root for m in modifiers]
    coordinated = len(modifiers) > 1 and all(any(r in other.conjuncts for other in roots if other is not r) for r in roots)
    if not coordinated:
        return []
    actors = []
    for modifier in modifiers:
        entry = resolver.choose_entry(modifier)
        if entry.kind not in ("country", "demonym") or entry.code is None:
            return []
        actors.append(resolver.actor(modifier.start, modifier.end, entry.code, agent.sector, None, None,
                                 f"agent {agent.origin} + {entry.kind} {entry.origin} (one of coordinated modifiers of '{head_token.text}')"))
    return actors


def _agent_with_modifier(resolver: ArgumentResolver, head_token: Token, mention: Mention, left: int) -> list[Actor]:
    """1. a demonym, country or organisation modifying the noun ("Indian police", "UN envoy");
    a conjunct shares it ("the Indian political leaders as well as senior officers")."""
    agent = mention.agent
    for owner_head in (head_token, *[c for c in head_token.conjuncts if c.i < head_token.i]):
        modifier = _modifier_mention(resolver, owner_head, mention)
        if modifier is None:
            continue
        entry = resolver.choose_entry(modifier)
        code, reason = entry.code, f"agent {agent.origin} + {entry.kind} {entry.origin}"
        if owner_head.i != head_token.i:
            reason += " (shared with a conjunct)"
        if code is None and entry.kind == "demonym":
            located = _located_in(resolver, owner_head) or next(filter(None, (_located_in(resolver, c) for c in owner_head.conjuncts)), None)
            if located is not None:
                # "Muslim men and boys from Srebrenica": where they are from, before the dateline
                code = located[0]
                reason += f"; a people with no state of its own, located by {located[1]}"
            else:
                code = resolver.context.main_country()
                reason += f"; a people with no state of its own, located by the document's main country ({code})"
        org = entry.org if entry.kind in ORGANISATION_KINDS else None
        # an office or member of a named party, group or state body acts for it ("UMNO
        # leaders", "ASIO chief", "the state-run APP news agency"): the organisation's
        # sector; an international organisation's keeps its own ("a UN court" is JUD)
        sector = entry.sector if entry.kind in ("group", "body") and entry.sector else agent.sector
        if sector != agent.sector:
            reason += f" (the sector of {entry.kind} {entry.org or entry.text})"
        return [resolver.actor(left, mention.end, code, sector, org, None, reason)]
    return []


def _agent_of_owner(resolver: ArgumentResolver, head_token: Token, mention: Mention) -> list[Actor]:
    """2. a possessor ("Pakistan's foreign ministry"); 3. an "of"/"from" phrase, distributed
    over a list ("officials of Pakistan and Niger")."""
    agent = mention.agent
    for child in head_token.children:
        if child.dep_ == "poss":
            owners = resolver.resolve_within(child, "poss", 1, True)
            if owners:
                return [_combine(resolver, agent, owner, head_token, mention, "possessive") for owner in owners]
    owners = _of_phrase(resolver, head_token)
    if not owners:
        for conj in list(head_token.conjuncts):
            owners = _of_phrase(resolver, conj)
            if owners:
                break
    return [_combine(resolver, agent, owner, head_token, mention, "'of' phrase") for owner in owners]


def _modifier_mention(resolver: ArgumentResolver, head: Token, own: Mention) -> Mention | None:
    for child in head.lefts:
        for i in range(child.left_edge.i, child.right_edge.i + 1):
            modifier = resolver.by_token.get(i)
            if modifier is not None and modifier.named and (modifier.start, modifier.end) != (own.start, own.end):
                return modifier
    return None


def _located_in(resolver: ArgumentResolver, head: Token) -> tuple[str, str] | None:
    """(country, reason) from where the agent is: "police in Mombasa", "a court in Lahore"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "from"):
            for i in range(child.i + 1, child.right_edge.i + 1):
                mention = resolver.by_token.get(i)
                if mention is not None and mention.named:
                    entry = resolver.choose_entry(mention)
                    if entry.code and entry.kind in ("country", "demonym", "capital"):
                        return entry.code, f"{entry.kind} {entry.origin}"
                place = resolver.place_at.get(i)
                if place is not None and place.place.country:
                    return place.place.country, f"place {place.place.name} ({place.reason})"
    return None


def _of_phrase(resolver: ArgumentResolver, head: Token) -> list[Actor]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.i in resolver.by_token and resolver.by_token[pobj.i].named):
                    return resolver.resolve_within(pobj, "prep:of", 1, True)
                if pobj.dep_ == "pobj" and pobj.i in resolver.by_token and resolver.by_token[pobj.i].agent is not None:
                    # "delegations from the country's rival parliaments": an owner that is
                    # itself an agent counts when its own country is stated, not guessed
                    found = resolver.resolve_within(pobj, "prep:of", 1, True)
                    if found and all(a.code and "document country" not in a.reason and "no country" not in a.reason for a in found):
                        return found
    return []


def _combine(resolver: ArgumentResolver, agent, owner: Actor, head: Token, mention: Mention, how: str) -> Actor:
    start, end = owner.start, owner.end
    sector = agent.sector
    if owner.code in ("IGO", "NGO"):
        # an office of an organisation ("Secretary General of the OIC") speaks for it
        start = min(start, resolver.offset + resolver.doc[left_edge(resolver, head, mention)].idx)
        sector = owner.sector
    actor = Actor(resolver.context.text[start:end], start, end, owner.code, sector, owner.org, owner.name,
                  f"agent {agent.origin} + {how} {owner.reason}", owner.antecedent)
    return persons.with_person_name(resolver, actor, head)


def left_edge(resolver: ArgumentResolver, head: Token, mention: Mention) -> int:
    start = mention.start
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "nummod") and child.left_edge.i < start:
            start = child.left_edge.i
    return start
