"""Reading input documents: a .txt file, a .jsonl file of {"id", "text", "date", ...}
records, or stdin. A bad record becomes an error naming it; the others still go through."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.coder import check_date
from eventcoder.errors import InputRecordError


@dataclass
class Record:
    id: str
    text: str
    date: str | None
    where: str
    meta: dict = field(default_factory=dict)


def read_input(source: str, date: str | None = None) -> Iterator[Record | InputRecordError]:
    """Records from a path or '-' (stdin: JSON Lines when the first character is '{', else one text)."""
    if source == "-":
        content = sys.stdin.read()
        if content.lstrip().startswith("{"):
            yield from _jsonl_lines(content.splitlines(), "<stdin>", date)
        else:
            yield from _text_document(content, "stdin", "<stdin>", date)
        return
    path = Path(source)
    if not path.exists():
        yield InputRecordError(source, "file not found")
        return
    if path.is_dir():
        yield InputRecordError(source, "is a directory, not a file")
        return
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        yield InputRecordError(source, f"not valid UTF-8 (byte {exc.start})")
        return
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _jsonl_lines(content.splitlines(), source, date)
    else:
        yield from _text_document(content, path.stem, source, date)


def _text_document(content: str, doc_id: str, where: str, date: str | None) -> Iterator[Record | InputRecordError]:
    if not content.strip():
        yield InputRecordError(where, "empty text")
        return
    try:
        yield Record(doc_id, content, check_date(date, where), where)
    except InputRecordError as exc:
        yield exc


def _jsonl_lines(lines: list[str], source: str, default_date: str | None) -> Iterator[Record | InputRecordError]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputRecordError(where, f"bad JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputRecordError(where, "a record must be a JSON object")
            continue
        doc_id = str(record.get("id") or f"{Path(source).stem}-{number}")
        where = f"{where} (id {doc_id})"
        text = record.get("text")
        if not isinstance(text, str):
            yield InputRecordError(where, "missing 'text' field" if text is None else "'text' must be a string")
            continue
        if not text.strip():
            yield InputRecordError(where, "empty text")
            continue
        try:
            date = check_date(record.get("date") or default_date, where)
        except InputRecordError as exc:
            yield exc
            continue
        meta = {k: v for k, v in record.items() if k not in ("id", "text", "date")}
        yield Record(doc_id, text, date, where, meta)
