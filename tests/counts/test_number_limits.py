"""Numbers too large to be a count of people: read as no count, never raised on, never stored.

A count over 2**31 - 1 ("3,000,000,000 people") failed the store's INTEGER
column and with it the whole write; a digit string too long for a float (400
digits) raised OverflowError ("cannot convert float infinity to integer").
"""

from __future__ import annotations

import pytest

from khaldun.counts import parse_number
from khaldun.counts.numbers import MAX_COUNT, parse_quantity


@pytest.mark.parametrize(
    "text",
    ["3,000,000,000", "2,147,483,648", "3 billion", "ten billion", "1" + "0" * 30, "1" + "0" * 400, "9" * 400 + " million",
     "1,000,000,000,000,000,000,000", "tens of billions"],
)
def test_too_large_is_no_count(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("2,147,483,647", MAX_COUNT), ("two billion", 2_000_000_000), ("1.5 million", 1_500_000), ("250 million", 250_000_000)],
)
def test_large_counts_below_the_limit(text: str, value: int) -> None:
    assert parse_number(text) == (value, "exact")


def test_digit_string_past_float_range() -> None:
    assert parse_quantity(["1" + "0" * 400]) is None


def test_coordinated_counts_that_add_up_past_the_limit_are_no_count(nlp) -> None:
    from khaldun.counts import extract_counts

    doc = nlp("Gunmen killed 2 billion soldiers and 2 billion civilians on Monday.")
    counts = extract_counts(doc[:], doc[1])
    assert counts.fatalities is None or counts.fatalities.value <= MAX_COUNT
    doc = nlp("Gunmen killed five soldiers and two civilians on Monday.")
    assert extract_counts(doc[:], doc[1]).fatalities.value == 7
