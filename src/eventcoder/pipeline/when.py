"""Stage 7, when: date expressions in a sentence, resolved against the publication date, and
tied to the triggers they modify through the parse.

Reads the parsed sentence, its trigger matches and the publication date; writes each
candidate's date (`Candidate.when`), which the event decisions read (a future date makes the
act hypothetical; a date of its own keeps a participle an act)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from spacy.tokens import Doc, Token

from eventcoder.pipeline.state import Candidate, DateMention, TriggerMatch
from eventcoder.pipeline.syntax import clause_verb, governors
from eventcoder.schema import EventDate

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# capitalised words that name days and months, never an actor or a place
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(name.lower() for name in calendar.month_name if name)
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("range_dmy", re.compile(rf"\b{_DAY}\s*(?:-|–|to|and)\s*{_DAY2}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("range_mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}\s*(?:-|–|to)\s*{_DAY2}(?:,?\s+{_YEAR})?\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:-|–)\s*\d)", re.I)),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|next|this|on|early|late)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b", re.I)),
    ("relative_day", re.compile(r"\b(?P<word>yesterday|today|tomorrow|last night|tonight|this morning|this afternoon|this evening|earlier today|the day before yesterday)\b", re.I)),
    ("relative_span", re.compile(r"\b(?P<rel>last|next|this|earlier this|later this|late last|early last|early next|late next)\s+(?P<unit>week|month|year)\b", re.I)),
    ("month_year", re.compile(rf"\b(?:in|since|during|by)\s+{_MONTH}\s+{_YEAR}\b", re.I)),
    ("month", re.compile(rf"\b(?:in|since|during|early|late|mid-?)\s+{_MONTH}\b(?!\s+\d)", re.I)),
    ("year", re.compile(rf"\b(?:in|since|during)\s+{_YEAR}\b(?!\s*(?:-|–))", re.I)),
]


# Every pattern above needs a digit or one of these words: a sentence with neither has no date
_DATE_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(
    {"yesterday", "today", "tomorrow", "night", "tonight", "morning", "afternoon", "evening", "week", "month", "year"}
)
_LETTER_RUNS = re.compile(r"[a-z]+")


def _may_hold_a_date(text: str) -> bool:
    return any(c.isdigit() for c in text) or not _DATE_WORDS.isdisjoint(_LETTER_RUNS.findall(text.lower()))


def find_dates(doc: Doc, publication: str | None, text: str | None = None) -> list[DateMention]:
    """Date expressions of a sentence doc; `text` is the doc's text when the caller has it
    (building it from the doc's tokens costs more than the rest of this function)."""
    if not publication:
        return []
    text = doc.text if text is None else text
    if not _may_hold_a_date(text):
        return []
    published = dt.date.fromisoformat(publication)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            resolved = _resolve(kind, match, published, text, match.start())
            if resolved is None:
                continue
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            taken.append((match.start(), match.end()))
            when, future = resolved
            found.append(DateMention(span.start, span.end, when, future, _anchor(span), kind))
    return found


def _anchor(span) -> Token:
    root = span.root
    anchor = root.head
    while anchor.dep_ == "prep" or (anchor.pos_ == "ADP" and anchor.head.i != anchor.i):
        anchor = anchor.head
    if anchor.i == root.i:
        return root
    return anchor


def _year_for(day_month: tuple[int, int], year: str | None, published: dt.date) -> int:
    if year:
        return int(year)
    month, day = day_month
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return published.year
    # An undated "12 March" in a story published in January is last year's March, unless it is near.
    return published.year - 1 if (candidate - published).days > 60 else published.year


def _resolve(kind: str, match: re.Match, published: dt.date, text: str, position: int) -> tuple[EventDate, bool] | None:
    expression = match.group(0).strip()
    groups = match.groupdict()
    try:
        if kind in ("range_dmy", "range_mdy", "dmy", "mdy", "iso"):
            return _calendar_date(kind, groups, published, expression)
        if kind == "weekday":
            return _weekday(groups, published, text, position, expression)
        if kind == "relative_day":
            word = groups["word"].lower()
            offsets = {"yesterday": -1, "last night": -1, "the day before yesterday": -2, "tomorrow": 1}
            day = published + dt.timedelta(days=offsets.get(word, 0))
            return EventDate(day.isoformat(), None, "day", expression, f"'{word}' resolved against the publication date"), day > published
        if kind == "relative_span":
            return _relative_span(groups, published, expression)
        if kind in ("month_year", "month"):
            month = MONTHS[groups["month"].lower().rstrip(".")]
            year = int(groups["year"]) if groups.get("year") else (published.year if month <= published.month else published.year - 1)
            first = dt.date(year, month, 1)
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            return EventDate(first.isoformat(), last.isoformat(), "month", expression, "month in the text"), first > published
        if kind == "year":
            year = int(groups["year"])
            return EventDate(f"{year}-01-01", f"{year}-12-31", "year", expression, "year in the text"), year > published.year
    except (ValueError, KeyError):
        return None
    return None


def _calendar_date(kind: str, groups: dict, published: dt.date, expression: str) -> tuple[EventDate, bool] | None:
    month = int(groups["month"]) if kind == "iso" else MONTHS[groups["month"].lower().rstrip(".")]
    day = int(groups["day"])
    year = _year_for((month, day), groups.get("year"), published)
    start = dt.date(year, month, day)
    end = dt.date(year, month, int(groups["day2"])) if groups.get("day2") else None
    if end is not None and end < start:
        return None
    reason = "date range in the text" if end else "date in the text"
    return EventDate(start.isoformat(), end.isoformat() if end else None, "day", expression, reason), start > published


def _weekday(groups: dict, published: dt.date, text: str, position: int, expression: str) -> tuple[EventDate, bool]:
    weekday = WEEKDAYS[groups["weekday"].lower()]
    relation = (groups.get("rel") or "").lower()
    future = relation == "next" or _future_context(text, position)
    if future:
        delta = (weekday - published.weekday()) % 7 or 7
        day = published + dt.timedelta(days=delta)
    else:
        # the most recent such day up to the publication date, that day included
        delta = (published.weekday() - weekday) % 7
        if relation == "last" and delta == 0:
            delta = 7
        day = published - dt.timedelta(days=delta)
    return EventDate(day.isoformat(), None, "day", expression, "weekday resolved against the publication date"), future


def _relative_span(groups: dict, published: dt.date, expression: str) -> tuple[EventDate, bool]:
    relation, unit = groups["rel"].lower(), groups["unit"].lower()
    step = -1 if "last" in relation else 1 if "next" in relation else 0
    reason = f"'{expression}' relative to the publication date"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return EventDate(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week", expression, reason), step > 0
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + step, 12)
        first = dt.date(year, month + 1, 1)
        last = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        return EventDate(first.isoformat(), last.isoformat(), "month", expression, reason), step > 0
    year = published.year + step
    return EventDate(f"{year}-01-01", f"{year}-12-31", "year", expression, reason), step > 0


_FUTURE_CUES = re.compile(r"\b(?:will|shall|is to|are to|is due to|are due to|is scheduled to|are scheduled to|is expected to|are expected to|plans? to|next)\b[^.;]{0,60}$", re.I)


def _future_context(text: str, position: int) -> bool:
    return bool(_FUTURE_CUES.search(text[:position]))


# -- tying a date to its event -----------------------------------------------------------


def date_of(match: TriggerMatch, dates: list[DateMention]) -> DateMention | None:
    """The date expression that modifies this trigger: on the trigger itself (or, for a noun,
    on the clause that describes it: "a crackdown that began on 25 August 2017"), else on the
    verb it belongs to (through conjunction, objects, prepositions and infinitives, never
    across a relative or reported clause), else in the same clause, else the sentence's only
    date."""
    if not dates:
        return None
    by_anchor: dict[int, DateMention] = {}
    for mention in dates:
        by_anchor.setdefault(mention.anchor.i, mention)
    for token in sorted(match.tokens, key=lambda t: t.i):
        if token.i in by_anchor:
            return by_anchor[token.i]
    if match.pattern.pos == "NOUN":
        for child in match.head.children:
            if child.dep_ in ("relcl", "acl") and child.i in by_anchor:
                return by_anchor[child.i]
    for token in governors(match.head):
        if token.i in by_anchor:
            return by_anchor[token.i]
    clause = clause_verb(match.head)
    for mention in dates:
        if clause_verb(mention.anchor).i == clause.i:
            return mention
    # A lone weekday or "yesterday" is the story's news peg and dates its main events; a
    # written-out date elsewhere in the sentence belongs to the clause it sits in.
    if len(dates) == 1 and dates[0].relative:
        return dates[0]
    return None


def tie_dates(candidates: list[Candidate], dates: list[DateMention]) -> None:
    """Give each candidate the date that modifies it; an act dated in the future is one that
    is to happen (hypothetical)."""
    for candidate in candidates:
        candidate.when = date_of(candidate.match, dates)
        if candidate.when is not None and candidate.when.future:
            candidate.hypothetical = True  # the act itself, dated when it is to happen
