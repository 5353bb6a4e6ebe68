"""Who did it to whom, one construction per test, on sentences of our own: role frames by
event family, light verbs carrying noun triggers, control and purpose, coordination,
implicit agents and orders."""

import pytest

DATE = "2024-05-08"


def event(code, text, word):
    found = [e for e in code(text, date=DATE) if word in e["trigger"]["text"]]
    assert found, f"no event at {word!r} in {text!r}"
    return found[0]


def actors(group):
    return [(a["code"], a["sector"]) for a in group]


def texts(group):
    return [a["text"] for a in group]


# -- targets behind prepositions the row does not list (frames by family) ------------------


def test_a_meeting_with_someone_is_aimed_at_them(code):
    found = event(code, "Japan's prime minister met with the visiting Chilean foreign minister in Tokyo.", "met")
    assert actors(found["target"]) == [("CHL", "GOV")]


def test_talks_with_someone(code):
    found = event(code, "Iranian officials held talks with Austrian diplomats in Vienna.", "talks")
    assert actors(found["source"]) == [("IRN", "GOV")] and actors(found["target"]) == [("AUT", "GOV")]


def test_an_offer_to_mediate_between_two_parties_is_aimed_at_both(code):
    found = event(code, "Qatar offered to mediate between Armenia and Azerbaijan.", "mediate")
    assert [a["code"] for a in found["target"]] == ["ARM", "AZE"]


def test_refusing_to_admit_someone_is_aimed_at_them(code):
    found = event(code, "Iran refused to admit a UN inspection team.", "refused")
    assert found["cameo"]["root"] == "12" and [a["code"] for a in found["target"]] == ["IGO"]


# -- light verbs: the verb's subject is the noun's source, its prepositions the noun's ----------


@pytest.mark.parametrize(
    ("text", "word", "source", "target"),
    [
        ("Moscow launched an offensive against Kharkiv on Monday.", "offensive", "RUS", "UKR"),
        ("Kenyan farmers staged a sit-in outside the parliament in Nairobi.", "sit", "KEN", "KEN"),
        ("The United States imposed tariffs on Chinese steel.", "tariffs", "USA", "CHN"),
        ("Israeli troops carried out raids in Jenin.", "raids", "ISR", "PSE"),
        ("The Malian army conducted air strikes on rebel positions in Kidal.", "strikes", "MLI", "MLI"),
        ("Rebels mounted an attack on a Malian military base.", "attack", "MLI", "MLI"),
        ("China issued a warning to the Philippines.", "warning", "CHN", "PHL"),
        ("Mexico lodged a protest with Guatemala over the border incident.", "protest", "MEX", "GTM"),
        ("The EU imposed new sanctions on Russia.", "sanctions", "IGO", "RUS"),
        ("Government troops engaged rebel fighters in a gun battle near Goma.", "engaged", "COD", "COD"),
    ],
)
def test_a_light_verb_carries_its_noun(code, text, word, source, target):
    found = event(code, text, word)
    assert found["source"] and found["source"][0]["code"] == source
    assert found["target"] and found["target"][0]["code"] == target


def test_held_talks_and_signed_agreements_are_reciprocal(code):
    found = event(code, "Ethiopia and Eritrea signed a peace agreement in Jeddah.", "signed")
    assert [a["code"] for a in found["source"]] == ["ETH", "ERI"]


# -- control and purpose -----------------------------------------------------------------------


def test_the_one_a_purpose_clause_acts_on_is_the_target(code):
    found = event(code, "Kenyan police fired tear gas to disperse the protesters in Nairobi.", "fired")
    assert texts(found["target"]) == ["protesters"]


def test_agreeing_to_meet_is_the_agreeing_parties(code):
    found = event(code, "Serbia and Kosovo agreed to meet in Brussels.", "agreed")
    assert [a["code"] for a in found["source"]] == ["SRB", "XKX"]


def test_a_threat_to_retaliate_against_someone(code):
    found = event(code, "Turkey threatened to retaliate against Syria.", "threatened")
    assert actors(found["source"]) == [("TUR", "GOV")] and actors(found["target"]) == [("SYR", "GOV")]


# -- coordination: every member its own span ---------------------------------------------------


def test_coordinated_demonyms_before_one_agent_are_two_actors(code):
    found = event(code, "Kenyan and Ugandan officials agreed to reopen the border.", "agreed")
    assert [(a["code"], a["text"]) for a in found["source"]] == [("KEN", "Kenyan"), ("UGA", "Ugandan")]


def test_a_list_of_subjects(code):
    found = event(code, "Egypt, Jordan and Qatar condemned the raid.", "condemned")
    assert [a["code"] for a in found["source"]] == ["EGY", "JOR", "QAT"]


def test_a_hyphenated_pair_before_a_noun_is_both_parties(code):
    found = event(code, "US-China talks resumed in Geneva on Monday.", "talks")
    assert [a["code"] for a in found["source"]] == ["USA", "CHN"]


def test_coordinated_objects_are_each_a_target(code):
    found = event(code, "Pakistan condemned India and Afghanistan on Monday.", "condemned")
    assert [a["code"] for a in found["target"]] == ["IND", "AFG"]


# -- implicit agents ------------------------------------------------------------------------------


def test_an_agentless_killing_in_a_blast_is_kept_with_unidentified_attackers(code):
    found = event(code, "Three soldiers were killed in a roadside blast in Kandahar.", "blast")
    assert found["source"][0]["implicit"] and found["source"][0]["sector"] == "UAF"
    assert texts(found["target"]) == ["Three soldiers"]


def test_an_agentless_detention_is_the_polices(code):
    found = event(code, "An opposition leader was detained in Harare.", "detained")
    assert found["source"][0]["implicit"] and actors(found["source"]) == [("ZWE", "COP")]


def test_a_country_named_before_an_act_of_force_is_its_forces(code):
    found = event(code, "Two villagers were killed in Turkish shelling near the border.", "shelling")
    assert found["source"][0]["implicit"] and actors(found["source"]) == [("TUR", "MIL")]
    assert found["source"][0]["text"] not in "Two villagers were killed in Turkish shelling near the border."


def test_a_killing_in_an_attack_gives_the_attack_its_agent_and_victims(code):
    events = code("Gunmen killed five villagers in an ambush in Zamfara state.", date=DATE)
    assert [e["trigger"]["text"] for e in events] == ["ambush"]  # the attack is the event
    assert texts(events[0]["source"]) == ["Gunmen"] and texts(events[0]["target"]) == ["five villagers"]


# -- orders ---------------------------------------------------------------------------------------


def test_an_order_is_the_givers_demand_and_the_ordered_act_not_theirs(code):
    events = code("The tribunal ordered the army to free the detainees.", date=DATE)
    assert [e["cameo"]["root"] for e in events] == ["10"]
    assert texts(events[0]["target"]) == ["army"]
