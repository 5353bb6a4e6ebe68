"""Tests for the CAMEO/PLOVER ontology files and their loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.knowledge.ontology import (
    CAMEO_FILE,
    FAMILIES_FILE,
    PLOVER_FILE,
    PLOVER_TYPES,
    CameoCode,
    Ontology,
    default_directory,
    quad_class_for_root,
)


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


# --- the built-in data -----------------------------------------------------------------


def test_code_count_is_that_of_cameo_1_1b3(onto: Ontology) -> None:
    assert 290 <= len(onto.codes()) <= 310


def test_codes_per_root_match_the_codebook(onto: Ontology) -> None:
    # Number of 3- and 4-digit codes under each root in the CAMEO 1.1b3 codebook.
    expected = {
        "01": 10, "02": 27, "03": 28, "04": 7, "05": 8, "06": 5, "07": 6,
        "08": 25, "09": 5, "10": 27, "11": 12, "12": 26, "13": 22, "14": 26,
        "15": 6, "16": 13, "17": 13, "18": 14, "19": 9, "20": 7,
    }  # fmt: skip
    counts: dict[str, int] = {}
    for entry in onto.codes():
        counts[entry.root] = counts.get(entry.root, 0) + 1
    assert counts == expected


def test_all_twenty_roots_present_with_three_digit_root_codes(onto: Ontology) -> None:
    assert onto.roots() == [f"{n:02d}" for n in range(1, 21)]
    for root in onto.roots():
        entry = onto.cameo(root + "0")
        assert entry.is_root
        assert entry.parent is None


def test_every_code_is_complete(onto: Ontology) -> None:
    for entry in onto.codes():
        assert isinstance(entry, CameoCode)
        assert entry.code.isdigit() and len(entry.code) in (3, 4)
        assert entry.root == entry.code[:2]
        assert entry.name.strip()
        assert isinstance(entry.goldstein, float)
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.plover is None or entry.plover in PLOVER_TYPES
        if entry.plover is None:
            assert entry.mode is None
        elif entry.mode is not None:
            assert onto.is_plover_mode(entry.plover, entry.mode), entry


def test_four_digit_codes_sit_under_an_existing_three_digit_code(
    onto: Ontology,
) -> None:
    for entry in onto.codes():
        if entry.parent is not None:
            assert entry.parent in onto
    assert [c.code for c in onto.children("195")] == ["1951", "1952"]


def test_quad_classes_follow_the_gdelt_convention(onto: Ontology) -> None:
    for entry in onto.codes():
        number = int(entry.root)
        if number <= 5:
            expected = 1
        elif number <= 8:
            expected = 2
        elif number <= 13:
            expected = 3
        else:
            expected = 4
        assert entry.quad_class == expected, entry.code
    assert quad_class_for_root("05") == 1
    assert quad_class_for_root("06") == 2
    assert quad_class_for_root("09") == 3
    assert quad_class_for_root("14") == 4


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("010", 0.0),
        ("036", 4.0),
        ("042", 1.9),
        ("043", 2.8),
        ("046", 7.0),
        ("051", 3.4),
        ("057", 8.0),
        ("0874", 10.0),
        ("100", -5.0),
        ("111", -2.0),
        ("120", -4.0),
        ("130", -4.4),
        ("138", -7.0),
        ("163", -8.0),
        ("173", -5.0),
        ("1711", -9.2),
        ("182", -9.5),
        ("186", -10.0),
        ("190", -10.0),
        ("193", -10.0),
    ],
)
def test_well_known_goldstein_values(
    onto: Ontology, code: str, goldstein: float
) -> None:
    assert onto.cameo(code).goldstein == goldstein


def test_well_known_names(onto: Ontology) -> None:
    assert onto.cameo("043").name == "Host a visit"
    assert onto.cameo("111").name == "Criticize or denounce"
    assert onto.cameo("1711").name == "Confiscate property"
    assert onto.cameo("190").name.startswith("Use conventional military force")


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("010", None, None),
        ("011", None, None),
        ("012", None, None),
        ("013", None, None),
        ("014", None, None),
        ("015", None, None),
        ("017", None, None),
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("043", "CONSULT", None),
        ("051", "SUPPORT", None),
        ("0841", "RETREAT", "release"),
        ("100", "REQUEST", None),
        ("111", "ACCUSE", "disapprove"),
        ("120", "REJECT", None),
        ("138", "THREATEN", "violence"),
        ("141", "PROTEST", "demo"),
        ("1711", "COERCE", "seize"),
        ("173", "COERCE", "arrest"),
        ("182", "ASSAULT", "beat"),
        ("190", "ASSAULT", None),
    ],
)
def test_project_plover_conventions(
    onto: Ontology, code: str, plover: str | None, mode: str | None
) -> None:
    entry = onto.cameo(code)
    assert (entry.plover, entry.mode) == (plover, mode)


def test_sixteen_plover_types_each_reached_by_a_cameo_code(onto: Ontology) -> None:
    assert onto.plover_types() == list(PLOVER_TYPES)
    assert len(PLOVER_TYPES) == 16
    reached = {entry.plover for entry in onto.codes() if entry.plover}
    assert reached == set(PLOVER_TYPES)
    for event in PLOVER_TYPES:
        assert onto.codes_for_plover(event)


def test_plover_modes(onto: Ontology) -> None:
    assert "beat" in onto.plover_modes("ASSAULT")
    assert "arrest" in onto.plover_modes("COERCE")
    assert onto.plover_modes("AGREE") == []
    assert onto.is_plover_mode("CONSULT", "visit")
    assert not onto.is_plover_mode("CONSULT", "beat")
    assert not onto.is_plover_mode("NOSUCHTYPE", "beat")
    assert onto.plover_description("ASSAULT")
    assert onto.plover_description("ASSAULT", "beat")
    with pytest.raises(KeyError, match="NOSUCHTYPE"):
        onto.plover_modes("NOSUCHTYPE")


def test_unknown_code_raises_a_clear_key_error(onto: Ontology) -> None:
    with pytest.raises(KeyError, match="unknown CAMEO code '999'"):
        onto.cameo("999")
    with pytest.raises(KeyError, match="three digits: 190"):
        onto.cameo("19")
    assert "043" in onto
    assert "43" not in onto


def test_load_defaults_to_package_data() -> None:
    assert (default_directory() / CAMEO_FILE).is_file()
    assert len(Ontology.load(default_directory())) == len(Ontology.load())


# --- malformed files -------------------------------------------------------------------

CAMEO_HEADER = "code\tname\tgoldstein\tquad_class\tplover\tmode\tnote\n"


def _ontology_dir(tmp_path: Path, cameo_body: str) -> Path:
    """A copy of the built-in plover.tsv and families.tsv with a small cameo.tsv."""
    shutil.copy(default_directory() / PLOVER_FILE, tmp_path / PLOVER_FILE)
    shutil.copy(default_directory() / FAMILIES_FILE, tmp_path / FAMILIES_FILE)
    (tmp_path / CAMEO_FILE).write_text(cameo_body, encoding="utf-8")
    return tmp_path


def test_small_valid_file_loads(tmp_path: Path) -> None:
    body = (
        "# a comment\n"
        + CAMEO_HEADER
        + "\n"
        + "190\tUse conventional military force\t-10\t4\tASSAULT\n"
        + "193\tFight with small arms\t-10.0\t4\tASSAULT\tfirearms\tnote here\n"
    )
    onto = Ontology.load(_ontology_dir(tmp_path, body))
    assert [c.code for c in onto.codes()] == ["190", "193"]
    assert onto.cameo("193").mode == "firearms"
    assert onto.cameo("190").mode is None


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("19\tToo short\t-10\t4\tASSAULT", "3 or 4 digits"),
        ("210\tNo such root\t-10\t4\tASSAULT", "roots run from 01 to 20"),
        ("190\tDuplicate\t-10\t4\tASSAULT", "listed twice"),
        ("193\tBad weight\t-11\t4\tASSAULT", "outside -10 .. 10"),
        ("193\tNot a number\tlots\t4\tASSAULT", "not a number"),
        ("193\tWrong quad\t-10\t3\tASSAULT", "quad class 4"),
        ("193\tBad type\t-10\t4\tATTACK", "not a PLOVER event type"),
        ("193\tBad mode\t-10\t4\tASSAULT\tvisit", "not a mode of ASSAULT"),
        ("193\tMode without type\t-10\t4\tnone\tbeat", "needs an event type"),
        ("193\tEmpty type\t-10\t4\t", "'plover' must not be empty"),
        ("1931\tOrphan\t-10\t4\tASSAULT", "no parent"),
        ("193\tToo many\t-10\t4\tASSAULT\t\tnote\textra", "the header has 7"),
    ],
)
def test_malformed_cameo_row_names_file_and_line(
    tmp_path: Path, bad_row: str, message: str
) -> None:
    body = (
        CAMEO_HEADER
        + "190\tUse conventional military force\t-10\t4\tASSAULT\n"
        + bad_row
        + "\n"
    )
    directory = _ontology_dir(tmp_path, body)
    with pytest.raises(DataFileError, match=message) as caught:
        Ontology.load(directory)
    error = caught.value
    assert Path(error.path) == directory / CAMEO_FILE
    assert error.line == 3
    assert str(error).startswith(f"{directory / CAMEO_FILE}:3: ")


def test_wrong_header_is_reported_on_its_line(tmp_path: Path) -> None:
    body = "# comment\n\ncode\tname\tgoldstein\n"
    directory = _ontology_dir(tmp_path, body)
    with pytest.raises(DataFileError, match="header") as caught:
        Ontology.load(directory)
    assert caught.value.line == 3


def test_malformed_plover_file(tmp_path: Path) -> None:
    text = (default_directory() / PLOVER_FILE).read_text(encoding="utf-8")
    text = text.replace("ASSAULT\tbeat\t", "ASSAULT\tbeat up\t", 1)
    (tmp_path / PLOVER_FILE).write_text(text, encoding="utf-8")
    shutil.copy(default_directory() / CAMEO_FILE, tmp_path / CAMEO_FILE)
    shutil.copy(default_directory() / FAMILIES_FILE, tmp_path / FAMILIES_FILE)
    with pytest.raises(DataFileError, match="letters and hyphens") as caught:
        Ontology.load(tmp_path)
    assert Path(caught.value.path) == tmp_path / PLOVER_FILE
    bad_line = [n for n, x in enumerate(text.splitlines(), 1) if "beat up" in x]
    assert [caught.value.line] == bad_line


def test_plover_file_missing_a_type(tmp_path: Path) -> None:
    lines = (default_directory() / PLOVER_FILE).read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("AID\t")]
    (tmp_path / PLOVER_FILE).write_text("\n".join(kept) + "\n", encoding="utf-8")
    shutil.copy(default_directory() / CAMEO_FILE, tmp_path / CAMEO_FILE)
    shutil.copy(default_directory() / FAMILIES_FILE, tmp_path / FAMILIES_FILE)
    with pytest.raises(DataFileError, match="missing PLOVER event types: AID"):
        Ontology.load(tmp_path)


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        Ontology.load(tmp_path)


# --- families ----------------------------------------------------------------------------


def test_codes_inherit_the_families_of_the_codes_above_them() -> None:
    onto = Ontology.load()
    assert onto.in_family("1823", "violent") and onto.in_family("18", "violent")
    assert onto.in_family("173", "arrest") and onto.in_family("173", "coercion")
    assert not onto.in_family("172", "arrest")
    assert not onto.in_family("042", "meeting") and onto.family_codes("visit") == ["042"]
    with pytest.raises(KeyError, match="unknown CAMEO family"):
        onto.in_family("190", "violence")


def test_an_unknown_family_is_reported_on_its_line(tmp_path: Path) -> None:
    body = CAMEO_HEADER.replace("\n", "\tfamilies\n") + "190\tUse conventional military force\t-10\t4\tASSAULT\t\t\tviolent|warlike\n"
    directory = _ontology_dir(tmp_path, body)
    with pytest.raises(DataFileError, match="unknown family warlike") as caught:
        Ontology.load(directory)
    assert caught.value.line == 2
