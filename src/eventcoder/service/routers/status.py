"""GET /v1/health and GET /v1/meta: the service's state and the code lists of the page's controls."""

from __future__ import annotations

import pycountry
from fastapi import APIRouter

from eventcoder import __version__
from eventcoder.service.filters import EXTRA_CODES, SECTORS
from eventcoder.service.shared import ServiceDep

QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}

router = APIRouter()


@router.get("/health", summary="Liveness and the store's size")
def health(service: ServiceDep):
    with service.reading() as cur:
        documents = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = cur.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"status": "ok", "version": __version__, "documents": documents, "events": events, "writable": service.writable}


@router.get("/meta", summary="Code lists for filter controls and the store's date range")
def meta(service: ServiceDep):
    with service.reading() as cur:
        first, last, n = cur.execute("SELECT min(date), max(date), count(*) FROM events").fetchone()
        codes = [r[0] for r in cur.execute("SELECT DISTINCT code FROM event_actors WHERE code IS NOT NULL ORDER BY 1").fetchall()]
        orgs = cur.execute(
            "SELECT org, count(*) FROM event_actors WHERE org IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200"
        ).fetchall()
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
