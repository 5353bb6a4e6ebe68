"""GET /v1/stats/*: the filtered events counted over time (timeline), between actors (dyads,
the network), by actor and by place, each with mean Goldstein."""

from __future__ import annotations

import datetime as dt

import pycountry
from fastapi import APIRouter, Query

from eventcoder.service.filters import FiltersDep, country_name
from eventcoder.service.shared import ServiceDep, ServiceError

# An actor as a node: its country code, or IGO:ACRONYM / NGO:ACRONYM for an organisation;
# at sector level followed by /SECTOR (KEN/COP)
NODE_KEYS = {
    "country": "CASE WHEN a.code IN ('IGO', 'NGO') AND a.org IS NOT NULL THEN a.code || ':' || a.org ELSE a.code END",
    "sector": "CASE WHEN a.code IN ('IGO', 'NGO') AND a.org IS NOT NULL THEN a.code || ':' || a.org ELSE a.code END"
    " || CASE WHEN a.sector IS NOT NULL AND a.sector NOT IN ('IGO', 'NGO') THEN '/' || a.sector ELSE '' END",
}
STACKS = {"quad_class": "CAST(e.quad_class AS VARCHAR)", "plover": "coalesce(e.plover_event, 'none')", "root": "e.cameo_root"}
MAX_BUCKETS = 5000

router = APIRouter()


@router.get("/stats/timeline", summary="Counts and mean Goldstein by day, week or month, stacked by QuadClass, PLOVER type or CAMEO root")
def timeline(
    service: ServiceDep,
    f: FiltersDep,
    interval: str = Query("auto", description="day, week, month or auto (by the span of the dates)"),
    stack: str = Query("quad_class", description="quad_class, plover or root"),
):
    if stack not in STACKS:
        raise ServiceError(400, f"stack {stack!r} must be quad_class, plover or root")
    if interval not in ("day", "week", "month", "auto"):
        raise ServiceError(400, f"interval {interval!r} must be day, week, month or auto")
    where, params = f.where()
    with service.reading() as cur:
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
    buckets, keys = _buckets(rows)
    periods = _periods(min(buckets), max(buckets), interval) if buckets else []
    if len(periods) > MAX_BUCKETS:
        raise ServiceError(400, f"{len(periods)} {interval}s is too many buckets (at most {MAX_BUCKETS}); use a longer interval")
    key_order = sorted(keys, key=lambda k: (k == "none", k))
    return {"interval": interval, "stack": stack, "keys": key_order, "buckets": _series(buckets, periods), "undated": undated}


def _buckets(rows) -> tuple[dict[dt.date, dict], set[str]]:
    """(period, stack key, count, sum of Goldstein) rows gathered by period; and the keys seen."""
    buckets: dict[dt.date, dict] = {}
    keys: set[str] = set()
    for period, key, n, total in rows:
        period = period.date() if isinstance(period, dt.datetime) else period
        bucket = buckets.setdefault(period, {"count": 0, "sum": 0.0, "by": {}})
        bucket["count"] += n
        bucket["sum"] += total or 0.0
        bucket["by"][key] = n
        keys.add(key)
    return buckets, keys


def _series(buckets: dict[dt.date, dict], periods: list[dt.date]) -> list[dict]:
    """One entry per period, an empty one (count 0) where no event fell."""
    out = []
    for period in periods:
        bucket = buckets.get(period, {"count": 0, "sum": 0.0, "by": {}})
        out.append({
            "period": period.isoformat(),
            "count": bucket["count"],
            "mean_goldstein": round(bucket["sum"] / bucket["count"], 3) if bucket["count"] else None,
            "by": bucket["by"],
        })
    return out


@router.get("/stats/dyads", summary="Who acts on whom: directed or undirected dyads with counts and mean Goldstein")
def dyads(
    service: ServiceDep,
    f: FiltersDep,
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
    with service.reading() as cur:
        rows = cur.execute(sql, params + [limit]).fetchall()
    nodes, edges = _network(rows, directed)
    return {"directed": directed, "level": level, "nodes": nodes, "edges": edges}


def _network(rows, directed: bool) -> tuple[list[dict], list[dict]]:
    """Nodes (heaviest first) and edges of the dyad rows; undirected, every count is as_source."""
    edges, nodes = [], {}
    for a, b, n, mean, q1, q2, q3, q4 in rows:
        edges.append({"source": a, "target": b, "count": n, "mean_goldstein": _rounded(mean),
                      "by_quad_class": {"1": q1, "2": q2, "3": q3, "4": q4}})
        for node, as_source in ((a, True), (b, False)):
            entry = nodes.setdefault(node, {"id": node, "label": _label(node), "count": 0, "as_source": 0, "as_target": 0})
            entry["count"] += n
            entry["as_source" if as_source or not directed else "as_target"] += n
    return sorted(nodes.values(), key=lambda x: -x["count"]), edges


@router.get("/stats/actors", summary="Actors by how often they act and are acted on, with mean Goldstein")
def actors(
    service: ServiceDep,
    f: FiltersDep,
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
    with service.reading() as cur:
        rows = cur.execute(sql, params + [limit]).fetchall()
    return {
        "level": level,
        "role": role,
        "actors": [
            {"actor": k, "label": _label(k), "count": n, "as_source": s, "as_target": t, "mean_goldstein": _rounded(m)}
            for k, n, s, t, m in rows
        ],
    }


@router.get("/stats/places", summary="Where: events by country or ISO 3166-2 division, and located points")
def places(
    service: ServiceDep,
    f: FiltersDep,
    level: str = Query("country", description="country or admin1"),
    points: int = Query(2000, ge=0, le=20000, description="At most this many located points (rounded to 0.01°)"),
):
    if level not in ("country", "admin1"):
        raise ServiceError(400, f"level {level!r} must be country or admin1")
    where, params = f.where()
    column = "e.location_country" if level == "country" else "e.location_admin1"
    with service.reading() as cur:
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
    return {
        "level": level,
        "places": [_place(level, code, n, mean) for code, n, mean in rows],
        "points": [{"lat": a, "lon": b, "text": t, "count": n, "mean_goldstein": _rounded(m)} for a, b, t, n, m in located],
        "unlocated": unlocated,
    }


def _place(level: str, code: str, n: int, mean: float | None) -> dict:
    """A country with its name and the ISO numeric code the map joins on, or a division with its name."""
    entry = {"code": code, "count": n, "mean_goldstein": _rounded(mean)}
    if level == "country":
        country = pycountry.countries.get(alpha_3=code)
        entry["name"] = country_name(code)
        entry["numeric"] = country.numeric if country else None
    else:
        division = pycountry.subdivisions.get(code=code)
        entry["name"] = division.name if division else None
    return entry


def _rounded(mean: float | None) -> float | None:
    return round(mean, 3) if mean is not None else None


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
