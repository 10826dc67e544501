"""Run the pipeline on this machine."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from khaldun.config import Settings
from khaldun.pipeline import Pipeline, RunSummary
from khaldun.records import Document, EventRecord, Rejection


def run_pipeline(
    items: Iterable[Document | Rejection],
    settings: Settings,
    *,
    on_document: Callable[[Document, list[EventRecord]], None] | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
) -> RunSummary:
    """Code ``items`` in input order, calling back for each document and rejection."""
    return Pipeline(settings).run(items, on_document=on_document, on_rejection=on_rejection)
