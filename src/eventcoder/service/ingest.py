"""Writing coded documents into the store for `POST /v1/documents`.

The tables and columns are those of docs/store.md. When `eventcoder.store` offers a writer
(`write_documents(con, records, run_id)`), the service uses it; this module's own writer
follows the same contract so the service can ingest before that module exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
import uuid

from eventcoder import __version__

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    content_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, url VARCHAR, published DATE, text VARCHAR,
    n_sentences INTEGER, n_events INTEGER, coder_version VARCHAR, knowledge_hash VARCHAR, run_id VARCHAR, coded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, content_hash VARCHAR, doc_id VARCHAR, run_id VARCHAR, date DATE, date_end DATE,
    date_precision VARCHAR, cameo_code VARCHAR, cameo_root VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    plover_event VARCHAR, plover_mode VARCHAR, source_code VARCHAR, source_sector VARCHAR, source_org VARCHAR,
    source_text VARCHAR, target_code VARCHAR, target_sector VARCHAR, target_org VARCHAR, target_text VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, confidence DOUBLE, location_country VARCHAR, location_admin1 VARCHAR,
    location_text VARCHAR, lat DOUBLE, lon DOUBLE, sentence VARCHAR, trigger_text VARCHAR, rule VARCHAR,
    cluster_id VARCHAR, coder_version VARCHAR, knowledge_hash VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR, role VARCHAR, position INTEGER, code VARCHAR, sector VARCHAR, org VARCHAR, name VARCHAR, text VARCHAR);
CREATE TABLE IF NOT EXISTS errors (run_id VARCHAR, source VARCHAR, reason VARCHAR, "at" TIMESTAMP);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, input VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, workers INTEGER,
    coder_version VARCHAR, knowledge_hash VARCHAR, status VARCHAR, documents INTEGER, events INTEGER, errors INTEGER);
"""

EVENT_COLUMNS = (
    "event_id content_hash doc_id run_id date date_end date_precision cameo_code cameo_root goldstein quad_class "
    "plover_event plover_mode source_code source_sector source_org source_text target_code target_sector target_org "
    "target_text negated hypothetical confidence location_country location_admin1 location_text lat lon sentence "
    "trigger_text rule cluster_id coder_version knowledge_hash record"
).split()


def content_hash(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text).strip().encode("utf-8")).hexdigest()


def event_row(event: dict, chash: str, run_id: str) -> list:
    when = event.get("when") or {}
    cameo = event.get("cameo") or {}
    plover = event.get("plover") or {}
    location = event.get("location") or {}
    source = (event.get("source") or [{}])[0] if event.get("source") else {}
    target = (event.get("target") or [{}])[0] if event.get("target") else {}
    values = {
        "event_id": event["event_id"], "content_hash": chash, "doc_id": event.get("doc_id"), "run_id": run_id,
        "date": when.get("start") or event.get("date"), "date_end": when.get("end"), "date_precision": when.get("precision"),
        "cameo_code": cameo.get("code"), "cameo_root": cameo.get("root"), "goldstein": cameo.get("goldstein"),
        "quad_class": cameo.get("quad_class"), "plover_event": plover.get("event"), "plover_mode": plover.get("mode"),
        "source_code": source.get("code"), "source_sector": source.get("sector"), "source_org": source.get("org"),
        "source_text": source.get("text"), "target_code": target.get("code"), "target_sector": target.get("sector"),
        "target_org": target.get("org"), "target_text": target.get("text"), "negated": bool(event.get("negated")),
        "hypothetical": bool(event.get("hypothetical")), "confidence": event.get("confidence"),
        "location_country": location.get("country"), "location_admin1": location.get("admin1"),
        "location_text": location.get("text"), "lat": location.get("lat"), "lon": location.get("lon"),
        "sentence": event.get("sentence"), "trigger_text": (event.get("trigger") or {}).get("text"), "rule": event.get("rule"),
        "cluster_id": None, "coder_version": event.get("coder_version"), "knowledge_hash": event.get("knowledge_hash"),
        "record": json.dumps(event, ensure_ascii=False),
    }
    return [values[c] for c in EVENT_COLUMNS]


def actor_rows(event: dict) -> list[list]:
    rows = []
    for role in ("source", "target"):
        for position, actor in enumerate(event.get(role) or []):
            rows.append([event["event_id"], role, position, actor.get("code"), actor.get("sector"), actor.get("org"), actor.get("name"), actor.get("text")])
    return rows


def write_documents(con, documents: list[dict], knowledge_hash: str, source: str = "api") -> dict:
    """Write coded documents ({doc_id, text, date, url, events, n_sentences}) as one run.
    A document whose content hash is already stored is skipped. Returns the run's counts."""
    run_id = "api-" + uuid.uuid4().hex[:12]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    written = skipped = n_events = 0
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, NULL, 1, ?, ?, 'running', 0, 0, 0)", [run_id, source, now, __version__, knowledge_hash]
        )
        for i, doc in enumerate(documents):
            chash = content_hash(doc["text"])
            if con.execute("SELECT 1 FROM documents WHERE content_hash = ?", [chash]).fetchone():
                skipped += 1
                continue
            events = [e for e in doc["events"] if not con.execute("SELECT 1 FROM events WHERE event_id = ?", [e["event_id"]]).fetchone()]
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [chash, doc["doc_id"], f"{source}:{i + 1}", doc.get("url"), doc.get("date"), doc["text"], doc.get("n_sentences"),
                 len(events), __version__, knowledge_hash, run_id, now],
            )
            marks = ", ".join("?" for _ in EVENT_COLUMNS)
            for event in events:
                con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})", event_row(event, chash, run_id))
                for row in actor_rows(event):
                    con.execute("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            written += 1
            n_events += len(events)
        con.execute(
            "UPDATE runs SET finished_at = ?, status = 'finished', documents = ?, events = ? WHERE run_id = ?",
            [dt.datetime.now(dt.UTC).replace(tzinfo=None), written, n_events, run_id],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {"run_id": run_id, "documents": written, "skipped": skipped, "events": n_events}
