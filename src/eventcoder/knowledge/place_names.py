"""Place-name keys: how a written place name is folded into the key the gazetteer matches on,
and the ordinary English words that are not indexed as names of towns and subdivisions."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Ordinary English words that are also names of subdivisions or towns somewhere; such a name
# is not indexed for subdivisions and cities (countries always are).
_COMMON_WORDS = """
    central centre center north south east west northern southern eastern western capital coast island islands
    lakes upper lower middle mid nord sud est ouest of police bar mobile orange reading bath nice split march best
    most man hope union victoria independence liberty unity progress deal door date say van sale mine sur port
    santa san ban bay mountain plateau river lake delta border interior littoral coastal highlands lowlands
    midlands greater new federal national district federation province state city town ville are can will may
    long young green gold silver paradise enterprise commerce industry justice freedom concord harmony friendship
    victory peace mission marine pleasant of as at in on is it an or to be by no so we he me us if do go
"""
COMMON_WORDS = frozenset(_COMMON_WORDS.split())

_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t"})
_APOSTROPHES = "'’‘`´ʼʻʹ′ʿʾ\u02bc"
_DASHES = "-‐‑‒–—―−."


@lru_cache(maxsize=1 << 17)  # called on every token of every sentence; the vocabulary repeats
def normalize(text: str) -> str:
    """The matching key of a place name: 'Muzaffarābād' -> 'muzaffarabad', "Hala’ib" -> 'halaib'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_FOLD)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    for ch in _DASHES:
        text = text.replace(ch, " ")
    text = " ".join(text.replace("&", " and ").split())
    if text.startswith("the "):
        text = text[4:]
    return text
