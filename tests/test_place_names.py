"""Place names over a sentence's tokens: particles and hyphens inside names, calendar words,
demonyms and generic words never places on their own, minor places only where the context
supports them, ranking by the countries in play, landmarks."""

from __future__ import annotations

import pytest

from eventcoder.knowledge.gazetteer import Gazetteer
from eventcoder.pipeline.places import MINOR_POPULATION, PlaceLexicon


@pytest.fixture(scope="module")
def lexicon(coder) -> PlaceLexicon:
    return coder.place_lexicon


@pytest.fixture(scope="module")
def places(coder, lexicon):
    """(text, place name, country) of the places found in a sentence, parsed with entities."""

    def run(sentence: str, in_play: tuple[str, ...] = (), entities: bool = True) -> list[tuple[str, str, str | None]]:
        doc = coder.nlp(sentence) if entities else coder.nlp(sentence, disable=["ner"])
        return [(m.text, m.place.name, m.place.country) for m in lexicon.mentions(doc, list(in_play))]

    return run


def texts(found) -> list[str]:
    return [text for text, _, _ in found]


# --- particles and hyphens ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Government troops shelled the town of Jisr ash-Shughur overnight.", "Jisr ash-Shughur"),
        ("Air strikes hit a market in Ma'arrat al-Numan on Monday.", "Ma'arrat al-Numan"),
        ("Air strikes hit a market in Maarat al-Numan on Monday.", "Maarat al-Numan"),
        ("Fighting went on in Deir ez-Zor for a third week.", "Deir ez-Zor"),
        ("Fighting went on in Deir Ezzor for a third week.", "Deir Ezzor"),
        ("Turkish-backed fighters entered al-Bab after a long siege.", "al-Bab"),
        ("Shops reopened in Dar es Salaam after the storm.", "Dar es Salaam"),
    ],
)
def test_particles_and_hyphens_stay_inside_the_name(places, sentence, name):
    found = places(sentence)
    assert name in texts(found), found


def test_a_name_with_a_particle_resolves_like_its_gazetteer_spelling(places):
    (_, first, country), = places("Rebels advanced in Jisr al-Shughour on Monday.", ("SYR",))
    (_, second, _), = places("Rebels advanced in Jisr ash-Shughur on Monday.", ("SYR",))
    assert first == second and country == "SYR"


def test_a_longer_name_that_fails_gives_way_to_the_name_inside(places):
    assert "Jerusalem" in texts(places("Police patrolled east Jerusalem through the night."))


# --- calendar words ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Hundreds marched in Kirkuk Tuesday to demand new elections.", "Kirkuk"),
        ("A car bomb exploded in Mosul Dec. 12, police said.", "Mosul"),
        ("Protesters gathered in Basra Wednesday morning.", "Basra"),
        ("Talks resumed in Geneva Sept. 4 after a pause.", "Geneva"),
    ],
)
def test_a_weekday_or_month_after_a_place_is_not_glued_into_it(places, sentence, name):
    assert name in texts(places(sentence))


@pytest.mark.parametrize("word", ["Dec.", "Jan.", "Sept.", "Tues.", "May", "March", "Sunday", "Aug."])
def test_calendar_words_are_never_places(places, word):
    found = texts(places(f"Fighting resumed on {word} 3 near the border."))
    assert all(text.rstrip(".") != word.rstrip(".") for text in found), found


# --- demonyms and generic words ----------------------------------------------------------------

@pytest.mark.parametrize("word", ["Syrian", "Iraqi", "Afghan", "Lebanese", "Yemeni", "Somali", "Palestinian", "Turkish"])
def test_a_demonym_alone_is_not_a_place(places, word):
    assert word not in texts(places(f"The {word} said in a statement that talks would go on."))
    assert word not in texts(places(f"A {word} was arrested in the capital."))


@pytest.mark.parametrize("word", ["Airport", "Camp", "Base", "Crossing", "Border", "Square"])
def test_a_generic_word_alone_is_not_a_place(places, word):
    assert word not in texts(places(f"Soldiers guarded the {word} all night, the {word} said."))


def test_generic_words_still_close_a_landmark_name(places):
    assert "Bagram Air Base" in texts(places("A rocket landed near Bagram Air Base on Friday."))


# --- minor places need context -----------------------------------------------------------------

@pytest.fixture(scope="module")
def minor_town(coder) -> str:
    """A town of Syria below MINOR_POPULATION with a name no larger place shares."""
    gaz: Gazetteer = coder.gazetteer
    for name in ("Tadmur", "Saraqib", "Jarabulus", "Tall Rifat", "Kafr Nubl"):
        if 0 <= gaz.prominence(name) < MINOR_POPULATION:
            return name
    pytest.skip("no minor Syrian town of the list in this gazetteer")


def test_a_minor_place_after_a_locative_preposition_is_found(places, minor_town):
    assert minor_town in texts(places(f"Clashes broke out in {minor_town} overnight."))
    assert minor_town in texts(places(f"Shelling hit the town of {minor_town} overnight."))
    assert minor_town in texts(places(f"Shelling hit {minor_town} district overnight."))


def test_a_minor_place_narrowed_by_a_known_place_is_found(places, minor_town):
    assert minor_town in texts(places(f"Activists said {minor_town}, Idlib, was shelled.", ("SYR",)))


