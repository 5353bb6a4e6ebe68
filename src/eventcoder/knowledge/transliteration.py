"""Spelling variants of place names transliterated from Arabic script, for the gazetteer build.

News writes one Arabic place name many ways: the article as "al-", "al ", "el-" or assimilated
to the next consonant ("ad-Dana", "ash-Shughur", "ez-Zor"), glued to the word ("Ezzor"), or
dropped ("Raqqa" for "Ar Raqqah"); the final ta marbuta as "-ah" or "-a"; doubled consonants
written once ("Maarat" for "Ma'arrat").  :func:`arabic_variants` generates these forms
systematically from a normalised name (see ``gazetteer.normalize``: lower case, apostrophes
dropped, hyphens as spaces), so the index matches them without a hand-written list.
"""

from __future__ import annotations

import re
from itertools import product

# Forms of the Arabic definite article in Latin transliteration (normalised).
ARTICLES = frozenset({"al", "el", "il", "ul", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an",
                      "ed", "edh", "er", "es", "esh", "et", "eth", "ez", "en"})
# "Sun letters": the article assimilates to a word that starts with one of these onsets
# (longest first, so "sh" is read before "s").
SUN_ONSETS = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")
MAX_VARIANTS = 48
_DOUBLE = re.compile(r"([bcdfghjklmnpqrstvwxyz])\1")


def _onset(word: str) -> str | None:
    return next((o for o in SUN_ONSETS if word.startswith(o)), None)


def _article_options(article: str, following: str, first: bool) -> list[tuple[str, ...]]:
    """Ways to write an article before `following`: as written, "al"/"el", dropped (at the start
    of a name), assimilated, glued to the word (never to a respelled one: "arraqqa", not "araqa")."""
    onset = _onset(following)
    spoken = dict.fromkeys([article, "al", "el", *(("a" + onset, "e" + onset) if onset else ())])
    options: list[tuple[str, ...]] = []
    for word in _word_options(following):
        options += [(form, word) for form in spoken]
        if first and len(word) >= 4:
            options.append((word,))
        if word in (following, following + "h", following[:-2] + "a"):
            options += [(form + word,) for form in spoken]
    return options


def _word_options(word: str) -> list[str]:
    """A word; its final "-ah"/"-eh" written "-a", a final "-a" written "-ah"; its doubled
    consonants written once."""
    out = [word]
    if len(word) >= 5 and word.endswith(("ah", "eh")):
        out.append(word[:-2] + "a")
    elif len(word) >= 4 and word.endswith("a"):
        out.append(word + "h")
    out += [single for single in (_DOUBLE.sub(r"\1", w) for w in list(out)) if single not in out]
    return out


def arabic_variants(key: str) -> list[str]:
    """Other normalised spellings of a normalised Arabic place name (the name itself excluded),
    at most ``MAX_VARIANTS``: 'jisr ash shughur' -> 'jisr al shughur', 'jisr el shughur',
    'jisr ashshughur', ...; 'ar raqqah' -> 'al raqqah', 'raqqa', ...; 'maarrat an numan' ->
    'maarat al numan', ..."""
    words = key.split()
    slots: list[list[tuple[str, ...]]] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in ARTICLES and i + 1 < len(words):
            following = words[i + 1]
            slots.append(_article_options(word, following, i == 0))
            i += 2
            continue
        slots.append([(form,) for form in _word_options(word)])
        i += 1
    found: dict[str, None] = {}
    for combination in product(*slots):
        variant = " ".join(w for part in combination for w in part)
        found[variant] = None
        if len(found) > MAX_VARIANTS:
            break
    found.pop(key, None)
    return [v for v in found if v][:MAX_VARIANTS]

