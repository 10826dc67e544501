"""Quality floor on the incident fixtures: dates and places of 100 short reports.

Targets of issue 5: date accuracy >= 0.95, country >= 0.95, place name >= 0.85, median
distance of geocoded places under 25 km. The floor pins the resolvers (the trigger's
sentence), which these rules own; ``scripts/eval_incidents.py --mode pipeline`` scores
the full pipeline on the same fixtures.
"""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.places.evaluation import DEFAULT_FIXTURES, evaluate_incidents, load_incidents

pytestmark = pytest.mark.slow


def test_fixtures_are_many_and_varied() -> None:
    items = load_incidents(DEFAULT_FIXTURES)
    assert len(items) >= 80
    assert len({i["gold"]["country"] for i in items}) >= 40
    assert sum(i["doc_date"] is None for i in items) >= 8
    assert len({i["gold"]["date_precision"] for i in items}) >= 4


def test_incident_floor(nlp: Any) -> None:
    report = evaluate_incidents(DEFAULT_FIXTURES, mode="resolvers", nlp=nlp)
    summary = report.summary()
    assert summary["date_accuracy"] >= 0.95, summary
    assert summary["country_accuracy"] >= 0.95, summary
    assert summary["place_accuracy"] >= 0.85, summary
    assert summary["median_km"] is not None and summary["median_km"] < 25, summary
