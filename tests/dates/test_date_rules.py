"""Date rules on expression words alone (no parse): news conventions for anchoring."""

from __future__ import annotations

import pytest

from khaldun.dates import parse_expression, resolve_date_text

SUNDAY = "2023-10-15"  # the seed article's publication date, a Sunday


@pytest.mark.parametrize(
    ("words", "doc_date", "tense", "date", "precision"),
    [
        # weekdays: the article's own weekday is the same day, others the most recent before
        ("Sunday", SUNDAY, "past", "2023-10-15", "day"),
        ("Saturday night", SUNDAY, "past", "2023-10-14", "day"),
        ("Thursday", SUNDAY, "past", "2023-10-12", "day"),
        ("Monday", SUNDAY, "unknown", "2023-10-09", "day"),
        ("last Sunday", SUNDAY, "past", "2023-10-08", "day"),
        # future tense looks forward
        ("Friday", SUNDAY, "future", "2023-10-20", "day"),
        ("next Monday", SUNDAY, "past", "2023-10-16", "day"),
        # relative days and periods (weeks start on Monday, months on the 1st)
        ("yesterday", SUNDAY, "past", "2023-10-14", "day"),
        ("today", SUNDAY, "past", "2023-10-15", "day"),
        ("two days ago", SUNDAY, "past", "2023-10-13", "day"),
        ("last week", SUNDAY, "past", "2023-10-02", "week"),
        ("earlier this week", SUNDAY, "past", "2023-10-09", "week"),
        ("next week", SUNDAY, "future", "2023-10-16", "week"),
        ("earlier this month", SUNDAY, "past", "2023-10-01", "month"),
        ("last month", SUNDAY, "past", "2023-09-01", "month"),
        ("last year", SUNDAY, "past", "2022-01-01", "year"),
        # month-days: the year the tense allows nearest the publication date
        ("October 7", SUNDAY, "past", "2023-10-07", "day"),
        ("October 17", "2024-01-05", "past", "2023-10-17", "day"),
        ("December 28", "2024-01-05", "unknown", "2023-12-28", "day"),
        ("January 3", "2023-12-30", "future", "2024-01-03", "day"),
        ("October 17", SUNDAY, "future", "2023-10-17", "day"),
        ("October 17", SUNDAY, "past", "2022-10-17", "day"),
        ("in March", SUNDAY, "past", "2023-03-01", "month"),
        ("in November", SUNDAY, "past", "2022-11-01", "month"),
        ("in November", SUNDAY, "future", "2023-11-01", "month"),
        # absolute dates win whatever the anchor
        ("On 23 February 2022", SUNDAY, "past", "2022-02-23", "day"),
        ("February 23, 2022", SUNDAY, "future", "2022-02-23", "day"),
        ("2023-09-30", SUNDAY, "past", "2023-09-30", "day"),
        ("March 2021", SUNDAY, "past", "2021-03-01", "month"),
        ("in 2019", SUNDAY, "past", "2019-01-01", "year"),
    ],
)
def test_anchoring(words: str, doc_date: str, tense: str, date: str, precision: str) -> None:
    res = resolve_date_text(words, doc_date, tense=tense)
    assert (res.date, res.precision) == (date, precision)
    assert res.text == words


def test_ranges_give_first_day_and_end() -> None:
    res = resolve_date_text("3-5 March 2023", None)
    assert (res.date, res.end, res.precision) == ("2023-03-03", "2023-03-05", "day")
    res = resolve_date_text("March 3 to 5", "2023-03-20", tense="past")
    assert (res.date, res.end) == ("2023-03-03", "2023-03-05")


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    assert resolve_date_text("23 February 2022", None).date == "2022-02-23"
    assert resolve_date_text("March 2021", None).precision == "month"
    for words in ("Saturday", "last week", "October 7", "yesterday", "in March"):
        res = resolve_date_text(words, None)
        assert (res.date, res.precision, res.text) == (None, "unknown", words)


@pytest.mark.parametrize("words", ["We", "1300", "may", "the past decade", "24 hours"])
def test_words_that_are_not_dates(words: str) -> None:
    assert parse_expression(words) is None


def test_chained_expressions_read_as_offsets_from_the_story() -> None:
    from khaldun.dates.expressions import parse_expression

    cases = {"three days later": 3, "two days earlier": -2, "the next day": 1,
             "the following morning": 1, "that night": 0, "later that day": 0, "hours later": 0,
             "a week later": 7, "the previous night": -1, "the day before": -1}
    for text, amount in cases.items():
        expr = parse_expression(text)
        assert expr is not None and expr.kind == "chained" and expr.amount == amount, text
    assert parse_expression("two weeks ago").kind == "ago"
    assert parse_expression("the day after tomorrow").kind == "rel_day"
