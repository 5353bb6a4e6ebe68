"""Event dates: every form, resolved against the publication date, tied to its event."""

import pytest


def date_of(code, text, published, root=None):
    events = code(text, date=published)
    if root is not None:
        events = [e for e in events if e["cameo"]["root"] == root]
    assert events, f"no event in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    "text, published, expected, precision",
    [
        ("Chile condemned the raid on 5 August 2019.", "2019-08-07", "2019-08-05", "day"),
        ("Chile condemned the raid on August 5, 2019.", "2019-08-07", "2019-08-05", "day"),
        ("Chile condemned the raid on 12 March.", "2024-03-20", "2024-03-12", "day"),
        ("Chile condemned the raid on 28 December.", "2024-01-03", "2023-12-28", "day"),
        ("Chile condemned the raid on Tuesday.", "2024-05-16", "2024-05-14", "day"),  # a Thursday
        ("Chile condemned the raid on Thursday.", "2024-05-16", "2024-05-16", "day"),  # named on that day
        ("Chile condemned the raid yesterday.", "2024-05-16", "2024-05-15", "day"),
        ("Chile condemned the raid last week.", "2024-05-16", "2024-05-06", "week"),
        ("Chile condemned the raid earlier this month.", "2024-05-16", "2024-05-01", "month"),
    ],
)
def test_date_forms(code, text, published, expected, precision):
    event = date_of(code, text, published)
    assert event["date"] == expected
    assert event["when"]["precision"] == precision
    assert event["when"]["text"]


def test_a_range_gives_start_and_end(code):
    event = date_of(code, "Peru and Chile held talks in Lima on 22-24 May 2023.", "2023-06-01")
    assert (event["when"]["start"], event["when"]["end"]) == ("2023-05-22", "2023-05-24")


def test_future_dates_mark_the_event_as_not_yet_real(code):
    event = date_of(code, "Egypt will host talks with Sudan next month.", "2024-05-16")
    assert event["hypothetical"] and event["date"] == "2024-06-01" and event["when"]["precision"] == "month"
    event = date_of(code, "Egypt will meet Sudan on Friday.", "2024-05-16")
    assert event["date"] == "2024-05-17" and event["hypothetical"]


def test_a_date_belongs_to_the_event_it_modifies(code):
    text = "Chile rejected the summit held in Lima on 22-24 May 2023."
    events = code(text, date="2023-09-21")
    rejection = [e for e in events if e["cameo"]["root"] == "12"]
    assert rejection and rejection[0]["date"] == "2023-09-21"
    assert rejection[0]["when"]["reason"] == "publication date"


def test_publication_date_is_the_default(code):
    event = date_of(code, "Chile condemned the raid.", "2024-02-29")
    assert event["date"] == "2024-02-29" and event["when"]["reason"] == "publication date"


def test_dates_counted_from_publication_are_marked_relative(coder):
    from eventcoder.pipeline.when import find_dates

    doc = coder.nlp("Talks began on Tuesday, yesterday and last week, not on 3 March 2024 or in 2019.")
    found = {doc[m.start : m.end].text: m.relative for m in find_dates(doc, "2024-03-14")}
    assert found["on Tuesday"] and found["yesterday"] and found["last week"]
    assert not found["3 March 2024"] and not found["in 2019"]
