"""Stage 4, places: gazetteer names found over a sentence's tokens and resolved with the
document's context ("X, Y" and "X in Y" patterns, the countries already in play).

Reads the sentence's tokens, its actor mentions (the countries it names) and the document's
country counts; writes the sentence's place mentions, and which actor mentions are places
after all ("Atlanta, Georgia"). The story's dateline gives the document its focus place.
Which place an event happened in is chosen later, by `where`."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from functools import lru_cache

from spacy.lang.lex_attrs import is_punct
from spacy.tokens import Doc, Token

from eventcoder.knowledge.gazetteer import Gazetteer, normalize
from eventcoder.pipeline.actors.entries import choose_entry, named_countries
from eventcoder.pipeline.phrases import CACHE_PREFIX, PhraseTable, doc_words, is_acronym
from eventcoder.pipeline.sentences import dateline_end
from eventcoder.pipeline.state import DocumentContext, Mention, PlaceMention, SentenceAnalysis
from eventcoder.pipeline.when import CALENDAR_WORDS

# Words that may stay lower case inside a place name ("Bosnia and Herzegovina", "Dar es Salaam")
CONNECTORS = frozenset(
    {"of", "and", "the", "al", "el", "de", "du", "la", "le", "les", "di", "da", "do", "dos", "das", "es", "en", "au", "aux", "del",
     "des", "los", "las", "van", "von", "der", "den", "am", "im", "upon", "sur", "bin", "ibn", "&"}
)
# Generic words news writes in lower case after a name ("Kaduna state", "Idlib province")
ADMIN_WORDS = frozenset({"state", "province", "region", "district", "governorate", "county", "oblast", "prefecture", "division", "city", "town", "village", "territory", "emirate", "municipality"})
# A capitalised word after a single-word name that still leaves the place a place
# ("Dhaka University", "Kabul Airport"); any other ("Khor Abdullah", "Times") makes it another name.
PLACE_SUFFIXES = frozenset({"university", "airport", "port", "city", "province", "state", "region", "district", "governorate", "county", "valley", "camp", "square", "border", "crossing", "harbour", "harbor", "bay", "river", "strip", "island", "islands"})
_WORDS = re.compile(r"\w+|&")


class PlaceLexicon:
    """Gazetteer names as a phrase table over normalised words; built once per Coder."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.table: PhraseTable[str] = PhraseTable()
        for name in gazetteer.names():
            if is_acronym(name):
                self.table.add(_WORDS.findall(name), name, case_sensitive=True)
            else:
                words = normalize(name).split()
                if words:
                    self.table.add(words, name, case_sensitive=False)

    def names(self, doc: Doc) -> list[PlaceMention]:
        """Spans that name a place of the gazetteer, not yet resolved to one place (a new list of
        new mentions on each call; the spans are remembered on the doc until forget_words)."""
        return [PlaceMention(start, end, text, None, "") for start, end, text in self._spans(doc)]  # type: ignore[arg-type]

    def name_tokens(self, doc: Doc) -> set[int]:
        """Indices of the tokens inside a gazetteer place name."""
        return {i for start, end, _ in self._spans(doc) for i in range(start, end)}

    def _spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        spans = doc.user_data.get(_NAMES_KEY)
        if spans is None:
            spans = doc.user_data[_NAMES_KEY] = self._name_spans(doc)
        return spans

    def _name_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        words: list[tuple[str, tuple[str, ...]]] = []
        owner: list[int] = []
        for i, text in enumerate(doc_words(doc).texts):
            for word in _place_words(text):
                words.append((text if len(text) == len(word) else word, (word,)))
                owner.append(i)
        found: list[tuple[int, int, str]] = []
        for match in self.table.match(words):
            start, end = owner[match.start], owner[match.end - 1] + 1
            span = doc[start:end]
            if not all(t.text[:1].isupper() or t.lower_ in CONNECTORS or t.lower_ in ADMIN_WORDS or not t.is_alpha for t in span):
                continue
            if span.text.lower() in CALENDAR_WORDS or not span[0].text[:1].isupper():
                continue
            if _inside_longer_name(doc, start, end) or part_of_other_name(doc, start, end):
                continue
            found.append((start, end, span.text))
        return found

    def mentions(self, doc: Doc, countries_in_play: list[str]) -> list[PlaceMention]:
        found = self.names(doc)
        # "X, Y" and "X in Y": the second place narrows the first
        resolved: list[PlaceMention] = []
        for i, mention in enumerate(found):
            near = None
            if i + 1 < len(found):
                nxt = found[i + 1]
                between = doc[mention.end : nxt.start].text.strip().lower()
                if between in (",", "in", ", in", "province of", "in the", ", in the") or between.endswith(" of"):
                    outer = self.gazetteer.resolve(nxt.text, countries_in_play)
                    if outer is not None:
                        near = outer.place.admin1.split(";")[0] if outer.place.admin1 else outer.place.country
            hit = self.gazetteer.resolve(mention.text, countries_in_play, near=near)
            if hit is None:
                continue
            mention.place, mention.reason = hit.place, hit.reason
            previous = resolved[-1] if resolved else None
            if previous is not None and doc[previous.end : mention.start].text.strip() == "," and previous.place.admin1:
                # "Atlanta, Georgia": after a city, the name of its subdivision is that subdivision
                for candidate in self.gazetteer.lookup(mention.text):
                    if candidate.kind == "admin1" and candidate.admin1 and candidate.admin1 in previous.place.admin1.split(";"):
                        mention.place, mention.reason = candidate, f"the subdivision of {previous.text}"
                        break
            resolved.append(mention)
        return resolved


