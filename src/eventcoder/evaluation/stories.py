"""Story-level scores: records labelled with the story's main PLOVER type and mode.

recall: share of stories with at least one event of the labelled type; top type: share whose
most frequent event type (ties: any of the tied) is the label; mode: among stories with a
labelled mode, share with an event of the labelled type and mode; silent: share with no
event at all. Each is given overall and by labelled type."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class TypeTally:
    stories: int = 0
    found: int = 0
    top: int = 0
    with_mode: int = 0
    mode_found: int = 0


@dataclass
class StoryReport:
    by_type: dict[str, TypeTally] = field(default_factory=lambda: defaultdict(TypeTally))
    silent: int = 0
    errors: list[str] = field(default_factory=list)

    def overall(self) -> TypeTally:
        total = TypeTally()
        for tally in self.by_type.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(tally, name))
        return total

    def as_dict(self) -> dict:
        def figures(t: TypeTally) -> dict:
            return {"stories": t.stories, "recall": _ratio(t.found, t.stories), "top_type": _ratio(t.top, t.stories),
                    "mode": _ratio(t.mode_found, t.with_mode), "stories_with_mode": t.with_mode}

        total = self.overall()
        return {**figures(total), "silent": _ratio(self.silent, total.stories), "errors": len(self.errors),
                "by_type": {label: figures(t) for label, t in sorted(self.by_type.items())}}


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def score_stories(records: Iterable[dict], coded: Iterable[list[dict] | Exception]) -> StoryReport:
    """`coded` gives, for each record in order, its events as dicts (or the error it raised)."""
    report = StoryReport()
    for record, events in zip(records, coded, strict=True):
        label = str(record["plover"]).upper()
        mode = str(record["plover_mode"]).upper() if record.get("plover_mode") else None
        tally = report.by_type[label]
        tally.stories += 1
        if isinstance(events, Exception):
            report.errors.append(f"{record.get('id')}: {events}")
            events = []
        types = Counter(str((e.get("plover") or {}).get("event") or "").upper() for e in events)
        types.pop("", None)
        report.silent += not events
        tally.found += label in types
        tally.top += bool(types) and types[label] == max(types.values())
        if mode:
            tally.with_mode += 1
            tally.mode_found += any(str((e.get("plover") or {}).get("event") or "").upper() == label
                                    and str((e.get("plover") or {}).get("mode") or "").upper() == mode for e in events)
    return report


def format_story_report(report: StoryReport) -> str:
    figures = report.as_dict()
    lines = [f"stories: {figures['stories']}; recall {_pct(figures['recall'])}, top type {_pct(figures['top_type'])}, "
             f"mode {_pct(figures['mode'])} (of {figures['stories_with_mode']} with a mode), silent {_pct(figures['silent'])}",
             f"{'type':<12}{'stories':>8}{'recall':>9}{'top type':>10}{'mode':>8}"]
    for label, f in figures["by_type"].items():
        lines.append(f"{label:<12}{f['stories']:>8}{_pct(f['recall']):>9}{_pct(f['top_type']):>10}{_pct(f['mode']):>8}")
    lines += [f"error: {error}" for error in report.errors]
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"
