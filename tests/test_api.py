"""The HTTP API (eventcoder.service) over a store built from our own sentences by the real Coder."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventcoder.service import create_app  # noqa: E402
from service_fixtures import DOCUMENTS, SCRIPT_TEXT, build_store  # noqa: E402

EVENT_KEYS = {
    "event_id", "doc_id", "sentence_index", "sentence", "sentence_start", "date", "when", "source", "target", "cameo",
    "plover", "trigger", "negated", "hypothetical", "attributed_to", "parent_event_id", "location", "rule", "confidence",
    "coder_version", "knowledge_hash", "schema_version",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("store") / "events.duckdb"
    coded = build_store(path, coder)
    return path, coded


@pytest.fixture(scope="module")
def client(store, coder):
    app = create_app(store[0], coder_factory=lambda: coder)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def coded(store):
    return store[1]


def all_events(coded):
    return [e for events in coded.values() for e in events]


def ids(response):
    assert response.status_code == 200, response.text
    return {e["event_id"] for e in response.json()["events"]}


def expected(coded, predicate):
    return {e["event_id"] for e in all_events(coded) if predicate(e)}


def codes(event, role):
    return {a["code"] for a in event[role]}


# --- the fixture itself: the sentences give what the filter tests rely on


def test_fixture_store_has_the_events_the_tests_rely_on(coded):
    roots = {(e["doc_id"], e["cameo"]["root"]) for e in all_events(coded)}
    assert ("pak-ind", "11") in roots and ("rus-ukr", "19") in roots and ("eu-blr", "16") in roots
    assert any(e["negated"] for e in coded["egy-chn"]) and any(e["hypothetical"] for e in coded["egy-chn"])
    assert any(e["location"] and e["location"]["admin1"] == "KE-28" for e in coded["ken-som"])
    assert coded["script-doc"], "the document with markup must give an event to open"


# --- health, meta, page


def test_health_and_meta(client, coded):
    health = client.get("/v1/health").json()
    assert health["status"] == "ok" and health["events"] == len(all_events(coded)) and health["documents"] == len(DOCUMENTS)
    meta = client.get("/v1/meta").json()
    assert meta["date_min"] <= meta["date_max"]
    assert {"PAK", "IND", "IGO"} <= set(meta["actor_codes"])
    assert any(c["code"] == "173" for c in meta["cameo"]) and len(meta["plover"]) == 16
    assert any(c["code"] == "KEN" and c["numeric"] == "404" for c in meta["countries"])


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/code", "/v1/events", "/v1/events/{event_id}", "/v1/stats/timeline", "/v1/stats/dyads", "/v1/stats/actors",
                 "/v1/stats/places", "/v1/documents"):
        assert path in paths
    assert any(p["name"] == "goldstein_min" for p in paths["/v1/events"]["get"]["parameters"])


def test_page_is_served_with_a_strict_content_security_policy(client):
    response = client.get("/")
    if response.status_code == 404:
        pytest.skip("web page not built (web/build.sh)")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    assert "script-src 'self'" in response.headers["content-security-policy"]


# --- POST /v1/code


def test_code_returns_events_exactly_in_the_output_schema(client, coder):
    text = "Pakistan condemned India's arrest of the Kashmiri activist."
    response = client.post("/v1/code", json={"text": text, "date": "2024-05-02", "doc_id": "a1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["doc_id"] == "a1" and body["date"] == "2024-05-02"
    assert body["events"] == [e.to_dict() for e in coder.code(text, date="2024-05-02", doc_id="a1")]
    assert all(set(e) == EVENT_KEYS for e in body["events"])
    kinds = {(s["kind"], text[s["start"] : s["end"]]) for s in body["spans"]}
    assert ("trigger", "condemned") in kinds and ("actor", "Pakistan") in kinds


def test_code_without_date_or_id(client):
    body = client.post("/v1/code", json={"text": "Pakistan condemned India."}).json()
    assert body["doc_id"].startswith("doc-") and body["date"] is None


@pytest.mark.parametrize(
    ("payload", "status", "words"),
    [
        ({"text": "Pakistan condemned India.", "date": "2024-13-45"}, 400, "ISO date"),
        ({"text": "Pakistan condemned India.", "date": "yesterday"}, 400, "ISO date"),
        ({"text": "   "}, 400, "empty"),
        ({"date": "2024-01-01"}, 422, "text"),
        ({"text": 5}, 422, "text"),
    ],
)
def test_code_rejects_bad_input_with_a_json_message(client, payload, status, words):
    response = client.post("/v1/code", json=payload)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and words in body["message"]
    assert "Traceback" not in response.text


def test_code_rejects_malformed_json(client):
    response = client.post("/v1/code", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and "message" in response.json()


def test_code_size_limits(store, coder):
    app = create_app(store[0], coder_factory=lambda: coder, max_body_bytes=2000, max_text_chars=500)
    with TestClient(app) as c:
        response = c.post("/v1/code", json={"text": "x" * 5000})
        assert response.status_code == 413 and "limit is 2000 bytes" in response.json()["message"]
        response = c.post("/v1/code", json={"text": "Pakistan condemned India. " * 40})
        assert response.status_code == 413 and "limit is 500" in response.json()["message"]
        # a chunked body with no Content-Length is counted too
        response = c.post("/v1/code", content=iter([b'{"text": "', b"y" * 3000, b'"}']), headers={"content-type": "application/json"})
        assert response.status_code == 413


def test_code_time_limit(store):
    import time

    class Slow:
        knowledge_hash = "slow"

        def analyse(self, text, date=None, doc_id=None):
            time.sleep(1.0)
            raise AssertionError("never reached in time")

    app = create_app(store[0], coder_factory=Slow, code_timeout=0.2)
    with TestClient(app) as c:
        response = c.post("/v1/code", json={"text": "Pakistan condemned India."})
        assert response.status_code == 504 and "longer than 0.2 s" in response.json()["message"]


def test_one_coder_per_app_made_lazily(store, coder):
    made = []

    def factory():
        made.append(1)
        return coder

    app = create_app(store[0], coder_factory=factory)
    with TestClient(app) as c:
        assert made == []
        c.post("/v1/code", json={"text": "Pakistan condemned India."})
        c.post("/v1/code", json={"text": "India condemned Pakistan."})
    assert made == [1]


# --- GET /v1/events: every filter against the same predicate over the coded events


FILTERS = [
    ({"date_from": "2024-03-01"}, lambda e: e["date"] and e["date"] >= "2024-03-01"),
    ({"date_to": "2024-01-31"}, lambda e: e["date"] and e["date"] <= "2024-01-31"),
    ({"date_from": "2024-02-01", "date_to": "2024-02-29"}, lambda e: e["date"] and "2024-02-01" <= e["date"] <= "2024-02-29"),
    ({"source": "PAK"}, lambda e: "PAK" in codes(e, "source")),
    ({"source": "pak,rus"}, lambda e: codes(e, "source") & {"PAK", "RUS"}),
    ({"target": "BLR"}, lambda e: "BLR" in codes(e, "target")),
    ({"actor": "UKR"}, lambda e: "UKR" in codes(e, "source") | codes(e, "target")),
    ({"source": "IGO:EU"}, lambda e: any(a["code"] == "IGO" and a["org"] == "EU" for a in e["source"])),
    ({"source_sector": "MIL"}, lambda e: any(a["sector"] == "MIL" for a in e["source"])),
    ({"target_sector": "CVL,REB"}, lambda e: any(a["sector"] in ("CVL", "REB") for a in e["target"])),
    ({"source_org": "un"}, lambda e: any(a["org"] == "UN" for a in e["source"])),
    ({"target_org": "al-Shabaab"}, lambda e: any(a["org"] == "al-Shabaab" for a in e["target"])),
    ({"dyad": "PAK,IND"}, lambda e: "PAK" in codes(e, "source") and "IND" in codes(e, "target")),
    ({"dyad": "IND,PAK"}, lambda e: "IND" in codes(e, "source") and "PAK" in codes(e, "target")),
    ({"dyad": "IND,PAK", "directed": "false"},
     lambda e: ("PAK" in codes(e, "source") and "IND" in codes(e, "target")) or ("IND" in codes(e, "source") and "PAK" in codes(e, "target"))),
    ({"cameo": "19"}, lambda e: e["cameo"]["root"] == "19"),
    ({"cameo": "190"}, lambda e: e["cameo"]["root"] == "19"),
    ({"cameo": "173"}, lambda e: e["cameo"]["code"].startswith("173")),
    ({"cameo": "11,16"}, lambda e: e["cameo"]["root"] in ("11", "16")),
    ({"cameo": "112"}, lambda e: e["cameo"]["code"].startswith("112")),
    ({"plover": "assault"}, lambda e: e["plover"]["event"] == "ASSAULT"),
    ({"plover": "ACCUSE", "plover_mode": "disapprove"}, lambda e: e["plover"]["event"] == "ACCUSE" and e["plover"]["mode"] == "disapprove"),
    ({"quad_class": "1,2"}, lambda e: e["cameo"]["quad_class"] in (1, 2)),
    ({"quad_class": "4"}, lambda e: e["cameo"]["quad_class"] == 4),
    ({"goldstein_min": "0"}, lambda e: e["cameo"]["goldstein"] >= 0),
    ({"goldstein_max": "-5"}, lambda e: e["cameo"]["goldstein"] <= -5),
    ({"goldstein_min": "-8", "goldstein_max": "-1"}, lambda e: -8 <= e["cameo"]["goldstein"] <= -1),
    ({"place_country": "KEN"}, lambda e: e["location"] and e["location"]["country"] == "KEN"),
    ({"place_admin1": "KE-28"}, lambda e: e["location"] and e["location"]["admin1"] == "KE-28"),
    ({"negated": "true"}, lambda e: e["negated"]),
    ({"negated": "false"}, lambda e: not e["negated"]),
    ({"hypothetical": "true"}, lambda e: e["hypothetical"]),
    ({"hypothetical": "false", "negated": "false"}, lambda e: not e["hypothetical"] and not e["negated"]),
    ({"min_confidence": "0.66"}, lambda e: e["confidence"] >= 0.66),
    ({"q": "tear GAS"}, lambda e: "tear gas" in e["sentence"].lower()),
    ({"q": "100%_"}, lambda e: "100%_" in e["sentence"]),
    ({"doc_id": "rus-ukr"}, lambda e: e["doc_id"] == "rus-ukr"),
    ({"source": "RUS", "quad_class": "4", "date_from": "2024-01-01"},
     lambda e: "RUS" in codes(e, "source") and e["cameo"]["quad_class"] == 4 and e["date"] >= "2024-01-01"),
]


@pytest.mark.parametrize(("params", "predicate"), FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
def test_event_filters(client, coded, params, predicate):
    response = client.get("/v1/events", params={**params, "limit": 1000})
    want = expected(coded, predicate)
    assert ids(response) == want
    assert response.json()["total"] == len(want)


def test_filters_that_select_something(client):
    """The filter tests above would pass on an empty store: these must find events."""
    for params in ({"source": "PAK"}, {"cameo": "19"}, {"negated": "true"}, {"hypothetical": "true"}, {"place_admin1": "KE-28"},
                   {"dyad": "PAK,IND"}, {"source": "IGO:EU"}, {"q": "tear gas"}, {"plover": "ASSAULT"}):
        assert client.get("/v1/events", params=params).json()["total"] >= 1, params


def test_events_are_ordered_newest_first_and_paged_by_cursor(client, coded):
    everything = [e["event_id"] for e in sorted(all_events(coded), key=lambda e: (e["date"] or "", ), reverse=True)]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/events", params=params).json()
        assert body["total"] == len(everything) and len(body["events"]) <= 2
        seen += [e["event_id"] for e in body["events"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(everything) and len(seen) == len(set(seen))
    assert pages == (len(everything) + 1) // 2
    dates = [e["date"] for e in client.get("/v1/events", params={"limit": 1000}).json()["events"]]
    assert dates == sorted(dates, reverse=True)


def test_cursor_pages_keep_the_filter(client, coded):
    first = client.get("/v1/events", params={"quad_class": "4", "limit": 1}).json()
    second = client.get("/v1/events", params={"quad_class": "4", "limit": 1, "cursor": first["next_cursor"]}).json()
    assert all(e["cameo"]["quad_class"] == 4 for e in first["events"] + second["events"])
    assert first["events"][0]["event_id"] != second["events"][0]["event_id"]


def test_events_are_full_records(client, coded):
    for event in client.get("/v1/events", params={"limit": 1000}).json()["events"]:
        assert set(event) == EVENT_KEYS


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"date_from": "2024-02-30"}, "date_from '2024-02-30' is not an ISO date"),
        ({"date_to": "May 2024"}, "date_to 'May 2024' is not an ISO date"),
        ({"date_from": "2024-05-01", "date_to": "2024-01-01"}, "is after date_to"),
        ({"source": "XYZ"}, "source 'XYZ' is not an ISO 3166-1 alpha-3"),
        ({"target": "India"}, "target 'India'"),
        ({"source": "GOV:UN"}, "only IGO:ACRONYM"),
        ({"source_sector": "ARMY"}, "source_sector 'ARMY' is not a sector"),
        ({"dyad": "PAK"}, "must be two actor codes"),
        ({"dyad": "PAK,QQQ"}, "dyad 'QQQ'"),
        ({"cameo": "999"}, "cameo '999' is not a CAMEO code"),
        ({"cameo": "21"}, "cameo '21'"),
        ({"cameo": "abc"}, "cameo 'abc'"),
        ({"plover": "INVADE"}, "plover 'INVADE' is not a PLOVER event type"),
        ({"plover": "ASSAULT", "plover_mode": "riot"}, "plover_mode 'riot' is not a PLOVER mode of ASSAULT"),
        ({"quad_class": "5"}, "quad_class '5' must be 1, 2, 3 or 4"),
        ({"goldstein_min": "3", "goldstein_max": "-3"}, "is above goldstein_max"),
        ({"place_country": "ZZZ"}, "place_country 'ZZZ'"),
        ({"place_admin1": "KE-999"}, "place_admin1 'KE-999' is not an ISO 3166-2"),
        ({"negated": "maybe"}, "negated 'maybe' must be any, true or false"),
        ({"format": "xml"}, "format 'xml'"),
        ({"cursor": "not-a-cursor"}, "cursor is not one this service gave out"),
    ],
)
def test_bad_filters_are_clear_400s(client, params, words):
    response = client.get("/v1/events", params=params)
    assert response.status_code == 400, response.text
    assert words in response.json()["message"]


@pytest.mark.parametrize("params", [{"goldstein_min": "-11"}, {"min_confidence": "2"}, {"limit": "0"}, {"limit": "100000"}, {"goldstein_max": "x"}])
def test_out_of_range_numbers_are_422_with_a_message(client, params):
    response = client.get("/v1/events", params=params)
    assert response.status_code == 422
    assert list(params)[0] in response.json()["message"]


# --- exports: exactly the filtered set


def test_csv_export_is_exactly_the_filtered_set(client, coded):
    response = client.get("/v1/events", params={"format": "csv", "quad_class": "4"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["event_id"] for r in rows} == expected(coded, lambda e: e["cameo"]["quad_class"] == 4)
    assert response.headers["x-total-count"] == str(len(rows))
    row = next(r for r in rows if r["cameo_code"] == "163")
    assert row["sources"] == "IGO:EU/IGO" and row["targets"] == "BLR/GOV" and row["goldstein"]


def test_csv_export_of_all_events_keeps_compound_actors(client, coded):
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/events", params={"format": "csv"}).text)))
    assert len(rows) == len(all_events(coded))
    for row in rows:
        event = next(e for e in all_events(coded) if e["event_id"] == row["event_id"])
        assert len(row["sources"].split(";")) == len(event["source"])


def test_geojson_export_has_every_located_event_of_the_set(client, coded):
    response = client.get("/v1/events", params={"format": "geojson", "quad_class": "4"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection"
    want = expected(coded, lambda e: e["cameo"]["quad_class"] == 4 and e["location"] and e["location"]["lat"] is not None)
    assert {f["properties"]["event_id"] for f in data["features"]} == want and want
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [feature["properties"]["lon"], feature["properties"]["lat"]]


def test_jsonl_export_gives_full_records(client, coded):
    lines = client.get("/v1/events", params={"format": "jsonl", "source": "PAK"}).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["event_id"] for r in records} == expected(coded, lambda e: "PAK" in codes(e, "source"))
    assert all(set(r) == EVENT_KEYS for r in records)


# --- GET /v1/events/{event_id}


def test_event_detail_has_document_and_spans(client, coded):
    event = coded["pak-ind"][0]
    body = client.get(f"/v1/events/{event['event_id']}").json()
    assert body["event"] == event
    text = body["document"]["text"]
    assert text == DOCUMENTS[0]["text"] and body["document"]["published"] == "2024-05-02"
    spans = {(s["kind"], s["role"], text[s["start"] : s["end"]]) for s in body["spans"]}
    assert ("trigger", None, "condemned") in spans and ("actor", "source", "Pakistan") in spans and ("actor", "target", "India") in spans
    assert {e["event_id"] for e in body["document_events"]} == {e["event_id"] for e in coded["pak-ind"]}


def test_event_detail_keeps_markup_as_data(client, coded):
    body = client.get(f"/v1/events/{coded['script-doc'][0]['event_id']}").json()
    assert body["document"]["text"] == SCRIPT_TEXT


def test_unknown_event_is_a_json_404(client):
    response = client.get("/v1/events/nope")
    assert response.status_code == 404 and "no event 'nope'" in response.json()["message"]


def test_unknown_path_is_a_json_404(client):
    response = client.get("/v1/nothing")
    assert response.status_code == 404 and response.json()["message"] == "no such path: /v1/nothing"


def test_wrong_method_is_a_json_405(client):
    response = client.delete("/v1/events")
    assert response.status_code == 405 and "DELETE is not allowed" in response.json()["message"]


# --- stats


def test_timeline_counts_and_mean_goldstein(client, coded):
    body = client.get("/v1/stats/timeline", params={"interval": "month"}).json()
    assert body["interval"] == "month" and body["stack"] == "quad_class"
    events = [e for e in all_events(coded) if e["date"]]
    assert sum(b["count"] for b in body["buckets"]) == len(events)
    periods = [b["period"] for b in body["buckets"]]
    assert periods == sorted(periods) and all(p.endswith("-01") for p in periods)
    # every month between the first and the last is there, empty ones with 0
    assert len(periods) == len(set(periods)) and periods[0] == "2023-06-01" and periods[-1] == "2024-05-01" and len(periods) == 12
    may = next(b for b in body["buckets"] if b["period"] == "2024-05-01")
    in_may = [e for e in events if e["date"].startswith("2024-05")]
    assert may["count"] == len(in_may)
    assert may["mean_goldstein"] == pytest.approx(sum(e["cameo"]["goldstein"] for e in in_may) / len(in_may), abs=1e-3)
    assert sum(may["by"].values()) == may["count"]
    empty = next(b for b in body["buckets"] if b["period"] == "2023-09-01")
    assert empty["count"] == 0 and empty["mean_goldstein"] is None


def test_timeline_intervals_stacks_and_filters(client, coded):
    week = client.get("/v1/stats/timeline", params={"interval": "week", "date_from": "2024-01-01"}).json()
    assert all(__import__("datetime").date.fromisoformat(b["period"]).weekday() == 0 for b in week["buckets"])
    day = client.get("/v1/stats/timeline", params={"interval": "day", "source": "RUS"}).json()
    assert sum(b["count"] for b in day["buckets"]) == len(expected(coded, lambda e: "RUS" in codes(e, "source")))
    plover = client.get("/v1/stats/timeline", params={"stack": "plover"}).json()
    assert "ASSAULT" in plover["keys"]
    root = client.get("/v1/stats/timeline", params={"stack": "root", "quad_class": "4"}).json()
    assert set(root["keys"]) <= {"14", "15", "16", "17", "18", "19", "20"}
    assert client.get("/v1/stats/timeline").json()["interval"] in ("week", "month")
    assert client.get("/v1/stats/timeline", params={"date_from": "2030-01-01"}).json()["buckets"] == []


@pytest.mark.parametrize(("params", "words"), [({"interval": "hour"}, "interval 'hour'"), ({"stack": "sector"}, "stack 'sector'"),
                                               ({"date_from": "2024-1-1"}, "ISO date")])
def test_timeline_errors(client, params, words):
    response = client.get("/v1/stats/timeline", params=params)
    assert response.status_code == 400 and words in response.json()["message"]


def test_dyads(client, coded):
    body = client.get("/v1/stats/dyads").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("PAK", "IND")]["count"] == 1 and edges[("PAK", "IND")]["mean_goldstein"] == -2.0
    assert edges[("IGO:EU", "BLR")]["by_quad_class"]["4"] == 1
    assert ("KEN", "KEN") not in edges
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["IGO:EU"]["label"] == "EU" and nodes["PAK"]["label"] == "Pakistan"
    loops = client.get("/v1/stats/dyads", params={"self_loops": "true"}).json()
    assert any(e["source"] == e["target"] == "KEN" for e in loops["edges"])
    undirected = client.get("/v1/stats/dyads", params={"directed": "false"}).json()
    assert all(e["source"] <= e["target"] for e in undirected["edges"])
    sector = client.get("/v1/stats/dyads", params={"level": "sector", "quad_class": "4"}).json()
    assert any(e["source"] == "RUS/MIL" and e["target"] == "UKR/CVL" for e in sector["edges"])
    assert client.get("/v1/stats/dyads", params={"limit": 1}).json()["edges"].__len__() == 1
    assert client.get("/v1/stats/dyads", params={"level": "city"}).status_code == 400


def test_actors(client, coded):
    body = client.get("/v1/stats/actors").json()
    actors = {a["actor"]: a for a in body["actors"]}
    want = len(expected(coded, lambda e: "QAT" in codes(e, "source") | codes(e, "target")))
    assert actors["QAT"]["count"] == want
    assert actors["QAT"]["as_source"] >= 1 and actors["QAT"]["as_target"] >= 1
    sources = client.get("/v1/stats/actors", params={"role": "source", "level": "sector"}).json()["actors"]
    assert any(a["actor"] == "SOM/MIL" for a in sources)
    assert client.get("/v1/stats/actors", params={"role": "victim"}).status_code == 400


def test_places(client, coded):
    body = client.get("/v1/stats/places").json()
    places = {p["code"]: p for p in body["places"]}
    want = len(expected(coded, lambda e: e["location"] and e["location"]["country"] == "KEN"))
    assert places["KEN"]["count"] == want and places["KEN"]["numeric"] == "404" and places["KEN"]["name"] == "Kenya"
    assert body["unlocated"] == len(expected(coded, lambda e: not (e["location"] and e["location"]["country"])))
    assert sum(p["count"] for p in body["points"]) == len(expected(coded, lambda e: e["location"] and e["location"]["lat"] is not None))
    admin1 = client.get("/v1/stats/places", params={"level": "admin1"}).json()["places"]
    assert any(p["code"] == "KE-28" and p["name"] == "Mombasa" for p in admin1)
    assert client.get("/v1/stats/places", params={"level": "street"}).status_code == 400


# --- token, writes


@pytest.fixture()
def writable(tmp_path, coder):
    path = tmp_path / "w.duckdb"
    build_store(path, coder, DOCUMENTS[:1])
    app = create_app(path, token="s3cret", coder_factory=lambda: coder)
    with TestClient(app) as c:
        yield c


AUTH = {"Authorization": "Bearer s3cret"}


def test_a_configured_token_guards_reads_and_writes(writable):
    assert writable.get("/v1/events").status_code == 401
    assert "bearer token" in writable.get("/v1/events").json()["message"]
    assert writable.get("/v1/events", headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert writable.get("/v1/events", headers={"Authorization": "Basic s3cret"}).status_code == 401
    assert writable.post("/v1/documents", json={"documents": [{"text": "Pakistan condemned India."}]}).status_code == 401
    assert writable.get("/v1/events", headers=AUTH).status_code == 200


def test_ingest_codes_and_stores_documents_once(writable):
    before = writable.get("/v1/health", headers=AUTH).json()
    payload = {"documents": [
        {"id": "n1", "date": "2024-06-01", "text": "Somali troops attacked an al-Shabaab camp near Kismayo.", "url": "https://example.org/n1"},
        {"id": "n2", "date": "2024-06-02", "text": "Ukraine accused Russia of war crimes."},
    ]}
    response = writable.post("/v1/documents", json=payload, headers=AUTH)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["documents"] == 2 and result["events"] >= 2 and result["skipped"] == 0
    after = writable.get("/v1/health", headers=AUTH).json()
    assert after["documents"] == before["documents"] + 2 and after["events"] == before["events"] + result["events"]
    found = writable.get("/v1/events", params={"doc_id": "n1"}, headers=AUTH).json()
    assert found["total"] >= 1 and found["events"][0]["cameo"]["root"] == "19"
    detail = writable.get(f"/v1/events/{found['events'][0]['event_id']}", headers=AUTH).json()
    assert detail["document"]["url"] == "https://example.org/n1"
    again = writable.post("/v1/documents", json=payload, headers=AUTH).json()
    assert again["documents"] == 0 and again["skipped"] == 2


def test_ingest_errors(writable, client):
    assert writable.post("/v1/documents", json={"documents": []}, headers=AUTH).status_code == 422
    bad = writable.post("/v1/documents", json={"documents": [{"text": "Pakistan condemned India.", "date": "2024-02-31"}]}, headers=AUTH)
    assert bad.status_code == 400 and "ISO date" in bad.json()["message"]
    # without a configured token the store is read-only: writes are refused, reads open
    response = client.post("/v1/documents", json={"documents": [{"text": "Pakistan condemned India."}]})
    assert response.status_code == 403 and "--token" in response.json()["message"]


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no event store"):
        create_app(tmp_path / "none.duckdb")


def test_internal_errors_do_not_leak_a_trace(store):
    class Broken:
        knowledge_hash = "x"

        def analyse(self, text, date=None, doc_id=None):
            raise RuntimeError("secret internals")

    app = create_app(store[0], coder_factory=Broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.post("/v1/code", json={"text": "Pakistan condemned India."})
    assert response.status_code == 500 and response.json() == {"status": 500, "message": "internal error"}


def test_api_docs_page_needs_no_network(tmp_path, coder):
    """/docs serves Swagger UI from the package's static files, never from a CDN."""
    from fastapi.testclient import TestClient

    from eventcoder.service.app import create_app
    from service_fixtures import build_store

    db = tmp_path / "docs.duckdb"
    build_store(db, coder, [])
    client = TestClient(create_app(db))
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/docs/swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text and "http://" not in page.text
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "eventcoder"