_NAMES_KEY = CACHE_PREFIX + "place_names"


@lru_cache(maxsize=1 << 17)
def _place_words(text: str) -> tuple[str, ...]:
    """The gazetteer words of one token's text; none for punctuation (but '&' reads as 'and')."""
    if is_punct(text) and text != "&":
        return ()
    return tuple(normalize(text).split())


GEOGRAPHIC_FEATURES = frozenset({"river", "basin", "delta", "valley", "bay", "lake", "sea", "gulf", "strait", "straits"})


def part_of_other_name(doc: Doc, start: int, end: int) -> bool:
    """'Niger' in "the Niger river", 'Jordan' in "Michael Jordan": a name that here names
    something else."""
    if end < len(doc) and doc[end].lower_ in GEOGRAPHIC_FEATURES:
        return True
    return any(
        ent.label_ == "PERSON" and ent.start <= start and end <= ent.end and (ent.end - ent.start) > (end - start) for ent in doc.ents
    )


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """'University' in "Dhaka University", 'Khor' in "the Khor Abdullah waterway": a name
    matched inside a longer proper name that is not a place."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if end - start == 1 and after is not None and after.lower_ == "of" and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
        return True  # 'Horn' in "the Horn of Africa"
    if before is not None and before.text[:1].isupper() and before.i > 0 and _proper_noun(before) and before.is_alpha:
        return True
    return bool(after is not None and after.text[:1].isupper() and after.is_alpha and _proper_noun(after) and after.lower_ not in PLACE_SUFFIXES)


def _proper_noun(token: Token) -> bool:
    # a sentence the screen left unparsed has no tags: a capitalised word is then taken as a name
    return token.pos_ == "PROPN" if token.doc.has_annotation("POS") else not token.is_stop


# -- the stage -------------------------------------------------------------------------


def find_places(analysis: SentenceAnalysis, context: DocumentContext, lexicon: PlaceLexicon) -> None:
    """Write the sentence's places (`analysis.places`) and the actor mentions that are places
    here (`analysis.not_actors`). The countries the sentence names count as in play when its
    places are resolved."""
    doc, mentions = analysis.doc, analysis.mentions or []
    in_play = Counter(context.countries)
    in_play.update(named_countries(mentions, context.countries, context.date))
    places = lexicon.mentions(doc, [c for c, _ in in_play.most_common()])
    places += _countries_as_places(doc, mentions, places, context, lexicon.gazetteer)
    analysis.places = places
    analysis.not_actors = _agree_places_with_countries(places, mentions, context, lexicon.gazetteer)


def _countries_as_places(doc: Doc, mentions: list[Mention], places: list[PlaceMention], context: DocumentContext,
                         gazetteer: Gazetteer) -> list[PlaceMention]:
    """A country the actor dictionaries know by a name the gazetteer lacks ("in central
    Bosnia", "in Burma") is still a place."""
    taken = {i for p in places for i in range(p.start, p.end)}
    extra = []
    for mention in mentions:
        if not mention.named or any(i in taken for i in range(mention.start, mention.end)):
            continue
        entry = choose_entry(mention, context.countries, context.date)
        if entry.kind == "country" and entry.code:
            try:
                place = gazetteer.country(entry.code)
            except KeyError:
                continue
            text = doc[mention.start : mention.end].text
            extra.append(PlaceMention(mention.start, mention.end, text, place, f"country {entry.origin}"))
    return extra


def _agree_places_with_countries(places: list[PlaceMention], mentions: list[Mention], context: DocumentContext,
                                 gazetteer: Gazetteer) -> list[Mention]:
    """A country the actor dictionaries name ("Congo" read as COD in this story) is the
    same country as a place; an ambiguous name read as a place's subdivision is no actor
    (returned)."""
    starts = {m.start: m for m in mentions if m.named}
    not_actors = []
    for place in places:
        mention = starts.get(place.start)
        if mention is None or mention.end != place.end:
            continue
        entry = choose_entry(mention, context.countries, context.date)
        if entry.ambiguous and place.place.country != entry.code and place.reason.startswith("the subdivision of"):
            # "Atlanta, Georgia" in a US story: the US state, a place, not the country
            not_actors.append(mention)
            continue
        if entry.kind == "country" and entry.code and place.place.country != entry.code:
            with contextlib.suppress(KeyError):
                place.place, place.reason = gazetteer.country(entry.code), f"country named as actor {entry.code} ({entry.origin})"
    return not_actors


def read_dateline(text: str, analyses: list[SentenceAnalysis], context: DocumentContext, lexicon: PlaceLexicon) -> None:
    """'MOGADISHU, Feb 10 —': the story's place, which events fall back on; no events in it."""
    end = dateline_end(text)
    if not end or not analyses or analyses[0].sentence.end > end:
        return
    first = analyses[0]
    first.parsed = False
    first.screen_reason = "dateline"
    mentions = lexicon.mentions(first.doc, [])
    if mentions:
        context.focus = mentions[0]
        if mentions[0].place.country:
            context.countries[mentions[0].place.country] += 1
