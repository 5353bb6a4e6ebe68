"""The spans to highlight in a document: actors, triggers, dates and places of its events.

Offsets are character offsets into the document text (docs/output.md), so a client cuts the
text at them and escapes every piece; nothing here builds HTML.
"""

from __future__ import annotations


def _actor_label(actor: dict) -> str:
    if actor.get("code") in ("IGO", "NGO") and actor.get("org"):
        return f"{actor['code']}:{actor['org']}" + (f"/{actor['sector']}" if actor.get("sector") and actor["sector"] != actor["code"] else "")
    return "/".join(p for p in (actor.get("code") or "?", actor.get("sector")) if p)


def event_spans(event: dict, text: str) -> list[dict]:
    """Spans of one event, each {start, end, kind, label, role, event_id}; kind is actor, trigger,
    date or place. Spans that do not fit the text are left out."""
    spans: list[dict] = []
    event_id = event.get("event_id")

    def add(start, end, kind, label, role=None):
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.append({"start": start, "end": end, "kind": kind, "label": label, "role": role, "event_id": event_id})

    for role in ("source", "target"):
        for actor in event.get(role) or []:
            add(actor.get("start"), actor.get("end"), "actor", _actor_label(actor), role)
            antecedent = actor.get("antecedent")
            if antecedent:
                add(antecedent.get("start"), antecedent.get("end"), "actor", _actor_label(actor) + " (antecedent)", role)
    for actor in event.get("attributed_to") or []:
        add(actor.get("start"), actor.get("end"), "actor", _actor_label(actor) + " (claimant)", "claimant")
    trigger = event.get("trigger") or {}
    cameo = event.get("cameo") or {}
    add(trigger.get("start"), trigger.get("end"), "trigger", f"CAMEO {cameo.get('code')} {cameo.get('name', '')}".strip())
    when = event.get("when") or {}
    sentence, sentence_start = event.get("sentence") or "", event.get("sentence_start")
    if when.get("text") and isinstance(sentence_start, int):
        at = sentence.find(when["text"])
        if at >= 0:
            add(sentence_start + at, sentence_start + at + len(when["text"]), "date", when.get("start") or "")
    location = event.get("location") or {}
    if location:
        start, end = location.get("start"), location.get("end")
        if not isinstance(start, int) and location.get("text") and isinstance(sentence_start, int):
            at = sentence.find(location["text"])
            start, end = (sentence_start + at, sentence_start + at + len(location["text"])) if at >= 0 else (None, None)
        add(start, end, "place", ", ".join(p for p in (location.get("name"), location.get("admin1"), location.get("country")) if p))
    return spans


def document_spans(events: list[dict], text: str) -> list[dict]:
    """Spans of every event, deduplicated by (start, end, kind), ordered by position."""
    seen: dict[tuple, dict] = {}
    for event in events:
        for span in event_spans(event, text):
            key = (span["start"], span["end"], span["kind"])
            if key in seen:
                if span["event_id"] not in seen[key]["event_ids"]:
                    seen[key]["event_ids"].append(span["event_id"])
                continue
            span = dict(span)
            span["event_ids"] = [span.pop("event_id")]
            seen[key] = span
    return sorted(seen.values(), key=lambda s: (s["start"], -s["end"]))
