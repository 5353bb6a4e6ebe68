"""The event store: one DuckDB file with the tables of docs/store.md. This module is the only
one that writes SQL for them.

A batch of documents is written in one transaction together with its events, actors,
mentions and input errors, so a run killed at any point leaves each document either fully
stored or absent; the next run codes the absent ones.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    content_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, url VARCHAR, published DATE, text VARCHAR,
    n_sentences INTEGER, n_events INTEGER, coder_version VARCHAR, knowledge_hash VARCHAR, run_id VARCHAR, coded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, content_hash VARCHAR, doc_id VARCHAR, run_id VARCHAR,
    date DATE, date_end DATE, date_precision VARCHAR, cameo_code VARCHAR, cameo_root VARCHAR, goldstein DOUBLE,
    quad_class INTEGER, plover_event VARCHAR, plover_mode VARCHAR,
    source_code VARCHAR, source_sector VARCHAR, source_org VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_sector VARCHAR, target_org VARCHAR, target_text VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, confidence DOUBLE,
    location_country VARCHAR, location_admin1 VARCHAR, location_text VARCHAR, lat DOUBLE, lon DOUBLE,
    sentence VARCHAR, trigger_text VARCHAR, rule VARCHAR, cluster_id VARCHAR,
    coder_version VARCHAR, knowledge_hash VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR, role VARCHAR, position INTEGER, code VARCHAR, sector VARCHAR, org VARCHAR, name VARCHAR, text VARCHAR);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR, mention_id VARCHAR, sentence_index INTEGER, confidence DOUBLE);
CREATE TABLE IF NOT EXISTS errors (run_id VARCHAR, source VARCHAR, reason VARCHAR, "at" TIMESTAMP);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, input VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, workers INTEGER,
    coder_version VARCHAR, knowledge_hash VARCHAR, status VARCHAR, documents INTEGER, events INTEGER, errors INTEGER);
CREATE INDEX IF NOT EXISTS events_content ON events (content_hash);
CREATE INDEX IF NOT EXISTS actors_event ON event_actors (event_id);
CREATE INDEX IF NOT EXISTS mentions_event ON event_mentions (event_id);
CREATE OR REPLACE VIEW clusters AS
SELECT e.cluster_id,
       count(*) AS n_events,
       sum(coalesce(m.n, 1)) AS n_mentions,
       count(DISTINCT e.content_hash) AS n_articles,
       count(DISTINCT coalesce(regexp_extract(d.url, '^[a-z]+://([^/]+)', 1), regexp_replace(d.source, ':[0-9]+$', ''))) AS n_sources,
       min(e.date) AS first_date, max(e.date) AS last_date
FROM events e
LEFT JOIN (SELECT event_id, count(*) AS n FROM event_mentions GROUP BY event_id) m USING (event_id)
LEFT JOIN documents d USING (content_hash)
WHERE e.cluster_id IS NOT NULL
GROUP BY e.cluster_id;
"""

EVENT_COLUMNS = (
    "event_id content_hash doc_id run_id date date_end date_precision cameo_code cameo_root goldstein quad_class "
    "plover_event plover_mode source_code source_sector source_org source_text target_code target_sector target_org "
    "target_text negated hypothetical confidence location_country location_admin1 location_text lat lon sentence "
    "trigger_text rule cluster_id coder_version knowledge_hash record"
).split()


@dataclass
class CodedDocument:
    """One document's result, as a worker hands it to the store."""

    content_hash: str
    doc_id: str
    source: str
    url: str | None
    published: str | None
    text: str
    n_sentences: int
    events: list[dict]  # event records (docs/output.md), after within-story dedup
    mentions: dict[str, list[tuple[str, int, float]]] = field(default_factory=dict)  # kept id -> [(id, sentence, conf)]
    coder_version: str = ""
    knowledge_hash: str = ""
    error: str | None = None  # set when coding failed: the document is not stored


def _first(actors: list[dict] | None) -> dict:
    return actors[0] if actors else {}


def event_row(record: dict, content_hash: str, run_id: str) -> tuple:
    when = record.get("when") or {}
    cameo = record.get("cameo") or {}
    plover = record.get("plover") or {}
    src, tgt = _first(record.get("source")), _first(record.get("target"))
    loc = record.get("location") or {}
    trigger = record.get("trigger") or {}
    return (
        record["event_id"], content_hash, record.get("doc_id"), run_id,
        record.get("date") or when.get("start"), when.get("end"), when.get("precision"),
        cameo.get("code"), cameo.get("root"), cameo.get("goldstein"), cameo.get("quad_class"),
        plover.get("event"), plover.get("mode"),
        src.get("code"), src.get("sector"), src.get("org"), src.get("text"),
        tgt.get("code"), tgt.get("sector"), tgt.get("org"), tgt.get("text"),
        bool(record.get("negated")), bool(record.get("hypothetical")), record.get("confidence"),
        loc.get("country"), loc.get("admin1"), loc.get("text"), loc.get("lat"), loc.get("lon"),
        record.get("sentence"), trigger.get("text"), record.get("rule"), None,
        record.get("coder_version"), record.get("knowledge_hash"), json.dumps(record, ensure_ascii=False, sort_keys=True),
    )


