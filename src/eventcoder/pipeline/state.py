"""The state that flows between the stages: what each stage writes about a sentence and a
document, typed, so that every later stage reads it from here rather than calling back into
the stage that made it.

Per sentence (`SentenceAnalysis`), in the order the stages write it:
  sentences -> sentence, doc (tokens)     screen -> screen_reason, referred_to, mentions
  parse     -> doc (tagged, parsed), parsed, matches
  places    -> places, not_actors         actors -> mention_at, resolver (arguments to actors)
  triggers  -> matches, patterns_missed   events -> candidates (with when, verdict and event)
Per document (`DocumentContext`), updated sentence by sentence: the actors and countries named
so far (the actor stage's memory) and the events coded so far (the event stage's record, which
later sentences' references such as "the raid" or "the charges" read back).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from eventcoder.knowledge.files import ActorEntry, AgentEntry, Pattern, PersonEntry
from eventcoder.knowledge.gazetteer import Place
from eventcoder.schema import Actor, Event, EventDate

if TYPE_CHECKING:
    from eventcoder.pipeline.actors.resolve import ArgumentResolver
    from eventcoder.pipeline.sentences import Sentence


# -- what the actor lexicon, the place stage and the date finder find in a sentence ---------


@dataclass
class Mention:
    """A dictionary match in one sentence: tokens [start, end) of the sentence doc."""

    start: int
    end: int
    named: tuple[ActorEntry, ...] = ()
    agent: AgentEntry | None = None
    people: tuple[PersonEntry, ...] = ()


@dataclass
class PlaceMention:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    text: str
    place: Place
    reason: str


@dataclass
class DateMention:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    when: EventDate
    future: bool
    anchor: Token  # the word the expression modifies
    kind: str = ""  # the pattern that found it (when.PATTERNS)

    @property
    def relative(self) -> bool:
        """Counted from the publication date ("on Tuesday", "yesterday", "last week"): in a
        news story, usually the story's own peg rather than a date of an event it mentions."""
        return self.kind in RELATIVE_KINDS


RELATIVE_KINDS = frozenset({"weekday", "relative_day", "relative_span"})


# -- triggers and the candidates the event stage weighs ----------------------------------


@dataclass
class TriggerMatch:
    head: Token
    tokens: list[Token]
    pattern: Pattern
    passive: bool
    source_tokens: list[tuple[str, Token]] = field(default_factory=list)  # (role, token) candidates in order
    target_tokens: list[tuple[str, Token]] = field(default_factory=list)

    @property
    def start_token(self) -> Token:
        return min(self.tokens, key=lambda t: t.i)

    @property
    def end_token(self) -> Token:
        return max(self.tokens, key=lambda t: t.i)


@dataclass
class Candidate:
    """A trigger match on its way to becoming an event, with everything explain shows."""

    match: TriggerMatch
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    source_role: str | None = None
    target_role: str | None = None
    negated: bool = False
    hypothetical: bool = False
    attributed_to: list[Actor] | None = None
    parent: Candidate | None = None
    when: DateMention | None = None
    announced: bool = False  # will, would, plans to, ready to: an intention CAMEO codes as 03x (unless dated in the future)
    speaker: list[Actor] | None = None  # "X said ... and urged Y to ...": the appeal is X's
    cameo: str | None = None  # set when the evidence refines the pattern's code (a visit rather than a meeting)
    own_thing: bool = False  # its object was only the agent's own ("dropped its objections")
    location: dict | None = None  # where it happened (the where stage), before the record is made
    verdict: str = ""  # why it was or was not emitted
    verdict_rule: str = ""  # the name of the event rule that gave the verdict (events/rules.py)
    emitted: bool = False
    event: Event | None = None


# -- the document's memory ---------------------------------------------------------------


@dataclass
class Salient:
    """An actor reference remembered for coreference."""

    sentence: int
    token: int
    subject: bool
    actors: list[Actor]
    plural: bool
    category: str  # organisation, country, person, group, people, agent
    head_word: str = ""  # lemma of the mention's head noun ("minister"), for "the ministers"


@dataclass
class DocumentContext:
    """What the stages remember across the sentences of one document."""

    text: str
    date: str | None = None
    lead: list[Actor] | None = None
    persons: dict[str, Actor] = field(default_factory=dict)  # surname -> the person named earlier
    places: list[PlaceMention] = field(default_factory=list)  # places named so far, in order
    focus: PlaceMention | None = None  # the dateline's place, when the story has one
    events: list[Event] = field(default_factory=list)  # events coded so far, for "the raid", "the killings", "the charges"
    history: list[Salient] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)

    def main_country(self) -> str | None:
        if not self.countries:
            return None
        (code, count), *rest = self.countries.most_common(2)
        if rest and rest[0][1] == count:
            return None
        return code


# -- sentences and documents -------------------------------------------------------------


@dataclass
class SentenceAnalysis:
    sentence: Sentence
    doc: Doc
    parsed: bool
    screen_reason: str = ""
    referred_to: bool = False  # a later parsed sentence may refer back to this one's actors
    person_referred_to: bool = False  # ... to a person in it ("he", "she", a surname)
    context_only: bool = False  # screened out, but parsed for what later sentences refer to
    mentions: list[Mention] | None = None  # actor dictionary matches, reused across stages
    # trigger matches and misses found before the entity recogniser
    matches: tuple[list[TriggerMatch], list] | None = None
    places: list[PlaceMention] = field(default_factory=list)
    not_actors: list[Mention] = field(default_factory=list)  # actor mentions the place stage read as places
    mention_at: dict[int, Mention] = field(default_factory=dict)  # the actor mentions kept (not places), by token
    resolver: ArgumentResolver | None = None
    candidates: list[Candidate] = field(default_factory=list)
    patterns_missed: list = field(default_factory=list)


@dataclass
class PreparedDocument:
    """A document after the stages that run before the parser."""

    text: str
    date: str | None
    doc_id: str
    analyses: list[SentenceAnalysis]
    to_parse: list[SentenceAnalysis]


@dataclass
class DocumentAnalysis:
    doc_id: str
    text: str
    date: str | None
    sentences: list[SentenceAnalysis]

    @property
    def events(self) -> list[Event]:
        return [c.event for s in self.sentences for c in s.candidates if c.emitted and c.event is not None]
