"""Which reading of a named mention fits the document: a name the dictionaries give several
readings (Congo as COD or COG, Georgia the country or the US state, the RSF as a state force
before April 2023 and a rebel force after) reads as the one valid on the document's date,
a dated reading before an undated one, then the one whose country the document has named
most."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from eventcoder.knowledge.files import ActorEntry
from eventcoder.pipeline.state import Mention


def choose_entry(mention: Mention, countries: Counter, date: str | None = None) -> ActorEntry:
    if len(mention.named) == 1:
        return mention.named[0]
    return max(mention.named, key=lambda e: (e.valid_on(date), e.valid_on(date) and bool(e.start or e.end),
                                             countries.get(e.code, 0), e.kind != "demonym"))


def named_countries(mentions: Iterable[Mention], countries: Counter, date: str | None = None) -> Iterator[str]:
    """The country code of each named actor of the sentence, clear names before ambiguous
    ones: counted one by one, "Brazzaville ... Congo" then reads Congo as COG."""
    for mention in sorted((m for m in mentions if m.named), key=lambda m: all(e.ambiguous for e in m.named)):
        entry = choose_entry(mention, countries, date)
        if entry.code and entry.code not in ("IGO", "NGO"):
            yield entry.code