def test_a_minor_place_without_support_is_found_only_with_its_country_in_play(places, minor_town):
    # (without entity labels: the recogniser's PERSON or ORG on the name would veto it)
    sentence = f"Residents said {minor_town} has been quiet since the truce."
    assert minor_town not in texts(places(sentence, entities=False))
    assert minor_town in texts(places(sentence, ("SYR",), entities=False))


def test_country_in_play_alone_does_not_make_a_place_of_a_small_towns_other_name(places, coder):
    # "Hall" is another name of a German town of some 40,000 (Schwaebisch Hall), not its own
    assert not coder.gazetteer.own_name("Hall")
    assert "Hall" not in texts(places("Friends said Hall had gone to Syria in 2016.", ("DEU",), entities=False))


def test_a_list_shares_its_support(places, coder):
    found = texts(places("Barrel bombs fell on the towns of Daraya, Harasta and Douma."))
    assert {"Daraya", "Harasta", "Douma"} <= set(found), found


def test_a_place_name_inside_a_persons_name_is_not_a_place(coder, lexicon):
    # "Hama" and "Homs" are cities; here they are parts of a person's name
    doc = coder.nlp("Hassan Hama Homs spoke to reporters in Beirut.")
    found = [m.text for m in lexicon.mentions(doc, ["SYR"])]
    if any(e.label_ == "PERSON" and e.text.startswith("Hassan") and len(e) > 1 for e in doc.ents):
        assert "Hama" not in found and "Homs" not in found
    assert "Beirut" in found


def test_a_person_the_sentence_does_not_place_is_not_a_minor_place(places, coder):
    # "Omar" names small towns; "met Omar in Kabul" is a person, not a place narrowed by Kabul
    assert 0 <= coder.gazetteer.prominence("Omar") < MINOR_POPULATION
    found = texts(places("The envoy met Omar in Kabul on Monday.", ("AFG",)))
    assert "Omar" not in found and "Kabul" in found


def test_only_sure_names_count_as_name_tokens(coder, lexicon, minor_town):
    doc = coder.nlp.make_doc(f"{minor_town} has been quiet since the truce.")
    assert lexicon.name_tokens(doc) == set()
    doc = coder.nlp.make_doc(f"Clashes broke out in {minor_town} overnight.")
    assert lexicon.name_tokens(doc) == {4}


# --- ranking among same-name candidates ---------------------------------------------------------

def test_the_country_in_play_decides_among_same_name_places(places):
    (_, _, default), = places("Shells fell on Tripoli overnight.")
    (_, _, lebanon), = places("Shells fell on Tripoli overnight.", ("LBN",))
    assert default == "LBY" and lebanon == "LBN"


def test_population_decides_when_no_country_is_in_play(coder):
    gaz = coder.gazetteer
    place, reason = gaz.resolve("Hyderabad")
    assert place.country == "IND" and reason == "largest population"


# --- landmarks ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, landmark, country, admin1",
    [
        ("Two rockets hit Baghdad International Airport on Sunday.", "Baghdad International Airport", "IRQ", "IQ-BG"),
        ("Aid trucks queued at the Rafah crossing for days.", "Rafah crossing", "PSE", None),
        ("Thousands live in the Zaatari refugee camp.", "Zaatari refugee camp", "JOR", "JO-MA"),
        ("Shelling hit the Jobar district of Damascus.", "Jobar", "SYR", "SY-DI"),
        ("The regime bombed Eastern Ghouta again.", "Eastern Ghouta", "SYR", "SY-RD"),
        ("Protesters returned to Tahrir Square.", "Tahrir Square", "EGY", "EG-C"),
    ],
)
def test_landmarks_stand_for_their_place(coder, lexicon, sentence, landmark, country, admin1):
    doc = coder.nlp(sentence)
    found = {m.text: m for m in lexicon.mentions(doc, [])}
    assert landmark in found, list(found)
    place = found[landmark].place
    assert place.country == country and place.landmark and place.within
    if admin1:
        assert place.admin1 == admin1
    assert found[landmark].reason.startswith("landmark")


def test_a_landmark_named_in_two_countries_follows_the_country_in_play(coder):
    place, _ = coder.gazetteer.resolve("Tahrir Square", countries_in_play=["IRQ"])
    assert (place.country, place.within) == ("IRQ", "Baghdad")
    place, _ = coder.gazetteer.resolve("Tahrir Square")
    assert place.country == "EGY"


def test_country_in_play_alone_does_not_make_a_place_of_a_tiny_towns_name(places, coder):
    from eventcoder.pipeline.places import ALONE_POPULATION

    # "Olivia" is a Minnesota town of some 2,000: in a US story the name is still a person's
    assert 0 < coder.gazetteer.prominence("Olivia") < ALONE_POPULATION
    assert "Olivia" not in texts(places("The prize went to his daughter, Olivia, last spring.", ("USA",), entities=False))
    assert "Olivia" in texts(places("He grew up in Olivia and studied law.", ("USA",), entities=False))


def test_a_known_place_before_a_comma_lends_no_support_to_the_next_clause(places, minor_town):
    sentence = f"The plan was aimed at a pullout from Syria, {minor_town} said on Monday."
    assert minor_town not in texts(places(sentence, entities=False))
