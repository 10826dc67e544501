"""Article text conventions: the date prefix, agency datelines, date spellings."""

from __future__ import annotations

import datetime as dt

import pytest

from khaldun.ingest import dateline_place, normalise_date, split_date_prefix, split_dateline


def test_date_prefix() -> None:
    assert split_date_prefix("date 2023-10-15 Beirut") == ("2023-10-15", "Beirut")
    assert split_date_prefix("  DATE 2023-10-15\nText") == ("2023-10-15", "\nText")
    assert split_date_prefix("dated 2023-10-15 Text") == (None, "dated 2023-10-15 Text")
    assert split_date_prefix("Text date 2023-10-15") == (None, "Text date 2023-10-15")


@pytest.mark.parametrize(
    "dateline, sep, place",
    [
        ("Beirut [Qatar], October 15", " : ", "Beirut"),
        ("WASHINGTON (Reuters)", " - ", "Washington"),
        ("NAIROBI, Kenya (Khaldun Wire)", " - ", "Nairobi"),
        ("GAZA CITY", " -- ", "Gaza City"),
        ("Kyiv, Feb. 3", " \u2014 ", "Kyiv"),
    ],
)
def test_datelines_are_split_off(dateline: str, sep: str, place: str) -> None:
    body = "Israeli jets struck targets, the army said."
    assert split_dateline(dateline + sep + body) == (dateline, body)
    assert dateline_place(dateline) == place


@pytest.mark.parametrize(
    "text",
    [
        "Hamas - the group that runs Gaza - said it fired rockets.",
        "Police arrested ten people.",
        "Israel: a country at war, said the minister.",
    ],
)
def test_sentences_that_are_not_datelines_are_left_alone(text: str) -> None:
    assert split_dateline(text) == (None, text)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-02-14", "2024-02-14"),
        ("2024-02-14T23:10:00Z", "2024-02-14"),
        ("2024-02-14T10:00:00+05:00", "2024-02-14"),
        ("Fri, 16 Feb 2024 08:00:00 GMT", "2024-02-16"),
        (dt.date(2024, 2, 1), "2024-02-01"),
        (dt.datetime(2024, 2, 1, 12, 0), "2024-02-01"),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected
