"""Run the pipeline on this machine: in this process, or in a pool of worker processes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from khaldun.config import Settings
from khaldun.pipeline import Pipeline, RunSummary
from khaldun.records import Document, EventRecord, Rejection
from khaldun.runners.pool import PoolCoder, resolve_workers


def run_pipeline(
    items: Iterable[Document | Rejection],
    settings: Settings,
    *,
    on_document: Callable[[Document, list[EventRecord]], None] | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
) -> RunSummary:
    """Code ``items`` in input order, calling back for each document and rejection.

    ``settings.workers`` processes code the documents (0: one per CPU core);
    with one, everything runs in this process. Either way the callbacks run
    in this process, in input order, and the records are the same.
    """
    pipeline = Pipeline(settings)
    if resolve_workers(settings.workers) <= 1:
        return pipeline.run(items, on_document=on_document, on_rejection=on_rejection)
    with PoolCoder(settings) as pool:
        return pipeline.run(items, on_document=on_document, on_rejection=on_rejection, code=pool.outcomes)
