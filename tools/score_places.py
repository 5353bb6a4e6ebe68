#!/usr/bin/env python3
"""How well the coder's place stage finds places, on real news from ../shared.

    .venv/bin/python tools/score_places.py [--gold FILE] [--corpus FILE] [--save FILE]
                                           [--baseline FILE] [--sample N] [--seed S]

- On the event-location set (``../shared/gold/event-location-dev.jsonl``: sentences with the
  spans of the place where the marked event happened): the share of items with a marked
  location where some place mention the coder finds in the text overlaps a marked span
  ("recall of places found"), and the number of place mentions per sentence.
- On the Guardian sample (``../shared/corpora/guardian-sample.jsonl``): the number of place
  mentions found.  ``--save FILE`` writes every mention (of both sets) as JSON Lines;
  ``--baseline FILE`` (a file saved before a change) prints a random sample (``--seed``, fixed
  by default) of ``--sample`` Guardian mentions that are new since, each with its sentence, to
  be read and judged by hand, and the gold items that were found before and are missed now.
- ``--bands``: the data behind ``places.MINOR_POPULATION``.  Every gazetteer name found in the
  Guardian sentences, whatever its context, is grouped by the population by which the name is
  known (``Gazetteer.prominence``); per group, the share that the spaCy entity recogniser
  labels GPE, LOC or FAC (a proxy for "is a place here"), overall and without support in the
  sentence.  Below the chosen population, a bare name is more often something else.

The places are those the coder itself finds: each text is analysed as one document (parsed,
screened and given entities as the coder does), then each sentence's places are those an
actor resolver finds on it with the countries the earlier sentences put in play, as in the
coder's own pass (the dateline's focus aside).  Nothing of ../shared is written into the repository: save
files belong outside it (for instance under /tmp).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# EVENTCODER_SRC: score another checkout's code (the baseline) with this same script
sys.path.insert(0, os.environ.get("EVENTCODER_SRC") or str(ROOT / "src"))

from eventcoder.coder import Coder  # noqa: E402
from eventcoder.pipeline.actors.resolve import ActorResolver, DocumentContext  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "event-location-dev.jsonl"
CORPUS = SHARED / "corpora" / "guardian-sample.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def place_mentions(coder: Coder, records: list[dict]) -> Iterator[tuple[dict, int, list[dict]]]:
    """(record, number of sentences, mentions) per record; a mention is a dict with its
    character span in the record's text, the text, the sentence and the place it resolved to."""
    items = ((r["text"], r.get("date"), r["id"]) for r in records)
    for record, analysis in zip(records, coder.analyse_many(items), strict=True):
        if isinstance(analysis, Exception):
            yield record, 0, []
            continue
        found = []
        context = DocumentContext(record["text"], analysis.date)
        for sentence in analysis.sentences:
            # every sentence's places as the coder's context pass finds them, in order, each
            # with the countries the sentences before it put in play
            resolver = ActorResolver(
                coder.actor_lexicon, sentence.doc, sentence.sentence.start, sentence.sentence.index, context,
                coder.place_lexicon, sentence.mentions,
            )
            for place in resolver.places:
                span = sentence.doc[place.start : place.end]
                start = sentence.sentence.start + span.start_char
                found.append({
                    "id": record["id"], "start": start, "end": start + len(span.text), "text": span.text,
                    "name": place.place.name, "kind": place.place.kind, "country": place.place.country,
                    "admin1": place.place.admin1, "reason": place.reason, "sentence": sentence.sentence.text,
                })
            resolver.remember_countries()
        yield record, len(analysis.sentences), found


def overlaps(mention: dict, span: dict) -> bool:
    return mention["start"] < span["end"] and span["start"] < mention["end"]


def score_gold(coder: Coder, records: list[dict], saved: list[dict]) -> set[str]:
    """Prints recall of places found and mentions per sentence; returns the ids found."""
    marked = found = sentences = mentions = 0
    hits: set[str] = set()
    for record, count, places in place_mentions(coder, records):
        sentences += count
        mentions += len(places)
        saved.extend({"set": "gold", **m} for m in places)
        if not record["locations"]:
            continue
        marked += 1
        if any(overlaps(m, span) for m in places for span in record["locations"]):
            found += 1
            hits.add(record["id"])
    print(f"event-location: {len(records)} items, {marked} with a marked location")
    print(f"  recall of places found: {found}/{marked} = {found / max(1, marked):.3f}")
    print(f"  place mentions: {mentions} in {sentences} sentences = {mentions / max(1, sentences):.3f} per sentence")
    return hits


