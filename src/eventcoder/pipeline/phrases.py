"""Fast phrase matching over tokens: the dictionaries lead, not the parser's entities."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Generic, TypeVar

from spacy.attrs import LEMMA, ORTH, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

Payload = TypeVar("Payload")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


# Both run on every token several times; a news vocabulary repeats, so they are cached.
@lru_cache(maxsize=1 << 17)
def normalise(word: str) -> str:
    """Lower case, uniform apostrophes and dashes; diacritics kept (Türkiye is its own form)."""
    return unicodedata.normalize("NFC", word).translate(_APOSTROPHES).lower()


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 and not any(c.islower() for c in letters)


@lru_cache(maxsize=1 << 17)
def singular(word: str) -> str:
    """A naive singular, enough to let one dictionary row cover a plural the lemmatizer missed."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass
class DocWords:
    """A doc's token strings, read once: spaCy builds a new Token object on every access, and
    the screen, the dictionaries and the trigger patterns each read every token."""

    texts: list[str]
    lowers: list[str]  # normalised
    singulars: list[str]
    lemmas: list[str]  # normalised lemmas; the lower-case forms when the doc is not tagged
    pos: list[str]  # coarse parts of speech; empty strings when the doc is not tagged

    @cached_property
    def phrase_forms(self) -> list[tuple[str, tuple[str, str, str]]]:
        """(text, (lower, lemma, singular)) per token: what PhraseTable.match reads."""
        return [(text, (lower, lemma, single)) for text, lower, lemma, single in zip(self.texts, self.lowers, self.lemmas, self.singulars, strict=True)]


def doc_words(doc: Doc) -> DocWords:
    cached = doc.user_data.get(_DOC_WORDS_KEY)
    if cached is None:
        strings = doc.vocab.strings
        # read as arrays of hashes: far cheaper than building a Token object for every word
        if not len(doc):
            texts, lemma_texts, pos = [], [], []
        elif doc.has_annotation("LEMMA"):
            rows = doc.to_array([ORTH, LEMMA, POS]).tolist()
            texts = [strings[orth] for orth, _, _ in rows]
            lemma_texts = [strings[lemma] if lemma else "" for _, lemma, _ in rows]
            pos = [POS_NAMES.get(tag, "") for _, _, tag in rows]
        else:
            tagged = doc.has_annotation("POS")
            rows = doc.to_array([ORTH, POS]).tolist()
            texts = [strings[orth] for orth, _ in rows]
            lemma_texts = []
            pos = [POS_NAMES.get(tag, "") if tagged else "" for _, tag in rows]
        lowers = [normalise(t) for t in texts]
        lemmas = [normalise(lemma) or lower for lemma, lower in zip(lemma_texts, lowers, strict=True)] if lemma_texts else lowers
        cached = DocWords(texts, lowers, [singular(w) for w in lowers], lemmas, pos)
        doc.user_data[_DOC_WORDS_KEY] = cached
    return cached


def forget_words(doc: Doc) -> None:
    """Drop what was read from the doc and remembered on it (its words, its place names), when
    the doc is about to be annotated further (tagged and parsed, or given entities)."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
        del doc.user_data[key]


CACHE_PREFIX = "eventcoder."


_DOC_WORDS_KEY = CACHE_PREFIX + "doc_words"


@dataclass(frozen=True)
class PhraseMatch(Generic[Payload]):
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    payloads: tuple[Payload, ...]


class PhraseTable(Generic[Payload]):
    """Maps token sequences to payloads; longest match wins, left to right."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, ...], list[Payload]] = {}
        self._exact_trie: dict = {}  # exact words -> nested dicts; payloads under the key None
        self._trie: dict = {}  # folded words -> nested dicts; payloads under the key None
        self._folded_count = 0
        self.max_len = 0
        self.first_words: set[str] = set()
        self.folded_words: set[str] = set()  # every word of the case-folded phrases

    def add(self, words: Sequence[str], payload: Payload, case_sensitive: bool) -> None:
        if not words:
            return
        if case_sensitive:
            key = tuple(words)
            self._exact.setdefault(key, []).append(payload)
            node = self._exact_trie
            for word in key:
                node = node.setdefault(word, {})
            node.setdefault(None, []).append(payload)
        else:
            key = tuple(normalise(w) for w in words)
            self.folded_words.update(key)
            node = self._trie
            for word in key:
                node = node.setdefault(word, {})
            if None not in node:
                self._folded_count += 1
            node.setdefault(None, []).append(payload)
        self.first_words.add(normalise(words[0]))
        self.max_len = max(self.max_len, len(key))

    def __len__(self) -> int:
        return len(self._exact) + self._folded_count

    def match(self, forms: Sequence[tuple[str, Iterable[str]]], allowed: Callable[[int], bool] = lambda i: True) -> list[PhraseMatch[Payload]]:
        """`forms[i]` is (exact text, folded forms) of token i. Returns non-overlapping matches."""
        matches: list[PhraseMatch[Payload]] = []
        i = 0
        n = len(forms)
        exact_root, folded_starts = self._exact_trie, self._trie.keys()
        while i < n:
            best: tuple[int, list[Payload]] | None = None
            text, folded_forms = forms[i]
            # most tokens start no phrase: one look at the roots rules them out
            starts = text in exact_root or not folded_starts.isdisjoint(folded_forms)
            if starts and allowed(i):
                best = self._longest_exact(forms, i)
                folded = self._longest_folded(forms, i, self._trie, 0)
                if folded and (best is None or folded[0] > best[0]):
                    best = folded
            if best:
                matches.append(PhraseMatch(i, i + best[0], tuple(best[1])))
                i += best[0]
            else:
                i += 1
        return matches

    def _longest_exact(self, forms, i: int) -> tuple[int, list[Payload]] | None:
        node = self._exact_trie
        best = None
        for depth in range(i, len(forms)):
            node = node.get(forms[depth][0])
            if node is None:
                break
            if None in node:
                best = (depth - i + 1, node[None])
        return best

    def _longest_folded(self, forms, i: int, node: dict, depth: int) -> tuple[int, list[Payload]] | None:
        best = (depth, node[None]) if depth and None in node else None
        if i >= len(forms):
            return best
        for form in dict.fromkeys(forms[i][1]):
            child = node.get(form)
            if child is not None:
                deeper = self._longest_folded(forms, i + 1, child, depth + 1)
                if deeper and (best is None or deeper[0] > best[0]):
                    best = deeper
        return best
