"""The scorer, and the annotated article."""

import json

import pytest

from conftest import SHARED
from eventcoder.evaluate import actor_matches, load_gold, score


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
