"""Fixtures shared by the coding tests: one pipeline per module, documents coded whole."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.ingest import make_document
from khaldun.pipeline import Pipeline


@pytest.fixture(scope="module")
def code_events(nlp):
    """Code one text as a document published on ``doc_date``; its EventRecords."""
    pipeline = Pipeline()

    def run(text: str, doc_date: str | None = "2024-03-10") -> list[Any]:
        doc = make_document(text, "test", 100_000, doc_date=doc_date)
        [(_, events)] = list(pipeline.outcomes([doc]))
        assert isinstance(events, list), events
        return events

    return run


@pytest.fixture(scope="module")
def code(code_events):
    """As :func:`code_events`, the records as dicts."""

    def run(text: str, doc_date: str | None = "2024-03-10") -> list[dict[str, Any]]:
        return [e.to_dict() for e in code_events(text, doc_date)]

    return run
