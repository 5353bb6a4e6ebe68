"""Offline gazetteer: place names in news text -> countries, ISO 3166-2 subdivisions, cities.

Two data files under ``data/places/``:

- ``gazetteer.tsv.gz`` — built by ``tools/build_gazetteer.py`` (never edited by hand): every
  ISO 3166-1 country (point = its capital), every ISO 3166-2 subdivision (point = its largest
  indexed city, when known) and every GeoNames populated place of 5,000 people or more, with
  its ISO 3166-2 admin1 code where the build could map it.
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
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from eventcoder.errors import DataFileError
from eventcoder.knowledge.tsv import read_rows

PLACES_DIR = Path(__file__).resolve().parent / "data" / "places"
INDEX_FILE = PLACES_DIR / "gazetteer.tsv.gz"
CONTESTED_FILE = PLACES_DIR / "contested.tsv"

HEADER = ("kind", "name", "alternates", "country", "admin1", "lat", "lon", "population", "type")
CONTESTED_HEADER = ("surface", "canonical", "admin1", "country", "administered_by", "claimed_by", "framing", "lat", "lon", "note")

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


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return folded.translate(_FOLD)


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


class Resolved(NamedTuple):
    place: Place
    reason: str


_KIND_ORDER = {"country": 0, "admin1": 1, "region": 1, "city": 2}


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


class Gazetteer:
    """The place index.  Use :meth:`load`; the constructor takes already-parsed rows."""

    def __init__(self, rows: list[list[str]], contested: list[dict[str, str]]) -> None:
        self._rows = rows
        self._places: dict[int, Place] = {}
        self._index: dict[str, list[int]] = {}
        self._surfaces: dict[str, str] = {}
        self._by_country: dict[str, int] = {}
        self._by_admin1: dict[str, int] = {}
        self._capitals: dict[str, set[int]] = {}
        self._dispute: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        for i, row in enumerate(rows):
            kind, name, alts, country, admin1 = row[0], row[1], row[2], row[3], row[4]
            if kind == "country":
                self._by_country[country] = i
            elif kind == "admin1":
                self._by_admin1[admin1] = i
            forms = [name, *alts.split("|")] if alts else [name]
            for form in forms:
                key = normalize(form)
                if not key or (kind != "country" and (key in COMMON_WORDS or len(key) < 3)):
                    continue
                bucket = self._index.setdefault(key, [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
                self._surfaces.setdefault(form, key)
                plain = _ascii(form)
                if plain != form:
                    self._surfaces.setdefault(plain, key)
        # national capitals (by name, within the country) rank above subdivisions of the same name
        for row in rows:
            if row[0] == "country" and row[8]:
                self._capitals.setdefault(row[3], set()).add(normalize(row[8]))
        self._contested: dict[str, list[Place]] = {}
        for row in contested:
            place = self._contested_place(row)
            key = normalize(row["surface"])
            self._contested.setdefault(key, []).append(place)
            self._surfaces.setdefault(row["surface"], key)
            if row["framing"] == "neutral" and place.kind in ("country", "admin1"):
                target = place.admin1 if place.kind == "admin1" else place.country
                if target:
                    self._dispute[target] = (place.administered_by, place.claimed_by)

    # ----------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, contested: str | Path | None = None) -> Gazetteer:
        """Read the index (``path``, default the built-in one) and the contested table."""
        index_path = Path(path) if path else INDEX_FILE
        contested_path = Path(contested) if contested else CONTESTED_FILE
        with gzip.open(index_path, "rt", encoding="utf-8") as fh:
            text = fh.read()
        rows: list[list[str]] = []
        header_seen = False
        for number, line in enumerate(text.split("\n"), start=1):
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                if tuple(cells) != HEADER:
                    raise DataFileError(index_path, number, f"header must be {'<TAB>'.join(HEADER)!r}")
                header_seen = True
                continue
            if len(cells) != len(HEADER):
                raise DataFileError(index_path, number, f"{len(cells)} cells, the header has {len(HEADER)} columns")
            rows.append(cells)
        table = [row for _, row in read_rows(contested_path, CONTESTED_HEADER, required=("surface", "canonical", "framing"))]
        return cls(rows, table)

    # ----------------------------------------------------------------------------------------
    def _place(self, i: int) -> Place:
        place = self._places.get(i)
        if place is None:
            kind, name, _alts, country, admin1, lat, lon, pop, _typ = self._rows[i]
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

    def _contested_place(self, row: dict[str, str]) -> Place:
        canonical, admin1, country = row["canonical"], row["admin1"], row["country"]
        kind, lat, lon, pop = "region", _float(row["lat"]), _float(row["lon"]), 0
        codes = [c for c in admin1.split(";") if c]
        key = normalize(canonical)
        base: int | None = None
        if len(codes) == 1 and codes[0] in self._by_admin1:
            i = self._by_admin1[codes[0]]
            if key in {normalize(f) for f in [self._rows[i][1], *self._rows[i][2].split("|")] if f}:
                base, kind = i, "admin1"
            else:
                cities = [j for j in self._index.get(key, []) if self._rows[j][0] == "city" and self._rows[j][4] == codes[0]]
                if cities:
                    base, kind = cities[0], "city"
        elif not codes and country in self._by_country:
            i = self._by_country[country]
            if key in {normalize(f) for f in [self._rows[i][1], *self._rows[i][2].split("|")] if f}:
                base, kind = i, "country"
        if base is not None:
            r = self._rows[base]
            if lat is None:
                lat, lon = _float(r[5]), _float(r[6])
            if kind == "city" and r[7]:
                pop = int(r[7])
        if lat is None and codes:
            # a composite: the point of its most populous part
            parts = [self._rows[self._by_admin1[c]] for c in codes if c in self._by_admin1]
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
        """Every place the name can denote: contested-table rows first, then index rows."""
        key = normalize(name)
        out = list(self._contested.get(key, ()))
        out.extend(self._place(i) for i in self._index.get(key, ()))
        return out

    def names(self) -> Iterable[str]:
        """Every surface name (as written, plus its ASCII-folded form), for a phrase table."""
        return self._surfaces.keys()

    def __contains__(self, name: str) -> bool:
        key = normalize(name)
        return key in self._index or key in self._contested

    def country(self, iso3: str) -> Place:
        """The country with this ISO 3166-1 alpha-3 code (KeyError if unknown)."""
        return self._place(self._by_country[iso3.upper()])

    def admin1(self, code: str) -> Place:
        """The subdivision with this ISO 3166-2 code (KeyError if unknown)."""
        return self._place(self._by_admin1[code.upper()])

    def countries(self) -> Iterator[Place]:
        for i in self._by_country.values():
            yield self._place(i)

    # ----------------------------------------------------------------------------------------
    def _weight(self, i: int) -> tuple[int, int]:
        """Rank of an index row when nothing in the document decides: a country first, then a
        national capital or a city of a million, then a subdivision, then other cities; ties by
        population (for a subdivision, the population of its indexed cities)."""
        kind, name, _a, country, _a1, _lat, _lon, pop, _t = self._rows[i]
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
        kind, best_kind = self._rows[candidate][0], self._rows[best][0]
        if kind != "city" or best_kind != "city":
            return True
        return int(self._rows[candidate][7] or 0) >= 0.15 * int(self._rows[best][7] or 0)

    @staticmethod
    def _inside(place: Place, area: str) -> bool:
        area = area.upper()
        if len(area) == 3 and "-" not in area:
            return place.country == area
        return bool(place.admin1) and area in place.admin1.split(";")

    def resolve(self, name: str, countries_in_play: Sequence[str] = (), near: str | None = None) -> Resolved | None:
        """The one place the name most likely denotes in this document, with the reason.

        Order: a contested-table row; a candidate in a country already in play (in the order
        given); a candidate inside ``near`` (ISO3 or ISO 3166-2, from an "X, Y" / "X in Y"
        pattern found by the caller); then the best-ranked candidate (see :meth:`_weight`).
        """
        key = normalize(name)
        contested = self._contested.get(key)
        if contested:
            return Resolved(contested[0], f"contested table ({contested[0].framing})")
        ids = self._index.get(key)
        if not ids:
            return None
        ranked = sorted(ids, key=self._weight, reverse=True)
        if near:
            inside = [i for i in ranked if self._inside(self._place(i), near)]
            if inside:
                return Resolved(self._place(inside[0]), f"inside {near.upper()}")
        for code in countries_in_play:
            code = code.upper()
            hits = [i for i in ranked if self._rows[i][3] == code]
            if hits:
                if len(ids) == 1:
                    break
                if not self._comparable(hits[0], ranked[0]):
                    continue  # a small town of the country in play does not beat a world city (Geneva, Moscow)
                return Resolved(self._place(hits[0]), f"country in play: {code}")
        best = ranked[0]
        if len(ids) == 1:
            reason = "only candidate"
        else:
            kinds = {self._rows[i][0] for i in ids}
            top = self._rows[best][0]
            if top == "country" and len(kinds) > 1:
                reason = "country over city" if "city" in kinds else "country over subdivision"
            elif top == "admin1" and "city" in kinds:
                reason = "subdivision over smaller city"
            else:
                reason = "largest population"
        return Resolved(self._place(best), reason)
