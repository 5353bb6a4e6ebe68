"""Corpus input: documents from a directory of .txt/.html files, .jsonl and .csv files (with
named id/text/date/url columns), gzip versions of these, or stdin.

`iter_documents()` yields `Document`s and `IngestError`s in input order; a bad record, an
undecodable line, an empty text or a huge document becomes an `IngestError` naming its place
(`path:line`, `path`, `<stdin>:line`) and a one-line reason, and reading goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024  # a document over 5 MB is recorded as an error, not coded
# bytes that were not UTF-8, as Python's surrogateescape decoding keeps them
_LONE_SURROGATE = re.compile("[\udc80-\udcff]")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES


@dataclass
class Columns:
    """Which record fields hold the id, text, date and URL (.jsonl and .csv inputs)."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    url: str = "url"


@dataclass
class Document:
    doc_id: str
    text: str  # normalised: NFC, stripped (offsets of events point into this text)
    date: str | None
    url: str | None
    source: str  # path:line, path, <stdin>:line
    content_hash: str = ""
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)


@dataclass
class IngestError:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def content_hash(text: str) -> str:
    """sha256 of the normalised text: the document's key in the store."""
    return hashlib.sha256(normalise(text).encode("utf-8", "surrogatepass")).hexdigest()


def iso_date(value, where: str) -> str | None:
    """An ISO date from a record value ('2024-05-02', '2024-05-02T10:00:00Z'); None when empty."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def kind_of(path: Path) -> str | None:
    """'txt', 'html', 'jsonl', 'csv' (also for NAME.EXT.gz), or None for other files."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for kind, suffixes in (("txt", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def list_files(inputs: Iterable[str]) -> list[str]:
    """The input files in reading order: a directory gives its known files, sorted, recursively."""
    files: list[str] = []
    for source in inputs:
        path = Path(source)
        if source != "-" and path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and kind_of(p))
        else:
            files.append(source)
    return files


def count_records(inputs: Iterable[str]) -> int | None:
    """A cheap estimate of the number of records (for the ETA); None when it cannot be known."""
    total = 0
    for source in list_files(inputs):
        if source == "-":
            return None
        path = Path(source)
        kind = kind_of(path)
        if kind in ("txt", "html"):
            total += 1
            continue
        try:
            with _open_binary(path) as fh:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""))
        except OSError:
            continue
        total += max(lines - (1 if kind == "csv" else 0), 0)
    return total


def iter_documents(
    inputs: Iterable[str],
    columns: Columns | None = None,
    date: str | None = None,
    stdin_format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document | IngestError]:
    """Every document of the inputs, in order. `date` is the fallback publication date."""
    columns = columns or Columns()
    for source in list_files(inputs):
        if source == "-":
            yield from _stdin(columns, date, stdin_format, max_bytes)
            continue
        path = Path(source)
        if not path.exists():
            yield IngestError(source, "file not found")
            continue
        kind = kind_of(path)
        if kind is None:
            yield IngestError(source, f"unknown input kind (expected {', '.join(KNOWN_SUFFIXES)}, optionally .gz)")
            continue
        try:
            if kind == "jsonl":
                with _open_binary(path) as fh:
                    yield from _jsonl(fh, source, columns, date, max_bytes)
            elif kind == "csv":
                with _open_binary(path) as fh:
                    yield from _csv(fh.read(), source, columns, date, max_bytes)
            else:
                with _open_binary(path) as fh:
                    data = fh.read(max_bytes + 1)
                yield from _single(data, path, source, kind, date, max_bytes)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield IngestError(source, f"cannot read: {exc}")


def _open_binary(path: Path):
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _stdin(columns: Columns, date: str | None, stdin_format: str | None, max_bytes: int) -> Iterator[Document | IngestError]:
    stream = sys.stdin.buffer
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    fmt = stdin_format
    if fmt is None:
        fmt = "jsonl" if head.lstrip().startswith(b"{") else "txt"
    if fmt == "jsonl":
        yield from _jsonl(stream, "<stdin>", columns, date, max_bytes)
    elif fmt == "csv":
        yield from _csv(stream.read(), "<stdin>", columns, date, max_bytes)
    else:
        yield from _single(stream.read(max_bytes + 1), Path("stdin"), "<stdin>", fmt, date, max_bytes)


def _decode(data: bytes, where: str) -> str | IngestError:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return IngestError(where, f"invalid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})")


