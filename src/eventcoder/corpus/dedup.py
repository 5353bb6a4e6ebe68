"""Deduplication.

Within a story: events with the same dyad (first source and first target actor: code, sector,
org), CAMEO code, date and polarity (negated, hypothetical) collapse to the most confident one
(ties: the earliest in the text); the others are kept as its mentions.

Across stories: events with the same dyad (first source code, first target code) and CAMEO
code, dates at most one day apart and similar sentences (word-set Jaccard >= a threshold) are
linked; each connected group is one cluster, named by a hash of its smallest event id, so the
assignment depends only on the set of events, not on the order they were coded in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict

WORD = re.compile(r"[^\W_]+")
STOP = frozenset("the a an of to in on and or for with by at from that this its it is was were be has have had said says".split())


def _actor_key(actors: list[dict] | None) -> tuple:
    if not actors:
        return (None, None, None)
    a = actors[0]
    return (a.get("code"), a.get("sector"), a.get("org"))


def story_key(record: dict) -> tuple:
    return (
        _actor_key(record.get("source")), _actor_key(record.get("target")), (record.get("cameo") or {}).get("code"),
        record.get("date"), bool(record.get("negated")), bool(record.get("hypothetical")),
    )


def collapse_story(records: list[dict]) -> tuple[list[dict], dict[str, list[tuple[str, int, float]]]]:
    """(kept events in text order, kept event id -> its mentions [(event_id, sentence_index, confidence)]).
    Every event is a mention of itself; a nested event whose parent collapsed points at the kept one."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for record in records:
        groups[story_key(record)].append(record)
    kept_ids: dict[str, str] = {}
    mentions: dict[str, list[tuple[str, int, float]]] = {}
    for members in groups.values():
        ordered = sorted(members, key=_order)
        best = max(ordered, key=lambda r: r.get("confidence") or 0.0)  # the first of the most confident
        mentions[best["event_id"]] = [(m["event_id"], m.get("sentence_index", 0), m.get("confidence") or 0.0) for m in ordered]
        for m in members:
            kept_ids[m["event_id"]] = best["event_id"]
    kept = []
    for record in records:
        if kept_ids[record["event_id"]] != record["event_id"]:
            continue
        parent = record.get("parent_event_id")
        if parent and parent in kept_ids and kept_ids[parent] != parent:
            record = {**record, "parent_event_id": kept_ids[parent]}
        kept.append(record)
    return kept, mentions


def all_mentions(records: list[dict]) -> dict[str, list[tuple[str, int, float]]]:
    """Mentions when nothing is collapsed: each event is its own single mention."""
    return {r["event_id"]: [(r["event_id"], r.get("sentence_index", 0), r.get("confidence") or 0.0)] for r in records}


def _order(record: dict) -> tuple[int, int, str]:
    return (record.get("sentence_start") or 0, (record.get("trigger") or {}).get("start") or 0, record["event_id"])


def words(sentence: str | None) -> frozenset[str]:
    return frozenset(w for w in WORD.findall((sentence or "").lower()) if w not in STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def cluster_events(rows, similarity: float = 0.2) -> dict[str, str]:
    """The clustering of a whole set of events at once, as the module docstring defines it (the
    store adds new events to it with add_to_clusters). rows: (event_id, source_code,
    target_code, cameo_code, date, sentence). Returns event_id -> cluster_id."""
    groups: dict[tuple, list] = defaultdict(list)
    for event_id, src, tgt, code, date, sentence in rows:
        groups[(src, tgt, code)].append((event_id, _as_date(date), words(sentence)))
    result: dict[str, str] = {}
    for members in groups.values():
        members.sort(key=lambda m: (m[1] or dt.date.min, m[0]))
        parent = {m[0]: m[0] for m in members}

        def find(x: str, parent: dict = parent) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        dated = [m for m in members if m[1] is not None]
        for i, (eid, day, ws) in enumerate(dated):
            j = i + 1
            while j < len(dated) and (dated[j][1] - day).days <= 1:
                if jaccard(ws, dated[j][2]) >= similarity:
                    a, b = find(eid), find(dated[j][0])
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                j += 1
        components: dict[str, list[str]] = defaultdict(list)
        for m in members:
            components[find(m[0])].append(m[0])
        for ids in components.values():
            cid = cluster_name(min(ids))
            for eid in ids:
                result[eid] = cid
    return result


def cluster_name(smallest_event_id: str) -> str:
    return "c" + hashlib.sha1(smallest_event_id.encode()).hexdigest()[:16]


_FRESH, _STORED = 0, 1  # a node of add_to_clusters: (_FRESH, event id) or (_STORED, cluster id)


def add_to_clusters(fresh, stored, smallest: dict[str, str], similarity: float = 0.2) -> tuple[dict[str, str], dict[str, str]]:
    """Cluster events without a cluster among clustered ones, with the result `cluster_events`
    would give over all of them, but touching only what the new events reach.

    Links only ever join clusters, and a link needs dates at most a day apart. So the new events
    are linked to each other and to the stored events of their group dated within a day of one
    of them; two stored events in different clusters were not linked before and are not now.

    fresh: (event_id, source, target, code, date, sentence) without a cluster; stored:
    (event_id, source, target, code, date, sentence, cluster_id), the clustered events of the
    same groups dated within a day of a fresh one; smallest: cluster_id -> its smallest event
    id, for every cluster in `stored`. Returns (fresh event_id -> cluster_id, stored cluster_id
    -> new cluster_id for the clusters that merged under another name)."""
    groups: dict[tuple, list] = defaultdict(list)
    for event_id, src, tgt, code, date, sentence in fresh:
        groups[(src, tgt, code)].append((_as_date(date), event_id, words(sentence), (_FRESH, event_id)))
    for event_id, src, tgt, code, date, sentence, cluster_id in stored:
        day = _as_date(date)
        if day is not None and (src, tgt, code) in groups:
            groups[(src, tgt, code)].append((day, event_id, words(sentence), (_STORED, cluster_id)))
    parent: dict[tuple, tuple] = {}

    def find(x: tuple) -> tuple:
        root = parent.setdefault(x, x)
        while root != parent[root]:
            parent[root] = parent[parent[root]]
            root = parent[root]
        return root

    for members in groups.values():
        for m in members:
            find(m[3])
        dated = sorted((m for m in members if m[0] is not None), key=lambda m: (m[0], m[1]))
        for i, (day, _, ws, node) in enumerate(dated):
            j = i + 1
            while j < len(dated) and (dated[j][0] - day).days <= 1:
                other = dated[j][3]
                # two stored events: linked already (one cluster) or never (two clusters)
                if (node[0] == _FRESH or other[0] == _FRESH) and jaccard(ws, dated[j][2]) >= similarity:
                    a, b = find(node), find(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                j += 1
    first: dict[tuple, str] = {}  # root -> the smallest event id of its component
    for node in parent:
        event_id = node[1] if node[0] == _FRESH else smallest[node[1]]
        root = find(node)
        first[root] = min(first.get(root, event_id), event_id)
    fresh_clusters, renamed = {}, {}
    for node in parent:
        name = cluster_name(first[find(node)])
        if node[0] == _FRESH:
            fresh_clusters[node[1]] = name
        elif name != node[1]:
            renamed[node[1]] = name
    return fresh_clusters, renamed


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
