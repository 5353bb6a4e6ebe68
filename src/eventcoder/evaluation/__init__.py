"""Measuring the coder against labelled records of three kinds (`eventcoder evaluate` tells
them apart by their fields):

- gold event records (`events`: shared/gold/README.md): precision, recall and F1 at three
  levels, actor, date and location accuracy (`events.py`);
- story-labelled records (`plover`, `plover_mode`, no `events`): how often the story's labelled
  type and mode are among the events coded in it (`stories.py`);
- marked-verb records (`event_verb`, `locations`): how often an event is coded at the marked
  verb, and whether its place is the marked one (`verbs.py`).
"""

from __future__ import annotations

import json
from pathlib import Path

from eventcoder.errors import InputRecordError

KINDS = ("events", "stories", "verbs")


def record_kind(record: dict) -> str | None:
    if isinstance(record.get("events"), list):
        return "events"
    if isinstance(record.get("event_verb"), dict):
        return "verbs"
    if isinstance(record.get("plover"), str):
        return "stories"
    return None


def load_records(path: Path) -> tuple[str, list[dict]]:
    """The records of a labelled file and their kind; every record must be of one kind, and a
    record that is of none is an error naming its line."""
    records, kinds = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputRecordError(f"{path}:{number}", f"bad JSON ({exc.msg})") from None
        kind = record_kind(record) if isinstance(record, dict) else None
        if kind is None or not isinstance(record.get("text"), str):
            raise InputRecordError(f"{path}:{number}", "a labelled record needs 'text' and an 'events' list, a 'plover' label or an 'event_verb'")
        kinds.add(kind)
        records.append(record)
    if len(kinds) > 1:
        raise InputRecordError(str(path), f"records of several kinds in one file: {', '.join(sorted(kinds))}")
    return (kinds.pop() if kinds else "events"), records
