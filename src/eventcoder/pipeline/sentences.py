"""Stage 1a: split a document into sentences with character offsets, without the parser,
so that sentences that cannot hold an event can be screened out before parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets), before
# whitespace and a capital, digit or opening quote; or at a line break.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n\s*""")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Gov|Sen|Rep|Rev|St|Jr|Sr|No|Nos|Vol|Fig|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx|est)\.|\b[A-Z]\.|\b(?:[A-Z]\.){2,})$"
)


# "ISLAMABAD, Sept 21 (Reuters) -", "NEW YORK, Oct 31 —", "KABUL —"
_DATELINE = re.compile(
    r"^\s*[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{1,40}[A-ZÀ-Þ.](?:\s*,\s*[A-Z][A-Za-z.'’ -]{1,30}?)?(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+"
)


def dateline_end(text: str) -> int:
    """Offset where a leading dateline ends (0 when the text has none)."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with offsets such that text[start:end] == sentence.text."""
    pieces: list[tuple[int, int]] = []
    start = dateline_end(text)
    if start:
        pieces.append((0, start))
    for match in _BOUNDARY.finditer(text):
        candidate_end = match.start()
        before = text[start:candidate_end].rstrip()
        if "\n" not in match.group(0) and _ABBREVIATION.search(before):
            continue
        pieces.append((start, candidate_end))
        start = match.end()
    pieces.append((start, len(text)))
    sentences = []
    for piece_start, piece_end in pieces:
        chunk = text[piece_start:piece_end]
        stripped = chunk.strip()
        if not stripped:
            continue
        offset = piece_start + (len(chunk) - len(chunk.lstrip()))
        sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped))
    return sentences
