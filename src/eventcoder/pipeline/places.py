"""Place mentions: gazetteer names found over the tokens, resolved with document context
("X, Y" and "X in Y" patterns, the countries already in play), and the location of an event
chosen through the parse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.lex_attrs import is_punct
from spacy.tokens import Doc, Token

from eventcoder.knowledge.gazetteer import Gazetteer, Place, normalize
from eventcoder.pipeline.phrases import CACHE_PREFIX, PhraseTable, doc_words, is_acronym
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
# Prepositions that say where something happened ("clashes in Gaza", "a rally outside the embassy");
# "on", "over", "to" and "from" are left out: "an attack on Kabul" names a target, not a place.
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "along", "throughout", "within", "off"})
# Inside the object of such a preposition, the place may sit in these positions
# ("in the village of Beit Ummar", "in Idlib province", "in Srinagar and Jammu").
PLACE_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "conj", "cc", "det", "appos", "poss", "case", "punct", "pobj", "prep", "npadvmod", "nummod"})
_WORDS = re.compile(r"\w+|&")


@dataclass
class PlaceMention:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    text: str
    place: Place
    reason: str


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


def location_record(mention: PlaceMention, offset: int, doc: Doc, how: str) -> dict:
    place = mention.place
    span = doc[mention.start : mention.end]
    precision = {"country": "country", "admin1": "admin1", "region": "admin1"}.get(place.kind, "city")
    record = {
        "text": span.text,
        "start": offset + span.start_char,
        "end": offset + span.end_char,
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "precision": precision,
        "reason": f"{how}; {mention.reason}",
    }
    if place.disputed:
        record.update(
            disputed=True,
            neutral=place.neutral or place.name,
            administered_by=place.administered_by,
            claimants=list(place.claimed_by),
            framing=place.framing,
        )
    return record


def place_under(token: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    """The place named by the object of a locative preposition hanging on `token`."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _place_in_phrase(pobj, by_token)
                    if found is not None:
                        return found
    return None


def _place_in_phrase(token: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    if token.i in by_token:
        return by_token[token.i]
    if token.lower_ == "what":
        # "in what India calls Pakistan-occupied Kashmir": the name given is the place
        for i in range(token.i + 1, token.head.right_edge.i + 1):
            if i in by_token:
                return by_token[i]
    for child in sorted(token.children, key=lambda c: c.i):
        if child.dep_ in PLACE_PHRASE_DEPS and (child.dep_ != "prep" or child.lower_ in ("of", "in", "near")):
            found = _place_in_phrase(child, by_token)
            if found is not None:
                return found
    return None


# Prepositions that open a circumstance of the event, inside which a place may be named
# further down ("met on the sidelines of the session in New York", "at a summit in Doha").
CIRCUMSTANTIAL = frozenset({"on", "at", "during", "after", "before", "in", "ahead"})


def place_in_circumstance(token: Token, by_token: dict[int, PlaceMention], depth: int = 3) -> PlaceMention | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in CIRCUMSTANTIAL:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _nested_locative(pobj, by_token, depth)
                    if found is not None:
                        return found
    return None


def _nested_locative(noun: Token, by_token: dict[int, PlaceMention], depth: int) -> PlaceMention | None:
    if depth == 0:
        return None
    found = place_under(noun, by_token)
    if found is not None:
        return found
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "at", "during"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _nested_locative(pobj, by_token, depth - 1)
                    if found is not None:
                        return found
    return None
