"""The screen: a sentence is parsed only if a trigger word and an actor candidate could both
be in it. It works on tokenizer output alone, so it must know every inflected form a trigger
head can take; those come from English suffix rules plus the irregular forms file."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from eventcoder.phrases import normalise, singular

VOWELS = frozenset("aeiou")


def regular_forms(lemma: str) -> set[str]:
    """Inflections a regular English verb or noun can take (over-generating is harmless)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in VOWELS and lemma[-1] not in "wxy" and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if lemma.endswith("ic"):
        forms |= {lemma + "ked", lemma + "king"}
    return forms


class Screen:
    def __init__(self, heads: Iterable[str], inflections: dict[str, set[str]]) -> None:
        self.forms: set[str] = set()
        for head in heads:
            self.forms |= regular_forms(head)
            self.forms |= inflections.get(head, set())

    def has_trigger_word(self, doc: Doc) -> bool:
        for token in doc:
            low = normalise(token.text)
            if low in self.forms or singular(low) in self.forms:
                return True
        return False
