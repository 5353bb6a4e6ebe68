from pathlib import Path

import pytest

from eventcoder.coder import Coder

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


@pytest.fixture(scope="session")
def code(coder):
    """Events of one text as dicts."""

    def run(text: str, date: str = "2024-03-14", doc_id: str = "t"):
        return [e.to_dict() for e in coder.code(text, date=date, doc_id=doc_id)]

    return run


def dyads(events):
    """(cameo root, source codes, target codes) per event, codes as 'ISO/SECTOR' or 'IGO:ORG'."""

    def label(actor):
        if actor["code"] in ("IGO", "NGO"):
            return f"{actor['code']}:{actor['org']}"
        return f"{actor['code']}/{actor['sector']}"

    return [(e["cameo"]["root"], sorted({label(a) for a in e["source"]}), sorted({label(a) for a in e["target"]})) for e in events]
