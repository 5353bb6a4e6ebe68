"""Exports of the event store: PLOVER JSON Lines, Phoenix-style TSV, GDELT 2.0 event-table TSV,
CSV and Parquet partitioned by date. Every layout is described column by column in
docs/corpus.md. Filters: date range, country, actor and event code."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.corpus.store import EVENT_COLUMNS, Store

FORMATS = ("plover-jsonl", "phoenix-tsv", "gdelt-tsv", "csv", "parquet")

PHOENIX_COLUMNS = (
    "EventID Date Year Month Day SourceActorFull SourceActorEntity SourceActorRole SourceActorAttribute "
    "TargetActorFull TargetActorEntity TargetActorRole TargetActorAttribute EventCode EventRootCode QuadClass "
    "GoldsteinScore Issues Lat Lon LocationName StateName CountryCode SentenceID URLs NewsSources"
).split()

_GEO = "Type FullName CountryCode ADM1Code ADM2Code Lat Long FeatureID".split()
_ACTOR = "Code Name CountryCode KnownGroupCode EthnicCode Religion1Code Religion2Code Type1Code Type2Code Type3Code".split()
GDELT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61

FLAT_COLUMNS = [c for c in EVENT_COLUMNS if c != "record"] + ["mentions", "url", "doc_source"]


class ExportError(ValueError):
    pass


@dataclass
class Filters:
    since: str | None = None  # inclusive, YYYY-MM-DD
    until: str | None = None  # inclusive
    countries: list[str] = field(default_factory=list)  # ISO3 of any actor or of the location
    actors: list[str] = field(default_factory=list)  # PAK, PAKGOV, IGO:UN, UN
    codes: list[str] = field(default_factory=list)  # CAMEO code prefix (14, 143) or PLOVER type (PROTEST)

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        for bound, op in ((self.since, ">="), (self.until, "<=")):
            if bound:
                try:
                    dt.date.fromisoformat(bound)
                except ValueError:
                    raise ExportError(f"date {bound!r} is not YYYY-MM-DD") from None
                clauses.append(f"e.date {op} CAST(? AS DATE)")
                params.append(bound)
        if self.countries:
            values = [c.upper() for c in self.countries]
            clauses.append("(e.event_id IN (SELECT event_id FROM event_actors WHERE code IN (SELECT unnest(?))) "
                           "OR e.location_country IN (SELECT unnest(?)))")
            params += [values, values]
        if self.actors:
            values = [a.upper() for a in self.actors]
            clauses.append("e.event_id IN (SELECT event_id FROM event_actors WHERE code IN (SELECT unnest(?)) "
                           "OR concat(code, coalesce(sector, '')) IN (SELECT unnest(?)) OR upper(org) IN (SELECT unnest(?)) "
                           "OR concat(code, ':', upper(org)) IN (SELECT unnest(?)))")
            params += [values] * 4
        if self.codes:
            parts = []
            for code in self.codes:
                if code.isdigit():
                    parts.append("starts_with(e.cameo_code, ?)")
                else:
                    parts.append("e.plover_event = upper(?)")
                params.append(code)
            clauses.append("(" + " OR ".join(parts) + ")")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _query(filters: Filters) -> tuple[str, list]:
    where, params = filters.where()
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    sql = (f"SELECT {cols}, coalesce(m.n, 1) AS mentions, d.url, d.source AS doc_source, d.coded_at "
           "FROM events e LEFT JOIN (SELECT event_id, count(*) AS n FROM event_mentions GROUP BY event_id) m USING (event_id) "
           f"LEFT JOIN documents d ON d.content_hash = e.content_hash{where} ORDER BY e.date NULLS LAST, e.event_id")
    return sql, params


def _rows(store: Store, filters: Filters) -> Iterator[dict]:
    sql, params = _query(filters)
    cursor = store.con.cursor()
    cursor.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while True:
        chunk = cursor.fetchmany(2000)
        if not chunk:
            return
        for row in chunk:
            yield dict(zip(names, row, strict=True))


@contextmanager
def _open_text(output: str):
    if output == "-":
        yield sys.stdout
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with open(output, "w", encoding="utf-8", newline="") as fh:
            yield fh


def _s(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _actor_full(code, sector, org) -> str:
    if code in ("IGO", "NGO") and org:
        return f"{code}{org}"
    return f"{code or ''}{sector or ''}"


def export(db: str, fmt: str, output: str, filters: Filters | None = None) -> int:
    """Write the store's events in a format; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    filters = filters or Filters()
    if not Path(db).exists():
        raise ExportError(f"{db}: no such store")
    store = Store(db, read_only=True)
    try:
        if fmt == "parquet":
            return _parquet(store, filters, output)
        with _open_text(output) as out:
            return {"plover-jsonl": _plover, "phoenix-tsv": _phoenix, "gdelt-tsv": _gdelt, "csv": _csv}[fmt](store, filters, out)
    finally:
        store.close()


