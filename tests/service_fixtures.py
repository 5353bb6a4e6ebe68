"""Event stores for the service tests and the API benchmark, written with plain DuckDB SQL
that follows docs/store.md (independently of eventcoder.corpus.store and of the service's writer).

`build_store` codes the documents below with the real Coder; `synthetic_store` generates
any number of plausible events in SQL for timing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from eventcoder import __version__
from eventcoder.corpus.ingest import content_hash
from eventcoder.corpus.store import SCHEMA as STORE_SCHEMA
from eventcoder.corpus.store import CodedDocument, Store

# The contract's tables, column for column (docs/store.md).
SCRIPT_TEXT = (
    "Protesters in Nairobi carried signs reading <script>window.__pwned=1</script> and "
    '<img src=x onerror="window.__pwned=2"> before Kenyan police fired tear gas at them.'
)

# Our own sentences, each chosen for what it gives the filters (expected events in comments).
DOCUMENTS = [
    # PAK -> IND 111 (QuadClass 3); IND -> activist 173, located in PAK
    {"id": "pak-ind", "date": "2024-05-02", "text": "Pakistan condemned India's arrest of the Kashmiri activist."},
    # KEN/COP -> KEN/CVL 173 in Mombasa (KE-28); SOM/MIL -> SOM/REB al-Shabaab 190
    {"id": "ken-som", "date": "2023-06-18",
     "text": "Kenyan police arrested 14 protesters in Mombasa on Monday. Somali troops attacked an al-Shabaab camp near Kismayo."},
    # RUS/MIL -> UKR/CVL 194 in Kharkiv; UKR -> RUS 1124
    {"id": "rus-ukr", "date": "2024-02-08",
     "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday. Ukraine accused Russia of war crimes."},
    # IGO:EU -> BLR 163
    {"id": "eu-blr", "date": "2024-05-06",
     "text": "The European Union imposed new sanctions on Belarus. Poland kept its border with Belarus closed."},
    # EGY -> ETH 057 negated; CHN 154 hypothetical
    {"id": "egy-chn", "date": "2024-03-20",
     "text": "Egypt did not sign the agreement with Ethiopia. China may send troops to the border with India."},
    # IGO:UN -> QAT 051; QAT 043 in Doha
    {"id": "un-qat", "date": "2024-01-15",
     "text": "The UN Secretary-General praised Qatar for mediating between Israel and Hamas. Qatar hosted talks with Iran in Doha."},
    # markup in the text: must show as text, run nothing
    {"id": "script-doc", "date": "2024-04-10", "text": SCRIPT_TEXT},
]


def build_store(path: Path, coder, documents: list[dict] = DOCUMENTS) -> dict[str, list[dict]]:
    """A store of `documents` coded by `coder`, written by eventcoder.corpus.store as a run would
    write it; returns the events of each document id."""
    coded: dict[str, list[dict]] = {}
    batch = []
    for doc in documents:
        analysis = coder.analyse(doc["text"], date=doc["date"], doc_id=doc["id"])
        events = [e.to_dict() for e in analysis.events]
        coded[doc["id"]] = events
        batch.append(CodedDocument(content_hash(doc["text"]), doc["id"], f"fixture:{doc['id']}", doc.get("url"), doc["date"],
                                   doc["text"], len(analysis.sentences), events, {}, __version__, coder.knowledge_hash))
    with Store(path) as store:
        run_id = store.start_run("fixture", 1, __version__, coder.knowledge_hash)
        n_events = store.write_batch(run_id, batch)
        store.finish_run(run_id, "finished", len(batch), n_events, 0)
    return coded


def synthetic_store(path: Path, n_events: int = 100_000, seed: int = 7) -> None:
    """`n_events` plausible events over three years, 40 countries, all roots, one document per
    ten events; every column of the contract filled, generated in SQL so it takes seconds."""
    countries = ["USA", "RUS", "UKR", "CHN", "IND", "PAK", "ISR", "PSE", "IRN", "IRQ", "SYR", "TUR", "EGY", "SAU", "YEM",
                 "KEN", "SOM", "ETH", "SDN", "NGA", "MLI", "FRA", "DEU", "GBR", "POL", "BLR", "AFG", "MMR", "PRK", "KOR",
                 "JPN", "BRA", "COL", "VEN", "MEX", "QAT", "JOR", "LBN", "LBY", "COD"]
    sectors = ["GOV", "MIL", "COP", "REB", "CVL", "OPP", "JUD", "MED"]
    places = {  # country: (admin1, lat, lon)
        "UKR": ("UA-63", 49.98, 36.25), "KEN": ("KE-30", -1.28, 36.82), "SOM": (None, 2.04, 45.34), "ISR": (None, 31.77, 35.21),
        "SYR": ("SY-DI", 33.51, 36.29), "YEM": (None, 15.35, 44.21), "SDN": (None, 15.5, 32.56), "NGA": ("NG-FC", 9.07, 7.4),
        "IND": ("IN-DL", 28.61, 77.21), "PAK": (None, 33.72, 73.06), "COD": (None, -4.32, 15.31), "MLI": (None, 12.64, -8.0),
    }
    con = duckdb.connect(str(path))
    con.execute(STORE_SCHEMA)
    con.execute("CREATE TEMP TABLE cc AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS i", [countries, countries])
    con.execute("CREATE TEMP TABLE ss AS SELECT unnest(?) AS sector, generate_subscripts(?, 1) - 1 AS i", [sectors, sectors])
    con.execute("CREATE TEMP TABLE pp (code VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE)")
    con.executemany("INSERT INTO pp VALUES (?, ?, ?, ?)", [[k, *v] for k, v in places.items()])
    # roots with their quad class, Goldstein and PLOVER type
    roots = [("01", 1, 0.0, None), ("02", 1, 3.0, "REQUEST"), ("03", 1, 4.0, "SUPPORT"), ("04", 1, 1.0, "CONSULT"),
             ("05", 1, 3.5, "COOPERATE"), ("06", 2, 6.0, "COOPERATE"), ("07", 2, 7.0, "AID"), ("08", 2, 5.0, "CONCEDE"),
             ("09", 3, -2.0, "ACCUSE"), ("10", 3, -5.0, "REQUEST"), ("11", 3, -2.0, "ACCUSE"), ("12", 3, -4.0, "REJECT"),
             ("13", 3, -6.0, "THREATEN"), ("14", 4, -6.5, "PROTEST"), ("15", 4, -7.2, "MOBILIZE"), ("16", 4, -4.0, "SANCTION"),
             ("17", 4, -7.0, "COERCE"), ("18", 4, -9.0, "ASSAULT"), ("19", 4, -10.0, "ASSAULT"), ("20", 4, -10.0, "ASSAULT")]
    con.execute("CREATE TEMP TABLE rr (root VARCHAR, quad INTEGER, goldstein DOUBLE, plover VARCHAR, i INTEGER)")
    con.executemany("INSERT INTO rr VALUES (?, ?, ?, ?, ?)", [[*r, i] for i, r in enumerate(roots)])
    con.execute(f"SELECT setseed({(seed % 100) / 100})")
    con.execute(
        """CREATE TEMP TABLE g AS SELECT n,
            'syn' || lpad(CAST(n AS VARCHAR), 8, '0') AS event_id,
            'doc' || CAST(n // 10 AS VARCHAR) AS doc_id,
            DATE '2022-01-01' + CAST(floor(random() * 1095) AS INTEGER) AS date,
            CAST(floor(pow(random(), 2) * 40) AS INTEGER) AS si, CAST(floor(random() * 40) AS INTEGER) AS ti,
            CAST(floor(random() * 8) AS INTEGER) AS ssi, CAST(floor(random() * 8) AS INTEGER) AS tsi,
            CAST(floor(random() * 20) AS INTEGER) AS ri, random() < 0.05 AS negated, random() < 0.08 AS hypothetical,
            round(0.3 + random() * 0.6, 2) AS confidence, random() < 0.5 AS located
           FROM range(?) t(n)""",
        [n_events],
    )
    con.execute(
        """CREATE TEMP TABLE ev AS SELECT g.*, s.code AS source_code, t.code AS target_code, ss.sector AS source_sector,
            ts.sector AS target_sector, rr.root, rr.root || '0' AS cameo_code, rr.quad, rr.goldstein, rr.plover,
            CASE WHEN g.located THEN p.code END AS lcountry, CASE WHEN g.located THEN p.admin1 END AS ladmin1,
            CASE WHEN g.located THEN p.lat END AS lat, CASE WHEN g.located THEN p.lon END AS lon,
            s.code || ' ' || ss.sector || ' acted (' || rr.root || ') on ' || t.code || ' ' || ts.sector || ', synthetic sentence '
              || CAST(g.n AS VARCHAR) || '.' AS sentence
           FROM g JOIN cc s ON s.i = g.si JOIN cc t ON t.i = g.ti JOIN ss ON ss.i = g.ssi JOIN ss ts ON ts.i = g.tsi
           JOIN rr ON rr.i = g.ri LEFT JOIN pp p ON p.code = t.code"""
    )
    con.execute(
        """INSERT INTO documents SELECT DISTINCT ON (doc_id) sha256(doc_id), doc_id, 'synthetic', NULL, date,
            'Synthetic document ' || doc_id || '.', 10, 10, '0.1.0', 'synthetic', 'syn-run', TIMESTAMP '2025-01-01 00:00:00'
           FROM ev ORDER BY doc_id"""
    )
    con.execute(
        """INSERT INTO events SELECT event_id, sha256(doc_id), doc_id, 'syn-run', date, NULL, 'day', cameo_code, root, goldstein, quad,
            plover, NULL, source_code, source_sector, NULL, source_code, target_code, target_sector, NULL, target_code,
            negated, hypothetical, confidence, lcountry, ladmin1, lcountry, lat, lon, sentence, 'acted', 'synthetic:1', NULL,
            '0.1.0', 'synthetic',
            json_object('event_id', event_id, 'doc_id', doc_id, 'sentence_index', 0, 'sentence', sentence, 'sentence_start', 0,
              'date', CAST(date AS VARCHAR),
              'when', json_object('start', CAST(date AS VARCHAR), 'end', NULL, 'precision', 'day', 'text', NULL, 'reason', 'publication date'),
              'source', json_array(json_object('text', source_code, 'start', 0, 'end', 3, 'code', source_code, 'sector', source_sector,
                  'org', NULL, 'name', NULL, 'reason', 'synthetic', 'antecedent', NULL, 'implicit', false)),
              'target', json_array(json_object('text', target_code, 'start', 0, 'end', 3, 'code', target_code, 'sector', target_sector,
                  'org', NULL, 'name', NULL, 'reason', 'synthetic', 'antecedent', NULL, 'implicit', false)),
              'cameo', json_object('code', cameo_code, 'root', root, 'name', 'root ' || root, 'goldstein', goldstein, 'quad_class', quad),
              'plover', json_object('event', plover, 'mode', NULL),
              'trigger', json_object('text', 'acted', 'start', 0, 'end', 5), 'negated', negated, 'hypothetical', hypothetical,
              'attributed_to', NULL, 'parent_event_id', NULL,
              'location', CASE WHEN located AND lcountry IS NOT NULL THEN json_object('text', lcountry, 'name', lcountry, 'country', lcountry,
                  'admin1', ladmin1, 'lat', lat, 'lon', lon, 'precision', 'city', 'reason', 'synthetic') END,
              'rule', 'synthetic:1', 'confidence', confidence, 'coder_version', '0.1.0', 'knowledge_hash', 'synthetic',
              'schema_version', '1')
           FROM ev"""
    )
    con.execute(
        """INSERT INTO event_actors
           SELECT event_id, 'source', 0, source_code, source_sector, NULL, NULL, source_code FROM ev
           UNION ALL SELECT event_id, 'target', 0, target_code, target_sector, NULL, NULL, target_code FROM ev"""
    )
    con.execute(
        "INSERT INTO runs VALUES ('syn-run', 'synthetic', TIMESTAMP '2025-01-01', TIMESTAMP '2025-01-01', 1, '0.1.0', 'synthetic', "
        "'finished', ?, ?, 0)",
        [(n_events + 9) // 10, n_events],
    )
    con.close()
