"""The screen skips sentences before parsing without changing what is coded."""

import json
from pathlib import Path

from eventcoder.coder import Coder
from eventcoder.screen import regular_forms

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles.jsonl"


def test_regular_forms_cover_the_inflections():
    assert {"attack", "attacks", "attacked", "attacking"} <= regular_forms("attack")
    assert {"seize", "seized", "seizing", "seizes"} <= regular_forms("seize")
    assert {"deny", "denies", "denied"} <= regular_forms("deny")
    assert {"ban", "banned", "banning"} <= regular_forms("ban")


def test_screen_skips_sentences_without_events_and_keeps_the_output(coder):
    unscreened = Coder(screen=False)
    text = "The weather stayed warm and dry on Tuesday. Ghana condemned the coup in Guinea. Stocks closed higher."
    analysis = coder.analyse(text, date="2024-01-01", doc_id="s")
    assert [s.parsed for s in analysis.sentences] == [False, True, False]
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        screened = [e.to_dict() for e in coder.code(record["text"], date=record["date"], doc_id=record["id"])]
        full = [e.to_dict() for e in unscreened.code(record["text"], date=record["date"], doc_id=record["id"])]
        assert screened == full
