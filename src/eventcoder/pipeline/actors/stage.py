"""The actor stage for one sentence: its dictionary mentions less those the place stage read
as places, indexed by token, and the resolver that turns arguments into actors."""

from __future__ import annotations

from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.actors.lexicon import ActorLexicon
from eventcoder.pipeline.actors.resolve import ArgumentResolver
from eventcoder.pipeline.state import DocumentContext, Mention, SentenceAnalysis


def kept_mentions(analysis: SentenceAnalysis) -> list[Mention]:
    """Write `mention_at` from the sentence's mentions that are actors (not places) and return them."""
    kept = [m for m in analysis.mentions or [] if not any(m is other for other in analysis.not_actors)]
    analysis.mention_at = {i: m for m in kept for i in range(m.start, m.end)}
    return kept


def read_actors(analysis: SentenceAnalysis, context: DocumentContext, lexicon: ActorLexicon, ontology: Ontology) -> ArgumentResolver:
    """Write the sentence's actor mentions by token and its resolver (`analysis.resolver`)."""
    kept = kept_mentions(analysis)
    analysis.resolver = ArgumentResolver(lexicon, ontology, analysis.doc, analysis.sentence.start, analysis.sentence.index,
                                         context, kept, analysis.places, analysis.mention_at)
    return analysis.resolver
