"""The Coder: loads its resources once, then runs the pipeline's stages on each document in
order (eventcoder.pipeline; README "How it works"):

    sentences -> screen -> parse -> places -> actors -> triggers -> when -> event decisions -> where -> records
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from eventcoder import __version__
from eventcoder.errors import InputRecordError
from eventcoder.knowledge.files import Knowledge
from eventcoder.knowledge.gazetteer import Gazetteer
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.actors import memory
from eventcoder.pipeline.actors.lexicon import ActorLexicon
from eventcoder.pipeline.actors.stage import kept_mentions, read_actors
from eventcoder.pipeline.events.build import EventSettings, EventStage
from eventcoder.pipeline.events.rules import check_rule_names
from eventcoder.pipeline.parse.parser import DEFAULT_MODEL, Parser
from eventcoder.pipeline.places import PlaceLexicon, find_places, read_dateline
from eventcoder.pipeline.screen import SentenceScreen
from eventcoder.pipeline.sentences import split_sentences
from eventcoder.pipeline.state import DocumentAnalysis, DocumentContext, PreparedDocument, SentenceAnalysis
from eventcoder.pipeline.triggers import TriggerLexicon
from eventcoder.schema import Actor, Event

__all__ = ["Coder", "DocumentAnalysis", "EventSettings", "check_date"]


class Coder:
    """Codes news text into events. Create one and reuse it: loading takes a few seconds."""

    def __init__(
        self,
        dictionaries: Iterable[str | Path] = (),
        model: str = DEFAULT_MODEL,
        settings: EventSettings | None = None,
        screen: bool = True,
    ) -> None:
        self.settings = settings or EventSettings()
        check_rule_names(self.settings.disabled_rules)
        self.ontology = Ontology.load()
        self.knowledge = Knowledge.load(self.ontology, [Path(d) for d in dictionaries])
        self.knowledge_hash = self.knowledge.fingerprint()
        self.parser = Parser(model)
        self.actor_lexicon = ActorLexicon(self.knowledge, self.parser.nlp.tokenizer)
        self.gazetteer = Gazetteer.load()
        self.place_lexicon = PlaceLexicon(self.gazetteer)
        self.triggers = TriggerLexicon(self.knowledge.patterns)
        knowledge = self.knowledge
        self.events = EventStage(self.ontology, knowledge.modality, knowledge.discards, self.settings, knowledge.intents, self.gazetteer)
        self.screen = SentenceScreen(knowledge, self.actor_lexicon, self.place_lexicon, self.events.discards, enabled=screen)
        # The model, the gazetteer and the dictionaries are millions of long-lived objects that
        # every full garbage collection would walk again (a sixth of the coding time). They
        # live as long as the Coder, so they are moved out of the collector's sight; objects
        # freed by reference counting are still freed.
        gc.collect()
        gc.freeze()

    @property
    def nlp(self):
        """The spaCy pipeline the coder parses with."""
        return self.parser.nlp

    def code(self, text: str, date: str | None = None, doc_id: str | None = None) -> list[Event]:
        """Events of one document, in text order."""
        return self.analyse(text, date=date, doc_id=doc_id).events

    def analyse(self, text: str, date: str | None = None, doc_id: str | None = None) -> DocumentAnalysis:
        """Every stage's output for one document, for `explain` and for `code`."""
        prepared = self._prepare(text, date, doc_id)
        self._parse(prepared.to_parse)
        return self._finish(prepared)

    def analyse_doc(self, doc: Doc, date: str | None = None, doc_id: str | None = None) -> DocumentAnalysis:
        """Every stage's output for a document another English spaCy pipeline has parsed (it
        needs a tagger, a lemmatizer and a parser; entities are used where it has them): the
        stages after the parse run on its sentences, our own sentence split over its tokens."""
        missing = [name for name, attribute in (("tagger", "TAG"), ("lemmatizer", "LEMMA"), ("parser", "DEP")) if not doc.has_annotation(attribute)]
        if missing:
            raise ValueError(f"eventcoder needs a parsed document: the pipeline has no {', '.join(missing)} (or it did not run)")
        text = doc.text
        date = check_date(date, doc_id or "document")
        doc_id = doc_id or "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        analyses = []
        for sentence in split_sentences(text):
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            analyses.append(SentenceAnalysis(sentence, span.as_doc(), parsed=True, referred_to=True))
        return self._finish(PreparedDocument(text, date, doc_id, analyses, []))

    def code_many(self, records: Iterable[tuple[str, str | None, str | None]], batch_size: int = 256) -> Iterator[list[Event] | Exception]:
        """Events of many (text, date, doc_id) documents, in order, parsing their sentences in
        shared batches (much faster than one `code` call per document). A document that
        cannot be coded yields its exception in its place; the others still go through."""
        for item in self.analyse_many(records, batch_size):
            yield item if isinstance(item, Exception) else item.events

    def analyse_many(self, records: Iterable[tuple[str, str | None, str | None]], batch_size: int = 256) -> Iterator[DocumentAnalysis | Exception]:
        """`analyse` for many documents, with the parse batched across them."""
        pending: list[PreparedDocument | Exception] = []
        sentences = 0
        for text, date, doc_id in records:
            try:
                prepared = self._prepare(text, date, doc_id)
            except InputRecordError as exc:
                pending.append(exc)
                continue
            pending.append(prepared)
            sentences += len(prepared.to_parse)
            if sentences >= batch_size * 4:
                yield from self._flush(pending, batch_size)
                pending, sentences = [], 0
        yield from self._flush(pending, batch_size)

    def _flush(self, pending: list, batch_size: int) -> Iterator[DocumentAnalysis | Exception]:
        # A batch allocates hundreds of thousands of short-lived objects, freed by reference
        # counting; the cyclic collector would stop to scan them again and again (a twentieth
        # of the coding time). It is paused for the batch and resumes after it.
        paused = gc.isenabled()
        gc.disable()
        try:
            self._parse([a for p in pending if isinstance(p, PreparedDocument) for a in p.to_parse], batch_size)
            results = [item if isinstance(item, Exception) else self._finish_safely(item) for item in pending]
        finally:
            if paused:
                gc.enable()
        yield from results

    def _finish_safely(self, item: PreparedDocument) -> DocumentAnalysis | Exception:
        try:
            return self._finish(item)
        except Exception as exc:  # one document's failure must not take the batch with it
            return InputRecordError(item.doc_id, f"coding failed: {type(exc).__name__}: {exc}")

    # -- the stages ---------------------------------------------------------------------

    def _prepare(self, text: str, date: str | None, doc_id: str | None) -> PreparedDocument:
        """Sentences, tokens and the screen: everything before the parser."""
        if not isinstance(text, str):
            raise InputRecordError(doc_id or "document", "text must be a string")
        date = check_date(date, doc_id or "document")
        doc_id = doc_id or "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        sentences = split_sentences(text)
        analyses = [SentenceAnalysis(s, self.parser.tokenize(s.text), parsed=False) for s in sentences]
        return PreparedDocument(text, date, doc_id, analyses, self.screen.select(analyses))

    def _parse(self, work: list[SentenceAnalysis], batch_size: int = 256) -> None:
        self.parser.parse(work, self.triggers, self.actor_lexicon, self.place_lexicon, batch_size)

    def _finish(self, prepared: PreparedDocument) -> DocumentAnalysis:
        """The stages after the parser, sentence by sentence, with the document's context."""
        text, date, doc_id, analyses = prepared.text, prepared.date, prepared.doc_id, prepared.analyses
        context = DocumentContext(text, date)
        read_dateline(text, analyses, context, self.place_lexicon)
        for analysis in analyses:
            if analysis.parsed:
                self._code_sentence(analysis, context, doc_id, date)
            else:
                self._remember_unparsed(analysis, context)
        return DocumentAnalysis(doc_id, text, date, analyses)

    def _code_sentence(self, analysis: SentenceAnalysis, context: DocumentContext, doc_id: str, date: str | None) -> None:
        if analysis.mentions is None:  # the entity recogniser changed how the sentence reads
            analysis.mentions = self.actor_lexicon.mentions(analysis.doc)
        find_places(analysis, context, self.place_lexicon)
        resolver = read_actors(analysis, context, self.actor_lexicon, self.ontology)
        matches, misses = analysis.matches if analysis.matches is not None else self.triggers.match(analysis.doc)
        analysis.patterns_missed = misses
        if not matches and not analysis.referred_to:
            # nothing to code, and no later sentence points back: only its countries count
            memory.remember_countries(context, analysis.places, resolver.mentions, analysis.mention_at)
            return
        memory.remember(resolver)
        analysis.candidates = self.events.build(analysis, matches, context, doc_id, date)
        for candidate in analysis.candidates:
            if candidate.event is not None:
                candidate.event.coder_version = __version__
                candidate.event.knowledge_hash = self.knowledge_hash

    def _remember_unparsed(self, analysis: SentenceAnalysis, context: DocumentContext) -> None:
        """A screened-out sentence still counts for the document's context: its countries and
        places (read as in a parsed sentence), and its named actors for later references."""
        if analysis.mentions is None:
            analysis.mentions = self.actor_lexicon.mentions(analysis.doc)
        if not any(m.named for m in analysis.mentions) and not self.place_lexicon.name_tokens(analysis.doc):
            return  # names no country, no place and no named actor
        find_places(analysis, context, self.place_lexicon)
        memory.remember_unparsed(analysis, kept_mentions(analysis), context)

    def actor_mentions(self, text: str, date: str | None = None) -> list[Actor]:
        """Every actor mention in a text, resolved in context, with the reason for its code."""
        from eventcoder.pipeline.actors.listing import list_mentions

        return list_mentions(self, text, check_date(date, "text"))


def check_date(date: str | None, where: str) -> str | None:
    if date is None or date == "":
        return None
    try:
        return dt.date.fromisoformat(str(date)[:10]).isoformat()
    except ValueError:
        raise InputRecordError(where, f"date {date!r} is not an ISO date (YYYY-MM-DD)") from None
