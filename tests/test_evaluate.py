"""The scorer, and the annotated article."""

import json

import pytest

from conftest import SHARED
from eventcoder.evaluation.events import actor_matches, load_gold, score


def output(root, source, target, code=None):
    return {
        "cameo": {"root": root, "code": code or root + "0"},
        "plover": {"event": None},
        "source": [{"code": c, "org": o, "text": t} for c, o, t in source],
        "target": [{"code": c, "org": o, "text": t} for c, o, t in target],
        "trigger": {"text": "x"},
        "rule": "r",
    }


def gold(cameo, source, target, required=True):
    return {"cameo": cameo, "plover": None, "source": source, "target": target, "required": required}


def test_actor_matching_rules():
    assert actor_matches({"code": "IND"}, {"code": "IND", "text": "India"})
    assert not actor_matches({"code": "IGO", "org": "UN"}, {"code": "IGO", "org": "EU"})
    assert actor_matches({"code": None, "text": "Kashmiris"}, {"code": None, "text": "Kashmiris"})
    assert not actor_matches({"code": "PAK", "text": "Pakistan"}, {"code": None, "text": "Kashmiris"})


def test_levels_precision_recall_and_optional_events():
    record = {
        "id": "r",
        "events": [
            gold("111", [{"code": "PAK"}], [{"code": "IND"}]),
            gold("173", [{"code": "IND"}], [{"code": None, "text": "activist"}], required=False),
            gold("043", [{"code": "FRA"}], []),
        ],
    }
    outputs = [
        output("11", [("PAK", None, "Pakistan")], [("CHN", None, "China")]),  # type+source right, target wrong
        output("17", [("IND", None, "India")], [(None, None, "the activist")]),  # optional, fully right
        output("19", [("USA", None, "US")], []),  # false
    ]
    report = score([record], lambda r: outputs)
    type_level, strict = report.levels["type"], report.levels["type+source+target"]
    assert (type_level.matched_output, type_level.outputs) == (2, 3)
    assert type_level.matched_required == 1 and type_level.matched_optional == 1
    assert type_level.recall == pytest.approx(2 / 3)  # 2 required + 1 matched optional in the denominator
    assert strict.matched_output == 1 and strict.matched_required == 0
    assert [o["cameo"]["root"] for o in report.records[0].false_events] == ["11", "19"]
    assert [g["cameo"] for g in report.records[0].misses] == ["111", "043"]


def test_empty_gold_target_matches_any_target_and_empty_records_are_counted():
    records = [{"id": "a", "events": [gold("043", [{"code": "FRA"}], [])]}, {"id": "b", "events": []}]
    report = score(records, lambda r: [output("04", [("FRA", None, "France")], [("DEU", None, "Germany")])] if r["id"] == "a" else [])
    assert report.levels["type+source+target"].matched_required == 1
    assert report.empty_records == 1 and report.empty_records_clean == 1


GOLD_ARTICLE = SHARED / "gold" / "oic-contact-group-communique.jsonl"


@pytest.mark.skipif(not GOLD_ARTICLE.exists(), reason="../shared/gold is not beside the checkout")
def test_the_annotated_article(coder):
    records = load_gold(GOLD_ARTICLE)
    report = score(records, lambda r: [e.to_dict() for e in coder.code(r["text"], date=r["date"], doc_id=r["id"])])
    strict = report.levels["type+source+target"]
    assert strict.matched_required == strict.required == 9
    assert strict.outputs - strict.matched_output <= 2, json.dumps([o["trigger"]["text"] for o in report.records[0].false_events])


# --- story-labelled and marked-verb records ---------------------------------------------


def event(plover, mode=None, start=0, end=1, location=None):
    return {"plover": {"event": plover, "mode": mode}, "trigger": {"start": start, "end": end}, "location": location}


def test_story_scores_count_recall_top_type_mode_and_silence():
    from eventcoder.evaluation.stories import score_stories

    records = [
        {"id": "a", "plover": "PROTEST", "plover_mode": "STRIKE"},
        {"id": "b", "plover": "PROTEST", "plover_mode": None},
        {"id": "c", "plover": "AID", "plover_mode": None},
        {"id": "d", "plover": "AID", "plover_mode": None},
    ]
    coded = [
        [event("PROTEST", "STRIKE"), event("ACCUSE")],  # found, top (tied), mode right
        [event("ACCUSE"), event("ACCUSE"), event("PROTEST")],  # found, not top
        [],  # silent
        RuntimeError("broken"),  # an error counts as silent
    ]
    report = score_stories(records, coded).as_dict()
    assert (report["stories"], report["recall"], report["top_type"], report["mode"], report["silent"]) == (4, 0.5, 0.25, 1.0, 0.5)
    assert report["by_type"]["PROTEST"]["recall"] == 1.0 and report["by_type"]["AID"]["recall"] == 0.0
    assert report["errors"] == 1


def test_marked_verb_scores_with_our_own_sentences(coder):
    from eventcoder.evaluation import record_kind
    from eventcoder.evaluation.verbs import score_verbs

    text = "Troops shelled Kharkiv on Monday."
    records = [
        {"text": text, "event_verb": {"text": "shelled", "start": 7, "end": 14}, "locations": [{"text": "Kharkiv", "start": 15, "end": 22}]},
        {"text": "The weather was fine in Oslo.", "event_verb": {"text": "was", "start": 12, "end": 15}, "locations": [{"text": "Oslo", "start": 24, "end": 28}]},
    ]
    assert {record_kind(r) for r in records} == {"verbs"}
    report = score_verbs(records, coder.analyse_many((r["text"], "2024-05-08", str(i)) for i, r in enumerate(records))).as_dict()
    assert report["event_at_verb"] == 0.5
    assert report["location_right"] == 1.0 and report["items_with_event_and_place"] == 1
    assert report["place_found_in_sentence"] == 1.0


def test_a_file_of_mixed_kinds_is_refused(tmp_path):
    from eventcoder.errors import InputRecordError
    from eventcoder.evaluation import load_records

    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": "a", "events": []}) + "\n" + json.dumps({"text": "b", "plover": "AID"}) + "\n")
    with pytest.raises(InputRecordError, match="several kinds"):
        load_records(path)
    path.write_text(json.dumps({"text": "a"}) + "\n")
    with pytest.raises(InputRecordError, match=":1"):
        load_records(path)


def test_an_organisation_without_its_acronym_in_the_gold_matches_by_its_words():
    gold_actor = {"code": "IGO", "text": "European Community"}
    assert actor_matches({"code": "IGO", "org": "EU", "text": "European Community foreign ministers"}, gold_actor)
    assert actor_matches({"code": "NGO", "org": "AI", "text": "Amnesty International"}, {"code": "IGO", "text": "Amnesty International"})
    assert not actor_matches({"code": "IGO", "org": "UN", "text": "United Nations"}, gold_actor)
    assert not actor_matches({"code": "FRA", "text": "European Community"}, gold_actor)
