"""The screen skips sentences before parsing without changing what is coded."""

import json
from pathlib import Path

from eventcoder.coder import Coder
from eventcoder.pipeline.screen import regular_forms

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


def test_an_earlier_sentence_is_parsed_only_when_a_later_one_points_back(coder):
    alone = "Farmers in Kenya harvested a record maize crop. Ghana condemned the coup in Guinea."
    analysis = coder.analyse(alone, date="2024-01-01", doc_id="s")
    assert [s.parsed for s in analysis.sentences] == [False, True]
    pointing_back = "The Kenyan army chief spoke to farmers about the harvest. He accused Somalia of arming raiders."
    analysis = coder.analyse(pointing_back, date="2024-01-01", doc_id="s")
    assert [s.parsed for s in analysis.sentences] == [True, True]
    assert analysis.sentences[0].person_referred_to


def test_a_sentence_with_a_discard_cue_is_screened_out_before_the_parse(coder):
    analysis = coder.analyse("Pakistan beat India by five wickets in Lahore.", date="2024-01-01", doc_id="s")
    assert not analysis.sentences[0].parsed
    assert "sport context" in analysis.sentences[0].screen_reason
    assert analysis.events == []


def test_unparsed_sentences_still_count_their_places_for_the_main_country(coder):
    # the first sentence is screened out, but Nairobi makes Kenya the story's country,
    # which the agent "police" in the second sentence takes
    text = "Heavy rain flooded streets in Nairobi and Mombasa. Police arrested 40 protesters on Monday."
    analysis = coder.analyse(text, date="2024-01-01", doc_id="s")
    assert not analysis.sentences[0].parsed
    [event] = analysis.events
    assert event.source[0].code == "KEN" and event.source[0].sector == "COP"