@dataclass
class _BatchRows:
    """The rows of a batch for each table, in the tables' column order."""

    documents: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    actors: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)


def _batch_rows(run_id: str, documents: list[CodedDocument], now: dt.datetime) -> _BatchRows:
    """The rows of the documents; an event id met twice in the batch is written once (the first)."""
    rows = _BatchRows()
    seen: set[str] = set()
    for d in documents:
        rows.documents.append((d.content_hash, d.doc_id, d.source, d.url, d.published, d.text, d.n_sentences, len(d.events),
                               d.coder_version, d.knowledge_hash, run_id, now))
        for record in d.events:
            if record["event_id"] in seen:
                continue
            seen.add(record["event_id"])
            rows.events.append(event_row(record, d.content_hash, run_id))
            for role in ("source", "target"):
                for position, actor in enumerate(record.get(role) or []):
                    rows.actors.append((record["event_id"], role, position, actor.get("code"), actor.get("sector"),
                                        actor.get("org"), actor.get("name"), actor.get("text")))
            for mention_id, sentence_index, confidence in d.mentions.get(record["event_id"], []):
                rows.mentions.append((record["event_id"], mention_id, sentence_index, confidence))
    return rows


class Store:
    """An open event store. Not shared between processes: one writer (DuckDB locks the file)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"{self.path}: no such store")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)

    @classmethod
    def on_connection(cls, con, path: str = "") -> Store:
        """A store over a connection the caller already holds (the service's), writable."""
        store = cls.__new__(cls)
        store.path = path
        store.con = con
        con.execute(SCHEMA)
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- runs
    def start_run(self, input_desc: str, workers: int, coder_version: str, knowledge_hash: str) -> str:
        # a run still marked 'running' died (the file lock means no other writer is alive)
        self.con.execute("UPDATE runs SET status = 'failed' WHERE status = 'running'")
        run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, now(), NULL, ?, ?, ?, 'running', 0, 0, 0)",
            [run_id, input_desc, workers, coder_version, knowledge_hash],
        )
        return run_id

    def finish_run(self, run_id: str, status: str, documents: int, events: int, errors: int) -> None:
        self.con.execute(
            "UPDATE runs SET status = ?, finished_at = now(), documents = ?, events = ?, errors = ? WHERE run_id = ?",
            [status, documents, events, errors, run_id],
        )

    # ---- documents
    def coded_versions(self, hashes: Iterable[str]) -> dict[str, tuple[str, str]]:
        """content_hash -> (coder_version, knowledge_hash) for the given hashes already stored."""
        hashes = list(set(hashes))
        if not hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, coder_version, knowledge_hash FROM documents WHERE content_hash IN (SELECT unnest(?))", [hashes]
        ).fetchall()
        return {h: (v, k) for h, v, k in rows}

    def write_batch(self, run_id: str, documents: list[CodedDocument], errors: list[tuple[str, str]] = ()) -> int:
        """Store documents with their events (replacing an older coding of the same text) and input
        errors, all in one transaction. Returns the number of events written."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._delete_older_codings([d.content_hash for d in documents])
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            rows = _batch_rows(run_id, documents, now)
            self._insert("documents", rows.documents)
            self._drop_stored_events(rows)
            self._insert("events", rows.events)
            self._insert("event_actors", rows.actors)
            self._insert("event_mentions", rows.mentions)
            self._add_errors(run_id, errors, now)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(rows.events)

    def _delete_older_codings(self, hashes: list[str]) -> None:
        """Within write_batch's transaction: the stored coding of any of these texts goes, with
        its events, actors and mentions."""
        con = self.con
        if hashes:
            # only a recoded text has an older coding to replace; the deletes cost a scan each
            hashes = [h for (h,) in con.execute(
                "SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?))", [hashes]).fetchall()]
        if not hashes:
            return
        old = "(SELECT event_id FROM events WHERE content_hash IN (SELECT unnest(?)))"
        # clusters that lose members are recomputed
        con.execute(
            "UPDATE events SET cluster_id = NULL WHERE cluster_id IN "
            "(SELECT cluster_id FROM events WHERE content_hash IN (SELECT unnest(?)))", [hashes])
        con.execute(f"DELETE FROM event_actors WHERE event_id IN {old}", [hashes])
        con.execute(f"DELETE FROM event_mentions WHERE event_id IN {old}", [hashes])
        con.execute("DELETE FROM events WHERE content_hash IN (SELECT unnest(?))", [hashes])
        con.execute("DELETE FROM documents WHERE content_hash IN (SELECT unnest(?))", [hashes])

    def _drop_stored_events(self, rows: _BatchRows) -> None:
        """An event id already stored by another text (same doc id and spans) keeps its first
        coding; looked up here because INSERT OR IGNORE costs twice a plain insert."""
        if not rows.events:
            return
        taken = {event_id for (event_id,) in self.con.execute(
            "SELECT event_id FROM events WHERE event_id IN (SELECT unnest(?))", [[row[0] for row in rows.events]]).fetchall()}
        if taken:
            rows.events = [row for row in rows.events if row[0] not in taken]
            event_ids = {row[0] for row in rows.events}
            rows.actors = [row for row in rows.actors if row[0] in event_ids]
            rows.mentions = [row for row in rows.mentions if row[0] in event_ids]

    def _insert(self, table: str, rows: list[tuple]) -> None:
        """Insert rows (in the table's column order) as one Arrow batch: far faster than
        executemany, which DuckDB runs row by row."""
        if not rows:
            return
        batch = pa.table({f"c{i}": [row[i] for row in rows] for i in range(len(rows[0]))})
        self.con.register("insert_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM insert_batch")
        finally:
            self.con.unregister("insert_batch")

    def _add_errors(self, run_id: str, errors: Iterable[tuple[str, str]], now) -> None:
        """Input errors; one already recorded (same place and reason, by any run) is not repeated."""
        rows = list(dict.fromkeys((source, reason) for source, reason in errors))
        if not rows:
            return
        known = set(self.con.execute(
            "SELECT source, reason FROM errors WHERE source IN (SELECT unnest(?))", [[s for s, _ in rows]]).fetchall())
        fresh = [(run_id, s, r, now) for s, r in rows if (s, r) not in known]
        if fresh:
            self.con.executemany("INSERT INTO errors VALUES (?, ?, ?, ?)", fresh)

    def add_errors(self, run_id: str, errors: Iterable[tuple[str, str]]) -> None:
        self.write_batch(run_id, [], list(errors))

    # ---- clusters
    def assign_clusters(self, similarity: float = 0.2) -> int:
        """Give a cluster_id to every event that has none (see dedup.add_to_clusters): they are
        read with the clustered events of their (dyad, code) group dated within a day of them,
        so the work follows the new events, not the size of the store, and the result is the
        clustering of all stored events. Returns the number of events given a cluster."""
        from eventcoder.corpus.dedup import add_to_clusters

        key = ("concat_ws(':', coalesce(source_code, ''), coalesce(source_org, '')) AS s, "
               "concat_ws(':', coalesce(target_code, ''), coalesce(target_org, '')) AS t, coalesce(cameo_code, '') AS c")
        fresh = self.con.execute(f"SELECT event_id, {key}, date, sentence FROM events WHERE cluster_id IS NULL").fetchall()
        if not fresh:
            return 0
        # the days a new event can link to: its own and the day either side
        stored = self.con.execute(
            f"WITH near AS (SELECT DISTINCT {key}, date + shift AS day FROM events, (VALUES (-1), (0), (1)) v(shift) "
            "               WHERE cluster_id IS NULL AND date IS NOT NULL), "
            # the dates first: the group keys are built only for the events of those days
            "     dated AS (SELECT event_id, date, sentence, cluster_id, source_code, source_org, target_code, target_org, cameo_code "
            "               FROM events WHERE cluster_id IS NOT NULL AND date IN (SELECT day FROM near)) "
            "SELECT e.event_id, e.s, e.t, e.c, e.date, e.sentence, e.cluster_id "
            f"FROM (SELECT event_id, date, sentence, cluster_id, {key} FROM dated) e "
            "JOIN near n ON e.s = n.s AND e.t = n.t AND e.c = n.c AND e.date = n.day"
        ).fetchall()
        touched = sorted({row[6] for row in stored})
        smallest = dict(self.con.execute(
            "SELECT cluster_id, min(event_id) FROM events WHERE cluster_id IN (SELECT unnest(?)) GROUP BY cluster_id",
            [touched]).fetchall()) if touched else {}
        assignment, renamed = add_to_clusters(fresh, stored, smallest, similarity)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("CREATE TEMP TABLE IF NOT EXISTS cluster_tmp (event_id VARCHAR, cluster_id VARCHAR)")
            self.con.execute("CREATE TEMP TABLE IF NOT EXISTS cluster_renames (old_id VARCHAR, new_id VARCHAR)")
            self.con.execute("DELETE FROM cluster_tmp")
            self.con.execute("DELETE FROM cluster_renames")
            if renamed:  # clusters a new event joined together take the merged cluster's name
                self._insert("cluster_renames", list(renamed.items()))
                self.con.execute("UPDATE events SET cluster_id = r.new_id FROM cluster_renames r WHERE events.cluster_id = r.old_id")
            self._insert("cluster_tmp", list(assignment.items()))
            self.con.execute("UPDATE events SET cluster_id = t.cluster_id FROM cluster_tmp t WHERE events.event_id = t.event_id")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(assignment)

    # ---- reading
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "event_actors", "event_mentions", "errors", "runs")}

    def event_records(self) -> list[dict]:
        return [json.loads(r[0]) for r in self.con.execute("SELECT record FROM events ORDER BY event_id").fetchall()]
