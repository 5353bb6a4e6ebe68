"""Stage 8, event decisions, and the event records.

Reads a sentence's trigger matches, its actors (through the resolver), its places and dates
and the document's memory; writes each trigger's candidate (its source, target, flags and the
verdict of the rule that decided it) and, for those that pass every rule, the event record
with its place (the where stage) and its date. Emitted events are added to the document's
record, which later sentences' references read."""

from __future__ import annotations

from eventcoder.knowledge.files import DiscardCue
from eventcoder.knowledge.gazetteer import Gazetteer
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.discards import DiscardIndex
from eventcoder.pipeline.events.frame import EventSentence, EventSettings
from eventcoder.pipeline.events.record import build_event
from eventcoder.pipeline.events.rules import weigh
from eventcoder.pipeline.state import Candidate, DocumentContext, SentenceAnalysis, TriggerMatch
from eventcoder.pipeline.syntax import depth
from eventcoder.pipeline.when import find_dates, tie_dates
from eventcoder.pipeline.where import choose_location

__all__ = ["EventSettings", "EventStage"]


class EventStage:
    """The event stage, built once per Coder with the knowledge it consults."""

    def __init__(self, ontology: Ontology, modality: dict[str, str], discards: list[DiscardCue], settings: EventSettings,
                 intents: dict[str, str], gazetteer: Gazetteer) -> None:
        self.ontology = ontology
        self.modality = modality
        self.discards = DiscardIndex(discards)
        self.settings = settings
        self.intents = intents
        self.gazetteer = gazetteer
        self.observer = None  # a callable told of every rule that fires (eventcoder lexicon yield), or None

    def build(self, analysis: SentenceAnalysis, matches: list[TriggerMatch], context: DocumentContext, doc_id: str,
              publication_date: str | None) -> list[Candidate]:
        candidates = {m.head.i: Candidate(m) for m in matches}
        cue = self.discards.first_cue(analysis.sentence.text) if candidates else None
        sentence = EventSentence(analysis, context, candidates, analysis.resolver, self.ontology, self.modality, self.settings, cue,
                                 self.intents, self.observer)
        dates = find_dates(analysis.doc, publication_date, analysis.sentence.text) if candidates else []
        # Inner events first: an outer event whose argument is an event takes that event's agent.
        order = sorted(candidates.values(), key=lambda c: -depth(c.match.head))
        tie_dates(order, dates)
        for candidate in order:
            weigh(candidate, sentence, "decide")
        for candidate in sorted(order, key=lambda c: c.match.head.i):
            if not candidate.verdict:
                self._emit(candidate, sentence, [c.match for c in order if c is not candidate], doc_id, publication_date)
        for candidate in candidates.values():
            if candidate.emitted and candidate.parent is not None and candidate.parent.event is not None:
                candidate.event.parent_event_id = candidate.parent.event.event_id
        return sorted(candidates.values(), key=lambda c: c.match.head.i)

    def _emit(self, candidate: Candidate, sentence: EventSentence, others: list[TriggerMatch], doc_id: str, publication_date: str | None) -> None:
        candidate.location = choose_location(candidate, sentence.analysis, sentence.context, others, self.gazetteer, self.ontology)
        weigh(candidate, sentence, "place")
        if candidate.verdict:
            return
        candidate.event = build_event(candidate, sentence, doc_id, publication_date)
        candidate.event.location = candidate.location
        sentence.context.events.append(candidate.event)
        candidate.emitted = True
        candidate.verdict = "emitted"
