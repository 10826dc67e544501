"""Parquet output of a Spark job (:mod:`khaldun.runners.spark`), read back and loaded into a store.

An output folder holds three tables, each a folder of Parquet files with the
columns of :mod:`khaldun.schema` plus hive-style partition folders:

    events/event_month=2023-10/input_id=3f2a.../part-*.parquet
    documents/input_id=3f2a.../part-*.parquet
    rejected/input_id=3f2a.../part-*.parquet

:func:`import_output` streams it into any :class:`~khaldun.store.Store`
through :meth:`Store.write`, ``batch`` documents (with their events) per
transaction, so what ``khaldun events``, the exports and merging read is
what ``khaldun extract`` would have stored. DuckDB reads the Parquet (no
pyarrow or Spark needed), joining documents to their events in one ordered
pass, so memory holds one batch whatever the output's size.

A document found in two inputs (two jobs over overlapping inputs) is loaded
once: the copy in the greatest ``input_id``. Importing the same output twice
stores what one import stores (documents and rejections replace their earlier
copies).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from khaldun.errors import StoreError
from khaldun.records import Document, EventRecord, Rejection
from khaldun.schema import DOCUMENTS, EVENTS, REJECTED

if TYPE_CHECKING:
    import duckdb

    from khaldun.store.base import Store

__all__ = ["ImportSummary", "import_output", "read_output"]

#: rows fetched from DuckDB at a time
FETCH = 2048


@dataclass
class ImportSummary:
    """What an import loaded."""

    documents: int = 0
    events: int = 0
    rejected: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)


def _glob(folder: str, table: str) -> str | None:
    path = os.path.join(folder, table)
    if not os.path.isdir(path):
        return None
    for _, _, files in os.walk(path):
        if any(f.endswith(".parquet") for f in files):
            return os.path.join(path, "**", "*.parquet")
    return None


def _connect() -> duckdb.DuckDBPyConnection:
    import duckdb

    return duckdb.connect(":memory:")


def _check(folder: str) -> None:
    if "://" in folder:
        raise StoreError(f"{folder}: import reads a local folder; copy the output here first (e.g. `aws s3 sync`, `hdfs dfs -get`)")
    if not os.path.isdir(folder):
        raise StoreError(f"{folder}: no such folder")
    if not any(os.path.isdir(os.path.join(folder, t.name)) for t in (EVENTS, DOCUMENTS, REJECTED)):
        raise StoreError(f"{folder} is not the output of `khaldun spark extract` (no events/, documents/ or rejected/ folder)")


def read_output(folder: str, batch: int = 256) -> Iterator[tuple[list[tuple[Document, list[EventRecord]]], list[Rejection]]]:
    """Batches of ``(documents with their events, rejections)`` of an output folder."""
    _check(folder)
    con = _connect()
    docs_glob, events_glob, rejected_glob = (_glob(folder, t.name) for t in (DOCUMENTS, EVENTS, REJECTED))
    doc_cols = ", ".join(f'"{c}"' for c in DOCUMENTS.names if c != "ingested_at")
    try:
        if docs_glob:
            docs = con.cursor().execute(
                f"SELECT {doc_cols}, input_id FROM read_parquet(?, hive_partitioning = true) ORDER BY doc_id, input_id DESC",
                [docs_glob],
            )
            events = (
                con.cursor().execute(
                    "SELECT doc_id, input_id, record FROM read_parquet(?, hive_partitioning = true) "
                    "ORDER BY doc_id, input_id DESC, event_id",
                    [events_glob],
                )
                if events_glob
                else None
            )
            yield from _joined(docs, events, batch)
        if rejected_glob:
            cur = con.cursor().execute(
                "SELECT origin, reason, code, message, doc_id FROM read_parquet(?, hive_partitioning = true) "
                "ORDER BY origin, reason, input_id DESC",
                [rejected_glob],
            )
            while rows := cur.fetchmany(batch):
                yield [], [Rejection(origin=o, reason=r, code=c, message=m, doc_id=d) for o, r, c, m, d in rows]
    finally:
        con.close()


def _rows(cur: Any) -> Iterator[tuple[Any, ...]]:
    while rows := cur.fetchmany(FETCH):
        yield from rows


def _joined(docs: Any, events: Any, batch: int) -> Iterator[tuple[list[tuple[Document, list[EventRecord]]], list[Rejection]]]:
    """Documents (ordered by doc_id, input_id) merged with their events (in the same order)."""
    ev = _rows(events) if events is not None else iter(())
    pending = next(ev, None)
    out: list[tuple[Document, list[EventRecord]]] = []
    last: str | None = None
    for row in _rows(docs):
        *values, iid = row
        fields = dict(zip([c for c in DOCUMENTS.names if c != "ingested_at"], values))
        key = (fields["doc_id"], iid)
        mine: list[EventRecord] = []
        while pending is not None and (pending[0], _desc(pending[1])) < (key[0], _desc(key[1])):
            pending = next(ev, None)  # events of a copy left out, or of no document
        while pending is not None and (pending[0], pending[1]) == key:
            mine.append(EventRecord.from_dict(json.loads(pending[2])))
            pending = next(ev, None)
        if fields["doc_id"] == last:
            continue  # another input's copy: the first (greatest input_id) stands
        last = fields["doc_id"]
        out.append((_document(fields), mine))
        if len(out) >= batch:
            yield out, []
            out = []
    if out:
        yield out, []


class _desc(str):
    """A string that sorts in reverse (the ``input_id DESC`` of the queries)."""

    __slots__ = ()

    def __lt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__lt__(self, other)


def _document(fields: dict[str, Any]) -> Document:
    fields = dict(fields)
    if fields.get("doc_date") is not None:
        fields["doc_date"] = fields["doc_date"].isoformat()
    extra = fields.get("extra")
    fields["extra"] = json.loads(extra) if isinstance(extra, str) else (extra or {})
    return Document(**fields)


def import_output(store: Store, folder: str, batch: int = 256) -> ImportSummary:
    """Load a Spark output folder into ``store``, ``batch`` documents per :meth:`Store.write`."""
    summary = ImportSummary()
    for results, rejections in read_output(folder, batch):
        store.write(results, rejections)
        summary.documents += len(results)
        summary.events += sum(len(evs) for _, evs in results)
        summary.rejected += len(rejections)
        for r in rejections:
            summary.by_reason[r.reason] = summary.by_reason.get(r.reason, 0) + 1
    return summary
