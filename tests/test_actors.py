"""The actor stage, on sentences of our own."""


def codes(mentions):
    return [(m.text, m.code, m.sector, m.org) for m in mentions]


def find(mentions, text):
    return [m for m in mentions if m.text == text]


def test_demonym_gives_the_country_and_the_noun_the_sector(coder):
    mentions = coder.actor_mentions("Indian police detained two men on Friday.")
    assert ("Indian police", "IND", "COP", None) in codes(mentions)


def test_possessive_gives_the_country(coder):
    mentions = coder.actor_mentions("Pakistan's foreign ministry summoned the envoy.")
    assert any(m.code == "PAK" and m.sector == "GOV" and "foreign ministry" in m.text for m in mentions)


def test_of_phrase_distributes_over_a_list_shared_by_conjoined_heads(coder):
    text = "Ministers of Foreign Affairs and senior officials of Chile, Peru, Ecuador and Bolivia met in Lima."
    mentions = coder.actor_mentions(text)
    governments = {(m.code, m.sector) for m in mentions if m.sector == "GOV"}
    assert governments == {("CHL", "GOV"), ("PER", "GOV"), ("ECU", "GOV"), ("BOL", "GOV")}
    for name in ("Chile", "Peru", "Ecuador", "Bolivia"):
        actor = find(mentions, name)[0]
        assert text[actor.start : actor.end] == name


def test_organisations_from_acronym_and_long_form(coder):
    mentions = coder.actor_mentions("The African Union and ECOWAS sent envoys to Niamey.")
    assert {(m.code, m.org) for m in mentions if m.code == "IGO"} == {("IGO", "AU"), ("IGO", "ECOWAS")}


def test_office_of_an_organisation_speaks_for_it_and_keeps_the_name(coder):
    mentions = coder.actor_mentions("Canada met the Secretary-General of the United Nations, Jane Roe, in Ottawa.")
    un = [m for m in mentions if m.code == "IGO"]
    assert un and un[0].org == "UN"


def test_capital_is_a_government_only_when_it_acts(coder):
    acting = coder.actor_mentions("Islamabad rejected the report.")
    assert ("Islamabad", "PAK", "GOV", None) in codes(acting)
    place = coder.actor_mentions("Officials from Kenya held talks in Islamabad.")
    assert not find(place, "Islamabad")


def test_conjunct_shares_the_demonym(coder):
    mentions = coder.actor_mentions("The Iranian diplomats as well as senior military officers left.")
    assert {(m.code, m.sector) for m in mentions} >= {("IRN", "GOV"), ("IRN", "MIL")}


def test_pronoun_resolves_to_the_previous_subject_with_its_antecedent(coder):
    text = "The European Union criticised the vote. It also demanded a recount."
    mentions = coder.actor_mentions(text)
    it = find(mentions, "It")[0]
    assert (it.code, it.org) == ("IGO", "EU")
    assert text[it.antecedent["start"] : it.antecedent["end"]] == it.antecedent["text"]
    assert "European Union" in it.antecedent["text"]


def test_document_stands_for_its_issuer(coder):
    text = (
        "The Arab League held an emergency session in Cairo. A statement issued after the session "
        "urged restraint. The statement also criticised Israel."
    )
    statement = [m for m in coder.actor_mentions(text) if m.text == "The statement"]
    assert statement and (statement[0].code, statement[0].org) == ("IGO", "LAS")


def test_unknown_person_is_kept_with_a_null_code(coder):
    mentions = coder.actor_mentions("Zorblat Quennington criticised the decision of the council.")
    assert any(m.code is None and "Quennington" in m.text for m in mentions)
