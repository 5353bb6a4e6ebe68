"""Names that are not always the actor they look like, decided from context."""


def codes_of(coder, text, date="2024-03-01"):
    return [(m.text, m.code) for m in coder.actor_mentions(text, date=date)]


def test_niger_the_river_is_not_the_country(coder):
    found = codes_of(coder, "The Niger river burst its banks near Gao. Niger expelled the French ambassador.")
    assert ("Niger", "NER") in found
    assert sum(1 for text, code in found if code == "NER") == 1


def test_niger_next_to_nigeria_stays_the_country(coder):
    found = codes_of(coder, "Nigeria demanded that Niger reopen the border.")
    assert ("Niger", "NER") in found and ("Nigeria", "NGA") in found


def test_jordan_inside_a_persons_name_is_not_the_country(coder):
    found = codes_of(coder, "Michael Jordan visited Amman on Monday. Jordan condemned the raid.")
    assert [code for text, code in found if text == "Jordan"] == ["JOR"]


def test_turkey_in_a_recipe_is_food(coder):
    assert codes_of(coder, "Roast the turkey for three hours and rest it before carving.") == []
    assert ("Turkey", "TUR") in codes_of(coder, "Turkey summoned the Swedish envoy.")


def test_georgia_after_a_us_city_is_the_us_state(coder):
    found = codes_of(coder, "Police arrested protesters in Atlanta, Georgia, on Friday.")
    assert ("Georgia", "GEO") not in found
    assert ("Georgia", "GEO") in codes_of(coder, "Georgia accused Russia of provocations in Abkhazia.")


def test_congo_follows_the_story(coder):
    assert ("Congo", "COD") in codes_of(coder, "Congo accused Rwanda of backing rebels in North Kivu.")
    found = codes_of(coder, "Officials in Brazzaville said Congo would hold a referendum; Congo rejected criticism from Gabon.")
    assert ("Congo", "COG") in found


def test_the_guineas_are_told_apart(coder):
    found = dict(codes_of(coder, "Guinea-Bissau, Equatorial Guinea and Guinea signed a fishing pact."))
    assert found == {"Guinea-Bissau": "GNB", "Equatorial Guinea": "GNQ", "Guinea": "GIN"}


def test_capital_as_government_and_as_place(coder):
    acting = codes_of(coder, "Islamabad rejected the statement.")
    assert ("Islamabad", "PAK") in acting
    assert ("Islamabad", "PAK") not in codes_of(coder, "Iranian and Turkish diplomats held talks in Islamabad.")


def test_person_role_follows_the_event_date(coder):
    text = "Shehbaz Sharif criticised the decision."
    in_office = coder.actor_mentions(text, date="2024-06-01")
    assert in_office[0].code == "PAK" and in_office[0].name == "Shehbaz Sharif" and "prime minister" in in_office[0].reason


def test_title_and_apposition_are_remembered_by_surname(coder):
    text = "Kenyan Interior Minister Jane Wanjiru met the envoy. Later, Wanjiru criticised the protesters."
    found = coder.actor_mentions(text, date="2024-06-01")
    later = [m for m in found if m.text == "Wanjiru"]
    assert later and later[0].code == "KEN" and later[0].name == "Jane Wanjiru"
