"""The DuckDB store: the docs/store.md contract, atomic batches, recoding, errors, clusters."""

import duckdb
import pytest

from eventcoder.corpus.dedup import cluster_events, collapse_story
from eventcoder.corpus.store import CodedDocument, Store


def actor(code, sector="GOV", org=None, text=None):
    return {"text": text or code or "someone", "start": 0, "end": 3, "code": code, "sector": sector, "org": org, "name": None,
            "reason": "test", "antecedent": None, "implicit": False}


def record(event_id, doc_id, src, tgt, code="111", date="2024-05-02", confidence=0.7, sentence="Pakistan condemned India.",
           sentence_index=0, parent=None):
    return {"event_id": event_id, "doc_id": doc_id, "sentence_index": sentence_index, "sentence": sentence, "sentence_start": 0,
            "date": date, "when": {"start": date, "end": None, "precision": "day", "text": None, "reason": "publication date"},
            "source": [src], "target": [tgt] if tgt else [],
            "cameo": {"code": code, "root": code[:2], "name": "x", "goldstein": -2.0, "quad_class": 3},
            "plover": {"event": "ACCUSE", "mode": "disapprove"}, "trigger": {"text": "condemned", "start": 9, "end": 18},
            "negated": False, "hypothetical": False, "attributed_to": None, "parent_event_id": parent, "location": None,
            "rule": "test", "confidence": confidence, "coder_version": "0.1.0", "knowledge_hash": "k1", "schema_version": "1"}


def doc(h, events, version="0.1.0", kh="k1"):
    return CodedDocument(h, "d-" + h, f"in.jsonl:{h[1:]}", None, "2024-05-02", "text " + h, 2, events, {}, version, kh)


CONTRACT = {
    "documents": "content_hash doc_id source url published text n_sentences n_events coder_version knowledge_hash run_id coded_at",
    "events": "event_id content_hash doc_id run_id date date_end date_precision cameo_code cameo_root goldstein quad_class "
              "plover_event plover_mode source_code source_sector source_org source_text target_code target_sector target_org "
              "target_text negated hypothetical confidence location_country location_admin1 location_text lat lon sentence "
              "trigger_text rule cluster_id coder_version knowledge_hash record",
    "event_actors": "event_id role position code sector org name text",
    "errors": "run_id source reason at",
    "runs": "run_id input started_at finished_at workers coder_version knowledge_hash status documents events errors",
}


def test_tables_follow_the_contract(tmp_path):
    Store(tmp_path / "s.duckdb").close()
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    for table, columns in CONTRACT.items():
        assert [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()] == columns.split(), table
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'").fetchall())
    assert types["date"] == "DATE" and types["goldstein"] == "DOUBLE" and types["negated"] == "BOOLEAN" and types["record"] == "JSON"


