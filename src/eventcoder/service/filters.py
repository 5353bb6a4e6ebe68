"""Event filters shared by /v1/events and /v1/stats/*: query parameters in, a SQL WHERE clause out.

Every value is validated against the ontology and the code lists before it reaches SQL, and
every value reaches SQL as a bound parameter, never as text. Lists are comma-separated
(`quad_class=3,4`, `source=KEN,SOM`). Actor filters match any actor of the role (compound
actors give several rows in `event_actors`), so `source=KEN` finds "Kenya and Uganda said ...".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated

import pycountry
from fastapi import Depends, Query

from eventcoder.knowledge.ontology import Ontology
from eventcoder.service.shared import get_ontology

#: Sectors of docs/data-files.md.
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP PTY REB CVL MED BUS REL EDU HRI NGO IGO SPY REF LAB ELI UAF CRM".split()
)
#: Codes that are no ISO 3166-1 alpha-3 code but may stand as an actor's code.
EXTRA_CODES = {"XKX": "Kosovo", "IGO": "International organisation", "NGO": "Non-governmental organisation"}
TRISTATE = ("any", "true", "false")


class FilterError(ValueError):
    """A filter value that cannot be used; the message says which and why (a 400)."""


def country_name(code: str) -> str | None:
    if code in EXTRA_CODES:
        return EXTRA_CODES[code]
    country = pycountry.countries.get(alpha_3=code)
    return country.name if country else None


def is_country_code(code: str) -> bool:
    return country_name(code) is not None


def _split(value: str | None) -> list[str]:
    if value is None:
        return []
    return [v.strip() for v in value.split(",") if v.strip()]


def parse_date(name: str, value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


@dataclass
class ActorKey:
    """`KEN`, `IGO:UN` (an organisation by code and acronym), or `UN` given as org alone."""

    code: str | None
    org: str | None

    @classmethod
    def parse(cls, name: str, value: str) -> ActorKey:
        if ":" in value:
            code, org = value.split(":", 1)
            code = code.upper()
            if code not in ("IGO", "NGO") or not org:
                raise FilterError(f"{name} {value!r}: only IGO:ACRONYM or NGO:ACRONYM take an organisation after ':'")
            return cls(code, org)
        code = value.upper()
        if not is_country_code(code):
            raise FilterError(f"{name} {value!r} is not an ISO 3166-1 alpha-3 country code, XKX, IGO or NGO")
        return cls(code, None)

    def sql(self, alias: str) -> tuple[str, list]:
        parts, params = [f"{alias}.code = ?"], [self.code]
        if self.org is not None:
            parts.append(f"lower({alias}.org) = lower(?)")
            params.append(self.org)
        return " AND ".join(parts), params


@dataclass
class Filters:
    """The parsed filters; `where()` gives the SQL over `events e`."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    source: list[ActorKey] = field(default_factory=list)
    target: list[ActorKey] = field(default_factory=list)
    actor: list[ActorKey] = field(default_factory=list)
    source_sector: list[str] = field(default_factory=list)
    target_sector: list[str] = field(default_factory=list)
    source_org: list[str] = field(default_factory=list)
    target_org: list[str] = field(default_factory=list)
    dyad: tuple[ActorKey, ActorKey] | None = None
    directed: bool = True
    cameo: list[str] = field(default_factory=list)
    plover: list[str] = field(default_factory=list)
    plover_mode: list[str] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    goldstein_min: float | None = None
    goldstein_max: float | None = None
    place_country: list[str] = field(default_factory=list)
    place_admin1: list[str] = field(default_factory=list)
    negated: str = "any"
    hypothetical: str = "any"
    min_confidence: float | None = None
    q: str | None = None
    doc_id: str | None = None

    def where(self) -> tuple[str, list]:
        """The SQL condition over `events e` ("TRUE" when nothing is filtered) and its
        parameters, in the order of the fields."""
        clauses = _Clauses()
        self._when(clauses)
        self._who(clauses)
        self._what(clauses)
        self._place_flags_and_text(clauses)
        return (" AND ".join(clauses.sql) if clauses.sql else "TRUE"), clauses.params

    def _when(self, clauses: _Clauses) -> None:
        if self.date_from:
            clauses.add("e.date >= ?", self.date_from)
        if self.date_to:
            clauses.add("e.date <= ?", self.date_to)

    def _who(self, clauses: _Clauses) -> None:
        for role, keys in (("source", self.source), ("target", self.target), ("any", self.actor)):
            if keys:
                sql, values = _actor_exists(role, keys)
                clauses.add(sql, *values)
        for role, sectors in (("source", self.source_sector), ("target", self.target_sector)):
            if sectors:
                clauses.add(
                    f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.role = '{role}' "
                    f"AND a.sector IN ({_marks(sectors)}))",
                    *sectors,
                )
        for role, orgs in (("source", self.source_org), ("target", self.target_org)):
            if orgs:
                clauses.add(
                    f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.role = '{role}' "
                    f"AND lower(a.org) IN ({_marks(orgs)}))",
                    *[o.lower() for o in orgs],
                )
        if self.dyad:
            first, second = self.dyad
            forward, forward_params = _dyad_sql(first, second)
            if self.directed:
                clauses.add(forward, *forward_params)
            else:
                backward, backward_params = _dyad_sql(second, first)
                clauses.add(f"(({forward}) OR ({backward}))", *forward_params, *backward_params)

    def _what(self, clauses: _Clauses) -> None:
        if self.cameo:
            clauses.add(*_cameo_sql(self.cameo))
        if self.plover:
            clauses.add(f"e.plover_event IN ({_marks(self.plover)})", *self.plover)
        if self.plover_mode:
            clauses.add(f"e.plover_mode IN ({_marks(self.plover_mode)})", *self.plover_mode)
        if self.quad_class:
            clauses.add(f"e.quad_class IN ({_marks(self.quad_class)})", *self.quad_class)
        if self.goldstein_min is not None:
            clauses.add("e.goldstein >= ?", self.goldstein_min)
        if self.goldstein_max is not None:
            clauses.add("e.goldstein <= ?", self.goldstein_max)

    def _place_flags_and_text(self, clauses: _Clauses) -> None:
        """The place, the negated and hypothetical flags, the confidence, the words and the document."""
        if self.place_country:
            clauses.add(f"e.location_country IN ({_marks(self.place_country)})", *self.place_country)
        if self.place_admin1:
            clauses.add(f"e.location_admin1 IN ({_marks(self.place_admin1)})", *self.place_admin1)
        for column, value in (("negated", self.negated), ("hypothetical", self.hypothetical)):
            if value != "any":
                clauses.add(f"e.{column} = ?", value == "true")
        if self.min_confidence is not None:
            clauses.add("e.confidence >= ?", self.min_confidence)
        if self.q:
            clauses.add("e.sentence ILIKE ? ESCAPE '\\'", "%" + _escape_like(self.q) + "%")
        if self.doc_id:
            clauses.add("e.doc_id = ?", self.doc_id)


