"""The hand-made landmarks table (``data/places/landmarks.tsv``): named sites that news uses
for the place they are in ("Bagram Air Base", "the Rafah crossing", "Zaatari camp"), and
districts and neighbourhoods of large cities ("Sadr City", "Jobar").

Each row ties a landmark to a place of the gazetteer: a city (``place``, looked up among the
index's cities of ``country``, inside ``admin1`` when given; the most populous one of that
name), or, when ``place`` is empty, the subdivision ``admin1`` or else the country.  The
landmark takes that place's point; it never carries coordinates of its own.  Every mistake
(unknown type, country, subdivision or place, a name given twice) is a DataFileError naming
the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from eventcoder.errors import DataFileError
from eventcoder.knowledge.tsv import read_rows

if TYPE_CHECKING:
    from eventcoder.knowledge.gazetteer import Gazetteer, Place

LANDMARKS_HEADER = ("name", "alternates", "type", "place", "country", "admin1", "note")
# airport: civil airports and airfields; base: military bases and air bases; crossing: border
# crossings and checkpoints between territories; camp: refugee and displacement camps;
# district: districts and neighbourhoods of a city; area: a named area wider than a town
# (a valley, an oasis belt, a range) inside one subdivision; site: any other named site
# (a square, a shrine, a prison, a dam, a plant, a museum).
LANDMARK_TYPES = frozenset({"airport", "base", "crossing", "camp", "district", "area", "site"})


def read_landmarks(path: Path, gazetteer: Gazetteer) -> dict[str, list[Place]]:
    """Normalised name -> the landmarks of that name, each as a Place of the place it stands for."""
    from eventcoder.knowledge.gazetteer import normalize

    table: dict[str, list[Place]] = {}
    if not path.exists():
        return table
    seen: dict[tuple[str, str], int] = {}
    for number, row in read_rows(path, LANDMARKS_HEADER, required=("name", "type", "country")):
        place = _landmark_place(path, number, row, gazetteer)
        for form in dict.fromkeys([row["name"], *filter(None, (a.strip() for a in row["alternates"].split("|")))]):
            key = normalize(form)
            if len(key) < 3:
                raise DataFileError(path, number, f"name {form!r} is too short to match")
            earlier = seen.setdefault((key, row["country"]), number)
            if earlier == number and place not in table.get(key, ()):
                table.setdefault(key, []).append(place)
            elif earlier != number:
                raise DataFileError(path, number, f"name {form!r} is already given for {row['country']} on line {earlier}")
    return table


def _landmark_place(path: Path, number: int, row: dict[str, str], gazetteer: Gazetteer) -> Place:
    from dataclasses import replace

    kind, country, admin1, town = row["type"], row["country"], row["admin1"], row["place"]
    if kind not in LANDMARK_TYPES:
        raise DataFileError(path, number, f"type {kind!r} is not one of {', '.join(sorted(LANDMARK_TYPES))}")
    try:
        base = gazetteer.country(country)
    except KeyError:
        raise DataFileError(path, number, f"country {country!r} is not an ISO 3166-1 alpha-3 code of the gazetteer") from None
    if admin1:
        try:
            base = gazetteer.admin1(admin1)
        except KeyError:
            raise DataFileError(path, number, f"admin1 {admin1!r} is not an ISO 3166-2 code of the gazetteer") from None
        if base.country != country:
            raise DataFileError(path, number, f"admin1 {admin1} is not a subdivision of {country}")
    if town:
        cities = gazetteer.cities(town, country, admin1 or None)
        if not cities:
            where = f"{country} {admin1}".strip()
            raise DataFileError(path, number, f"place {town!r} is not a city of {where} in the gazetteer")
        base = cities[0]
    return replace(base, name=row["name"], population=0, landmark=kind, within=base.name)
