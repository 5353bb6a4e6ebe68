"""The one event schema every stage and writer uses (documented in docs/output.md)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, is_dataclass

SCHEMA_VERSION = "1"


@dataclass
class Actor:
    text: str
    start: int
    end: int
    code: str | None
    sector: str | None = None
    org: str | None = None
    name: str | None = None
    reason: str = ""
    antecedent: dict | None = None  # {"text", "start", "end"} when resolved through coreference
    implicit: bool = False

    def to_dict(self) -> dict:
        return _plain(self)


@dataclass
class Cameo:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int


@dataclass
class Plover:
    event: str | None
    mode: str | None


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class EventDate:
    start: str
    end: str | None
    precision: str  # day, week, month, year
    text: str | None
    reason: str


@dataclass
class Event:
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    date: str | None
    when: EventDate | None
    source: list[Actor]
    target: list[Actor]
    cameo: Cameo
    plover: Plover
    trigger: Span
    negated: bool
    hypothetical: bool
    attributed_to: list[Actor] | None
    parent_event_id: str | None
    location: dict | None
    rule: str
    confidence: float
    coder_version: str = ""
    knowledge_hash: str = ""
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict:
        return _plain(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)


def _plain(value):
    """What dataclasses.asdict gives (nested dataclasses, lists and dicts as new plain
    objects), without its deep copies of every leaf: a corpus run converts every event."""
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(item) for name, item in vars(value).items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def make_event_id(doc_id: str, trigger_start: int, trigger_end: int, cameo_code: str, source: list[Actor], target: list[Actor]) -> str:
    """Stable across runs: the same document, trigger, code and actors give the same id."""
    parts = [doc_id, str(trigger_start), str(trigger_end), cameo_code]
    parts += [f"s:{a.start}:{a.end}:{a.code}:{a.sector}:{a.org}" for a in source]
    parts += [f"t:{a.start}:{a.end}:{a.code}:{a.sector}:{a.org}" for a in target]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
