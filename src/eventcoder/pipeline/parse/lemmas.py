"""Lemmas with a cache over whole documents.

spaCy's rule lemmatizer visits every token in Python and recomputes a lemma it has seen many
times before (its own cache misses every base form). A lemma is a function of the token's
text, coarse part of speech and morphology, so one table keyed on those three gives the same
lemma; the model's lemmatizer is asked only the first time a key is seen. A document's lemmas
are then written in one array operation. Tokens that already have a lemma (the attribute
ruler sets some: "was" -> "be") keep it, as with the model's lemmatizer.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.tokens import Doc


class CachedLemmatizer:
    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.table: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:
                key = (orth, pos, morph)
                lemma = self.table.get(key, 0)
                if lemma == 0:
                    lemma = self.table[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc
