"""GET /v1/events (a page of the filtered events, or all of them as a download) and
GET /v1/events/{event_id} (one event with its document and the spans to highlight)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Query

from eventcoder.service.filters import FiltersDep
from eventcoder.service.listing import event_download, event_page
from eventcoder.service.shared import ServiceDep, ServiceError
from eventcoder.service.spans import event_spans

router = APIRouter()


@router.get("/events", summary="The events that pass the filters: JSON pages, or the whole set as CSV, GeoJSON or JSON Lines")
def events(
    service: ServiceDep,
    f: FiltersDep,
    format: str = Query("json", description="json (a page), csv, geojson or jsonl (the whole filtered set)"),
    limit: int = Query(50, ge=1, le=1000, description="Events per page (json)"),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
):
    where, params = f.where()
    if format == "json":
        return event_page(service, where, params, limit, cursor)
    if format in ("csv", "geojson", "jsonl"):
        return event_download(service, where, params, format)
    raise ServiceError(400, f"format {format!r} must be json, csv, geojson or jsonl")


@router.get("/events/{event_id}", summary="One event with its document text and the spans to highlight")
def event(service: ServiceDep, event_id: str):
    with service.reading() as cur:
        row = cur.execute("SELECT record, content_hash FROM events WHERE event_id = ?", [event_id]).fetchone()
        if row is None:
            raise ServiceError(404, f"no event {event_id!r} in the store")
        record = json.loads(row[0])
        doc = cur.execute(
            "SELECT doc_id, source, url, published, text FROM documents WHERE content_hash = ?", [row[1]]
        ).fetchone()
        siblings = cur.execute(
            "SELECT event_id, cameo_code, trigger_text, sentence_index FROM ("
            " SELECT event_id, cameo_code, trigger_text, CAST(json_extract(record, '$.sentence_index') AS INTEGER) AS sentence_index"
            " FROM events WHERE content_hash = ?) ORDER BY sentence_index, event_id",
            [row[1]],
        ).fetchall()
    document = None
    spans: list[dict] = []
    if doc is not None:
        document = {"doc_id": doc[0], "source": doc[1], "url": doc[2], "published": doc[3].isoformat() if doc[3] else None, "text": doc[4]}
        spans = event_spans(record, doc[4] or "")
    return {
        "event": record,
        "document": document,
        "spans": spans,
        "document_events": [{"event_id": s[0], "cameo_code": s[1], "trigger": s[2], "sentence_index": s[3]} for s in siblings],
    }
