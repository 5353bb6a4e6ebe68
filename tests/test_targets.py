"""Who an event is aimed at, on sentences of our own: the rules that find a target where the
pattern's roles alone give none, or give the wrong one."""

from conftest import dyads


def aimed(events, root):
    """Target labels of the events of a CAMEO root."""
    return [d[2] for d in dyads(events) if d[0] == root]


# -- the author of a thing reacted to ---------------------------------------------------------


def test_a_thing_made_by_someone_is_theirs(code):
    events = code("Egypt rejected the remarks made by the Arab League on Monday.")
    assert aimed(events, "12") == [["IGO:LAS"]]


def test_a_summary_noun_after_a_clause_stands_for_that_clause_s_act(code):
    events = code("Chinese coast guard ships rammed a Philippine supply boat near the shoal, a move Manila condemned as dangerous.")
    assert aimed(events, "11") == [["CHN/MIL"]]  # "coast guard ship" is a military agent


def test_a_claim_after_a_report_is_the_reporter_s(code):
    events = code("Ethiopian troops shelled villages in the border area, Eritrea said, a claim Addis Ababa denied.")
    assert aimed(events, "01") == [["ERI/None"]]


def test_a_free_relative_what_stands_for_the_act_it_describes(code):
    events = code("Russia flew two bombers over the Baltic Sea in what Estonia's defence ministry called a provocation.")
    assert aimed(events, "11") == [["RUS/GOV"]]


def test_the_report_dismissed_is_the_reporter_s(code):
    text = "Amnesty International said prisoners had been beaten in custody in Tehran. Iran's interior ministry dismissed the report."
    assert aimed(code(text), "12") == [["NGO:AI"]]


def test_a_decision_welcomed_is_the_body_that_took_it(code):
    text = "The Supreme Court of Kenya annulled the presidential election on Friday. The opposition welcomed the decision."
    assert aimed(code(text), "05") == [["KEN/JUD"]]


def test_a_protest_lodged_without_an_object_answers_the_latest_act(code):
    text = "Chinese warships entered Japanese waters near Okinawa on Monday. Tokyo lodged a formal protest."
    assert aimed(code(text), "11") == [["CHN/MIL"]]


def test_an_opposition_reacts_to_its_own_government(code):
    text = "Egypt's government freed 30 activists on Sunday. Opposition parties welcomed the gesture."
    assert aimed(code(text), "05") == [["EGY/GOV"]]


def test_an_event_noun_takes_the_agent_of_the_verb_before_it_in_the_sentence(code):
    events = code("Indian police arrested two Kashmiri journalists on Monday, and Pakistan called the arrests illegal.")
    assert aimed(events, "11") == [["IND/COP"]]


def test_an_event_noun_in_a_reported_clause_takes_the_earlier_agent(code):
    text = "Police arrested 40 protesters in Dhaka on Monday. The opposition said the arrests violated the constitution."
    assert aimed(code(text), "11") == [["BGD/COP"]]


# -- pronouns and possessives -----------------------------------------------------------------


def test_the_object_pronoun_of_a_participle_takes_up_the_main_object(code):
    events = code("Nigeria expelled a French diplomat, accusing him of spying.")
    assert aimed(events, "11") == [["FRA/GOV"]]


def test_a_relative_pronoun_is_the_noun_it_follows(code):
    events = code("Police released an opposition leader who had been detained in Lahore.")
    assert aimed(events, "17") == [["PAK/OPP"]]


def test_the_agent_s_own_thing_points_to_the_other_party_in_its_modifiers(code):
    events = code("Serbia moved troops to its border with Kosovo.")
    assert aimed(events, "15") == [["XKX/GOV"]]


def test_giving_up_one_s_own_objections_yields_to_the_story_s_latest_actor(code):
    text = "The European Union imposed new sanctions on Belarus. Hungary dropped its objections on Friday."
    assert aimed(code(text), "08") == [["IGO:EU"]]


def test_the_other_party_of_a_relation_noun(code):
    events = code("Venezuela deployed troops near the border with Colombia.")
    assert aimed(events, "15") == [["COL/GOV"]]


def test_an_indefinite_noun_is_not_a_description_of_someone_named_before(coder):
    coder_events = coder.code("The army said the raid amounted to a declaration of war by Kenya's neighbours.", date="2024-03-14", doc_id="t")
    for event in coder_events:
        assert all("'declaration' -> issuer" not in a.reason for a in event.target)


# -- clauses around the trigger ---------------------------------------------------------------


def test_a_warning_is_aimed_at_whoever_its_condition_is_about(code):
    events = code("Iran warned it would close the Strait of Hormuz if Washington imposed new sanctions.")
    assert aimed(events, "13") == [["USA/GOV"]]


