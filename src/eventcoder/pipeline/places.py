"""Stage 4, places: gazetteer names found over a sentence's tokens and resolved with the
document's context ("X, Y" and "X in Y" patterns, the countries already in play).

Reads the sentence's tokens, its actor mentions (the countries it names) and the document's
country counts; writes the sentence's place mentions, and which actor mentions are places
after all ("Atlanta, Georgia"). The story's dateline gives the document its focus place.
Which place an event happened in is chosen later, by `where`."""

from __future__ import annotations

import calendar
import contextlib
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from spacy.lang.lex_attrs import is_punct
from spacy.tokens import Doc, Token

from eventcoder.knowledge.gazetteer import Gazetteer, normalize
from eventcoder.pipeline.actors.entries import choose_entry, named_countries
from eventcoder.pipeline.phrases import CACHE_PREFIX, doc_words
from eventcoder.pipeline.sentences import dateline_end
from eventcoder.pipeline.state import DocumentContext, Mention, PlaceMention, SentenceAnalysis
from eventcoder.pipeline.when import CALENDAR_WORDS, WEEKDAYS
from eventcoder.pipeline.words import SCENE_PREPOSITIONS

# Words that may stay lower case inside a place name ("Bosnia and Herzegovina", "Dar es Salaam",
# "Jisr ash-Shughur", "Deir ez-Zor"); the Arabic article forms may also open one ("al-Bab").
ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "en", "er", "es", "esh", "et", "ez"})
CONNECTORS = ARTICLES | frozenset(
    {"of", "and", "the", "de", "du", "la", "le", "les", "di", "da", "do", "dos", "das", "au", "aux", "del",
     "des", "los", "las", "van", "von", "der", "den", "am", "im", "upon", "sur", "bin", "ibn", "bint", "abu", "&"}
)
# Generic words news writes in lower case after a name ("Kaduna state", "Idlib province")
ADMIN_WORDS = frozenset({"state", "province", "region", "district", "governorate", "county", "oblast", "prefecture", "division", "city", "town", "village", "territory", "emirate", "municipality"})
# A capitalised word after a single-word name that still leaves the place a place
# ("Dhaka University", "Kabul Airport"); any other ("Khor Abdullah", "Times") makes it another name.
PLACE_SUFFIXES = frozenset({"university", "airport", "port", "city", "province", "state", "region", "district", "governorate", "county", "valley", "camp", "square", "border", "crossing", "harbour", "harbor", "bay", "river", "strip", "island", "islands"})
# Words naming a kind of site: never a place on their own ("the Airport", "Camp", "Base"), though
# the gazetteer has towns so named somewhere.
GENERIC_WORDS = ADMIN_WORDS | PLACE_SUFFIXES | frozenset(
    {"airbase", "base", "bases", "airfield", "checkpoint", "bridge", "dam", "prison", "hospital", "museum", "station",
     "mosque", "church", "market", "school", "palace", "embassy", "barracks", "area", "centre", "center", "plaza",
     "street", "road", "highway", "parliament", "capital", "headquarters", "field", "fort", "mount", "lake", "sea", "gulf"}
)
# Before a minor place, these say that a place follows: the scene prepositions ("clashes in
# Gaza", words/word_lists.tsv) and "fled into Idlib", "a convoy via Azaz".
PLACE_LEADS = SCENE_PREPOSITIONS | frozenset({"into", "towards", "toward", "via"})
# "the town of X", "the outskirts of X": a noun whose "of" is followed by a place.
PLACE_NOUNS = frozenset(
    {"town", "towns", "village", "villages", "city", "cities", "district", "districts", "province", "provinces", "region",
     "area", "areas", "outskirts", "suburb", "suburbs", "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
     "governorate", "municipality", "hamlet", "county", "countryside", "port", "camp", "centre", "center", "heart",
     "streets", "residents", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
# Below this population a city whose name is nothing else (no country, subdivision, landmark or
# larger city of the name) is a minor place: read as one only where the context supports it
# (see PlaceLexicon).  Chosen from the Guardian sample: see tools/score_places.py --bands.
MINOR_POPULATION = 100_000
# A minor place that only its country's being in play supports must have this many people: the
# old index (GeoNames' towns of 5,000 and more) read such names unsupported; the towns of 1,000
# to 5,000 it now adds are as often people's names ("Olivia", Minnesota; "Barron", Wisconsin).
ALONE_POPULATION = 5_000
# Weekdays, months and their abbreviations: never a place, never glued to one ("Kirkuk Tuesday").
CALENDAR = CALENDAR_WORDS | frozenset(
    w.lower() for w in (*calendar.month_abbr, *calendar.day_abbr, "Sept", "Tues", "Thur", "Thurs") if w
)
_WORDS = re.compile(r"\w+|&")


# How strongly a sentence says that a minor name is a place: not at all; through a known place
# next to it ("X, Y", "X in Y") or a list it is in; by its own words (a locative preposition
# before it, "the town of X", an admin word after it).
NO_SUPPORT, WEAK, STRONG = 0, 1, 2


class _Span(NamedTuple):
    start: int
    end: int
    text: str
    minor: bool  # a minor place (see MINOR_POPULATION)
    support: int  # NO_SUPPORT, WEAK or STRONG

    @property
    def sure(self) -> bool:
        """A place whatever the document and the entity labels say."""
        return not self.minor or self.support == STRONG


class PlaceLexicon:
    """Finds gazetteer names over a sentence's tokens and resolves them.

    Names are looked up word by word as normalised n-grams (longest first) in the gazetteer's
    keys; a span that fails the checks (capitals, calendar words, generic words, demonyms, a
    longer proper name around it) gives way to shorter ones inside it ("east Jerusalem" ->
    "Jerusalem").  A minor place (a city under ``MINOR_POPULATION`` and nothing else of that name)
    is read as a place only with support: strong, from its own words (after a locative
    preposition, in "the town of X", before an admin word); weak, from its neighbours ("X, Y" /
    "X in Y" with a known place Y, a list with a supported place) or from the document (a
    country of its candidates is in play).  A name that is part of a longer PERSON or ORG entity
    is never a place; a minor one that the entity recogniser labels PERSON or ORG as a whole is
    kept only with strong support ("met Omar in Kabul" is no place Omar).  Only sure names
    (major, or minor with strong support) count in :meth:`names` and :meth:`name_tokens`, so
    that the coder still runs the entity recogniser over the others.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.max_words = gazetteer.max_words
        self.country_keys = gazetteer.country_keys()

    def names(self, doc: Doc) -> list[PlaceMention]:
        """Spans that name a place of the gazetteer without help from the document (a minor
        place only with support in the sentence), not yet resolved to one place (a new list of
        new mentions on each call; the spans are remembered on the doc until forget_words)."""
        return [PlaceMention(s.start, s.end, s.text, None, "") for s in self._spans(doc) if s.sure]  # type: ignore[arg-type]

    def name_tokens(self, doc: Doc) -> set[int]:
        """Indices of the tokens inside a gazetteer place name (as in :meth:`names`)."""
        return {i for s in self._spans(doc) if s.sure for i in range(s.start, s.end)}

    def _spans(self, doc: Doc) -> list[_Span]:
        spans = doc.user_data.get(_NAMES_KEY)
        if spans is None:
            spans = doc.user_data[_NAMES_KEY] = self._name_spans(doc)
        return spans

    def _name_spans(self, doc: Doc) -> list[_Span]:
        words: list[str] = []
        owner: list[int] = []
        for i, text in enumerate(doc_words(doc).texts):
            for word in _place_words(text):
                words.append(word)
                owner.append(i)
        found: list[tuple[int, int, str]] = []
        w = 0
        while w < len(words):
            hit = self._longest_at(doc, words, owner, w)
            if hit is None:
                w += 1
                continue
            start, end, next_word = hit
            found.append((start, end, doc[start:end].text))
            w = next_word
        return self._with_support(doc, found)

    def _longest_at(self, doc: Doc, words: list[str], owner: list[int], w: int) -> tuple[int, int, int] | None:
        """The longest acceptable name starting at word ``w``: (start token, end token, next word)."""
        if w > 0 and owner[w - 1] == owner[w]:
            return None  # a name starts with its token ("U.S." is one token, two words) ...
        for size in range(min(self.max_words, len(words) - w), 0, -1):
            last = w + size - 1
            if last + 1 < len(words) and owner[last + 1] == owner[last]:
                continue  # ... and ends with one
            start, end = owner[w], owner[last] + 1
            key = " ".join(words[w : last + 1])
            span_text = doc[start:end].text
            if not self.gazetteer.knows(key, " ".join(_WORDS.findall(span_text))):
                continue
            if self._acceptable(doc, start, end, self.gazetteer.is_landmark(key)):
                return start, end, last + 1
        return None

    def _acceptable(self, doc: Doc, start: int, end: int, landmark: bool = False) -> bool:
        span = doc[start:end]
        first = span[0]
        if not (first.text[:1].isupper() or (first.lower_ in ARTICLES and len(span) > 1)):
            return False
        # a landmark's common nouns may be written in lower case ("the Rafah crossing", "Zaatari refugee camp")
        lower_ok = CONNECTORS | ADMIN_WORDS | (self.gazetteer.landmark_words if landmark else frozenset())
        if not all(t.text[:1].isupper() or t.lower_ in lower_ok or not t.is_alpha for t in span):
            return False
        if span.text.rstrip(".").lower() in CALENDAR:
            return False
        alpha = [t for t in span if t.is_alpha]
        if len(alpha) == 1 and (alpha[0].is_stop or alpha[0].lower_ in GENERIC_WORDS or self._demonym(alpha[0].lower_)):
            return False  # "She", "From" (a town's other name somewhere), "Airport", "Syrian"
        return not (_inside_longer_name(doc, start, end) or part_of_other_name(doc, start, end))

    def _demonym(self, word: str) -> bool:
        """'syrian', 'iraqi', 'afghan', 'lebanese': the adjective of a country's name."""
        if word in self.country_keys:
            return False
        for suffix in _DEMONYM_SUFFIXES:
            if not word.endswith(suffix) or len(word) - len(suffix) < 3:
                continue
            stem = word[: len(word) - len(suffix)]
            if any(stem + ending in self.country_keys for ending in _COUNTRY_ENDINGS):
                return True
        return False

    def _with_support(self, doc: Doc, found: list[tuple[int, int, str]]) -> list[_Span]:
        minor = [0 <= self.gazetteer.prominence(text) < MINOR_POPULATION for _, _, text in found]
        support = [STRONG if not m or _local_support(doc, start, end) else NO_SUPPORT for m, (start, end, _) in zip(minor, found, strict=True)]
        for i in range(len(found) - 1):
            # "Azaz, Aleppo", "Tal Abyad in Raqqa": a known place right after narrows a minor one
            if minor[i] and not minor[i + 1] and support[i] == NO_SUPPORT and _between(doc, found[i][1], found[i + 1][0]) in _NARROWING:
                support[i] = WEAK
        changed = True
        while changed:  # "the towns of Daraya, Moadamiya and Zabadani": a list shares its support
            changed = False
            for i in range(len(found) - 1):
                between = _between(doc, found[i][1], found[i + 1][0])
                if support[i] != support[i + 1] and between in _LISTING:
                    if not (minor[i] and minor[i + 1]) and between == ",":
                        continue  # a comma after a known place may end a clause ("... from Syria, Pompeo said")
                    best = max(support[i], support[i + 1])
                    best = best if minor[i] and minor[i + 1] else min(best, WEAK)  # a known place lends only weak support
                    if best > min(support[i], support[i + 1]):
                        support[i] = max(support[i], best)
                        support[i + 1] = max(support[i + 1], best)
                        changed = True
        spans = []
        for (start, end, text), is_minor, level in zip(found, minor, support, strict=True):
            if is_minor and level == NO_SUPPORT and _tagged_adjective(doc, start, end):
                continue  # "Syrian"-like adjectives the tagger reads as such
            if is_minor and part_of_other_name(doc, start, end, ("PERSON", "ORG")):
                continue  # a small town's name inside an organisation's name
            spans.append(_Span(start, end, text, is_minor, level))
        return spans

    def mentions(self, doc: Doc, countries_in_play: list[str]) -> list[PlaceMention]:
        in_play = {c.upper() for c in countries_in_play}
        found = [
            PlaceMention(s.start, s.end, s.text, None, "")  # type: ignore[arg-type]
            for s in self._spans(doc)
            if self._accepted(doc, s, in_play)
        ]
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

    def _accepted(self, doc: Doc, span: _Span, in_play: set[str]) -> bool:
        """A sure name is a place.  A minor one is one when a country of its candidates is in
        play and it is a plain name there (see :meth:`_plain_name`) of a town of at least
        ``ALONE_POPULATION``: the entity recogniser's
        PERSON or ORG on it is not trusted then (it takes many Arabic town names for people).
        With weak support only, it is one unless such an entity covers it ("met Omar in Kabul")."""
        if span.sure:
            return True
        if (
            in_play
            and not in_play.isdisjoint(self.gazetteer.countries_of(span.text))
            and self._plain_name(doc, span)
            and self.gazetteer.prominence(span.text) >= ALONE_POPULATION
        ):
            return True
        return span.support == WEAK and not _person_or_org(doc, span)

    def _plain_name(self, doc: Doc, span: _Span) -> bool:
        """Can a name be taken for a place on its country's being in play alone?  Only a place's
        own name (not one of its alternates), read as a proper noun when the sentence is tagged."""
        first = doc[span.start]
        if doc.has_annotation("POS") and any(t.pos_ not in ("PROPN", "PUNCT", "ADP", "DET") for t in doc[span.start : span.end]):
            return False
        return first.text[:1].isupper() and self.gazetteer.own_name(span.text)


_NAMES_KEY = CACHE_PREFIX + "place_names"
_NARROWING = frozenset({",", "in", ", in", "in the", ", in the", "near", "province of", "district of", "in northern", "in southern", "in eastern", "in western"})
_LISTING = frozenset({",", "and", ", and", "or", ", or"})
_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ns", "n", "is", "i", "ese", "ish", "")
_COUNTRY_ENDINGS = ("", "a", "ia", "e", "y", "o", "on", "istan", "stan", "ey", "ain", "land")
# a lower-case word that may stand between a locative preposition and a place ("in the besieged X")
_LEAD_FILLERS = frozenset({"the", "a", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                           "besieged", "rebel", "held", "controlled", "nearby", "neighbouring", "neighboring", "-", "coastal",
                           "border", "restive", "embattled", "strategic", "occupied", "downtown", "northeastern", "northwestern",
                           "southeastern", "southwestern", "rural", "greater", "old", "key"})


def _person_or_org(doc: Doc, span: _Span) -> bool:
    return any(ent.label_ in ("PERSON", "ORG") and ent.start < span.end and span.start < ent.end for ent in doc.ents)


def _between(doc: Doc, end: int, start: int) -> str:
    return doc[end:start].text.strip().lower()


def _local_support(doc: Doc, start: int, end: int) -> bool:
    """Does the sentence itself say that the span names a place?  After a locative preposition
    (over a few adjectives: "in the besieged X"), in "the town of X", before an admin word or a
    site word ("X province", "X camp")."""
    if end < len(doc) and doc[end].lower_ in GENERIC_WORDS | {"countryside", "outskirts", "area"}:
        return True
    i = start - 1
    while i >= 0 and start - i <= 3 and doc[i].lower_ in _LEAD_FILLERS:
        i -= 1
    if i < 0:
        return False
    word = doc[i].lower_
    if word in PLACE_LEADS:
        return True
    return word == "of" and i > 0 and doc[i - 1].lower_ in PLACE_NOUNS


def _tagged_adjective(doc: Doc, start: int, end: int) -> bool:
    return end - start == 1 and doc.has_annotation("TAG") and doc[start].tag_ in ("JJ", "JJR", "JJS", "NNPS")


@lru_cache(maxsize=1 << 17)
def _place_words(text: str) -> tuple[str, ...]:
    """The gazetteer words of one token's text; none for punctuation (but '&' reads as 'and')."""
    if is_punct(text) and text != "&":
        return ()
    return tuple(normalize(text).split())


GEOGRAPHIC_FEATURES = frozenset({"river", "basin", "delta", "valley", "bay", "lake", "sea", "gulf", "strait", "straits"})


def part_of_other_name(doc: Doc, start: int, end: int, labels: tuple[str, ...] = ("PERSON",)) -> bool:
    """'Niger' in "the Niger river", 'Jordan' in "Michael Jordan": a name that here names
    something else (a longer entity of one of these labels around it)."""
    if end < len(doc) and doc[end].lower_ in GEOGRAPHIC_FEATURES:
        return True
    return any(
        ent.label_ in labels and ent.start <= start and end <= ent.end and (ent.end - ent.start) > (end - start) for ent in doc.ents
    )


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """'University' in "Dhaka University", 'Khor' in "the Khor Abdullah waterway": a name
    matched inside a longer proper name that is not a place.  A weekday or month next to it
    is no part of its name ("Kirkuk Tuesday", "Mosul Dec. 3")."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if end - start == 1 and after is not None and after.lower_ == "of" and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
        return True  # 'Horn' in "the Horn of Africa"
    if before is not None and before.text == "-" and start >= 3 and doc[start - 2].lower_ in ARTICLES:
        before = doc[start - 3]  # 'Sham' in "Hay'at Tahrir al-Sham"
    if before is not None and before.text[:1].isupper() and before.i > 0 and _proper_noun(before) and before.is_alpha and not _date_word(before):
        return True
    return bool(
        after is not None and after.text[:1].isupper() and after.is_alpha and _proper_noun(after)
        and after.lower_ not in PLACE_SUFFIXES and not _date_word(after)
    )


def _date_word(token: Token) -> bool:
    """A weekday, a month abbreviation ("Dec."), or a month name followed by a number: words
    of a date, not of a name ("Theresa May" keeps its "May")."""
    word = token.lower_.rstrip(".")
    if word not in CALENDAR:
        return False
    if word in WEEKDAYS or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "."):
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return word not in CALENDAR_WORDS or (following is not None and (following.like_num or following.text == "."))


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
