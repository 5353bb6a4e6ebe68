"""Discard contexts (data/discards/): words that show a sentence is about sport, business,
weather, figures of speech or history, not a political event. The screen skips such a
sentence before the parse; the event stage gives its triggers the discard verdict."""

from __future__ import annotations

import re
from collections import defaultdict

from eventcoder.knowledge.files import DiscardCue

_WORD_RUN = re.compile(r"[\w-]+")


class DiscardIndex:
    """The discard cues, indexed so that a sentence tries only the cues it could hold."""

    def __init__(self, cues: list[DiscardCue]) -> None:
        # A cue matches only as whole words, so it can only occur where the sentence has a run
        # of word characters equal to the cue's first run: cues are indexed by that run and only
        # those of the sentence's runs are tried (hundreds of regular expressions per sentence
        # otherwise cost more than the rest of the event stage).
        self._by_first_run: dict[str, list[tuple[int, DiscardCue, re.Pattern]]] = defaultdict(list)
        self._always: list[tuple[int, DiscardCue, re.Pattern]] = []
        for order, cue in enumerate(cues):
            pattern = re.compile(r"(?<![\w-])" + re.escape(cue.cue) + r"(?![\w-])", re.IGNORECASE)
            first = _WORD_RUN.match(cue.cue)
            if first is None or not cue.cue.isascii():
                self._always.append((order, cue, pattern))
            else:
                self._by_first_run[first.group().lower()].append((order, cue, pattern))

    def first_cue(self, sentence: str) -> DiscardCue | None:
        """The first cue of the discard list that occurs in the sentence, if any."""
        tried = list(self._always)
        for run in set(_WORD_RUN.findall(sentence.lower())):
            tried.extend(self._by_first_run.get(run, ()))
        for _, cue, pattern in sorted(tried, key=lambda item: item[0]):
            if pattern.search(sentence):
                return cue
        return None
