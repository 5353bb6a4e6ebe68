"""A faster stand-in for the matcher inside spaCy's attribute ruler.

The English models' attribute ruler maps tags to parts of speech with about 180 token patterns,
and spaCy's generic Matcher tries every pattern at every token: on short news sentences that
costs more than the tagger and the lemmatizer together, and close to the parser itself. Almost
all of those patterns test one token for equality of its tag or its lower-case text, so an
index on those two attributes finds the same matches while looking at a handful of patterns
per token. The ruler keeps its own attributes and its own way of applying them; only the
matcher it calls is replaced, and only when every pattern is of a kind this module reads
(fixed-length token patterns over TAG, LOWER, DEP, IS_SPACE with equality, IN, NOT_IN or
REGEX). Otherwise the model's own matcher stays in place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

# a token is read once into a row of these attributes (as numbers: string hashes, 0/1 for
# IS_SPACE, straight from the doc's arrays); patterns test the row
_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ATTRIBUTE_IDS = [TAG, LOWER, DEP, IS_SPACE]
_COLUMN = {attribute: column for column, attribute in enumerate(_ATTRIBUTES)}

Row = list[int]
RowTest = Callable[[Row], bool]


class UnsupportedPattern(ValueError):
    """A pattern this index cannot read; the model's matcher is then kept."""


def _key(strings: StringStore, attribute: str, value: object) -> int:
    """How a pattern value appears in a row."""
    if attribute == "IS_SPACE":
        if not isinstance(value, bool):
            raise UnsupportedPattern(f"{attribute}: {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise UnsupportedPattern(f"{attribute}: {value!r}")
    return strings.add(value) if value else 0


def _value_test(strings: StringStore, attribute: str, value: object) -> RowTest:
    column = _COLUMN[attribute]
    if isinstance(value, dict):
        if len(value) != 1:
            raise UnsupportedPattern(f"{attribute}: {value!r}")
        (operator, operand), = value.items()
        if operator == "IN":
            allowed = frozenset(_key(strings, attribute, v) for v in operand)
            return lambda row: row[column] in allowed
        if operator == "NOT_IN":
            refused = frozenset(_key(strings, attribute, v) for v in operand)
            return lambda row: row[column] not in refused
        if operator == "REGEX" and attribute != "IS_SPACE":
            search = re.compile(operand).search
            return lambda row: bool(search(strings[row[column]] if row[column] else ""))
        raise UnsupportedPattern(f"{attribute}: {value!r}")
    key = _key(strings, attribute, value)
    return lambda row: row[column] == key


def _token_test(strings: StringStore, spec: dict) -> RowTest:
    unknown = set(spec) - set(_ATTRIBUTES)
    if unknown or not spec:
        raise UnsupportedPattern(f"token pattern {spec!r}")
    tests = [_value_test(strings, attribute, value) for attribute, value in spec.items()]
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda row: first(row) and second(row)
    return lambda row: all(test(row) for test in tests)


def _index_keys(strings: StringStore, spec: dict) -> tuple[int, tuple[int, ...]] | None:
    """The column and values a first token must have for the pattern to start there."""
    for attribute in ("TAG", "LOWER", "DEP", "IS_SPACE"):
        value = spec.get(attribute)
        if isinstance(value, (str, bool)):
            return _COLUMN[attribute], (_key(strings, attribute, value),)
    for attribute in ("TAG", "LOWER", "DEP"):
        value = spec.get(attribute)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return _COLUMN[attribute], tuple(_key(strings, attribute, v) for v in value["IN"])
    return None


class IndexedTokenMatcher:
    """Returns what `Matcher(doc, allow_missing=True, as_spans=False)` returns for the same
    fixed-length patterns: every (match_id, start, end) where all the pattern's tokens match."""

    def __init__(self, vocab, keyed_patterns: list[tuple[str, list[list[dict]]]], fallback) -> None:
        self.fallback = fallback  # the original matcher: for get() and len()
        self.indexes: list[dict[int, list]] = [defaultdict(list) for _ in _ATTRIBUTES]
        self.everywhere: list = []
        for key, patterns in keyed_patterns:
            match_id = vocab.strings.add(key)
            for pattern in patterns:
                if not pattern or any("OP" in spec for spec in pattern):
                    raise UnsupportedPattern(f"pattern {key}: {pattern!r}")
                first, *rest = [_token_test(vocab.strings, spec) for spec in pattern]
                entry = (match_id, len(pattern), first, rest)
                index = _index_keys(vocab.strings, pattern[0])
                if index is None:
                    self.everywhere.append(entry)
                else:
                    column, values = index
                    for value in values:
                        self.indexes[column][value].append(entry)
        self.indexes = [dict(index) for index in self.indexes]

    def __len__(self) -> int:
        return len(self.fallback)

    def get(self, key, default=None):
        return self.fallback.get(key, default)

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False) -> list[tuple[int, int, int]]:
        if as_spans:
            raise NotImplementedError("the attribute ruler asks for (match_id, start, end) tuples")
        rows: list[Row] = doc.to_array(_ATTRIBUTE_IDS).tolist() if len(doc) else []
        n = len(rows)
        found: list[tuple[int, int, int]] = []
        indexes = self.indexes
        for start, row in enumerate(rows):
            candidates = [entry for column, index in enumerate(indexes) for entry in index.get(row[column], ())]
            for match_id, length, first, rest in candidates + self.everywhere:
                if start + length > n or not first(row):
                    continue
                if all(test(rows[start + k]) for k, test in enumerate(rest, 1)):
                    found.append((match_id, start, start + length))
        return found


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler the indexed matcher; False (and no change) when the
    ruler is absent or one of its patterns is of a kind the index does not read."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    matcher = ruler.matcher
    keyed = []
    for number in range(len(ruler.attrs)):
        got = matcher.get(str(number))
        if got is None:
            return False
        keyed.append((str(number), got[1]))
    try:
        ruler.matcher = IndexedTokenMatcher(nlp.vocab, keyed, matcher)
    except UnsupportedPattern:
        return False
    return True
