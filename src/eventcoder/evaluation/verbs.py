"""Marked-verb scores: sentences of real news with one event verb marked and the place (if
any) where that event happened.

at verb: share of items with an event whose trigger overlaps the marked verb; location right:
among items with an event at the verb and a place marked, share whose event location is a
marked place (its span overlaps one, or its text is one); place found: among items with a
place marked, share where some place the coder found in the sentence is a marked place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eventcoder.pipeline.state import DocumentAnalysis


@dataclass
class VerbReport:
    items: int = 0
    at_verb: int = 0
    with_place: int = 0
    place_found: int = 0
    located_items: int = 0  # an event at the verb and a place marked
    location_right: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"items": self.items, "event_at_verb": _ratio(self.at_verb, self.items),
                "items_with_place": self.with_place, "place_found_in_sentence": _ratio(self.place_found, self.with_place),
                "items_with_event_and_place": self.located_items, "location_right": _ratio(self.location_right, self.located_items),
                "errors": len(self.errors)}


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _overlaps(start: int, end: int, span: dict) -> bool:
    return start < span["end"] and span["start"] < end


def _is_marked(found: dict, marked: list[dict]) -> bool:
    start, end = found.get("start", -1), found.get("end", -1)
    text = (found.get("text") or "").lower()
    return any((start >= 0 and _overlaps(start, end, span)) or text == span["text"].lower() for span in marked)


def score_verbs(records: Iterable[dict], analyses: Iterable[DocumentAnalysis | Exception]) -> VerbReport:
    report = VerbReport()
    for record, analysis in zip(records, analyses, strict=True):
        report.items += 1
        if isinstance(analysis, Exception):
            report.errors.append(f"{record.get('id')}: {analysis}")
            continue
        verb, marked = record["event_verb"], record.get("locations") or []
        events = [e for e in analysis.events if _overlaps(e.trigger.start, e.trigger.end, verb)]
        report.at_verb += bool(events)
        if not marked:
            continue
        report.with_place += 1
        places = [{"start": s.sentence.start + s.doc[p.start : p.end].start_char, "end": s.sentence.start + s.doc[p.start : p.end].end_char,
                   "text": p.text} for s in analysis.sentences for p in s.places]
        report.place_found += any(_is_marked(p, marked) for p in places)
        if events:
            report.located_items += 1
            report.location_right += any(e.location is not None and _is_marked(e.location, marked) for e in events)
    return report


def format_verb_report(report: VerbReport) -> str:
    f = report.as_dict()
    lines = [f"items: {f['items']}; an event at the marked verb: {_pct(f['event_at_verb'])}",
             f"location right: {_pct(f['location_right'])} of {f['items_with_event_and_place']} items with an event at the verb and a place marked",
             f"a marked place among the places found in the sentence: {_pct(f['place_found_in_sentence'])} of {f['items_with_place']} items with a place marked"]
    lines += [f"error: {error}" for error in report.errors]
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"
