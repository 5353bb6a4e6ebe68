"""Stage 2, the screen: a sentence is parsed only if a trigger word and an actor candidate
could both be in it and no discard cue rules it out; an earlier sentence is parsed after all
when a later one may refer back to it.

Reads each sentence's tokens (tokenizer output alone: it must know every inflected form a
trigger head can take, from English suffix rules plus the irregular forms file) and writes
its actor mentions (the dictionary matches, reused after the parse), the reason it is not
parsed, and whether a later sentence refers back to it."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from eventcoder.knowledge.files import Knowledge
from eventcoder.pipeline.actors.lexicon import ActorLexicon
from eventcoder.pipeline.discards import DiscardIndex
from eventcoder.pipeline.phrases import doc_words
from eventcoder.pipeline.places import PlaceLexicon
from eventcoder.pipeline.state import SentenceAnalysis
from eventcoder.pipeline.when import CALENDAR_WORDS
from eventcoder.pipeline.words import DEFINITE_DETERMINERS

VOWELS = frozenset("aeiou")


def regular_forms(lemma: str) -> set[str]:
    """Inflections a regular English verb or noun can take (over-generating costs only speed)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        # "agree" -> "agreed"; only after an e ("ban" + d would be "band")
        forms |= {lemma + "d", lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in VOWELS and lemma[-1] not in "wxy" and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if lemma.endswith("ic"):
        forms |= {lemma + "ked", lemma + "king"}
    return forms


class TriggerWords:
    """A sentence passes when, for some pattern, a form of the head and a form of every further
    word occur among its tokens (order and syntax are left to the parse)."""

    def __init__(self, patterns: Iterable[tuple[frozenset[str], ...]], inflections: dict[str, set[str]]) -> None:
        self._forms_cache: dict[str, frozenset[str]] = {}
        self.by_head_form: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for words in patterns:
            rest = tuple(self._all_forms(alternatives, inflections) for alternatives in words[1:])
            for form in self._all_forms(words[0], inflections):
                self.by_head_form.setdefault(form, []).append(rest)

    def _all_forms(self, alternatives: frozenset[str], inflections: dict[str, set[str]]) -> frozenset[str]:
        forms: set[str] = set()
        for word in alternatives:
            if word not in self._forms_cache:
                self._forms_cache[word] = frozenset(regular_forms(word) | inflections.get(word, set()))
            forms |= self._forms_cache[word]
        return frozenset(forms)

    def has_trigger_word(self, doc: Doc) -> bool:
        words = doc_words(doc)
        present = {*words.lowers, *words.singulars}
        for form in present:
            for rest in self.by_head_form.get(form, ()):
                if all(not forms.isdisjoint(present) for forms in rest):
                    return True
        return False


NO_ACTOR = "screened out: no actor candidate"
NO_TRIGGER = "screened out: no word that can head an event pattern"


class SentenceScreen:
    """The screen's rules over a document's tokenised sentences."""

    def __init__(self, knowledge: Knowledge, actors: ActorLexicon, places: PlaceLexicon, discards: DiscardIndex, enabled: bool = True) -> None:
        self.coref = knowledge.coref
        self.actors = actors
        self.places = places
        self.discards = discards
        self.trigger_words = TriggerWords((p.words for p in knowledge.patterns), knowledge.inflections) if enabled else None

    def select(self, analyses: list[SentenceAnalysis]) -> list[SentenceAnalysis]:
        """The sentences to parse, in order, with each sentence's screen fields written.

        A sentence is parsed when it can hold an event (a trigger word and an actor
        candidate). An earlier sentence is parsed as well when a later parsed one may refer
        back to its actors (a pronoun, a description such as "the ministry", a name they
        share): its subjects and persons are what those references resolve to. Any other
        screened-out sentence still counts its countries and places without a parse."""
        reasons = [self.reason(a) for a in analyses]
        refers_back = [self.refers_back(a, analyses[:i]) if not reason else "" for i, (a, reason) in enumerate(zip(analyses, reasons, strict=True))]
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
        return to_parse

    def reason(self, analysis: SentenceAnalysis) -> str:
        """Why this tokenised sentence cannot hold an event, or "" when it may."""
        doc, words = analysis.doc, doc_words(analysis.doc)
        analysis.mentions = self.actors.mentions(doc)
        if self.trigger_words is None:
            return ""
        has_actor = analysis.mentions or any(word in self.coref for word in words.lowers)
        if not has_actor and not self._may_name_unknown_actor(analysis):
            return NO_ACTOR
        if not self.trigger_words.has_trigger_word(doc):
            return NO_TRIGGER
        cue = self.discards.first_cue(analysis.sentence.text)
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
        places = self.places.name_tokens(analysis.doc)
        return any(i not in places for i in names)

    def refers_back(self, analysis: SentenceAnalysis, earlier: list[SentenceAnalysis]) -> str:
        """"person" when the sentence may point back to a person named earlier (a personal
        pronoun, a name it shares with an earlier sentence), "actor" when to another actor,
        "" when it cannot."""
        if not earlier:
            return ""
        doc, words = analysis.doc, doc_words(analysis.doc)
        mentions = analysis.mentions or []
        named = {i for m in mentions if m.named or m.people for i in range(m.start, m.end)}
        # a shared place name ("in Almaty" twice) is no reference to a person
        places = self.places.name_tokens(doc)
        own_names = {
            text for i, (text, lower) in enumerate(zip(words.texts, words.lowers, strict=True))
            if text[:1].isupper() and i not in named and i not in places and lower not in CALENDAR_WORDS and lower not in STOP_WORDS
        }
        # 'the accusation' is answered from the story's coded events, not from earlier actors
        coref = [self.coref[word][0] for word in words.lowers if word in self.coref and self.coref[word][0] != "claim"]
        if "person" in coref or any(not own_names.isdisjoint(doc_words(a.doc).texts) for a in earlier):
            return "person"
        if coref or any(m.agent and _definite_before(doc, m.start, named) for m in mentions):
            return "actor"  # "the ministry" points back unless a name says whose ("the Iranian ministry")
        return ""


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
