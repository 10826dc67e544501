"""Reads the API serves, over the store interface: pages of events (with a cursor), one event, counts, places.

The store does the querying (:meth:`~khaldun.store.Store.events_page`,
:meth:`~khaldun.store.Store.event`, :meth:`~khaldun.store.Store.stats` ...);
request strings reach it only as :class:`EventQuery` values, which it binds as
parameters, never as SQL. So ``GET /v1/events`` and ``khaldun events`` select
the same events, in the same order. This module turns store keys into opaque
cursors and records into JSON.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date as _date
from typing import Any

from khaldun.service.errors import BadRequest, NotFound
from khaldun.store import EventQuery, PageKey, Store


def encode_cursor(key: PageKey) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> PageKey:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, doc_id, sentence_index, event_id = json.loads(raw)
        if not (date is None or isinstance(date, str)) or not isinstance(doc_id, str) or not isinstance(event_id, str):
            raise TypeError
        if not isinstance(sentence_index, int) or isinstance(sentence_index, bool):
            raise TypeError
        if date is not None:
            _date.fromisoformat(date)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, RecursionError) as exc:
        raise BadRequest("cursor: not a cursor this server gave (use next_cursor from the previous page)") from exc
    return date, doc_id, sentence_index, event_id


def events_page(store: Store, query: EventQuery, limit: int, cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """One page of events matching ``query``, after ``cursor``; and the cursor of the next page (``None`` at the end)."""
    page = store.events_page(query, limit=limit, after=decode_cursor(cursor) if cursor else None)
    return page.records, encode_cursor(page.next_key) if page.next_key else None


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """One event with its document (text, title, date, source, url)."""
    record = store.event(event_id)
    if record is None:
        raise NotFound(f"no event {event_id!r}")
    rec = record.to_dict()
    return {"event": rec, "evidence": rec.get("evidence"), "document": store.document(record.doc_id)}


def stats(store: Store) -> dict[str, Any]:
    """Counts of the store: tables, events by QuadClass and type, rejections by reason, the date span."""
    return store.stats()


def map_points(store: Store, query: EventQuery, limit: int) -> list[dict[str, Any]]:
    """Places with events matching ``query``: name, country, lat, lon, how many, by QuadClass."""
    return store.places(query, limit=limit)
