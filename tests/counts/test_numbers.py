"""Written numbers: digits, words, vague quantities and qualifiers (no model needed)."""

from __future__ import annotations

import pytest

from khaldun.counts import parse_number


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("12", 12, "exact"),
        ("1,300", 1300, "exact"),
        ("1.2 million", 1_200_000, "exact"),
        ("3.7 million", 3_700_000, "exact"),
        ("one", 1, "exact"),
        ("twelve", 12, "exact"),
        ("twenty-five", 25, "exact"),
        ("twenty five", 25, "exact"),
        ("one hundred and twenty", 120, "exact"),
        ("two thousand five hundred", 2500, "exact"),
        ("eleven hundred", 1100, "exact"),
        ("a dozen", 12, "exact"),
        ("two dozen", 24, "exact"),
        ("dozens", 24, "at_least"),
        ("scores", 40, "at_least"),
        ("hundreds", 200, "at_least"),
        ("thousands", 2000, "at_least"),
        ("tens of thousands", 20_000, "at_least"),
        ("hundreds of thousands", 200_000, "at_least"),
        ("a handful", 3, "at_least"),
        ("several hundred", 300, "at_least"),
        ("a few thousand", 3000, "at_least"),
        ("a couple", 2, "about"),
    ],
)
def test_quantities(text: str, value: int, qualifier: str) -> None:
    assert parse_number(text) == (value, qualifier)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("at least 1300", 1300, "at_least"),
        ("no fewer than 40", 40, "at_least"),
        ("over 3000", 3000, "more_than"),
        ("more than 1,000", 1000, "more_than"),
        ("nearly 3,000", 3000, "up_to"),
        ("almost 50", 50, "up_to"),
        ("up to 100", 100, "up_to"),
        ("Up to 1,000", 1000, "up_to"),
        ("no more than 10", 10, "up_to"),
        ("about 20", 20, "about"),
        ("around 500", 500, "about"),
        ("some 500,000", 500_000, "about"),
        ("roughly 70", 70, "about"),
        ("an estimated 5,000", 5000, "about"),
        ("12 or more", 12, "at_least"),
        # a written qualifier replaces the vague word's own
        ("about a dozen", 12, "about"),
        ("more than two dozen", 24, "more_than"),
        ("nearly two dozen", 24, "up_to"),
        ("at least dozens", 24, "at_least"),
    ],
)
def test_qualifiers(text: str, value: int, qualifier: str) -> None:
    assert parse_number(text) == (value, qualifier)


@pytest.mark.parametrize("text", ["", "a", "of", "1.5", "people", "1300 1300", "the first", "3rd"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None
