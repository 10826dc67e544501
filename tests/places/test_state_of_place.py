"""Issue 10: forces of no state the text names belong to the country where the event
happened. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.ingest import make_document
from khaldun.pipeline import Pipeline


@pytest.fixture(scope="module")
def events() -> Any:
    pipeline = Pipeline()

    def run(text: str) -> list[Any]:
        [(_, out)] = list(pipeline.outcomes([make_document(text, "test", 100_000, doc_date="2024-03-10")]))
        assert isinstance(out, list), out
        return out

    return run


def test_the_police_an_arrest_implies_are_of_the_country_it_happened_in(events: Any) -> None:
    [rec] = [e for e in events("Forty traders were taken into custody in Mombasa on Monday.") if e.cameo_code == "173"]
    assert rec.actor.sector == "COP" and rec.location.country == "KEN" and rec.actor.country == "KEN"


def test_a_force_with_a_nationality_keeps_it(events: Any) -> None:
    recs = [e for e in events("Ugandan police arrested forty traders in Mombasa on Monday.") if e.cameo_code == "173"]
    assert recs and recs[0].actor.country == "UGA"
