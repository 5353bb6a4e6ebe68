"""The HTTP service: a REST API over the event store and the web page, in one FastAPI app.

`create_app(db_path, token=None, coder_factory=Coder)` builds it; `eventcoder serve` runs it
with uvicorn. Reads use a read-only DuckDB connection (one cursor per request); with a token
the store is opened for writing as well, so `POST /v1/documents` can ingest, and every
/v1 route asks for the token. Errors are JSON `{"message": ..., "status": ...}`.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import duckdb
import pycountry
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventcoder import __version__
from eventcoder.corpus.dedup import collapse_story
from eventcoder.corpus.ingest import content_hash
from eventcoder.corpus.store import EVENT_COLUMNS, CodedDocument, Store
from eventcoder.corpus.store import SCHEMA as STORE_SCHEMA
from eventcoder.errors import InputRecordError
from eventcoder.knowledge.ontology import Ontology
from eventcoder.service.filters import EXTRA_CODES, SECTORS, FilterError, FilterParser, Filters, country_name
from eventcoder.service.spans import document_spans, event_spans

STATIC = Path(__file__).resolve().parent / "static"
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
ORDER = "coalesce(e.date, DATE '0001-01-01') DESC, e.event_id"
FLAT_COLUMNS = [c for c in EVENT_COLUMNS if c not in ("record", "content_hash", "run_id", "cluster_id", "coder_version", "knowledge_hash")]
ACTOR_LABEL = "coalesce(a.code, '?') || CASE WHEN a.org IS NOT NULL THEN ':' || a.org ELSE '' END || CASE WHEN a.sector IS NOT NULL THEN '/' || a.sector ELSE '' END"
NODE_KEYS = {
    "country": "CASE WHEN a.code IN ('IGO', 'NGO') AND a.org IS NOT NULL THEN a.code || ':' || a.org ELSE a.code END",
    "sector": "CASE WHEN a.code IN ('IGO', 'NGO') AND a.org IS NOT NULL THEN a.code || ':' || a.org ELSE a.code END"
    " || CASE WHEN a.sector IS NOT NULL AND a.sector NOT IN ('IGO', 'NGO') THEN '/' || a.sector ELSE '' END",
}
STACKS = {"quad_class": "CAST(e.quad_class AS VARCHAR)", "plover": "coalesce(e.plover_event, 'none')", "root": "e.cameo_root"}
MAX_BUCKETS = 5000


class ServiceError(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message
        super().__init__(message)


class CodeRequest(BaseModel):
    text: str = Field(description="The document text (plain text)")
    date: str | None = Field(None, description="Publication date, YYYY-MM-DD")
    doc_id: str | None = Field(None, max_length=200, description="The document's id")


class IngestDocument(BaseModel):
    id: str | None = Field(None, max_length=200)
    text: str
    date: str | None = None
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=1000)


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes gets a JSON 413 before any parsing."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(send, int(declared))
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                return await self._too_large(send, len(body))
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)

    async def _too_large(self, send, size: int):
        payload = json.dumps(
            {"status": 413, "message": f"request body is {size} bytes or more; the limit is {self.limit} bytes"}
        ).encode()
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": payload})


class Service:
    """What the routes share: the store connection, the ontology, the lazily made Coder."""

    def __init__(self, db_path, token, coder_factory, max_text_chars, code_timeout) -> None:
        self.db_path = Path(db_path)
        self.token = token or None
        self.writable = self.token is not None
        if not self.writable and not self.db_path.exists():
            raise FileNotFoundError(f"no event store at {self.db_path}: create one with `eventcoder run INPUT --db {self.db_path}`")
        self.con = duckdb.connect(str(self.db_path), read_only=not self.writable)
        if self.writable:
            self.con.execute(STORE_SCHEMA)
        self.write_lock = threading.Lock()
        self.ontology = Ontology.load()
        self.filters = FilterParser(self.ontology)
        self.coder_factory = coder_factory
        self._coder = None
        self._coder_lock = threading.Lock()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coder")
        self.max_text_chars = max_text_chars
        self.code_timeout = code_timeout

    def cursor(self):
        return self.con.cursor()

    def coder(self):
        with self._coder_lock:
            if self._coder is None:
                self._coder = self.coder_factory()
            return self._coder

    def code(self, text: str, date: str | None, doc_id: str | None):
        """Codes one document on the coder thread, within the time limit."""
        if len(text) > self.max_text_chars:
            raise ServiceError(413, f"text has {len(text)} characters; the limit is {self.max_text_chars}")
        if not text.strip():
            raise ServiceError(400, "text is empty")

        def run():
            coder = self.coder()
            analysis = coder.analyse(text, date=date, doc_id=doc_id)
            return analysis, coder.knowledge_hash

        future = self.executor.submit(run)
        try:
            return future.result(timeout=self.code_timeout)
        except FutureTimeout:
            raise ServiceError(504, f"coding took longer than {self.code_timeout:g} s; send a shorter text") from None
        except InputRecordError as error:
            raise ServiceError(400, error.message) from None


def create_app(
    db_path,
    token: str | None = None,
    coder_factory: Callable | None = None,
    *,
    max_body_bytes: int = 2_000_000,
    max_text_chars: int = 200_000,
    code_timeout: float = 60.0,
) -> FastAPI:
    """The service over the store at `db_path`. With `token`, every /v1 route needs
    `Authorization: Bearer TOKEN` and `POST /v1/documents` may write into the store."""
    if coder_factory is None:
        from eventcoder.coder import Coder

        coder_factory = Coder
    service = Service(db_path, token, coder_factory, max_text_chars, code_timeout)
    app = FastAPI(
        title="eventcoder",
        version=__version__,
        description="Political event data from news text: code a text, and filter, count and export the events of a store.",
        docs_url=None,
        redoc_url=None,
    )

    @app.get("/docs", include_in_schema=False)
    def api_docs():
        # Swagger UI from the package's own static files: the page needs no network
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="eventcoder API",
            swagger_js_url="/static/docs/swagger-ui-bundle.js",
            swagger_css_url="/static/docs/swagger-ui.css",
            swagger_favicon_url="data:,",
        )
    app.state.service = service
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    _install_error_handlers(app)

    def authorise(request: Request) -> None:
        if service.token is None:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise ServiceError(401, "this service needs a bearer token: send 'Authorization: Bearer TOKEN'")
        if not secrets.compare_digest(given.strip().encode(), service.token.encode()):
            raise ServiceError(403, "the bearer token is not the one this service was started with")

    api = APIRouter(prefix="/v1", dependencies=[Depends(authorise)])
    filters_dep = Depends(service.filters)

    @api.get("/health", summary="Liveness and the store's size")
    def health():
        cur = service.cursor()
        try:
            documents = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
            events = cur.execute("SELECT count(*) FROM events").fetchone()[0]
        finally:
            cur.close()
        return {"status": "ok", "version": __version__, "documents": documents, "events": events, "writable": service.writable}

    @api.get("/meta", summary="Code lists for filter controls and the store's date range")
    def meta():
        cur = service.cursor()
        try:
            first, last, n = cur.execute("SELECT min(date), max(date), count(*) FROM events").fetchone()
            codes = [r[0] for r in cur.execute("SELECT DISTINCT code FROM event_actors WHERE code IS NOT NULL ORDER BY 1").fetchall()]
            orgs = cur.execute(
                "SELECT org, count(*) FROM event_actors WHERE org IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200"
            ).fetchall()
        finally:
            cur.close()
        ontology = service.ontology
        countries = [{"code": c.alpha_3, "name": c.name, "numeric": c.numeric} for c in pycountry.countries]
        countries += [{"code": code, "name": name, "numeric": None} for code, name in EXTRA_CODES.items()]
        return {
            "version": __version__,
            "events": n,
            "date_min": first.isoformat() if first else None,
            "date_max": last.isoformat() if last else None,
            "actor_codes": codes,
            "orgs": [o for o, _ in orgs],
            "cameo": [
                {"code": c.code, "name": c.name, "root": c.root, "goldstein": c.goldstein, "quad_class": c.quad_class}
                for c in ontology.codes()
            ],
            "plover": [{"event": t, "modes": ontology.plover_modes(t)} for t in ontology.plover_types()],
            "quad_classes": [{"value": k, "name": v} for k, v in QUAD_NAMES.items()],
            "sectors": sorted(SECTORS),
            "countries": countries,
            "writable": service.writable,
        }

    @api.post("/code", summary="Code a text: events exactly as docs/output.md, with the spans to highlight")
    def code(body: CodeRequest):
        started = time.perf_counter()
        analysis, knowledge_hash = service.code(body.text, body.date, body.doc_id)
        events = [e.to_dict() for e in analysis.events]
        return {
            "doc_id": analysis.doc_id,
            "date": analysis.date,
            "events": events,
            "spans": document_spans(events, body.text),
            "n_sentences": len(analysis.sentences),
            "knowledge_hash": knowledge_hash,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 1),
        }

    @api.get("/events", summary="The events that pass the filters: JSON pages, or the whole set as CSV, GeoJSON or JSON Lines")
    def events(
        f: Filters = filters_dep,
        format: str = Query("json", description="json (a page), csv, geojson or jsonl (the whole filtered set)"),
        limit: int = Query(50, ge=1, le=1000, description="Events per page (json)"),
        cursor: str | None = Query(None, description="next_cursor of the previous page"),
    ):
        where, params = f.where()
        if format == "json":
            return _page(service, where, params, limit, cursor)
        if format in ("csv", "geojson", "jsonl"):
            return _export(service, where, params, format)
        raise ServiceError(400, f"format {format!r} must be json, csv, geojson or jsonl")

    @api.get("/events/{event_id}", summary="One event with its document text and the spans to highlight")
    def event(event_id: str):
        cur = service.cursor()
        try:
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
        finally:
            cur.close()
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

    @api.get("/stats/timeline", summary="Counts and mean Goldstein by day, week or month, stacked by QuadClass, PLOVER type or CAMEO root")
    def timeline(
        f: Filters = filters_dep,
        interval: str = Query("auto", description="day, week, month or auto (by the span of the dates)"),
        stack: str = Query("quad_class", description="quad_class, plover or root"),
    ):
        if stack not in STACKS:
            raise ServiceError(400, f"stack {stack!r} must be quad_class, plover or root")
        if interval not in ("day", "week", "month", "auto"):
            raise ServiceError(400, f"interval {interval!r} must be day, week, month or auto")
        where, params = f.where()
        cur = service.cursor()
        try:
            if interval == "auto":
                first, last = cur.execute(f"SELECT min(e.date), max(e.date) FROM events e WHERE {where}", params).fetchone()
                days = (last - first).days if first and last else 0
                interval = "day" if days <= 120 else "week" if days <= 3 * 366 else "month"
            rows = cur.execute(
                f"SELECT date_trunc('{interval}', e.date) AS period, {STACKS[stack]} AS k, count(*), sum(e.goldstein) "
                f"FROM events e WHERE e.date IS NOT NULL AND {where} GROUP BY 1, 2 ORDER BY 1",
                params,
            ).fetchall()
            undated = cur.execute(f"SELECT count(*) FROM events e WHERE e.date IS NULL AND {where}", params).fetchone()[0]
        finally:
            cur.close()
        buckets: dict[dt.date, dict] = {}
        keys: set[str] = set()
        for period, key, n, total in rows:
            period = period.date() if isinstance(period, dt.datetime) else period
            bucket = buckets.setdefault(period, {"count": 0, "sum": 0.0, "by": {}})
            bucket["count"] += n
            bucket["sum"] += total or 0.0
            bucket["by"][key] = n
            keys.add(key)
        periods = _periods(min(buckets), max(buckets), interval) if buckets else []
        if len(periods) > MAX_BUCKETS:
            raise ServiceError(400, f"{len(periods)} {interval}s is too many buckets (at most {MAX_BUCKETS}); use a longer interval")
        out = []
        for period in periods:
            bucket = buckets.get(period, {"count": 0, "sum": 0.0, "by": {}})
            out.append({
                "period": period.isoformat(),
                "count": bucket["count"],
                "mean_goldstein": round(bucket["sum"] / bucket["count"], 3) if bucket["count"] else None,
                "by": bucket["by"],
            })
        key_order = sorted(keys, key=lambda k: (k == "none", k))
        return {"interval": interval, "stack": stack, "keys": key_order, "buckets": out, "undated": undated}

    @api.get("/stats/dyads", summary="Who acts on whom: directed or undirected dyads with counts and mean Goldstein")
    def dyads(
        f: Filters = filters_dep,
        level: str = Query("country", description="country (KEN, IGO:UN) or sector (KEN/COP)"),
        directed: bool = Query(True, description="false joins A→B and B→A"),
        self_loops: bool = Query(False, description="Keep dyads of an actor with itself (KEN→KEN)"),
        limit: int = Query(100, ge=1, le=2000, description="The heaviest dyads kept"),
    ):
        if level not in NODE_KEYS:
            raise ServiceError(400, f"level {level!r} must be country or sector")
        where, params = f.where()
        key = NODE_KEYS[level]
        pair = "s.k AS a, t.k AS b" if directed else "least(s.k, t.k) AS a, greatest(s.k, t.k) AS b"
        loops = "" if self_loops else "AND s.k <> t.k"
        sql = f"""
            WITH f AS (SELECT e.event_id, e.goldstein, e.quad_class FROM events e WHERE {where}),
            s AS (SELECT DISTINCT a.event_id, {key} AS k FROM event_actors a WHERE a.role = 'source' AND a.code IS NOT NULL
                  AND a.event_id IN (SELECT event_id FROM f)),
            t AS (SELECT DISTINCT a.event_id, {key} AS k FROM event_actors a WHERE a.role = 'target' AND a.code IS NOT NULL
                  AND a.event_id IN (SELECT event_id FROM f)),
            p AS (SELECT DISTINCT f.event_id, f.goldstein, f.quad_class, {pair} FROM f JOIN s USING (event_id) JOIN t USING (event_id)
                  WHERE TRUE {loops})
            SELECT a, b, count(*) AS n, avg(goldstein), count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
                   count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)
            FROM p GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?"""
        cur = service.cursor()
        try:
            rows = cur.execute(sql, params + [limit]).fetchall()
        finally:
            cur.close()
        edges, nodes = [], {}
        for a, b, n, mean, q1, q2, q3, q4 in rows:
            edges.append({"source": a, "target": b, "count": n, "mean_goldstein": round(mean, 3) if mean is not None else None,
                          "by_quad_class": {"1": q1, "2": q2, "3": q3, "4": q4}})
            for node, as_source in ((a, True), (b, False)):
                entry = nodes.setdefault(node, {"id": node, "label": _label(node), "count": 0, "as_source": 0, "as_target": 0})
                entry["count"] += n
                entry["as_source" if as_source or not directed else "as_target"] += n
        return {"directed": directed, "level": level, "nodes": sorted(nodes.values(), key=lambda x: -x["count"]), "edges": edges}

    @api.get("/stats/actors", summary="Actors by how often they act and are acted on, with mean Goldstein")
    def actors(
        f: Filters = filters_dep,
        level: str = Query("country", description="country or sector"),
        role: str = Query("any", description="source, target or any"),
        limit: int = Query(50, ge=1, le=2000),
    ):
        if level not in NODE_KEYS:
            raise ServiceError(400, f"level {level!r} must be country or sector")
        if role not in ("source", "target", "any"):
            raise ServiceError(400, f"role {role!r} must be source, target or any")
        where, params = f.where()
        role_sql = "" if role == "any" else f"AND a.role = '{role}'"
        sql = f"""
            WITH f AS (SELECT e.event_id, e.goldstein FROM events e WHERE {where}),
            x AS (SELECT DISTINCT a.event_id, a.role, {NODE_KEYS[level]} AS k FROM event_actors a
                  WHERE a.code IS NOT NULL {role_sql} AND a.event_id IN (SELECT event_id FROM f))
            SELECT k, count(DISTINCT x.event_id) AS n, count(*) FILTER (WHERE role = 'source'), count(*) FILTER (WHERE role = 'target'),
                   avg(f.goldstein)
            FROM x JOIN f USING (event_id) GROUP BY k ORDER BY n DESC, k LIMIT ?"""
        cur = service.cursor()
        try:
            rows = cur.execute(sql, params + [limit]).fetchall()
        finally:
            cur.close()
        return {
            "level": level,
            "role": role,
            "actors": [
                {"actor": k, "label": _label(k), "count": n, "as_source": s, "as_target": t, "mean_goldstein": round(m, 3) if m is not None else None}
                for k, n, s, t, m in rows
            ],
        }

    @api.get("/stats/places", summary="Where: events by country or ISO 3166-2 division, and located points")
    def places(
        f: Filters = filters_dep,
        level: str = Query("country", description="country or admin1"),
        points: int = Query(2000, ge=0, le=20000, description="At most this many located points (rounded to 0.01°)"),
    ):
        if level not in ("country", "admin1"):
            raise ServiceError(400, f"level {level!r} must be country or admin1")
        where, params = f.where()
        column = "e.location_country" if level == "country" else "e.location_admin1"
        cur = service.cursor()
        try:
            rows = cur.execute(
                f"SELECT {column}, count(*), avg(e.goldstein) FROM events e WHERE {column} IS NOT NULL AND {where} "
                "GROUP BY 1 ORDER BY 2 DESC, 1",
                params,
            ).fetchall()
            located = cur.execute(
                f"SELECT round(e.lat, 2), round(e.lon, 2), any_value(e.location_text), count(*), avg(e.goldstein) FROM events e "
                f"WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND {where} GROUP BY 1, 2 ORDER BY 4 DESC LIMIT ?",
                params + [points],
            ).fetchall()
            unlocated = cur.execute(f"SELECT count(*) FROM events e WHERE {column} IS NULL AND {where}", params).fetchone()[0]
        finally:
            cur.close()
        out = []
        for code, n, mean in rows:
            entry = {"code": code, "count": n, "mean_goldstein": round(mean, 3) if mean is not None else None}
            if level == "country":
                country = pycountry.countries.get(alpha_3=code)
                entry["name"] = country_name(code)
                entry["numeric"] = country.numeric if country else None
            else:
                division = pycountry.subdivisions.get(code=code)
                entry["name"] = division.name if division else None
            out.append(entry)
        return {
            "level": level,
            "places": out,
            "points": [{"lat": a, "lon": b, "text": t, "count": n, "mean_goldstein": round(m, 3) if m is not None else None} for a, b, t, n, m in located],
            "unlocated": unlocated,
        }

    @api.post("/documents", summary="Code documents and write them into the store (needs the operator's token)", status_code=201)
    def documents(body: IngestRequest):
        if not service.writable:
            raise ServiceError(403, "writes are disabled: start the service with --token to allow ingesting documents")
        coded: list[CodedDocument] = []
        knowledge_hash = ""
        for i, doc in enumerate(body.documents):
            analysis, knowledge_hash = service.code(doc.text, doc.date, doc.id or None)
            kept, mentions = collapse_story([e.to_dict() for e in analysis.events])
            coded.append(CodedDocument(content_hash(doc.text), analysis.doc_id, f"api:{i + 1}", doc.url, analysis.date, doc.text,
                                       len(analysis.sentences), kept, mentions, __version__, knowledge_hash))
        with service.write_lock:
            store = Store.on_connection(service.con.cursor(), str(service.db_path))
            known = store.coded_versions(d.content_hash for d in coded)
            fresh = [d for d in coded if d.content_hash not in known]
            run_id = store.start_run("api", 1, __version__, knowledge_hash)
            n_events = store.write_batch(run_id, fresh)
            store.assign_clusters()
            store.finish_run(run_id, "finished", len(fresh), n_events, 0)
        return {"run_id": run_id, "documents": len(fresh), "skipped": len(coded) - len(fresh), "events": n_events,
                "doc_ids": [d.doc_id for d in coded]}

    app.include_router(api)

    @app.get("/", include_in_schema=False)
    def index():
        page = STATIC / "index.html"
        if not page.exists():
            raise ServiceError(404, "the web page is not built: run web/build.sh")
        return FileResponse(page, headers={"Cache-Control": "no-cache"})

    if STATIC.exists():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith("/docs") and not request.url.path.startswith("/redoc"):
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'",
            )
        return response

    return app


def _install_error_handlers(app: FastAPI) -> None:
    def reply(status: int, message: str, **extra) -> JSONResponse:
        return JSONResponse({"status": status, "message": message, **extra}, status_code=status)

    @app.exception_handler(ServiceError)
    async def service_error(request, error: ServiceError):
        return reply(error.status, error.message)

    @app.exception_handler(FilterError)
    async def filter_error(request, error: FilterError):
        return reply(400, str(error))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request, error: RequestValidationError):
        problems = []
        for item in error.errors():
            where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
        return reply(422, "; ".join(problems) or "invalid request", errors=[{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in error.errors()])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, error: StarletteHTTPException):
        message = error.detail if isinstance(error.detail, str) else "request failed"
        if error.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        if error.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return reply(error.status_code, message)

    @app.exception_handler(duckdb.Error)
    async def store_error(request, error: duckdb.Error):
        return reply(500, f"the store could not answer: {type(error).__name__}")

    @app.exception_handler(Exception)
    async def internal_error(request, error: Exception):
        return reply(500, "internal error")


def _label(key: str) -> str:
    code, _, rest = key.partition("/")
    if ":" in code:
        return key.split(":", 1)[1]
    name = country_name(code)
    return f"{name} {rest}".strip() if name and not rest else (f"{code}/{rest}" if rest else (name or code))


def _periods(first: dt.date, last: dt.date, interval: str) -> list[dt.date]:
    first = first.date() if isinstance(first, dt.datetime) else first
    last = last.date() if isinstance(last, dt.datetime) else last
    out, current = [], first
    while current <= last and len(out) <= MAX_BUCKETS:
        out.append(current)
        if interval == "day":
            current += dt.timedelta(days=1)
        elif interval == "week":
            current += dt.timedelta(days=7)
        else:
            current = dt.date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return out


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


def _page(service: Service, where: str, params: list, limit: int, cursor: str | None) -> dict:
    page_where, page_params = where, list(params)
    if cursor:
        date, event_id = _decode_cursor(cursor)
        key = "coalesce(e.date, DATE '0001-01-01')"
        page_where = f"({where}) AND ({key} < ? OR ({key} = ? AND e.event_id > ?))"
        page_params += [date, date, event_id]
    cur = service.cursor()
    try:
        total = cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
        rows = cur.execute(
            f"SELECT e.record, e.date, e.event_id FROM events e WHERE {page_where} ORDER BY {ORDER} LIMIT ?", page_params + [limit + 1]
        ).fetchall()
    finally:
        cur.close()
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "total": total,
        "limit": limit,
        "events": [json.loads(r[0]) for r in rows],
        "next_cursor": _encode_cursor(rows[-1][1], rows[-1][2]) if more and rows else None,
    }


def _export(service: Service, where: str, params: list, format: str) -> Response:
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