def _single(data: bytes, path: Path, source: str, kind: str, date: str | None, max_bytes: int) -> Iterator[Document | IngestError]:
    if len(data) > max_bytes:
        yield IngestError(source, f"document larger than {max_bytes} bytes")
        return
    text = _decode(data, source)
    if isinstance(text, IngestError):
        yield text
        return
    stem = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    doc_id = stem.rsplit(".", 1)[0]
    url = None
    html_date = None
    if kind == "html":
        extracted = extract_html(text)
        if isinstance(extracted, str):
            yield IngestError(source, extracted)
            return
        text, html_date, url = extracted
    yield from _make(doc_id, text, None, html_date, date, url, source)


def _make(doc_id, text, record_date, meta_date, flag_date, url, where, meta=None) -> Iterator[Document | IngestError]:
    if not isinstance(text, str):
        yield IngestError(where, "missing text" if text is None else "text must be a string")
        return
    text = normalise(text)
    if not text:
        yield IngestError(where, "empty text")
        return
    try:
        chosen = iso_date(record_date, where) or iso_date(meta_date, where) or iso_date(flag_date, where)
    except ValueError as exc:
        yield IngestError(where, str(exc))
        return
    yield Document(str(doc_id), text, chosen, str(url) if url else None, where, meta=meta or {})


def _jsonl(stream, source: str, columns: Columns, date: str | None, max_bytes: int) -> Iterator[Document | IngestError]:
    stem = Path(source).name.split(".")[0] or "stdin"
    for number, raw in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if len(raw) > max_bytes:
            yield IngestError(where, f"document larger than {max_bytes} bytes")
            continue
        line = _decode(raw, where)
        if isinstance(line, IngestError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"bad JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield IngestError(where, "a record must be a JSON object")
            continue
        yield from _from_record(record, stem, number, where, columns, date)


def _from_record(record: dict, stem: str, number: int, where: str, columns: Columns, date: str | None):
    doc_id = record.get(columns.id)
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{stem}-{number}"
    where = f"{where} (id {doc_id})"
    text = record.get(columns.text)
    if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        yield IngestError(where, f"document larger than {MAX_BYTES} bytes")
        return
    if isinstance(text, str) and _LONE_SURROGATE.search(text):
        yield IngestError(where, "invalid UTF-8 in text")
        return
    used = {columns.id, columns.text, columns.date, columns.url}
    meta = {k: v for k, v in record.items() if k not in used}
    yield from _make(doc_id, text, record.get(columns.date), None, date, record.get(columns.url), where, meta)


def _csv(data: bytes, source: str, columns: Columns, date: str | None, max_bytes: int) -> Iterator[Document | IngestError]:
    text = data.decode("utf-8", "surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    csv.field_size_limit(max(max_bytes * 2, 1 << 20))
    reader = csv.reader(io.StringIO(text, newline=""))
    stem = Path(source).name.split(".")[0] or "stdin"
    try:
        header = next(reader)
    except StopIteration:
        yield IngestError(source, "empty CSV file")
        return
    except csv.Error as exc:
        yield IngestError(f"{source}:1", f"bad CSV header ({exc})")
        return
    if columns.text not in header:
        yield IngestError(f"{source}:1", f"no text column {columns.text!r} in the header ({', '.join(header)})")
        return
    number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestError(f"{source}:{reader.line_num}", f"bad CSV row ({exc})")
            return
        number += 1
        where = f"{source}:{reader.line_num}"
        if not row or row == [""]:
            continue
        if len(row) != len(header):
            yield IngestError(where, f"row has {len(row)} fields, the header {len(header)}")
            continue
        yield from _from_record(dict(zip(header, row, strict=True)), stem, number, where, columns, date)


def extract_html(html: str) -> tuple[str, str | None, str | None] | str:
    """(text, date, url) of a news page via trafilatura, or a reason string when there is no text.
    The headline, when the page gives one, is the first line of the text."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises many kinds on broken pages
        return f"HTML extraction failed ({type(exc).__name__}: {exc})"
    if result is None:
        return "no article text found in the HTML"
    get = result.get if isinstance(result, dict) else (lambda k: getattr(result, k, None))
    body = get("text") or ""
    title = get("title") or ""
    if not body.strip():
        return "no article text found in the HTML"
    text = body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"
    return text, get("date"), get("url")
