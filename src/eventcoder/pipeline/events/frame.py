"""What the event rules read about one sentence, and the settings users choose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from eventcoder.knowledge.files import DiscardCue
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.actors.resolve import ArgumentResolver
from eventcoder.pipeline.state import Candidate, DocumentContext, SentenceAnalysis


@dataclass
class EventSettings:
    keep_negated: bool = True
    keep_unknown_actors: bool = True
    disabled_rules: frozenset[str] = frozenset()  # names of event rules not to apply (events/rules.py)


@dataclass
class EventSentence:
    """One sentence as the event rules see it: its analysis (parse, places, actors), the
    document's memory, every candidate of the sentence by the index of its head token, and
    the knowledge the rules consult."""

    analysis: SentenceAnalysis
    context: DocumentContext
    candidates: dict[int, Candidate]
    resolver: ArgumentResolver
    ontology: Ontology
    modality: dict[str, str]
    settings: EventSettings
    discard_cue: DiscardCue | None = None
    intents: dict[str, str] = field(default_factory=dict)
    observer: Callable[[str, Candidate], None] | None = None  # told of every rule that fires (lexicon yield)

    def family(self, candidate: Candidate, family: str) -> bool:
        """Is the candidate's pattern code in the named CAMEO family (ontology/families.tsv)?"""
        return self.ontology.in_family(candidate.match.pattern.cameo, family)