class _Clauses:
    """SQL conditions to be joined with AND, and their bound values in order."""

    def __init__(self) -> None:
        self.sql: list[str] = []
        self.params: list = []

    def add(self, sql: str, *values) -> None:
        self.sql.append(sql)
        self.params.extend(values)


def _cameo_sql(codes: list[str]) -> tuple:
    """A root (two digits) matches its events; a code matches itself and the codes one digit
    longer under it (173: 1731, ...)."""
    parts, values = [], []
    for code in codes:
        if len(code) == 2:
            parts.append("e.cameo_root = ?")
            values.append(code)
        else:
            parts.append("(e.cameo_code = ? OR e.cameo_code LIKE ?)")
            values.extend([code, code + "_"])
    return ("(" + " OR ".join(parts) + ")", *values)


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_exists(role: str, keys: list[ActorKey]) -> tuple[str, list]:
    parts, params = [], []
    for key in keys:
        sql, values = key.sql("a")
        parts.append(f"({sql})")
        params.extend(values)
    role_sql = "" if role == "any" else f"AND a.role = '{role}' "
    return f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id {role_sql}AND ({' OR '.join(parts)}))", params


def _dyad_sql(source: ActorKey, target: ActorKey) -> tuple[str, list]:
    source_sql, source_params = _actor_exists("source", [source])
    target_sql, target_params = _actor_exists("target", [target])
    return f"{source_sql} AND {target_sql}", source_params + target_params


