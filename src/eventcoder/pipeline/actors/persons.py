"""Persons: people the files know (by the role they held on the document's date), names
with a title or an apposition that gives their role, surnames named earlier in the document,
and names the dictionaries do not know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventcoder.knowledge.files import FORMER_OFFICEHOLDER_SECTOR, ROLE_SECTOR_PRIORITY
from eventcoder.pipeline.actors import agents
from eventcoder.pipeline.state import Mention
from eventcoder.pipeline.words import FORMER_WORDS
from eventcoder.schema import Actor

if TYPE_CHECKING:
    from eventcoder.pipeline.actors.resolve import ArgumentResolver


def person(resolver: ArgumentResolver, mention: Mention, token: Token) -> Actor:
    """A person of the people files, in the role held on the document's date; a person out of
    office then, or called "former", is an elite (ELI) of the latest role's country."""
    actor = person_actor(resolver, mention.people, mention.start, mention.end)
    remember_person(resolver, resolver.doc[mention.end - 1].text, actor)
    return actor


def person_actor(resolver: ArgumentResolver, roles, start: int, end: int, how: str = "person") -> Actor:
    """The actor for tokens [start, end) naming a person with these roles of the people files."""
    date = resolver.context.date
    entry = max(roles, key=lambda e: (e.in_office(date), _priority(e.sector) if e.in_office(date) else 0, e.end or "9999", e.start))
    when = f"{entry.start or '?'} to {entry.end or 'now'}"
    sector, note = entry.sector, ""
    if not entry.in_office(date):
        sector, note = FORMER_OFFICEHOLDER_SECTOR, f"; not in office on {date or 'the present day'}: a former officeholder"
    elif _called_former(resolver.doc, start):
        sector, note = FORMER_OFFICEHOLDER_SECTOR, "; called former"
    return resolver.actor(start, end, entry.code, sector, entry.org, entry.name, f"{how} {entry.origin}: {entry.role} ({when}){note}")


def _priority(sector: str | None) -> int:
    """Higher for the roles a person acts in first (ROLE_SECTOR_PRIORITY)."""
    return len(ROLE_SECTOR_PRIORITY) - ROLE_SECTOR_PRIORITY.index(sector) if sector in ROLE_SECTOR_PRIORITY else 0


def _called_former(doc, start: int) -> bool:
    """'former President X', 'ex-minister X', 'the late X': a word just before the name
    (titles between them allowed, no punctuation) says the person is out of office."""
    for i in range(start - 1, max(-1, start - 5), -1):
        token = doc[i]
        if token.lower_ in FORMER_WORDS:
            return True
        if token.is_punct and token.text != "-" or token.pos_ in ("VERB", "AUX", "ADP"):
            return False
    return False


def titled_person(resolver: ArgumentResolver, token: Token) -> Actor | None:
    """A name with a title before it ("Foreign Minister Jane Roe") or an apposition after it
    ("Jane Roe, a separatist leader"), or a surname named earlier in the document."""
    doc, by_token = resolver.doc, resolver.by_token
    ent = next((e for e in doc.ents if e.start <= token.i < e.end and e.label_ == "PERSON"), None)
    name_start, name_end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
    title = None
    for i in range(name_start - 1, max(-1, name_start - 6), -1):
        mention = by_token.get(i)
        if mention is not None and mention.agent is not None and mention.end == name_start:
            title = mention
            break
    appositive = next((c for c in token.children if c.dep_ == "appos" and c.i in by_token and by_token[c.i].agent), None)
    if title is None and appositive is None:
        return _surname_named_earlier(resolver, token, name_start, name_end)
    role_head = doc[title.end - 1] if title is not None else appositive
    role_mention = title if title is not None else by_token[appositive.i]
    base = agents.agent_actors(resolver, role_head, role_mention)[0]
    start = min(title.start, name_start) if title is not None else name_start
    left = agents.left_edge(resolver, doc[title.end - 1], title) if title is not None else start
    start = min(start, left)
    name = doc[name_start:name_end].text
    actor = resolver.actor(start, name_end, base.code, base.sector, base.org, name, f"named person with role: {base.reason}")
    remember_person(resolver, doc[name_end - 1].text, actor)
    return actor


def _surname_named_earlier(resolver: ArgumentResolver, token: Token, name_start: int, name_end: int) -> Actor | None:
    remembered = resolver.context.persons.get(token.text)
    if remembered is None:
        return None
    actor = resolver.actor(name_start, name_end, remembered.code, remembered.sector, remembered.org, remembered.name,
                           f"surname of {remembered.name} named earlier")
    actor.antecedent = {"text": remembered.text, "start": remembered.start, "end": remembered.end}
    return actor


def remember_person(resolver: ArgumentResolver, surname: str, actor: Actor) -> None:
    """A later mention of the surname alone is this person (the document's memory)."""
    if surname[:1].isupper():
        resolver.context.persons[surname] = actor


def with_person_name(resolver: ArgumentResolver, actor: Actor, head: Token) -> Actor:
    """An actor with a person's name in apposition ("the foreign minister, Jane Roe") carries
    the name, and its span runs to the end of it."""
    doc, offset = resolver.doc, resolver.offset
    for child in head.children:
        known = resolver.by_token.get(child.i)
        known_person = known is not None and bool(known.people)
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or known_person):
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            ents = [e for e in doc.ents if e.label_ == "PERSON" and e.start <= child.i < e.end]
            if ents:
                name_span = ents[0]
            elif known_person:
                name_span = doc[known.start : known.end]  # a name in the people files
            else:
                name_span = span
            actor.name = name_span.text
            end = offset + name_span.end_char
            if end > actor.end and actor.start <= offset + head.idx:
                actor.end = end
                actor.text = resolver.context.text[actor.start : actor.end]
    return actor


def unknown_entity(resolver: ArgumentResolver, token: Token) -> Actor:
    """A name the dictionaries do not know, as the entity recogniser reads it (code unknown)."""
    doc = resolver.doc
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
    label = ent.label_ if ent is not None else token.ent_type_
    return resolver.actor(start, end, None, None, None, doc[start:end].text if label == "PERSON" else None,
                          f"unknown {label} entity (not in the dictionaries)")
