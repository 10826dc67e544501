"""Toll updates found in a parsed document (khaldun.counts.updates)."""

from __future__ import annotations

import pytest

from khaldun.counts.updates import toll_updates

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "field", "value", "qualifier"), [
    ("The death toll from the blast rose to 31 on Wednesday.", "fatalities", 31, "exact"),
    ("The toll has climbed to at least 50, officials said.", "fatalities", 50, "at_least"),
    ("The number of dead reached 12 by nightfall.", "fatalities", 12, "exact"),
    ("The number of wounded rose to more than 200.", "injured", 200, "more_than"),
    ("Officials later revised the toll to 18.", "fatalities", 18, "exact"),
])
def test_updates(nlp, text, field, value, qualifier) -> None:
    found = toll_updates(nlp(text))
    assert [(u.field, u.count.value, u.count.qualifier) for u in found] == [(field, value, qualifier)]


@pytest.mark.parametrize("text", [
    "The number of protesters rose to 5,000.",
    "The death toll is still unclear.",
    "Toll plaza workers went on strike on Monday.",
    "Gunmen killed 9 villagers.",
])
def test_not_updates(nlp, text) -> None:
    assert toll_updates(nlp(text)) == []
