"""The screen: a sentence is parsed only if a trigger word and an actor candidate could both
be in it. It works on tokenizer output alone, so it must know every inflected form a trigger
head can take; those come from English suffix rules plus the irregular forms file."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from eventcoder.pipeline.phrases import doc_words

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


class Screen:
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
