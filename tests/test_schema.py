"""The one event schema: ids, fields, spans."""

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "gulf-ministers-yemen-truce.txt"
FIELDS = {
    "event_id", "doc_id", "sentence_index", "sentence", "sentence_start", "date", "when", "source", "target", "cameo",
    "plover", "trigger", "negated", "hypothetical", "attributed_to", "parent_event_id", "location", "rule", "confidence",
    "coder_version", "knowledge_hash", "schema_version",
}
ACTOR_FIELDS = {"text", "start", "end", "code", "sector", "org", "name", "reason", "antecedent", "implicit"}


def test_same_input_same_ids_and_every_field(coder):
    text = EXAMPLE.read_text(encoding="utf-8")
    first = [e.to_dict() for e in coder.code(text, date="2024-03-12", doc_id="gulf")]
    second = [e.to_dict() for e in coder.code(text, date="2024-03-12", doc_id="gulf")]
    assert first and [e["event_id"] for e in first] == [e["event_id"] for e in second]
    assert len({e["event_id"] for e in first}) == len(first)
    for event in first:
        assert set(event) == FIELDS
        assert set(event["cameo"]) == {"code", "root", "name", "goldstein", "quad_class"}
        assert set(event["plover"]) == {"event", "mode"}
        for actor in event["source"] + event["target"]:
            assert set(actor) == ACTOR_FIELDS
            if not actor["implicit"]:
                assert text[actor["start"] : actor["end"]] == actor["text"]


def test_other_document_other_ids(coder):
    text = "Ghana condemned the coup in Guinea."
    a = coder.code(text, date="2024-01-01", doc_id="one")
    b = coder.code(text, date="2024-01-01", doc_id="two")
    assert a and a[0].event_id != b[0].event_id
