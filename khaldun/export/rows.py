"""What every export reads from the store: one :class:`ExportItem` per row to write.

``--level mentions`` gives one item per report (an event record as one
document tells it); ``--level events`` one per merged event (its
representative record, with the merge's figures). Each item carries the
document's metadata (URL, outlet, title), which the record does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from khaldun.errors import UsageError
from khaldun.records import MergedEvent
from khaldun.store import EventQuery, Store

LEVELS = ("mentions", "events")


@dataclass(frozen=True)
class ExportItem:
    """One row of an export: a record, the merged event it belongs to, and its document's metadata."""

    record: dict[str, Any]
    """``EventRecord.to_dict()``: at the events level, the merged event's representative record"""
    merged: MergedEvent | None = None
    """the merged event (at the events level, always; at the mentions level, the one the report joined, if merged)"""
    document: dict[str, Any] = field(default_factory=dict)
    """``{doc_date, source, url, title}`` of the record's document (empty when the store does not hold it)"""

    level: str = "mentions"
    """``mentions`` (a report) or ``events`` (a merged event)"""

    @property
    def id(self) -> str:
        """The row's id: the merged id at the events level, else the event id."""
        return self.merged.merged_id if self.level == "events" and self.merged is not None else self.record["event_id"]

    @property
    def num_mentions(self) -> int:
        """Reports of the event: the merge's figure, else 1 (an unmerged report stands alone)."""
        return self.merged.num_mentions if self.merged is not None else 1

    @property
    def num_sources(self) -> int:
        """Distinct outlets reporting the event: the merge's figure, else 1."""
        return self.merged.num_sources if self.merged is not None else 1

    @property
    def sources(self) -> tuple[str, ...]:
        """Outlets of the row: a merged event's list; for a report, its document's outlet, else the record's ``source``."""
        if self.level == "events" and self.merged is not None and self.merged.sources:
            return self.merged.sources
        one = self.document.get("source") or self.record.get("source")
        return (one,) if one else ()


def collect(store: Store, level: str = "mentions", query: EventQuery | None = None) -> list[ExportItem]:
    """The rows an export writes, in the store's order (by date, undated last)."""
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    if level == "events":
        merged = store.merged_events(query)
        if not merged and store.count("events") and not store.count("merged_events"):
            raise UsageError(
                "the store holds no merged events: run `khaldun merge` first, or export reports with --level mentions"
            )
        docs = _documents(store, [m.record.doc_id for m in merged])
        return [
            ExportItem(m.record.to_dict(), m, docs.get(m.record.doc_id, {}), level="events") for m in merged
        ]
    records = store.events(query)
    by_id: dict[str, MergedEvent] = {}
    if any(r.merged_id for r in records):
        by_id = {m.merged_id: m for m in store.merged_events()}
    docs = _documents(store, [r.doc_id for r in records])
    return [
        ExportItem(r.to_dict(), by_id.get(r.merged_id) if r.merged_id else None, docs.get(r.doc_id, {})) for r in records
    ]


def _documents(store: Store, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    return store.document_meta(sorted(set(doc_ids))) if doc_ids else {}
