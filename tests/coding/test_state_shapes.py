"""Issue 10: a protest stated as a condition its subject is in ("are on hunger strike"),
not as an act; sentences written for the purpose (khaldun/coding/shapes.py)."""

from __future__ import annotations

from typing import Any

import pytest


def protests(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["cameo_root"] == "14"]


@pytest.mark.parametrize("text,cameo", [
    ("Teachers of the district schools are on strike since Monday.", "143"),
    ("Members of the nurses' union remained on an indefinite hunger strike outside the ministry.", "142"),
    ("The sacked mill workers were on the sixth day of their hunger strike on Friday.", "142"),
])
def test_a_protest_held_as_a_state_is_coded(code, text, cameo):
    found = protests(code(text))
    assert found, text
    assert found[0]["cameo_code"] == cameo and found[0]["acled_event_type"] == "Protests"
    assert found[0]["actor"] is not None


@pytest.mark.parametrize("text", [
    "The debate in the assembly was on the strike.",
    "The police were on alert in the old city.",
])
def test_talk_about_a_protest_or_a_non_protest_state_is_not_one(code, text):
    assert not protests(code(text)), text
