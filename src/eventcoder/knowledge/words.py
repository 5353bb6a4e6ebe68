"""The word lists the pipeline's rules read (data/words/word_lists.tsv), validated on load."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from eventcoder.errors import DataFileError
from eventcoder.knowledge.tsv import read_rows

WORDS_FILE = Path(__file__).resolve().parent / "data" / "words" / "word_lists.tsv"
COLUMNS = ("list", "words", "note")
_NAME = re.compile(r"^[a-z][a-z-]*$")


def load_word_lists(path: Path = WORDS_FILE) -> dict[str, frozenset[str]]:
    """List name -> its words; a malformed row or a list given twice names file and line."""
    lists: dict[str, frozenset[str]] = {}
    for line, row in read_rows(path, COLUMNS, required=("list", "words", "note")):
        name = row["list"]
        if not _NAME.match(name):
            raise DataFileError(path, line, f"list name {name!r} must be lower-case letters and hyphens")
        if name in lists:
            raise DataFileError(path, line, f"list {name} is given twice")
        words = row["words"].split()
        if len(set(words)) != len(words):
            raise DataFileError(path, line, f"list {name} repeats a word")
        lists[name] = frozenset(words)
    return lists


@cache
def word_list(name: str) -> frozenset[str]:
    """One built-in list by name (read once per process)."""
    lists = _builtin()
    if name not in lists:
        raise KeyError(f"no word list {name!r} in {WORDS_FILE}")
    return lists[name]


@cache
def _builtin() -> dict[str, frozenset[str]]:
    return load_word_lists()