def event_filters(
    ontology: Annotated[Ontology, Depends(get_ontology)],
    date_from: str | None = Query(None, description="First day, YYYY-MM-DD (inclusive)"),
    date_to: str | None = Query(None, description="Last day, YYYY-MM-DD (inclusive)"),
    source: str | None = Query(None, description="Source actor codes, comma-separated: KEN, IGO:UN"),
    target: str | None = Query(None, description="Target actor codes, comma-separated"),
    actor: str | None = Query(None, description="Actor codes in either role"),
    source_sector: str | None = Query(None, description="Source sectors: GOV, MIL, COP, REB, ..."),
    target_sector: str | None = Query(None, description="Target sectors"),
    source_org: str | None = Query(None, description="Source organisation acronyms: UN, al-Shabaab"),
    target_org: str | None = Query(None, description="Target organisation acronyms"),
    dyad: str | None = Query(None, description="Two actor codes, SOURCE,TARGET: KEN,SOM or IGO:EU,BLR"),
    directed: bool = Query(True, description="With dyad: false matches either direction"),
    cameo: str | None = Query(None, description="CAMEO codes or roots, comma-separated: 17 (root), 173, 1711"),
    plover: str | None = Query(None, description="PLOVER event types: ASSAULT, PROTEST, ..."),
    plover_mode: str | None = Query(None, description="PLOVER modes: arrest, riot, ..."),
    quad_class: str | None = Query(None, description="QuadClass 1-4, comma-separated"),
    goldstein_min: float | None = Query(None, ge=-10, le=10),
    goldstein_max: float | None = Query(None, ge=-10, le=10),
    place_country: str | None = Query(None, description="Event location countries (ISO 3166-1 alpha-3)"),
    place_admin1: str | None = Query(None, description="Event location first-level divisions (ISO 3166-2: KE-28)"),
    negated: str = Query("any", description="any, true (only negated events) or false (leave them out)"),
    hypothetical: str = Query("any", description="any, true or false"),
    min_confidence: float | None = Query(None, ge=0, le=1),
    q: str | None = Query(None, max_length=200, description="Words in the sentence (case-insensitive)"),
    doc_id: str | None = Query(None, description="One document's events"),
) -> Filters:
    """The FastAPI dependency of /v1/events and /v1/stats/*: declares every filter as a query
    parameter (so /docs lists them) and checks them against the ontology, in the order of the
    parameters (the first bad value is the one reported)."""
    check = FilterParser(ontology)
    return Filters(
        **check.dates(date_from, date_to),
        **check.actors(source, target, actor),
        **check.sectors(source_sector, target_sector),
        source_org=_split(source_org),
        target_org=_split(target_org),
        **check.dyad(dyad, directed),
        **check.event_types(cameo, plover, plover_mode, quad_class),
        **check.goldstein(goldstein_min, goldstein_max),
        **check.places(place_country, place_admin1),
        negated=check.tristate("negated", negated),
        hypothetical=check.tristate("hypothetical", hypothetical),
        min_confidence=min_confidence,
        q=q.strip() if q and q.strip() else None,
        doc_id=doc_id or None,
    )