def _plover(store: Store, filters: Filters, out) -> int:
    n = 0
    for r in _rows(store, filters):
        if not r["plover_event"]:
            continue  # CAMEO statements without a PLOVER type
        record = json.loads(r["record"])
        line = {
            "id": r["event_id"], "date": _iso(r["date"]), "date_end": _iso(r["date_end"]),
            "event": r["plover_event"], "mode": r["plover_mode"], "cameo": r["cameo_code"],
            "source": record.get("source") or [], "target": record.get("target") or [],
            "source_actor": _actor_full(r["source_code"], r["source_sector"], r["source_org"]) or None,
            "target_actor": _actor_full(r["target_code"], r["target_sector"], r["target_org"]) or None,
            "negated": r["negated"], "hypothetical": r["hypothetical"], "confidence": r["confidence"],
            "location": record.get("location"), "text": r["sentence"], "trigger": r["trigger_text"],
            "doc_id": r["doc_id"], "url": r["url"], "cluster_id": r["cluster_id"], "mentions": r["mentions"],
            "coder_version": r["coder_version"], "knowledge_hash": r["knowledge_hash"],
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _ymd(value) -> tuple[str, str, str, str]:
    if value is None:
        return "", "", "", ""
    return value.strftime("%Y%m%d"), str(value.year), f"{value.month:02d}", f"{value.day:02d}"


def _phoenix(store: Store, filters: Filters, out) -> int:
    n = 0
    for r in _rows(store, filters):
        ymd, year, month, day = _ymd(r["date"])
        record = json.loads(r["record"])
        row = [
            r["event_id"], ymd, year, month, day,
            _actor_full(r["source_code"], r["source_sector"], r["source_org"]), r["source_code"], r["source_sector"], r["source_org"],
            _actor_full(r["target_code"], r["target_sector"], r["target_org"]), r["target_code"], r["target_sector"], r["target_org"],
            r["cameo_code"], r["cameo_root"], r["quad_class"], r["goldstein"], "",
            r["lat"], r["lon"], (record.get("location") or {}).get("name") or r["location_text"], r["location_admin1"],
            r["location_country"], f"{r['doc_id']}_{record.get('sentence_index', 0)}", r["url"], _source_name(r),
        ]
        out.write("\t".join(_s(v) for v in row) + "\n")
        n += 1
    return n


def _source_name(r: dict) -> str:
    url = r.get("url") or ""
    if "://" in url:
        return url.split("://", 1)[1].split("/", 1)[0]
    source = r.get("doc_source") or ""
    return source.rsplit(":", 1)[0] if source.rsplit(":", 1)[-1].isdigit() else source


def _global_id(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest()[:15], 16)


def _geo(r: dict, record: dict) -> list:
    loc = record.get("location") or {}
    if not loc and r["lat"] is None:
        return [0, "", "", "", "", "", "", ""]
    precision = (loc.get("precision") or "").lower()
    geo_type = 1 if precision == "country" else 4
    name = ", ".join(x for x in (loc.get("name") or loc.get("text"), loc.get("admin1"), loc.get("country")) if x)
    return [geo_type, name, "", "", "", r["lat"], r["lon"], ""]


def _gdelt(store: Store, filters: Filters, out) -> int:
    """One row per cluster (a happening), represented by its most confident event."""
    clusters: dict[str, list[dict]] = {}
    for r in _rows(store, filters):
        clusters.setdefault(r["cluster_id"] or r["event_id"], []).append(r)
    n = 0
    for key in sorted(clusters, key=lambda k: (min(_ymd(x["date"])[0] for x in clusters[k]), k)):
        members = clusters[key]
        r = max(sorted(members, key=lambda x: x["event_id"]), key=lambda x: x["confidence"] or 0.0)
        record = json.loads(r["record"])
        day = r["date"]
        ymd = _ymd(day)
        fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
        actors = []
        for role in ("source", "target"):
            code, sector, org, text = r[f"{role}_code"], r[f"{role}_sector"], r[f"{role}_org"], r[f"{role}_text"]
            if code is None and org is None and text is None:
                actors += [""] * 10
                continue
            country = code if code and code not in ("IGO", "NGO") else ""
            actors += [_actor_full(code, sector, org), (text or "").upper(), country, org or "", "", "", "", sector or "", "", ""]
        mentions = sum(m["mentions"] for m in members)
        articles = len({m["content_hash"] for m in members})
        sources = len({_source_name(m) for m in members})
        geo = _geo(r, record)
        added = r["coded_at"].strftime("%Y%m%d%H%M%S") if r["coded_at"] else ""
        row = ([_global_id(key), ymd[0], ymd[0][:6], ymd[1], fraction] + actors
               + [1 if record.get("sentence_index", 0) == 0 else 0, r["cameo_code"], (r["cameo_code"] or "")[:3], r["cameo_root"],
                  r["quad_class"], r["goldstein"], mentions, sources, articles, ""]
               + [0, "", "", "", "", "", "", ""] * 2 + geo + [added, r["url"] or r["doc_source"]])
        out.write("\t".join(_s(v) for v in row) + "\n")
        n += 1
    return n


def _csv(store: Store, filters: Filters, out) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    n = 0
    for r in _rows(store, filters):
        writer.writerow(["" if r[c] is None else r[c] for c in FLAT_COLUMNS])
        n += 1
    return n


def _parquet(store: Store, filters: Filters, output: str) -> int:
    """A Hive-partitioned dataset: OUTPUT/date=YYYY-MM-DD/part-0.parquet (events without a date
    under date=__HIVE_DEFAULT_PARTITION__)."""
    import pyarrow.dataset as ds

    if output == "-":
        raise ExportError("parquet needs a directory (-o DIR), not stdout")
    sql, params = _query(filters)
    cols = ", ".join([*(c for c in FLAT_COLUMNS), "record", "coded_at"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DuckDB notes the extra copy a parameterised query makes
        table = store.con.execute(f"SELECT {cols} FROM ({sql})", params).to_arrow_table()
    Path(output).mkdir(parents=True, exist_ok=True)
    ds.write_dataset(table, output, format="parquet", partitioning=["date"], partitioning_flavor="hive",
                     existing_data_behavior="delete_matching", basename_template="part-{i}.parquet")
    return table.num_rows
