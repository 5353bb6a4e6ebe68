"""Every event rule on its own: a sentence of our own where the rule decides, and the same
sentence with that rule disabled (`--disable-rule`), where the outcome changes."""

from dataclasses import replace

import pytest

from eventcoder.coder import Coder
from eventcoder.explain import list_rules
from eventcoder.pipeline.events.rules import RULES, check_rule_names

DATE = "2024-05-08"


@pytest.fixture(scope="module")
def unscreened():
    """A coder that parses every sentence: the screen would skip the sentences of the
    discard rule before the rule could see them."""
    return Coder(screen=False)


def analyse(coder: Coder, text: str, disabled: tuple[str, ...] = ()):
    saved = coder.events.settings
    coder.events.settings = replace(saved, disabled_rules=check_rule_names(disabled))
    try:
        return [c for s in coder.analyse(text, date=DATE, doc_id="rules").sentences for c in s.candidates]
    finally:
        coder.events.settings = saved


def at(candidates, word: str):
    found = [c for c in candidates if c.match.head.text == word]
    assert found, f"no candidate at {word!r}: {[c.match.head.text for c in candidates]}"
    return found[0]


def texts(actors) -> list[str]:
    return [a.text for a in actors]


# (rule, text, trigger head): with the rule on, the rule gives this candidate's verdict; off, it does not
VERDICT_CASES = [
    ("discard-context", "Brazil beat Argentina in the World Cup final on Sunday, and the fans attacked the referee.", "attacked"),
    ("stative", "Israeli troops patrolled the occupied territory near Hebron.", "occupied"),
    ("reporting-only", "The ministry warned that funding cuts had forced hospitals to close.", "warned"),
    ("consequence", "Russian forces shelled the villages, killing four civilians.", "killing"),
    ("elaboration", "Kenya condemned the attack, calling it a cowardly act.", "calling"),
    ("same-act", "The president pardoned and released 14 prisoners on Monday.", "pardoned"),
    ("named-violence", "Gunmen killed five people in an ambush in Borno state.", "killed"),
    ("charge", "Police arrested the activist for inciting violence at the rally.", "rally"),
    ("past-event-by-year", "Protesters marked the anniversary of the 1989 crackdown in Beijing.", "crackdown"),
    ("embedding", "The opposition demanded that the government hold talks with the rebels.", "hold"),
    ("same-sentence-reference", "Police detained two villagers, and rights groups called the detentions illegal.", "detentions"),
    ("earlier-event-reference", "Troops raided the camp on Monday. Hamas condemned the raid.", "raid"),
    ("casualties-of-earlier-attack", "Drones struck a naval base on Monday. Two sailors were wounded, the navy said.", "wounded"),
    ("no-source", "Iran could attack Israel if the talks fail.", "talks"),
    ("noun-without-actors", "Pakistan did not condemn the strike on the camp.", "strike"),
    ("nested-without-target-or-date", "A court in Lahore jailed a journalist, a ruling condemned by rights groups.", "condemned"),
]


@pytest.mark.parametrize(("rule", "text", "word"), VERDICT_CASES, ids=[case[0] for case in VERDICT_CASES])
def test_a_verdict_rule_decides_alone(unscreened, rule, text, word):
    on = at(analyse(unscreened, text), word)
    assert on.verdict_rule == rule and not on.emitted, on.verdict
    off = at(analyse(unscreened, text, (rule,)), word)
    assert off.verdict_rule != rule


def test_negation(coder):
    text = "Pakistan did not condemn the strike on the camp."
    assert at(analyse(coder, text), "condemn").negated
    assert not at(analyse(coder, text, ("negation",)), "condemn").negated


def test_modality(coder):
    text = "Iran could attack Israel if the talks fail."
    assert at(analyse(coder, text), "attack").hypothetical
    assert not at(analyse(coder, text, ("modality",)), "attack").hypothetical


