"""Scoring coded events against hand-annotated records (format: shared/gold/README.md).

An output event matches a gold event of the same document when their CAMEO roots (or PLOVER
types) agree; at the stricter levels the source, then also the target, actor lists must
share an actor (same code, and same org for IGO/NGO; overlapping text where the gold code is
null, and for an IGO/NGO whose gold record gives no org; an empty gold target matches any
target). Matching is one-to-one. Gold events with
required: false count for recall only when matched."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.errors import InputRecordError

LEVELS = ("type", "type+source", "type+source+target")
_STOPWORDS = frozenset(["the", "and", "of", "for", "with", "from", "into", "over", "their", "its", "this", "that", "these", "those"])


@dataclass
class LevelScore:
    matched_output: int = 0
    outputs: int = 0
    matched_required: int = 0
    matched_optional: int = 0
    required: int = 0

    @property
    def precision(self) -> float:
        return self.matched_output / self.outputs if self.outputs else 1.0

    @property
    def recall(self) -> float:
        denominator = self.required + self.matched_optional
        return (self.matched_required + self.matched_optional) / denominator if denominator else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class RecordResult:
    id: str
    misses: list[dict] = field(default_factory=list)  # required gold events not matched at the strict level
    false_events: list[dict] = field(default_factory=list)  # output events not matched at the strict level
    outputs: int = 0
    gold_events: int = 0


@dataclass
class Report:
    levels: dict[str, LevelScore]
    records: list[RecordResult]
    empty_records: int = 0
    empty_records_clean: int = 0
    source_right: int = 0
    target_right: int = 0
    type_matched: int = 0
    dates_checked: int = 0
    dates_right: int = 0
    locations_checked: int = 0
    location_country_right: int = 0
    location_admin1_checked: int = 0
    location_admin1_right: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        result = {
            level: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4), "outputs": s.outputs,
                    "matched_outputs": s.matched_output, "required": s.required, "matched_required": s.matched_required,
                    "matched_optional": s.matched_optional}
            for level, s in self.levels.items()
        }
        result["records"] = len(self.records)
        result["no_event_records_clean"] = _ratio(self.empty_records_clean, self.empty_records)
        result["source_right_when_type_matched"] = _ratio(self.source_right, self.type_matched)
        result["target_right_when_type_matched"] = _ratio(self.target_right, self.type_matched)
        result["date_exact"] = _ratio(self.dates_right, self.dates_checked)
        result["location_country"] = _ratio(self.location_country_right, self.locations_checked)
        result["location_admin1"] = _ratio(self.location_admin1_right, self.location_admin1_checked)
        return result


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def load_gold(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputRecordError(f"{path}:{number}", f"bad JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not isinstance(record.get("events"), list):
            raise InputRecordError(f"{path}:{number}", "a gold record needs 'text' and an 'events' list")
        records.append(record)
    return records


def same_type(output: dict, gold: dict) -> bool:
    out_root = output["cameo"]["root"]
    gold_root = str(gold.get("cameo") or "")[:2]
    if out_root and gold_root and out_root == gold_root:
        return True
    out_plover = (output.get("plover") or {}).get("event")
    return bool(out_plover) and out_plover == gold.get("plover")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w'-]+", text.lower()) if len(w) > 3 and w not in _STOPWORDS}


def actor_matches(ours: dict, gold: dict) -> bool:
    code = gold.get("code")
    if code is None:
        return _texts_overlap(ours, gold)
    if code in ("IGO", "NGO") and not gold.get("org"):
        # a gold organisation without its acronym (the PLOVER records give none, and code
        # NGOs such as Amnesty as IGO): the same organisation by its words
        return ours.get("code") in ("IGO", "NGO") and _texts_overlap(ours, gold)
    if ours.get("code") != code:
        return False
    if code in ("IGO", "NGO"):
        return ours.get("org") == gold.get("org")
    return True


def _texts_overlap(ours: dict, gold: dict) -> bool:
    a, b = (ours.get("text") or "").lower(), (gold.get("text") or "").lower()
    return bool(a and b) and (a in b or b in a or bool(_words(a) & _words(b)))


def actors_match(ours: list[dict], gold: list[dict], empty_gold_matches_any: bool) -> bool:
    if not gold:
        return empty_gold_matches_any
    return any(actor_matches(o, g) for o in ours for g in gold)


def matches_at(level: str) -> Callable[[dict, dict], bool]:
    def check(output: dict, gold: dict) -> bool:
        if not same_type(output, gold):
            return False
        if level == "type":
            return True
        if not actors_match(output["source"], gold.get("source") or [], empty_gold_matches_any=False):
            return False
        return level == "type+source" or actors_match(output["target"], gold.get("target") or [], empty_gold_matches_any=True)

    return check


def one_to_one(outputs: list[dict], golds: list[dict], fits: Callable[[dict, dict], bool]) -> dict[int, int]:
    """Maximum matching (augmenting paths), required gold events tried first: gold index -> output index."""
    def closeness(out: dict, gold: dict) -> tuple[bool, bool]:
        # among possible partners, try first the one with the same trigger words, then the same code
        trigger = _words(gold.get("trigger") or "")
        return (bool(trigger & _words(out["trigger"]["text"])), out["cameo"]["code"] == str(gold.get("cameo")))

    edges = {
        g: sorted((o for o, out in enumerate(outputs) if fits(out, gold)), key=lambda o, gold=gold: closeness(outputs[o], gold), reverse=True)
        for g, gold in enumerate(golds)
    }
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for o in edges[g]:
            if o in seen:
                continue
            seen.add(o)
            if o not in owner or augment(owner[o], seen):
                owner[o] = g
                return True
        return False

    for g in sorted(edges, key=lambda i: (not golds[i].get("required", True), i)):
        augment(g, set())
    return {g: o for o, g in owner.items()}


def score(records: Iterable[dict], code: Callable[[dict], list[dict]]) -> Report:
    report = Report({level: LevelScore() for level in LEVELS}, [])
    strict = LEVELS[-1]
    for record in records:
        try:
            outputs = code(record)
        except InputRecordError as exc:
            report.errors.append(str(exc))
            outputs = []
        golds = record["events"]
        result = RecordResult(str(record.get("id")), outputs=len(outputs), gold_events=len(golds))
        if not golds:
            report.empty_records += 1
            report.empty_records_clean += not outputs
        for level in LEVELS:
            pairs = one_to_one(outputs, golds, matches_at(level))
            tally = report.levels[level]
            tally.outputs += len(outputs)
            tally.matched_output += len(pairs)
            tally.required += sum(1 for g in golds if g.get("required", True))
            for g in pairs:
                if golds[g].get("required", True):
                    tally.matched_required += 1
                else:
                    tally.matched_optional += 1
            if level == "type":
                _score_actors(report, outputs, golds, pairs)
            if level == strict:
                _score_when_and_where(report, outputs, golds, pairs)
                result.misses = [g for i, g in enumerate(golds) if g.get("required", True) and i not in pairs]
                matched_outputs = set(pairs.values())
                result.false_events = [o for i, o in enumerate(outputs) if i not in matched_outputs]
        report.records.append(result)
    return report


def _score_actors(report: Report, outputs: list[dict], golds: list[dict], pairs: dict[int, int]) -> None:
    """Actor accuracy over the events matched on type."""
    for g, o in pairs.items():
        gold, output = golds[g], outputs[o]
        report.type_matched += 1
        report.source_right += actors_match(output["source"], gold.get("source") or [], empty_gold_matches_any=False)
        report.target_right += actors_match(output["target"], gold.get("target") or [], empty_gold_matches_any=True)


def _score_when_and_where(report: Report, outputs: list[dict], golds: list[dict], pairs: dict[int, int]) -> None:
    """Date and location accuracy over the events matched on type, source and target (the
    pairs that are surely the same happening)."""
    for g, o in pairs.items():
        gold, output = golds[g], outputs[o]
        if gold.get("date"):
            report.dates_checked += 1
            report.dates_right += output.get("date") == gold["date"]
        location = gold.get("location")
        if location and location.get("country"):
            ours = output.get("location") or {}
            report.locations_checked += 1
            report.location_country_right += ours.get("country") == location["country"]
            if location.get("admin1"):
                report.location_admin1_checked += 1
                report.location_admin1_right += ours.get("admin1") == location["admin1"]


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"{'level':<22}{'precision':>10}{'recall':>10}{'F1':>8}{'outputs':>9}{'matched':>9}{'required':>10}{'req. found':>11}"]
    for level, s in report.levels.items():
        lines.append(
            f"{level:<22}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{s.outputs:>9}{s.matched_output:>9}{s.required:>10}{s.matched_required:>11}"
        )
    strict = report.levels[LEVELS[-1]]
    lines.append(f"false events (strict level): {strict.outputs - strict.matched_output}")
    details = report.as_dict()
    lines.append(
        "records: {records}; no-event records with no output: {clean}; source right: {src}; target right: {tgt} (over {n} type-matched events)".format(
            records=details["records"], clean=_pct(details["no_event_records_clean"]), src=_pct(details["source_right_when_type_matched"]),
            tgt=_pct(details["target_right_when_type_matched"]), n=report.type_matched,
        )
    )
    lines.append(
        f"over events matched at the strict level: dates exact: {_pct(details['date_exact'])} of {report.dates_checked}; location country: {_pct(details['location_country'])} of {report.locations_checked}; "
        f"admin1: {_pct(details['location_admin1'])} of {report.location_admin1_checked}"
    )
    for error in report.errors:
        lines.append(f"error: {error}")
    if verbose:
        for record in report.records:
            if not record.misses and not record.false_events:
                continue
            lines.append(f"\n[{record.id}] {record.outputs} output, {record.gold_events} gold")
            for gold in record.misses:
                lines.append(f"  MISS  {_describe_gold(gold)}")
            for output in record.false_events:
                lines.append(f"  FALSE {_describe_output(output)}")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _actor_label(actor: dict) -> str:
    code = actor.get("code") or "-"
    extra = actor.get("org") or actor.get("sector") or ""
    return f"{code}{'/' + extra if extra else ''} {actor.get('text', '')!r}"


def _describe_gold(gold: dict) -> str:
    source = ", ".join(_actor_label(a) for a in gold.get("source") or [])
    target = ", ".join(_actor_label(a) for a in gold.get("target") or [])
    return f"{gold.get('cameo')} {gold.get('trigger')!r}: [{source}] -> [{target}]"


def _describe_output(output: dict) -> str:
    source = ", ".join(_actor_label(a) for a in output["source"])
    target = ", ".join(_actor_label(a) for a in output["target"])
    flags = "".join([" negated" if output.get("negated") else "", " hypothetical" if output.get("hypothetical") else ""])
    return f"{output['cameo']['code']} {output['trigger']['text']!r}: [{source}] -> [{target}]{flags} ({output['rule']})"
