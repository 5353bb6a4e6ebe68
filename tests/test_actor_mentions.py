"""Actor resolution on a file of our own sentences: real organisations and officeholders,
dated, with the country and sector each mention must get (tests/data/actor_mentions/)."""

from pathlib import Path

from eventcoder.knowledge.tsv import read_rows

FOLDER = Path(__file__).resolve().parent / "data" / "actor_mentions"
COLUMNS = ("group", "date", "sentence", "mention", "code", "sector", "note")
REQUIRED_SHARE = 0.95


def load_cases() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for path in sorted(FOLDER.glob("*.tsv")):
        for number, row in read_rows(path, COLUMNS, required=COLUMNS[:-1]):
            cases.append((f"{path.name}:{number}", row))
    return cases


def resolves(coder, row: dict[str, str]) -> tuple[bool, str]:
    sentence, mention = row["sentence"], row["mention"]
    start = sentence.find(mention)
    end = start + len(mention)
    actors = coder.actor_mentions(sentence, date=row["date"])
    overlapping = [a for a in actors if a.start < end and start < a.end]
    ok = any(a.code == row["code"] and a.sector == row["sector"] for a in overlapping)
    found = "; ".join(f"{a.text!r} {a.code}/{a.sector}" for a in overlapping) or "nothing"
    return ok, found


def test_every_case_is_well_formed():
    for origin, row in load_cases():
        assert row["sentence"].count(row["mention"]) == 1, f"{origin}: the mention must occur exactly once"


def test_actor_mentions_resolve_to_the_expected_country_and_sector(coder):
    cases = load_cases()
    misses = []
    for origin, row in cases:
        ok, found = resolves(coder, row)
        if not ok:
            misses.append(f"{origin} [{row['group']}] {row['mention']!r}: expected {row['code']}/{row['sector']}, found {found}")
    share = 1 - len(misses) / len(cases)
    assert share >= REQUIRED_SHARE, f"{share:.3f} of {len(cases)} pass; misses:\n" + "\n".join(misses)
