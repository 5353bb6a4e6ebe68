"""Actor resolution rules, on people and bodies of our own invention (a dictionary directory
written for these tests): roles by date, former officeholders, surnames, names with particles,
readings of a name by date, and the sector of an organisation's members."""

import pytest

from eventcoder.coder import Coder

PEOPLE = """name\taliases\trole\tcode\tsector\torg\tfrom\tto\tnote
Marta Quellwood\t\tfinance minister\tFIN\tGOV\t\t2015-05-01\t2019-06-30\t
Marta Quellwood\t\tleader of the Progress Alliance\tFIN\tPTY\t\t2018-01-01\t\t
Marta Quellwood\t\tleader of the opposition\tFIN\tOPP\t\t2020-01-01\t\t
Jin Hae-won\t\tunification minister\tKOR\tGOV\t\t2021-01-01\t2023-12-31\t
Karim al-Zubaydi\t\toil minister\tIRQ\tGOV\t\t2019-01-01\t\t
Piet van der Hoek\t\tdefence minister\tNLD\tGOV\t\t2020-01-01\t\t
Anna Brisby\t\tinterior minister\tSWE\tGOV\t\t2020-01-01\t\t
Tom Brisby\t\tmayor of Lund\tSWE\tGOV\t\t2020-01-01\t\t
"""
ACTORS = """text\tkind\tcode\tsector\torg\tname\tnote\tfrom\tto
Vesi Guard\tbody\tFIN\tMIL\tVG\tVesi Guard\ta state force until it rebelled\t\t2012-12-31
Vesi Guard\tgroup\tFIN\tREB\tVG\tVesi Guard\tan armed group from 2013\t2013-01-01\t
Progress Alliance\tgroup\tFIN\tPTY\tPA\tProgress Alliance\t\t\t
"""


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    base = tmp_path_factory.mktemp("dictionaries")
    (base / "people").mkdir()
    (base / "people" / "invented.tsv").write_text(PEOPLE, encoding="utf-8")
    (base / "actors").mkdir()
    (base / "actors" / "invented.tsv").write_text(ACTORS, encoding="utf-8")
    return Coder(dictionaries=[base])


def actor(coder, text, words, date):
    start = text.index(words)
    found = [a for a in coder.actor_mentions(text, date=date) if a.start < start + len(words) and start < a.end]
    assert found, f"no actor at {words!r}"
    return found[0].code, found[0].sector


def test_the_role_held_on_the_date_wins(invented):
    text = "Marta Quellwood criticised the budget in Helsinki."
    assert actor(invented, text, "Marta Quellwood", "2016-03-01") == ("FIN", "GOV")


def test_of_several_roles_held_at_once_the_office_comes_first(invented):
    # party leader and leader of the opposition at once: she acts as the opposition's leader
    assert actor(invented, "Marta Quellwood criticised the budget.", "Marta Quellwood", "2021-03-01") == ("FIN", "OPP")


def test_a_person_out_of_office_is_an_elite_of_their_country(invented):
    assert actor(invented, "Jin Hae-won criticised the talks.", "Jin Hae-won", "2025-02-01") == ("KOR", "ELI")


def test_called_former_is_an_elite(invented):
    text = "Former oil minister Karim al-Zubaydi criticised the deal."
    assert actor(invented, text, "Karim al-Zubaydi", "2024-02-01") == ("IRQ", "ELI")
    assert actor(invented, "Karim al-Zubaydi criticised the deal.", "Karim al-Zubaydi", "2024-02-01") == ("IRQ", "GOV")


def test_names_with_particles_and_hyphens_match_the_files(invented):
    assert actor(invented, "Piet van der Hoek visited the base.", "Piet van der Hoek", "2022-01-01") == ("NLD", "GOV")
    assert actor(invented, "Jin Hae-won visited the border.", "Jin Hae-won", "2022-01-01") == ("KOR", "GOV")


def test_a_surname_unique_in_the_files_is_that_person_on_the_date(invented):
    assert actor(invented, "Quellwood said the budget was a disgrace.", "Quellwood", "2016-03-01") == ("FIN", "GOV")
    # family name first for a Korean name
    assert actor(invented, "Jin said the talks would resume.", "Jin", "2022-06-01") == ("KOR", "GOV")


def test_a_surname_two_people_share_is_left_alone(invented):
    found = [a for a in invented.actor_mentions("Brisby said the police would act.", date="2022-01-01") if a.text == "Brisby"]
    assert all(a.code is None for a in found)


def test_a_name_reads_as_the_body_it_named_on_the_date(invented):
    text = "The Vesi Guard attacked a convoy near the border."
    assert actor(invented, text, "Vesi Guard", "2010-05-01") == ("FIN", "MIL")
    assert actor(invented, text, "Vesi Guard", "2016-05-01") == ("FIN", "REB")


def test_members_of_a_named_party_act_for_it(invented, coder):
    assert actor(invented, "Progress Alliance leaders met in Turku.", "Progress Alliance leaders", "2022-01-01") == ("FIN", "PTY")
    # an international organisation's office keeps the office's own sector
    assert actor(coder, "A United Nations court ruled on the case.", "United Nations court", "2022-01-01") == ("IGO", "JUD")