def test_batches_recode_and_errors(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run("in.jsonl", 1, "0.1.0", "k1")
        pak, ind = actor("PAK"), actor("IND")
        n = store.write_batch(run, [doc("h1", [record("e1", "d-h1", pak, ind)]), doc("h2", [])], [("in.jsonl:3", "bad JSON")])
        assert n == 1
        store.write_batch(run, [], [("in.jsonl:3", "bad JSON"), ("in.jsonl:4", "empty text")])  # the first is not repeated
        assert store.counts() == {"documents": 2, "events": 1, "event_actors": 2, "event_mentions": 0, "errors": 2, "runs": 1}
        assert store.coded_versions(["h1", "h9"]) == {"h1": ("0.1.0", "k1")}
        # recoding replaces the document's events, in one transaction
        store.write_batch(run, [doc("h1", [record("e1", "d-h1", pak, ind, confidence=0.9), record("e2", "d-h1", ind, pak)], kh="k2")])
        assert store.coded_versions(["h1"]) == {"h1": ("0.1.0", "k2")}
        assert store.con.execute("SELECT event_id, confidence FROM events ORDER BY 1").fetchall() == [("e1", 0.9), ("e2", 0.7)]
        assert store.con.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 4
        store.finish_run(run, "finished", 2, 2, 2)
        assert store.con.execute("SELECT status, documents FROM runs").fetchall() == [("finished", 2)]


def test_an_event_id_stored_by_another_text_keeps_its_first_coding(tmp_path):
    # an edited article under the same doc id can repeat an event id (same doc id, spans, code, dyad)
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run("x", 1, "0.1.0", "k1")
        pak, ind = actor("PAK"), actor("IND")
        first = doc("h1", [record("e1", "d", pak, ind, confidence=0.5)])
        first.mentions = {"e1": [("e1", 0, 0.5)]}
        assert store.write_batch(run, [first]) == 1
        edited = doc("h2", [record("e1", "d", pak, ind, confidence=0.9), record("e2", "d", ind, pak)])
        edited.mentions = {"e1": [("e1", 0, 0.9)], "e2": [("e2", 1, 0.7)]}
        assert store.write_batch(run, [edited]) == 1  # only e2 is new
        assert store.con.execute("SELECT event_id, content_hash, confidence FROM events ORDER BY 1").fetchall() == [
            ("e1", "h1", 0.5), ("e2", "h2", 0.7)]
        # the repeated event brings no second set of actors or mentions
        assert store.con.execute("SELECT event_id, count(*) FROM event_actors GROUP BY 1 ORDER BY 1").fetchall() == [("e1", 2), ("e2", 2)]
        assert store.con.execute("SELECT event_id, confidence FROM event_mentions ORDER BY 1").fetchall() == [("e1", 0.5), ("e2", 0.7)]


def test_failed_batch_leaves_nothing(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run("x", 1, "0.1.0", "k1")
        bad = doc("h3", [{"no": "event id"}])
        with pytest.raises(KeyError):
            store.write_batch(run, [doc("h1", [record("e1", "d-h1", actor("PAK"), actor("IND"))]), bad])
        assert store.counts()["documents"] == 0 and store.counts()["events"] == 0


def test_story_dedup_keeps_most_confident_and_counts_mentions():
    pak, ind = actor("PAK"), actor("IND")
    records = [record("a", "d", pak, ind, confidence=0.5, sentence_index=0), record("b", "d", pak, ind, confidence=0.8, sentence_index=2),
               record("c", "d", pak, ind, code="112"), record("n", "d", ind, pak, parent="a")]
    kept, mentions = collapse_story(records)
    assert [r["event_id"] for r in kept] == ["b", "c", "n"]
    assert [m[0] for m in mentions["b"]] == ["a", "b"]
    assert kept[2]["parent_event_id"] == "b"


def test_clusters_across_stories_do_not_depend_on_order(tmp_path):
    rows = [
        ("e1", "PAK", "IND", "111", "2024-05-02", "Pakistan condemned India over the border shooting."),
        ("e2", "PAK", "IND", "111", "2024-05-03", "Pakistan on Friday condemned India over the shooting at the border."),
        ("e3", "PAK", "IND", "111", "2024-05-09", "Pakistan condemned India over the border shooting."),
        ("e4", "PAK", "IND", "111", "2024-05-02", "Islamabad criticised a cricket decision."),
        ("e5", "PAK", "AFG", "111", "2024-05-02", "Pakistan condemned India over the border shooting."),
    ]
    a = cluster_events(rows)
    assert a == cluster_events(list(reversed(rows)))
    assert a["e1"] == a["e2"] and len({a["e1"], a["e3"], a["e4"], a["e5"]}) == 4
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run("x", 1, "0.1.0", "k1")
        store.write_batch(run, [doc("h1", [record("e1", "d1", actor("PAK"), actor("IND"), sentence=rows[0][5])]),
                                doc("h2", [record("e2", "d2", actor("PAK"), actor("IND"), date="2024-05-03", sentence=rows[1][5])])])
        assert store.assign_clusters() == 2
        assert store.con.execute("SELECT n_events, n_mentions, n_articles, n_sources FROM clusters").fetchall() == [(2, 2, 2, 1)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clusters_added_run_by_run_equal_clustering_the_whole_store(tmp_path, seed):
    import random

    rng = random.Random(seed)
    vocabulary = "border shooting talks troops strike envoy ceasefire protest rally visit".split()
    dyads = [(actor("PAK"), actor("IND")), (actor("IND"), actor("PAK")), (actor(None, None, "UN"), actor("AFG"))]

    def story(h: str) -> CodedDocument:
        events = []
        for k in range(rng.randint(1, 3)):
            src, tgt = rng.choice(dyads)
            date = None if rng.random() < 0.1 else f"2024-05-{rng.randint(1, 9):02d}"
            sentence = " ".join(rng.sample(vocabulary, 3))
            events.append(record(f"{h}-{k}", "d-" + h, src, tgt, code=rng.choice(["111", "112"]), date=date, sentence=sentence))
        return doc(h, events)

    def whole_store_clustering(store: Store) -> dict:
        rows = store.con.execute(
            "SELECT event_id, concat_ws(':', coalesce(source_code, ''), coalesce(source_org, '')), "
            "concat_ws(':', coalesce(target_code, ''), coalesce(target_org, '')), cameo_code, date, sentence FROM events").fetchall()
        return cluster_events(rows)

    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run("x", 1, "0.1.0", "k1")
        hashes = [f"h{i:03d}" for i in range(60)]
        for start in range(0, 60, 12):
            store.write_batch(run, [story(h) for h in hashes[start:start + 12]])
            store.assign_clusters()
            # recoding a story can split the clusters it belonged to
            store.write_batch(run, [story(rng.choice(hashes[:start + 12]))])
            store.assign_clusters()
        stored = dict(store.con.execute("SELECT event_id, cluster_id FROM events").fetchall())
        expected = whole_store_clustering(store)
        assert stored == expected
        assert len(set(expected.values())) < len(expected)  # some clusters hold several events
