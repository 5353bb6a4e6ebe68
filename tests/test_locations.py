"""Event locations from the offline gazetteer, tied to the event through the parse."""

import pytest


def location_of(code, text, root=None, date="2024-03-01"):
    events = code(text, date=date)
    if root is not None:
        events = [e for e in events if e["cameo"]["root"] == root]
    assert events, f"no event in {text!r}"
    return events[0]["location"]


def test_place_tied_to_the_trigger(code):
    loc = location_of(code, "Pakistan and Iran held talks in Srinagar on Monday.", "04")
    assert (loc["text"], loc["country"], loc["admin1"], loc["precision"]) == ("Srinagar", "IND", "IN-JK", "city")
    assert loc["lat"] and loc["lon"] and "tied to" in loc["reason"]


def test_place_inside_a_circumstance(code):
    loc = location_of(code, "Ministers of Chile and Peru met on the sidelines of the summit in New York.", "04")
    assert (loc["country"], loc["admin1"]) == ("USA", "US-NY")


def test_a_capital_that_acts_is_not_the_location(code):
    events = code("Islamabad condemned the attack.", date="2024-03-01")
    assert events and all(e["location"] is None or e["location"]["text"] != "Islamabad" for e in events)


@pytest.mark.parametrize(
    "surface, admin1, country",
    [
        ("IIOJK", "IN-JK", "IND"),
        ("Azad Jammu and Kashmir", "PK-JK", "PAK"),
        ("Gilgit-Baltistan", "PK-GB", "PAK"),
        ("Crimea", "UA-43", "UKR"),
    ],
)
def test_contested_names_keep_the_surface_text(code, surface, admin1, country):
    loc = location_of(code, f"Troops clashed with protesters in {surface} on Monday.", "19")
    assert loc["text"] == surface
    assert loc["country"] == country and admin1 in loc["admin1"].split(";")
    assert loc["disputed"] and loc["claimants"] and loc["neutral"]


def test_the_place_acted_on_is_where_it_happened(code):
    loc = location_of(code, "Russian forces shelled Kharkiv overnight.", "19")
    assert (loc["text"], loc["country"]) == ("Kharkiv", "UKR")


def test_dateline_is_the_fallback(code):
    loc = location_of(code, "NAIROBI, May 3 — Police arrested 14 protesters on Friday.", "17")
    assert loc["country"] == "KEN" and "dateline" in loc["reason"]


def test_meeting_in_one_partys_country_is_a_visit(code):
    events = code("The foreign ministers of Iran and Pakistan met in Tehran on Tuesday.", date="2024-09-18")
    visit = [e for e in events if e["cameo"]["code"] == "042"]
    assert visit and [a["code"] for a in visit[0]["source"]] == ["PAK"] and [a["code"] for a in visit[0]["target"]] == ["IRN"]


def test_an_organisations_meeting_in_a_city_is_hosted_by_that_country(code):
    events = code("The African Union summit, held in Addis Ababa on 5 February, drew forty leaders.", date="2024-02-10")
    meeting = [e for e in events if e["cameo"]["root"] == "04"]
    assert meeting and meeting[0]["source"][0]["org"] == "AU"
    assert meeting[0]["target"][0]["code"] == "ETH" and meeting[0]["target"][0]["implicit"]
    assert meeting[0]["date"] == "2024-02-05" and meeting[0]["location"]["country"] == "ETH"
