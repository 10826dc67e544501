"""Dates at the ends of the calendar: no date is anchored outside years 1..9999, and nothing raises.

"tomorrow" in an article dated 9999-12-31 and "three days ago" in one dated
0001-01-02 used to raise OverflowError ("date value out of range") and
"December 31 next year" ValueError ("year 10000 is out of range"), ending the run.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khaldun.dates import resolve_date_text

LAST, FIRST = "9999-12-31", "0001-01-01"
WORDS = [
    "tomorrow", "the day after tomorrow", "yesterday", "the day before yesterday", "three days ago", "12 days ago",
    "next week", "last week", "this week", "two weeks ago", "next month", "last month", "3 months ago", "next year",
    "last year", "five years ago", "next Friday", "last Monday", "Monday", "Sunday", "this weekend", "last weekend",
    "December 31", "January 1", "February 29", "March 3-5", "next December", "last January", "December", "January",
    "early next month", "the coming year", "the following week",
]  # fmt: skip


@pytest.mark.parametrize("words", WORDS)
@pytest.mark.parametrize("doc_date", [LAST, FIRST, "9999-12-30", "0001-01-02", "9999-12-01", "0001-12-31"])
@pytest.mark.parametrize("tense", ["past", "future", "unknown"])
def test_words_at_the_ends_of_the_calendar(words: str, doc_date: str, tense: str) -> None:
    res = resolve_date_text(words, doc_date, tense=tense)
    if res.date is not None:
        assert FIRST <= res.date <= LAST
        assert res.precision in ("day", "week", "month", "year")
    else:
        assert res.precision == "unknown"


@pytest.mark.parametrize(
    ("words", "doc_date", "tense", "expected"),
    [
        ("tomorrow", LAST, "future", None),  # the 10000-01-01 that does not exist
        ("yesterday", FIRST, "past", None),
        ("yesterday", LAST, "past", "9999-12-30"),
        ("three days ago", "0001-01-04", "past", "0001-01-01"),
        ("December 31", LAST, "past", LAST),
        ("next year", LAST, "future", None),
        ("last year", FIRST, "past", None),
        ("next week", "9999-12-20", "future", "9999-12-27"),
    ],
)
def test_in_range_dates_still_resolve(words: str, doc_date: str, tense: str, expected: str | None) -> None:
    assert resolve_date_text(words, doc_date, tense=tense).date == expected


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    words=st.sampled_from(WORDS),
    day=st.one_of(st.dates(max_value=date(1, 3, 1)), st.dates(min_value=date(9999, 10, 1)), st.dates()),
    tense=st.sampled_from(["past", "present", "future", "unknown"]),
)
def test_any_publication_date(words: str, day: date, tense: str) -> None:
    res = resolve_date_text(words, day.isoformat(), tense=tense)
    assert res.date is None or FIRST <= res.date <= LAST
