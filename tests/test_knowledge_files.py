import pytest

from eventcoder.errors import DataFileError
from eventcoder.knowledge.files import Knowledge
from eventcoder.knowledge.ontology import Ontology


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def write(base, folder, name, text):
    (base / folder).mkdir(parents=True, exist_ok=True)
    path = base / folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_knowledge_loads_and_is_broad(ontology):
    knowledge = Knowledge.load(ontology)
    assert len(knowledge.patterns) >= 500
    assert len(knowledge.agents) >= 500
    kinds = {a.kind for a in knowledge.actors}
    assert {"country", "demonym", "capital", "igo", "ngo", "group", "people"} <= kinds
    assert knowledge.discards


@pytest.mark.parametrize(
    "folder, text, message",
    # each file starts with a comment line, so the header is line 2 and the first row line 3
    [
        ("actors", "text\tkind\tcode\tsector\torg\tname\tnote\nAtlantis\tcountry\tATL\n", "not an ISO 3166-1 alpha-3"),
        ("actors", "text\tkind\tcode\tsector\torg\tname\tnote\nFoo Org\tigo\tIGO\n", "needs an org acronym"),
        ("actors", "text\tkind\nFoo\tcountry\n", "header must be"),
        ("agents", "text\tsector\tnote\nwarlord\tWARLORD\n", "not a known sector"),
        ("lexicon", "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\nembrace\tVERB\t999\n", "unknown CAMEO code"),
        ("lexicon", "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\nembrace\tADJ\t051\n", "pos must be VERB or NOUN"),
        ("lexicon", "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\nembrace\tVERB\t051\t\tbehind\n", "unknown role"),
        ("discards", "kind\tcue\tnote\nfashion\trunway\n", "is not one of"),
        ("actors", "text\tkind\tcode\tsector\torg\tname\tnote\tfrom\tto\nHigh Council\tbody\tFRA\tJUD\t\t\t\t2019-13\n", "is not YYYY"),
        ("lexicon", "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\nadd up\tVERB\t-\n", "declares that one head word"),
        ("lexicon", "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\trequires\nbeat\tVERB\t182\t\t\t\t\tsport\n", "not one of"),
        ("actors", "text\tkind\tcode\tsector\torg\tname\tnote\tfrom\tto\nHigh Council\tbody\t\tJUD\n", "needs the code of its country"),
        ("actors", "text\tkind\tcode\tsector\torg\tname\tnote\tfrom\tto\nHigh Council\tbody\tFRA\t\n", "needs a sector"),
        ("actors", "text\tkind\tcode\tsector\torg\tname\tnote\tfrom\nHigh Council\tbody\tFRA\tJUD\t\t\t\t2019\t2020\n", "9 cells"),
    ],
)
def test_a_mistake_is_reported_with_file_and_line(tmp_path, ontology, folder, text, message):
    path = write(tmp_path, folder, "mine.tsv", "# my file\n" + text)
    with pytest.raises(DataFileError) as error:
        Knowledge.load(ontology, [tmp_path])
    assert error.value.path == str(path)
    expected_line = 2 if "header" in message else 3
    assert error.value.line == expected_line
    assert message in str(error.value)
    assert str(error.value).startswith(f"{path}:{error.value.line}: ")


def test_user_files_add_to_the_builtin_ones(tmp_path, ontology):
    write(tmp_path, "actors", "mine.tsv", "text\tkind\tcode\tsector\torg\tname\tnote\nNorthern Water Authority\tigo\tIGO\t\tNWA\t\t\n")
    write(tmp_path, "lexicon", "mine.tsv", "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\nembrace\tVERB\t051\t\t\t\t\n")
    builtin = Knowledge.load(ontology)
    extended = Knowledge.load(ontology, [tmp_path])
    assert len(extended.actors) == len(builtin.actors) + 1
    assert len(extended.patterns) == len(builtin.patterns) + 1
    assert extended.fingerprint() != builtin.fingerprint()


def test_missing_user_directory_is_an_error(tmp_path, ontology):
    with pytest.raises(DataFileError, match="not found"):
        Knowledge.load(ontology, [tmp_path / "nowhere"])


def test_actor_rows_may_carry_the_dates_a_name_holds(tmp_path, ontology):
    write(tmp_path, "actors", "dated.tsv",
          "text\tkind\tcode\tsector\torg\tname\tnote\tfrom\tto\n"
          "Northern Guard\tbody\tFIN\tMIL\tNG\tNorthern Guard\trenamed later\t1995\t2012-06\n")
    entry = next(a for a in Knowledge.load(ontology, [tmp_path]).actors if a.text == "Northern Guard")
    assert (entry.kind, entry.code, entry.sector, entry.start, entry.end) == ("body", "FIN", "MIL", "1995", "2012-06")
    assert entry.valid_on("2012-06-30") and entry.valid_on(None) and not entry.valid_on("2012-07-01") and not entry.valid_on("1994-12-31")


def test_a_head_can_be_declared_to_have_no_default(tmp_path, ontology):
    from eventcoder.cli.lexicon import heads_without_default

    write(tmp_path, "lexicon", "mine.tsv", "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\n"
          "tally up\tVERB\t051\n" "muster troop\tVERB\t152\n" "tally\tVERB\t-\t\t\t\tgeneric: only 'tally up' codes\n")
    knowledge = Knowledge.load(ontology, [tmp_path])
    assert ("tally", "VERB") in knowledge.no_default
    missing = heads_without_default(knowledge.patterns, knowledge.no_default)
    assert "muster/verb" in missing and "tally/verb" not in missing