def test_a_protest_that_names_no_one_presses_the_home_government(code):
    events = code("Thousands of teachers marched through Nairobi on Monday against a new pension law.")
    assert aimed(events, "14") == [["KEN/GOV"]]


def test_the_object_before_an_infinitive_does_the_act(code):
    events = code("The crackdown prompted thousands of students to rally outside parliament in Dhaka.")
    assert [d[1] for d in dyads(events) if d[0] == "14"] == [["BGD/EDU"]]


def test_verbs_joined_before_one_object_share_it(code):
    events = code("Riot police beat and arrested dozens of students in Dhaka.")
    assert aimed(events, "18") == [["BGD/EDU"]] and aimed(events, "17") == [["BGD/EDU"]]


def test_a_participle_with_its_own_agent_is_another_actor_s_act(code):
    events = code("Serbia did not condemn the attack, drawing sharp criticism from Croatia.")
    assert ("11", ["HRV/GOV"], ["SRB/GOV"]) in dyads(events)


def test_those_described_by_what_befell_them_are_people(code):
    events = code("Police in Lagos said those detained would be charged with rioting.")
    assert aimed(events, "17") == [["NGA/CVL"]]


# -- dictionary entries -----------------------------------------------------------------------


def test_ethnic_demonym_is_people_of_the_story_s_country(code):
    events = code("Georgian police detained three ethnic Armenians in Tbilisi.")
    assert aimed(events, "17") == [["GEO/CVL"]]


def test_european_in_front_of_an_actor_is_the_eu(coder):
    mentions = coder.actor_mentions("European diplomats met Iranian officials in Vienna.")
    assert any(m.code == "IGO" and m.org == "EU" and m.text == "European diplomats" for m in mentions)


def test_an_owner_from_an_agent_whose_country_is_stated(code):
    # "the country's" is Kenya; the meeting's place (Ethiopia) is not where the delegations are from
    events = code("Kenya's president spoke on Monday. Delegations from the country's rival parties met in Addis Ababa on Tuesday.")
    assert [d[1] for d in dyads(events) if d[0] == "04"] == [["KEN/GOV"]]


def test_rangers_are_military(code):
    events = code("Suspected insurgents detonated a bomb in Yala province, wounding three Thai rangers.")
    assert aimed(events, "18") == [["THA/MIL"]]


def test_a_violent_act_on_things_is_aimed_at_the_place_named_by_whose_it_is(code):
    events = code("Gunmen set fire to lorries and warehouses in an Afghan village on Tuesday.")
    assert aimed(events, "17") == [["AFG/CVL"]]


def test_a_concession_under_someone_s_scheme_yields_to_them(code):
    events = code("More than 200 rebels laid down their arms under a government amnesty programme on Friday.")
    assert [d[2][0].split("/")[1] for d in dyads(events) if d[0] == "08"] == ["GOV"]


def test_those_responsible_are_unnamed_culprits(code):
    events = code("Police in Port Moresby said those responsible for the attack would be hunted down.")
    assert aimed(events, "13") == [["PNG/UAF"]]


def test_a_count_carries_where_the_people_are_from(code):
    events = code("Kenyan police detained dozens of students from Kampala on Monday.")
    assert aimed(events, "17") == [["UGA/EDU"]]


def test_a_stateless_people_is_located_by_where_they_are_from(code):
    events = code("Baloch activists from Quetta protested outside the Iranian embassy in London on Monday.")
    assert [d[1] for d in dyads(events) if d[0] == "14"] == [["PAK/OPP"]]


def test_a_ban_on_a_rally_is_aimed_at_whoever_holds_it(code):
    [ban] = code("Kenyan police banned a planned opposition rally in Nairobi on Tuesday.")
    assert ban["cameo"]["code"] == "1721"
    assert [(a["code"], a["sector"]) for a in ban["target"]] == [("KEN", "OPP")]
    [unnamed] = code("Kenyan police banned all public gatherings in Nairobi.")
    assert unnamed["target"] == []


def test_weighing_a_proposal_is_aimed_at_whoever_made_it(code):
    events = code("Ethiopia proposed talks on the dam. Egypt said it was studying the proposal.")
    [weighing] = [e for e in events if e["cameo"]["code"] == "014"]
    assert [a["code"] for a in weighing["target"]] == ["ETH"]
    [options] = code("The Egyptian cabinet is considering several options.")
    assert options["target"] == []


def test_an_occasion_in_a_place_does_not_belong_to_that_place(code):
    [proposal] = code("Washington proposed a meeting in Geneva.")
    assert proposal["target"] == []
    [arson] = code("Settlers set fire to homes and cars in a Palestinian village.")
    assert [(a["code"], a["sector"]) for a in arson["target"]] == [("PSE", "CVL")]
