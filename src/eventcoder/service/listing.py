"""The filtered events as the API hands them out: a JSON page at a time (newest first, with a
cursor for the next page) or the whole set as a CSV, GeoJSON or JSON Lines download, streamed
from the store in batches."""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator

from fastapi.responses import Response, StreamingResponse

from eventcoder.corpus.store import EVENT_COLUMNS
from eventcoder.service.shared import Service, ServiceError

ORDER = "coalesce(e.date, DATE '0001-01-01') DESC, e.event_id"
FLAT_COLUMNS = [c for c in EVENT_COLUMNS if c not in ("record", "content_hash", "run_id", "cluster_id", "coder_version", "knowledge_hash")]
ACTOR_LABEL = "coalesce(a.code, '?') || CASE WHEN a.org IS NOT NULL THEN ':' || a.org ELSE '' END || CASE WHEN a.sector IS NOT NULL THEN '/' || a.sector ELSE '' END"


def _encode_cursor(date, event_id: str) -> str:
    raw = json.dumps([date.isoformat() if date else None, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[dt.date, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, event_id = json.loads(raw)
        return (dt.date.fromisoformat(date) if date else dt.date(1, 1, 1)), str(event_id)
    except (ValueError, TypeError, binascii.Error):
        raise ServiceError(400, "cursor is not one this service gave out (use next_cursor of the previous page)") from None


def event_page(service: Service, where: str, params: list, limit: int, cursor: str | None) -> dict:
    """`limit` events of the filter after `cursor` (keyset paging on date and event id)."""
    page_where, page_params = where, list(params)
    if cursor:
        date, event_id = _decode_cursor(cursor)
        key = "coalesce(e.date, DATE '0001-01-01')"
        page_where = f"({where}) AND ({key} < ? OR ({key} = ? AND e.event_id > ?))"
        page_params += [date, date, event_id]
    with service.reading() as cur:
        total = cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
        rows = cur.execute(
            f"SELECT e.record, e.date, e.event_id FROM events e WHERE {page_where} ORDER BY {ORDER} LIMIT ?", page_params + [limit + 1]
        ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "total": total,
        "limit": limit,
        "events": [json.loads(r[0]) for r in rows],
        "next_cursor": _encode_cursor(rows[-1][1], rows[-1][2]) if more and rows else None,
    }


def event_download(service: Service, where: str, params: list, format: str) -> Response:
    """Every event of the filter as an attachment; the cursor stays open while it streams."""
    columns = ", ".join(f"e.{c}" for c in FLAT_COLUMNS)
    actors = (
        f"(SELECT string_agg({ACTOR_LABEL}, ';' ORDER BY a.position) FROM event_actors a WHERE a.event_id = e.event_id AND a.role = 'source') AS sources, "
        f"(SELECT string_agg({ACTOR_LABEL}, ';' ORDER BY a.position) FROM event_actors a WHERE a.event_id = e.event_id AND a.role = 'target') AS targets"
    )
    cur = service.cursor()
    try:
        total = cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    except Exception:
        cur.close()
        raise
    stamp = dt.date.today().isoformat()
    if format == "jsonl":
        cur.execute(f"SELECT e.record FROM events e WHERE {where} ORDER BY {ORDER}", params)
        body, media, name = _stream(cur, lambda row: row[0] + "\n"), "application/x-ndjson", f"events-{stamp}.jsonl"
    elif format == "csv":
        cur.execute(f"SELECT {columns}, {actors} FROM events e WHERE {where} ORDER BY {ORDER}", params)
        header = FLAT_COLUMNS + ["sources", "targets"]
        body, media, name = _stream_csv(cur, header), "text/csv; charset=utf-8", f"events-{stamp}.csv"
    else:
        cur.execute(f"SELECT {columns}, {actors} FROM events e WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL ORDER BY {ORDER}", params)
        body, media, name = _stream_geojson(cur, FLAT_COLUMNS + ["sources", "targets"]), "application/geo+json", f"events-{stamp}.geojson"
    return StreamingResponse(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Total-Count": str(total)})


def _rows(cur) -> Iterator[tuple]:
    try:
        while True:
            batch = cur.fetchmany(2000)
            if not batch:
                return
            yield from batch
    finally:
        cur.close()


def _stream(cur, render) -> Iterator[str]:
    for row in _rows(cur):
        yield render(row)


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _stream_csv(cur, header: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for count, row in enumerate(_rows(cur), 1):
        writer.writerow(["" if v is None else _plain(v) for v in row])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _stream_geojson(cur, header: list[str]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in _rows(cur):
        properties = {k: _plain(v) for k, v in zip(header, row, strict=True)}
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [properties["lon"], properties["lat"]]}, "properties": properties}
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}\n"
