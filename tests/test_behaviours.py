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
    from eventcoder.pipeline.events.frame import EventSettings

    text = "Zorblat Quennington criticised Vargas Llorente."
    assert coder.code(text, date="2024-01-01")
    strict = Coder(settings=EventSettings(keep_unknown_actors=False))
    assert strict.code(text, date="2024-01-01") == []


def test_negated_events_can_be_dropped():
    from eventcoder.coder import Coder
    from eventcoder.pipeline.events.frame import EventSettings

    strict = Coder(settings=EventSettings(keep_negated=False))
    assert strict.code("Turkey did not attack the Kurdish positions.", date="2024-01-02") == []


def test_an_announced_cooperative_act_is_an_intent(code):
    events = code("The government of Ghana said it would release the detained fishermen.")
    assert [e["cameo"]["code"] for e in events] == ["0353"]
    assert not events[0]["hypothetical"]


def test_an_order_is_its_givers_demand_of_the_one_ordered_not_the_ordered_act(code):
    events = code("Nigeria's president ordered troops to step up patrols in Borno.")
    assert [e["cameo"]["root"] for e in events] == ["10"]
    assert (events[0]["source"][0]["code"], events[0]["source"][0]["sector"]) == ("NGA", "GOV")
    assert [a["text"] for a in events[0]["target"]] == ["troops"]
    released = code("The tribunal ordered the army to free the detainees.")
    assert [e["cameo"]["root"] for e in released] == ["10"]  # no release coded as the tribunal's


def test_each_blamed_the_other_is_reciprocal(code):
    events = code("Sudan and South Sudan each blamed the other for the violence.")
    assert events and {a["code"] for a in events[0]["target"]} == {"SDN", "SSD"}


def codes(events):
    return [e["cameo"]["code"] for e in events]


def test_an_object_gap_relative_clause_keeps_its_trigger_word(code):
    events = code("Pakistan dismissed the strong protest that India lodged over the elections.")
    lodged = [e for e in events if e["cameo"]["code"] == "114"]
    assert lodged and lodged[0]["source"][0]["code"] == "IND"


def test_a_fronted_accusation_is_not_the_complement_of_the_denial(code):
    events = code("Serbia accused Kosovo on Monday of expelling ethnic Serb officials, an accusation Pristina denied.")
    assert any(e["cameo"]["root"] == "11" and e["source"][0]["code"] == "SRB" for e in events)


def test_a_go_between_acts_on_the_parties_of_what_it_mediated(code):
    events = code("Armenia and Azerbaijan exchanged prisoners on Friday in a swap mediated by Qatar.")
    mediation = [e for e in events if e["cameo"]["code"] == "045"]
    assert mediation and mediation[0]["source"][0]["code"] == "QAT"
    assert {a["code"] for a in mediation[0]["target"]} == {"ARM", "AZE"}


def test_force_an_actor_says_it_will_use_is_a_threat(code):
    assert [e["cameo"]["root"] for e in code("The army chief said his troops would retake the town from the rebels.")] == ["13"]
    # an attempt is the act itself, and an announced charge is the legal process
    assert [e["cameo"]["root"] for e in code("Rebels tried to seize the airport on Monday.")] == ["19"]
    assert [e["cameo"]["root"] for e in code("Police said the suspects would be charged with arson.")] == ["17"]


def test_a_judgement_in_a_bare_said_clause_is_the_speakers_criticism(code):
    events = code("France said the decision was unacceptable and urged Mali to reverse it.")
    assert sorted(e["cameo"]["root"] for e in events) == ["02", "11"]
    assert all(e["source"][0]["code"] == "FRA" for e in events)


def test_a_coordinated_clause_with_its_own_subject_is_not_a_complement(code):
    events = code("Police said thousands of students marched in the capital, and 40 were arrested after clashes.")
    assert "17" in [e["cameo"]["root"] for e in events]


def test_participles_of_lasting_states_and_past_deaths_are_not_events(code):
    assert [e["cameo"]["root"] for e in code("India condemned the polls in the territory illegally occupied by Pakistan.")] == ["11"]
    events = code("Police detained two men on Sunday for organising a vigil for villagers killed in the civil war.")
    assert [e["cameo"]["root"] for e in events] == ["17"]


def test_a_state_named_as_origin_makes_a_participle_an_act(code):
    events = code("Guatemala said on Monday it had received 500 migrants deported from the United States over the past month.")
    assert "17" in [e["cameo"]["root"] for e in events]


def test_conjoined_verbs_sharing_one_object_are_one_act(code):
    assert codes(code("Cuba pardoned and released 30 prisoners on Friday.")) == ["0841"]
    events = code("Two police officers were killed and four wounded when their patrol was ambushed on Sunday.")
    assert "18" not in [e["cameo"]["root"] for e in events]
    # a second clause with its own subject stays an act of its own
    events = code("Hezbollah fired rockets at an army post, and the Israeli military responded with artillery fire.")
    assert len(events) == 2


def test_a_killing_in_a_named_attack_is_that_attack(code):
    assert codes(code("Gunmen killed 30 villagers in a massacre in Zamfara state on Sunday.")) == ["202"]


def test_the_charge_behind_an_arrest_is_not_an_event(code):
    events = code("Police in Uganda arrested 20 opposition supporters for allegedly violating public order rules.")
    assert [e["cameo"]["root"] for e in events] == ["17"]
    events = code("Moldovan police detained 12 people on Monday on suspicion of paying voters to back pro-Russian candidates.")
    assert [e["cameo"]["root"] for e in events] == ["17"]


def test_a_past_event_named_by_its_year_is_not_coded(code):
    events = code("Police detained five activists ahead of the anniversary of the 1989 crackdown.")
    assert [e["cameo"]["code"] for e in events] == ["173"]


def test_a_warning_that_only_reports_a_fact_is_not_a_threat(code):
    assert code("The UN agency warned that funding cuts had forced it to close two clinics.") == []
    assert [e["cameo"]["root"] for e in code("Russia warned that it would retaliate against Finland.")] == ["13"]


def test_a_decision_or_vote_to_act_codes_the_act(code):
    assert [e["cameo"]["root"] for e in code("The EU voted to impose sanctions on Belarus.")] == ["16"]
    assert codes(code("The government decided to release 50 prisoners.")) == ["0353"]


def test_a_later_casualty_report_is_the_toll_of_the_attack_already_coded(code):
    events = code("Rebel drones struck an army depot near Goma on Tuesday. A spokesman said four soldiers were wounded.")
    assert [e["cameo"]["root"] for e in events] == ["19"]


def test_a_document_parsed_by_a_spacy_pipeline_is_coded_like_text(coder):
    text = "Kenyan police arrested 14 people in Mombasa on Saturday. The EU imposed new sanctions on Belarus."
    parsed = coder.nlp(text)
    from_doc = [(e.cameo.code, e.trigger.text, [a.code for a in e.source]) for e in coder.analyse_doc(parsed, date="2024-05-08").events]
    from_text = [(e.cameo.code, e.trigger.text, [a.code for a in e.source]) for e in coder.code(text, date="2024-05-08")]
    assert from_doc == from_text and from_doc


def test_an_unparsed_document_is_refused_naming_what_is_missing(coder):
    import pytest
    import spacy

    with pytest.raises(ValueError, match="tagger, lemmatizer, parser"):
        coder.analyse_doc(spacy.blank("en")("Kenyan police arrested 14 people."))