def test_embedding_attributes_a_reported_act(coder):
    text = "Officials in Kabul said the Taliban had freed two aid workers."
    assert texts(at(analyse(coder, text), "freed").attributed_to) == ["Officials"]
    assert at(analyse(coder, text, ("embedding",)), "freed").attributed_to is None


def test_source_from_roles(coder):
    text = "Armed men abducted a priest in Kaduna."
    on = at(analyse(coder, text), "abducted")
    assert texts(on.source) == ["Armed men"] and on.source_role == "subj"
    off = at(analyse(coder, text, ("source-from-roles",)), "abducted")
    assert not off.emitted and off.verdict_rule == "no-source"


def test_target_from_roles(coder):
    text = "Armed men abducted a priest in Kaduna."
    assert texts(at(analyse(coder, text), "abducted").target) == ["priest"]
    assert at(analyse(coder, text, ("target-from-roles",)), "abducted").target == []


def test_possessor_is_patient(coder):
    text = "Imran Khan's arrest sparked protests across Pakistan."
    on = at(analyse(coder, text), "arrest")
    assert texts(on.target) == ["Imran Khan"] and on.source[0].implicit
    off = at(analyse(coder, text, ("possessor-is-patient",)), "arrest")
    assert texts(off.source) == ["Imran Khan"] and off.target == []


def test_implicit_agent(coder):
    text = "Three soldiers were killed in Kandahar on Tuesday."
    on = at(analyse(coder, text), "killed")
    assert on.emitted and on.source[0].implicit and on.source[0].sector == "UAF"
    off = at(analyse(coder, text, ("implicit-agent",)), "killed")
    assert not off.emitted and off.verdict_rule == "no-source"


def test_target_from_consequence(coder):
    text = "Rebels opened fire, killing four soldiers."
    on = at(analyse(coder, text), "opened")
    assert texts(on.target) == ["four soldiers"] and on.target_role == "obj of 'killing'"
    assert at(analyse(coder, text, ("target-from-consequence",)), "opened").target == []


def test_target_in_clauses(coder):
    text = "Russia warned it would retaliate if Finland joined NATO."
    assert texts(at(analyse(coder, text), "warned").target) == ["Finland"]
    assert at(analyse(coder, text, ("target-in-clauses",)), "warned").target == []


def test_reaction_target(coder):
    text = "Kosovo police closed two offices on Monday. Belgrade condemned the move."
    on = at(analyse(coder, text), "condemned")
    assert texts(on.target) == ["Kosovo police"] and on.target_role == "reaction to the story's previous event"
    assert at(analyse(coder, text, ("reaction-target",)), "condemned").target == []


def test_implicit_protest_target(coder):
    text = "Workers marched in cities across Kenya against tax increases."
    on = at(analyse(coder, text), "marched")
    assert on.target[0].implicit and on.target[0].code == "KEN" and on.target[0].sector == "GOV"
    assert at(analyse(coder, text, ("implicit-protest-target",)), "marched").target == []


def test_target_not_source(coder):
    # the relative pronoun is the object's subject too: "Poland" is found for both roles
    text = "Poland, which had threatened to veto the plan, dropped its objections on Friday."
    on = at(analyse(coder, text), "threatened")
    assert texts(on.source) == ["Poland"] and on.target == []
    off = at(analyse(coder, text, ("target-not-source",)), "threatened")
    assert texts(off.target) == ["Poland"]


def test_reciprocal(coder):
    text = "Russia and Ukraine signed an agreement on grain exports."
    on = at(analyse(coder, text), "signed")
    assert on.target_role == "reciprocal: the other parties" and texts(on.target) == ["Russia", "Ukraine"]
    assert at(analyse(coder, text, ("reciprocal",)), "signed").target_role != "reciprocal: the other parties"


def test_mediation_parties(coder):
    text = "Russia and Ukraine held talks mediated by Turkey on Monday."
    on = at(analyse(coder, text), "mediated")
    assert texts(on.target) == ["Russia", "Ukraine"] and on.target_role == "the parties of 'held'"
    assert at(analyse(coder, text, ("mediation-parties",)), "mediated").target_role != "the parties of 'held'"


