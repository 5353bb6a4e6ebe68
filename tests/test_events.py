"""The event stage, on sentences of our own."""

from conftest import dyads


def roots(events):
    return [e["cameo"]["root"] for e in events]


def test_simple_condemnation(code):
    events = code("Ghana condemned the coup in Burkina Faso.")
    assert ("11", ["GHA/GOV"], []) in dyads(events) or any(d[0] == "11" and d[1] == ["GHA/GOV"] for d in dyads(events))


def test_compound_subject_gives_every_member(code):
    events = code("Chile, Peru and Bolivia met with Argentina in Lima.")
    meet = [d for d in dyads(events) if d[0] == "04"]
    assert meet and meet[0][1] == ["BOL/GOV", "CHL/GOV", "PER/GOV"] and meet[0][2] == ["ARG/GOV"]


def test_conjoined_verbs_give_one_event_each(code):
    events = code("Egypt condemned and rejected the Israeli raid.")
    assert sorted(roots(events)) == ["11", "12"]


def test_passive_voice_swaps_source_and_target(code):
    events = code("Two Ugandan journalists were arrested by Kenyan police on Monday.")
    arrest = [d for d in dyads(events) if d[0] == "17"]
    assert arrest == [("17", ["KEN/COP"], ["UGA/MED"])]


def test_negation_is_flagged_and_can_be_dropped(coder):
    events = [e.to_dict() for e in coder.code("Turkey did not attack the Kurdish positions.", date="2024-01-02")]
    assert events and all(e["negated"] for e in events if e["cameo"]["root"] == "19")


def test_refusal_is_a_rejection_and_its_complement_is_no_event(code):
    events = code("Serbia refused to meet the Kosovo delegation.")
    assert roots(events) == ["12"]


def test_content_of_a_demand_is_not_an_event(code):
    events = code("Nigeria demanded that Niger release the detained soldiers.")
    assert roots(events) == ["10"]
    assert dyads(events)[0][2] == ["NER/GOV"]


def test_modal_marks_hypothetical(code):
    events = code("Japan could impose sanctions on North Korea next month.")
    assert events and all(e["hypothetical"] for e in events)


def test_reported_speech_is_attributed_to_the_speaker(code):
    events = code("Ukraine said Russian forces shelled Kharkiv overnight.")
    shelling = [e for e in events if e["cameo"]["root"] == "19"]
    assert shelling
    assert shelling[0]["source"][0]["code"] == "RUS"
    assert shelling[0]["attributed_to"][0]["code"] == "UKR"
    assert not [e for e in events if e["cameo"]["root"] == "01"], "a bare 'said' is not an event"


def test_nested_event_is_attributed_to_the_outer_source(code):
    events = code("Pakistan condemned India's arrest of the Kashmiri activist.")
    outer = [e for e in events if e["cameo"]["root"] == "11"]
    inner = [e for e in events if e["cameo"]["root"] == "17"]
    assert outer and inner
    assert outer[0]["target"][0]["code"] == "IND"
    assert inner[0]["source"][0]["code"] == "IND"
    assert inner[0]["attributed_to"][0]["code"] == "PAK"
    assert inner[0]["parent_event_id"] == outer[0]["event_id"]


def test_sport_is_discarded(code):
    assert code("Pakistan beat India by five wickets in the final.") == []


def test_no_event_sentence_gives_nothing(code):
    assert code("Heavy rain is expected across the north of the country on Sunday.") == []


def test_pronoun_subject_across_sentences(code):
    events = code("The African Union suspended Gabon. It also condemned the soldiers who seized power.")
    condemn = [e for e in events if e["cameo"]["root"] == "11"]
    assert condemn and condemn[0]["source"][0]["org"] == "AU"
    assert condemn[0]["source"][0]["antecedent"] is not None


def test_evidence_spans_cut_the_document(code):
    text = "Brazil hosted talks with Colombia. Later, Venezuela criticised Guyana."
    for event in code(text):
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        for actor in event["source"] + event["target"]:
            assert text[actor["start"] : actor["end"]] == actor["text"]
        assert text[event["sentence_start"] : event["sentence_start"] + len(event["sentence"])] == event["sentence"]
        assert event["rule"] and 0 < event["confidence"] < 1