def score_corpus(coder: Coder, records: list[dict], saved: list[dict]) -> None:
    sentences = mentions = 0
    for _record, count, places in place_mentions(coder, records):
        sentences += count
        mentions += len(places)
        saved.extend({"set": "corpus", **m} for m in places)
    print(f"guardian: {len(records)} articles, {sentences} sentences")
    print(f"  place mentions: {mentions} = {mentions / max(1, sentences):.3f} per sentence")


def compare(saved: list[dict], baseline: list[dict], hits: set[str], sample: int, seed: int) -> None:
    key = lambda m: (m["id"], m["start"], m["end"])  # noqa: E731
    before = {key(m) for m in baseline if m["set"] == "corpus"}
    now = {key(m) for m in saved if m["set"] == "corpus"}
    new = [m for m in saved if m["set"] == "corpus" and key(m) not in before]
    gone = [m for m in baseline if m["set"] == "corpus" and key(m) not in now]
    print(f"guardian: {len(new)} mentions new since the baseline, {len(gone)} no longer found")
    print("  no longer found:", ", ".join(sorted({m["text"] for m in gone})[:80]))
    for i, m in enumerate(random.Random(seed).sample(new, min(sample, len(new))), start=1):
        print(f"[{i}] {m['text']!r} -> {m['name']} ({m['kind']}, {m['country']}, {m['admin1']}; {m['reason']})")
        print(f"     {m['sentence']}")
    lost = sorted({m["id"] for m in baseline if m["set"] == "gold"} & _found_before(baseline) - hits)
    print(f"gold items found before and missed now: {len(lost)}")
    for doc_id in lost[:40]:
        print("  ", doc_id)


def _found_before(baseline: list[dict]) -> set[str]:
    return {m["id"] for m in baseline if m["set"] == "gold" and m.get("hit")}


BANDS = (0, 1_000, 5_000, 20_000, 50_000, 100_000, 250_000, 1_000_000)


def bands(coder: Coder, records: list[dict]) -> None:
    from eventcoder.knowledge.gazetteer import MAJOR
    from eventcoder.pipeline.places import _local_support

    lexicon, gaz = coder.place_lexicon, coder.gazetteer
    counts: dict[int, list[int]] = {b: [0, 0, 0, 0] for b in BANDS}  # all, as place; bare, bare as place
    texts = (s for r in records for s in _sentences(r["text"]))
    for doc in coder.nlp.pipe(texts, batch_size=256):
        labels = {i: e.label_ for e in doc.ents for i in range(e.start, e.end)}
        for start, end, text in _all_names(lexicon, doc):
            known = gaz.prominence(text)
            if known < 0 or known >= MAJOR:
                continue
            band = max(b for b in BANDS if known >= b)
            place = labels.get(start) in ("GPE", "LOC", "FAC")
            bare = not _local_support(doc, start, end)
            row = counts[band]
            row[0] += 1
            row[1] += place
            row[2] += bare
            row[3] += place and bare
    print("cities by the population their name is known by: share labelled GPE/LOC/FAC")
    print(f"{'from':>10} {'names':>7} {'place':>7} {'bare':>7} {'bare place':>11}")
    for band, (n, p, bn, bp) in counts.items():
        print(f"{band:>10} {n:>7} {p / max(1, n):>7.2f} {bn:>7} {bp / max(1, bn):>11.2f}")


def _sentences(text: str) -> list[str]:
    from eventcoder.pipeline.sentences import split_sentences

    return [s.text for s in split_sentences(text)]


def _all_names(lexicon, doc) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.text) for s in lexicon._spans(doc)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--save", type=Path, help="write every mention found here (JSON Lines; outside the repository)")
    ap.add_argument("--baseline", type=Path, help="mentions saved before a change, to list what is new")
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--bands", action="store_true", help="only the population bands behind MINOR_POPULATION")
    args = ap.parse_args(argv)
    if not args.gold.exists() or not args.corpus.exists():
        print(f"needs {args.gold} and {args.corpus} (../shared of the worktree)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    coder = Coder()
    if args.bands:
        bands(coder, read_jsonl(args.corpus))
        return 0
    saved: list[dict] = []
    hits = score_gold(coder, read_jsonl(args.gold), saved)
    for m in saved:
        m["hit"] = m["id"] in hits
    score_corpus(coder, read_jsonl(args.corpus), saved)
    if args.save:
        with args.save.open("w", encoding="utf-8") as fh:
            for m in saved:
                fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    if args.baseline:
        compare(saved, read_jsonl(args.baseline), hits, args.sample, args.seed)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