class FilterParser:
    """Checks raw filter values (strings of the query) against the ontology and the code lists;
    each group method gives the `Filters` fields of its parameters."""

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology

    @staticmethod
    def dates(date_from: str | None, date_to: str | None) -> dict:
        first, last = parse_date("date_from", date_from), parse_date("date_to", date_to)
        if first and last and first > last:
            raise FilterError(f"date_from {date_from} is after date_to {date_to}")
        return {"date_from": first, "date_to": last}

    @staticmethod
    def actors(source: str | None, target: str | None, actor: str | None) -> dict:
        return {
            "source": [ActorKey.parse("source", v) for v in _split(source)],
            "target": [ActorKey.parse("target", v) for v in _split(target)],
            "actor": [ActorKey.parse("actor", v) for v in _split(actor)],
        }

    def sectors(self, source_sector: str | None, target_sector: str | None) -> dict:
        return {
            "source_sector": [self._sector("source_sector", v) for v in _split(source_sector)],
            "target_sector": [self._sector("target_sector", v) for v in _split(target_sector)],
        }

    @staticmethod
    def dyad(dyad: str | None, directed: bool) -> dict:
        pair = None
        if dyad:
            codes = _split(dyad)
            if len(codes) != 2:
                raise FilterError(f"dyad {dyad!r} must be two actor codes, SOURCE,TARGET")
            pair = (ActorKey.parse("dyad", codes[0]), ActorKey.parse("dyad", codes[1]))
        return {"dyad": pair, "directed": directed}

    def event_types(self, cameo: str | None, plover: str | None, plover_mode: str | None, quad_class: str | None) -> dict:
        codes = [self._cameo(v) for v in _split(cameo)]
        types = [self._plover(v) for v in _split(plover)]
        return {
            "cameo": codes,
            "plover": types,
            "plover_mode": [self._plover_mode(v, types) for v in _split(plover_mode)],
            "quad_class": [self._quad(v) for v in _split(quad_class)],
        }

    @staticmethod
    def goldstein(goldstein_min: float | None, goldstein_max: float | None) -> dict:
        if goldstein_min is not None and goldstein_max is not None and goldstein_min > goldstein_max:
            raise FilterError(f"goldstein_min {goldstein_min} is above goldstein_max {goldstein_max}")
        return {"goldstein_min": goldstein_min, "goldstein_max": goldstein_max}

    def places(self, place_country: str | None, place_admin1: str | None) -> dict:
        return {
            "place_country": [self._place_country(v) for v in _split(place_country)],
            "place_admin1": [self._admin1(v) for v in _split(place_admin1)],
        }

    @staticmethod
    def _sector(name: str, value: str) -> str:
        value = value.upper()
        if value not in SECTORS:
            raise FilterError(f"{name} {value!r} is not a sector ({', '.join(sorted(SECTORS))})")
        return value

    def _cameo(self, value: str) -> str:
        if len(value) == 2 and value in self.ontology.roots():
            return value
        if value.isdigit() and value in self.ontology:
            # a three-digit root ("190") means the whole root
            return value[:2] if len(value) == 3 and value.endswith("0") and value[:2] in self.ontology.roots() else value
        raise FilterError(f"cameo {value!r} is not a CAMEO code or root (01-20, 010-204, 1711, ...)")

    def _plover(self, value: str) -> str:
        value = value.upper()
        if not self.ontology.is_plover_type(value):
            raise FilterError(f"plover {value!r} is not a PLOVER event type ({', '.join(self.ontology.plover_types())})")
        return value

    def _plover_mode(self, value: str, types: list[str]) -> str:
        known = {m for t in (types or self.ontology.plover_types()) for m in self.ontology.plover_modes(t)}
        if value not in known:
            raise FilterError(f"plover_mode {value!r} is not a PLOVER mode{' of ' + ', '.join(types) if types else ''}")
        return value

    @staticmethod
    def _quad(value: str) -> int:
        if value not in ("1", "2", "3", "4"):
            raise FilterError(f"quad_class {value!r} must be 1, 2, 3 or 4")
        return int(value)

    @staticmethod
    def _place_country(value: str) -> str:
        value = value.upper()
        if not is_country_code(value) or value in ("IGO", "NGO"):
            raise FilterError(f"place_country {value!r} is not an ISO 3166-1 alpha-3 country code")
        return value

    @staticmethod
    def _admin1(value: str) -> str:
        value = value.upper()
        if pycountry.subdivisions.get(code=value) is None:
            raise FilterError(f"place_admin1 {value!r} is not an ISO 3166-2 subdivision code (KE-28)")
        return value

    @staticmethod
    def tristate(name: str, value: str) -> str:
        value = value.lower()
        if value not in TRISTATE:
            raise FilterError(f"{name} {value!r} must be any, true or false")
        return value


#: A route's parameter `f: FiltersDep` is the checked filters of the request's query.
FiltersDep = Annotated[Filters, Depends(event_filters)]
