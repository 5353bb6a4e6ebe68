"""Which reading of a named mention fits the document: a name the dictionaries give several
codes (Congo as COD or COG, Georgia the country or the US state) reads as the one whose
country the document has named most."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from eventcoder.knowledge.files import ActorEntry
from eventcoder.pipeline.state import Mention


def choose_entry(mention: Mention, countries: Counter) -> ActorEntry:
    if len(mention.named) == 1:
        return mention.named[0]
    return max(mention.named, key=lambda e: (countries.get(e.code, 0), e.kind != "demonym"))


def named_countries(mentions: Iterable[Mention], countries: Counter) -> Iterator[str]:
    """The country code of each named actor of the sentence, clear names before ambiguous
    ones: counted one by one, "Brazzaville ... Congo" then reads Congo as COG."""
    for mention in sorted((m for m in mentions if m.named), key=lambda m: all(e.ambiguous for e in m.named)):
        entry = choose_entry(mention, countries)
        if entry.code and entry.code not in ("IGO", "NGO"):
            yield entry.code