def test_drop_settings_are_rules_too(coder):
    saved = coder.events.settings
    coder.events.settings = replace(saved, keep_negated=False, keep_unknown_actors=False)
    try:
        negated = [c for s in coder.analyse("Pakistan did not condemn the raid.", date=DATE).sentences for c in s.candidates]
        assert at(negated, "condemn").verdict_rule == "drop-negated"
        unknown = [c for s in coder.analyse("Zorbulon Quux attacked Vexmar Plinth.", date=DATE).sentences for c in s.candidates]
        assert all(c.verdict_rule in ("drop-unknown-actors", "no-source") for c in unknown)
    finally:
        coder.events.settings = saved
    assert at(analyse(coder, "Pakistan did not condemn the raid."), "condemn").emitted


def test_host_and_visitor(coder):
    text = "The Indian prime minister met Chinese leaders in Beijing."
    assert at(analyse(coder, text), "met").event.cameo.code == "042"
    assert at(analyse(coder, text, ("host-and-visitor",)), "met").event.cameo.code == "043"


def test_intent_code(coder):
    text = "Iran said it would release the sailors."
    assert at(analyse(coder, text), "release").event.cameo.code == "0353"
    assert at(analyse(coder, text, ("intent-code",)), "release").event.cameo.code == "0841"


def test_needs_target_actor(tmp_path):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "mine.tsv").write_text(
        "trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\trequires\nthwack\tVERB\t182\t\t\t\tan act against someone only\ttarget-actor\n")
    coder = Coder(dictionaries=[tmp_path])
    assert at(analyse(coder, "Kenyan police thwacked the protesters in Nairobi."), "thwacked").emitted
    thing = at(analyse(coder, "Kenyan police thwacked the ball in Nairobi."), "thwacked")
    assert thing.verdict_rule == "needs-target-actor"
    assert at(analyse(coder, "Kenyan police thwacked the ball in Nairobi.", ("needs-target-actor",)), "thwacked").emitted


def test_every_rule_has_a_test_here():
    tested = {case[0] for case in VERDICT_CASES} | {"negation", "modality", "embedding", "source-from-roles", "target-from-roles",
             "possessor-is-patient", "implicit-agent", "target-from-consequence", "target-in-clauses", "reaction-target",
             "implicit-protest-target", "target-not-source", "reciprocal", "mediation-parties", "drop-negated", "drop-unknown-actors",
             "host-and-visitor", "intent-code", "needs-target-actor"}
    assert {rule.name for rule in RULES} == tested


def test_rules_are_listed_and_unknown_names_refused():
    listing = list_rules()
    assert all(rule.name in listing and rule.summary in listing for rule in RULES)
    with pytest.raises(ValueError, match="unknown event rule nonsense"):
        check_rule_names(["stative", "nonsense"])


def test_lexicon_yield_counts_where_patterns_and_rules_fire(coder, tmp_path):
    import json

    from eventcoder.evaluation.yields import measure, report

    corpus = tmp_path / "mine.jsonl"
    lines = [
        {"id": "a", "text": "Iran said it would release the sailors.", "date": DATE},
        {"id": "b", "text": "Iran said it would release the prisoners.", "date": DATE},
        {"id": "c", "text": "Pakistan did not condemn the strike on the camp.", "date": DATE},
    ]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = measure(coder, [corpus])
    assert result.records == 3
    assert result.rules["intent-code"] == {"mine.jsonl:a", "mine.jsonl:b"}
    assert "mine.jsonl:c" in result.rules["negation"]
    release = next(p for p in coder.knowledge.patterns if p.origin in result.emitted and "release" in p.text)
    assert result.emitted[release.origin] == {"mine.jsonl:a", "mine.jsonl:b"}
    text = report(result, coder.knowledge.patterns)
    assert "3 records" in text and "intent-code" in text
    assert coder.events.observer is None
