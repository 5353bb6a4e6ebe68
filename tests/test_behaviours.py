"""Event behaviours: discards of each kind, negation, modality, refusals, confidence."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan beat India by five wickets in the final on Sunday.",  # sport
        "The central bank launched an attack on inflation, raising rates again.",  # figurative
        "Shares in the carmaker fell after quarterly earnings disappointed investors.",  # business
        "A cyclone battered the coast of Bangladesh, killing two people.",  # weather
        "In 1999 the two countries fought a war over the Kargil heights.",  # history
    ],
)
def test_discarded_contexts_give_no_event(code, coder, text):
    assert code(text) == []
    analysis = coder.analyse(text, date="2024-01-01")
    verdicts = [c.verdict for s in analysis.sentences for c in s.candidates]
    assert all(v.startswith("discarded") for v in verdicts)


def test_no_talks_is_negated(code):
    events = code("No talks were held between Armenia and Azerbaijan.")
    assert events and all(e["negated"] for e in events)


def test_plans_and_conditions_are_hypothetical(code):
    assert all(e["hypothetical"] for e in code("Japan plans to impose sanctions on North Korea."))
    threat = code("Iran threatened to close the strait if the US imposed sanctions.")
    assert threat and threat[0]["cameo"]["root"] == "13"


def test_declined_to_join_is_a_rejection(code):
    events = code("Hungary declined to join the coalition against Russia.")
    assert [e["cameo"]["root"] for e in events] == ["12"]


def test_confidence_is_higher_for_named_actors_than_for_guesses(code):
    named = code("Ghana condemned Togo.")[0]
    guessed = code("Officials condemned the decision.")
    assert not guessed or named["confidence"] > guessed[0]["confidence"]


def test_unknown_actors_can_be_dropped(coder):
    from eventcoder.coder import Coder
    from eventcoder.events import EventSettings

    text = "Zorblat Quennington criticised Vargas Llorente."
    assert coder.code(text, date="2024-01-01")
    strict = Coder(settings=EventSettings(keep_unknown_actors=False))
    assert strict.code(text, date="2024-01-01") == []


def test_negated_events_can_be_dropped():
    from eventcoder.coder import Coder
    from eventcoder.events import EventSettings

    strict = Coder(settings=EventSettings(keep_negated=False))
    assert strict.code("Turkey did not attack the Kurdish positions.", date="2024-01-02") == []


def test_an_announced_cooperative_act_is_an_intent(code):
    events = code("The government of Ghana said it would release the detained fishermen.")
    assert [e["cameo"]["code"] for e in events] == ["0353"]
    assert not events[0]["hypothetical"]


def test_what_is_ordered_is_the_act_of_the_one_who_ordered_it(code):
    events = code("Nigeria's president ordered troops to step up patrols in Borno.")
    assert events and events[0]["cameo"]["root"] == "15"
    assert (events[0]["source"][0]["code"], events[0]["source"][0]["sector"]) == ("NGA", "GOV")


def test_each_blamed_the_other_is_reciprocal(code):
    events = code("Sudan and South Sudan each blamed the other for the violence.")
    assert events and {a["code"] for a in events[0]["target"]} == {"SDN", "SSD"}
