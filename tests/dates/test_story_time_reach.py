"""Dates of events a wire story tells far from its dated lead, and day numbers the recogniser drops."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.dates import resolve_event_date

pytestmark = pytest.mark.slow

_STORY = (
    "Rebels shelled a market in the town of Kora on Tuesday, killing seven people, local officials said. "
    "Traders had gathered there from nearby villages. "
    "Aid workers carried the wounded to a clinic. "
    "A charity said on Thursday that the toll had risen to 12. "
    "The army said its gunners had hit rebel positions near the town."
)


def _event(nlp: Any, text: str, trigger: str, doc_date: str) -> Any:
    doc = nlp(text)
    tok = [t for t in doc if t.text == trigger][-1]
    return resolve_event_date(tok.sent, tok, doc_date)


def test_past_perfect_borrows_the_lead_date_from_far_back(nlp: Any) -> None:
    # four sentences after the dated lead, with only a toll update between: the army's
    # account of the shelling is of Tuesday, not of the Thursday publication
    res = _event(nlp, _STORY, "hit", "2024-06-13")
    assert res.date == "2024-06-11" and res.borrowed


def test_simple_past_keeps_the_short_reach(nlp: Any) -> None:
    text = _STORY.replace("The army said its gunners had hit", "Later the gunners hit")
    res = _event(nlp, text, "hit", "2024-06-13")
    assert res.date != "2024-06-11"


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # the recogniser's entity is "June 2018"; the scanner's "October 2020": the day is kept
    ("Around 2 June 2018, police detained a journalist in the port city.", "detained", "2018-06-02"),
    ("Around 21 October 2020, several hundred nurses marched to the hospital.", "marched", "2020-10-21"),
    ("Around 14 August 2021, gunmen abducted two traders in the district.", "abducted", "2021-08-14"),
])
def test_day_before_a_month_name(nlp: Any, text: str, trigger: str, expected: str) -> None:
    assert _event(nlp, text, trigger, "2021-09-01").date == expected
