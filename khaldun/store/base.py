"""The store interface: what the pipeline, the CLI, the API and the runners need of a backend.

A backend keeps four tables (documents, events, rejected, merged_events) whose columns are
defined once in :mod:`khaldun.schema`. :class:`khaldun.store.DuckDBStore` is
the first backend; every backend runs the contract tests in
``tests/store/test_contract.py``.

Guarantees every backend gives:

- :meth:`Store.write` is one transaction: a batch of documents, their events
  and the rejections is stored whole or not at all (a run killed mid-write
  leaves the previous batches, never half of one).
- Writing a document that is already stored replaces it and its events; a
  rejection of the same input (``origin``) and reason replaces the earlier one.
  So a run repeated, or resumed after a crash, stores exactly what one clean
  run stores.
- :meth:`Store.write_merged` replaces the merged events whole and links each
  event to its merged event (``merged_id``) in the same transaction.
- :meth:`Store.stored` tells which documents are stored with the same text,
  so that a resumed run skips them without coding them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, Self, runtime_checkable

from khaldun.records import Document, EventRecord, MergedEvent, Rejection


@dataclass(frozen=True)
class EventQuery:
    """Filters for :meth:`Store.events`. Every field is optional."""

    event_type: str | None = None
    """PLOVER type (AGREE ... ASSAULT) or a CAMEO code prefix ("19", "044")"""
    actor: str | None = None
    """actor country code or a part of the actor's name"""
    recipient: str | None = None
    """recipient country code or a part of the recipient's name"""
    country: str | None = None
    """country of the actor, the recipient or the location"""
    since: str | None = None
    """first event date, YYYY-MM-DD"""
    until: str | None = None
    """last event date, YYYY-MM-DD"""
    doc_id: str | None = None
    limit: int | None = None


PageKey = tuple[str | None, str, int, str]
"""An event's place in the store's order: (date ``YYYY-MM-DD`` or ``None``, doc_id, sentence_index, event_id)."""


@dataclass(frozen=True)
class EventPage:
    """One page of :meth:`Store.events_page`: the records, and where the next page starts."""

    records: list[dict[str, Any]]
    """the records as :meth:`EventRecord.to_dict` gives them (what an API sends; no objects built for a page)"""
    next_key: PageKey | None
    """the key of the page's last record when more records follow (pass it as ``after``); ``None`` at the end"""

    def events(self) -> list[EventRecord]:
        """The page's records as :class:`EventRecord`."""
        return [EventRecord.from_dict(r) for r in self.records]


@runtime_checkable
class Store(Protocol):
    """Documents, events and rejections, written in batches and queried by filters."""

    path: str

    def write(self, results: Sequence[tuple[Document, Sequence[EventRecord]]], rejections: Sequence[Rejection] = ()) -> None:
        """Store a batch in one transaction (documents replace earlier copies with their events)."""
        ...

    def stored(self, documents: Mapping[str, str]) -> set[str]:
        """Of ``{doc_id: content_hash}``, the ids already stored with that same content hash."""
        ...

    def events(self, query: EventQuery | None = None) -> list[EventRecord]:
        """Event records matching ``query``, ordered by date (unknown last), document, sentence, id."""
        ...

    def events_page(self, query: EventQuery | None = None, *, limit: int = 100, after: PageKey | None = None) -> EventPage:
        """At most ``limit`` records matching ``query`` that come after ``after`` in the order of :meth:`events`.

        Keyset pagination: a page costs the same wherever it is, and pages stay
        consistent while documents are added. ``query.limit`` is ignored.
        """
        ...

    def event(self, event_id: str) -> EventRecord | None:
        """One event record by id (``None`` when there is none)."""
        ...

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One stored document: doc_id, doc_date (YYYY-MM-DD), title, url, source, dateline, text (``None`` when unknown)."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts: rows per table (``counts``), events by QuadClass and by type, rejections by reason, first and last event date."""
        ...

    def places(self, query: EventQuery | None = None, *, limit: int = 500) -> list[dict[str, Any]]:
        """Places with events matching ``query``: name, country, lat, lon, events, by_quad_class; the most events first."""
        ...

    def rejected(self) -> list[dict[str, Any]]:
        """Rejected inputs: origin, reason, code, message, doc_id."""
        ...

    def write_merged(self, merged: Iterable[MergedEvent]) -> None:
        """Replace every merged event, and set each event's ``merged_id`` (null when unmerged), in one transaction."""
        ...

    def merged_events(self, query: EventQuery | None = None) -> list[MergedEvent]:
        """Merged events whose representative record matches ``query``, ordered as :meth:`events`."""
        ...

    def merged_event(self, merged_id: str) -> MergedEvent | None:
        """One merged event by id (``None`` when there is none)."""
        ...

    def mentions(self, merged_id: str) -> list[EventRecord]:
        """The event records of one merged event, by publication date (empty for an unknown id)."""
        ...

    def document_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """``{doc_id: {doc_date, source, url, title}}`` of stored documents (all, or those of ``doc_ids``)."""
        ...

    def count(self, table: str) -> int:
        """Rows in ``documents``, ``events``, ``rejected`` or ``merged_events``."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def doc_hashes(docs: Iterable[Document]) -> dict[str, str]:
    """``{doc_id: content_hash}`` of ``docs``, the argument :meth:`Store.stored` takes."""
    return {d.doc_id: d.content_hash for d in docs}
