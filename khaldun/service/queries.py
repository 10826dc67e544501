"""Reads the API serves that the store interface has no call for: pages, one event, counts.

Every query is parameterised: request strings reach DuckDB only as bound
values, never as SQL. Filters are the store's own (:class:`EventQuery`, the
SQL of :mod:`khaldun.store.duckdb_store`), so ``GET /v1/events`` and
``khaldun events`` select the same events, in the same order.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace
from typing import Any

from khaldun.service.errors import BadRequest, NotFound
from khaldun.store import DuckDBStore, EventQuery
from khaldun.store.duckdb_store import _select

#: the store's order of events; the cursor is a position in it
ORDER_KEY = "date, doc_id, sentence_index, event_id"


def filtered(query: EventQuery, columns: str) -> tuple[str, list[Any]]:
    """The store's SQL for ``query``'s filters (no order, no limit) selecting ``columns``, and its parameters."""
    sql, params = _select(replace(query, limit=None), columns=columns)
    # the store's own ORDER BY is dropped: a sort inside a subquery is a full sort DuckDB keeps
    return sql.rsplit(" ORDER BY ", 1)[0], params


def encode_cursor(key: tuple[Any, ...]) -> str:
    date, doc_id, sentence_index, event_id = key
    raw = json.dumps([date.isoformat() if date is not None else None, doc_id, sentence_index, event_id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str, int, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, doc_id, sentence_index, event_id = json.loads(raw)
        if not (date is None or isinstance(date, str)) or not isinstance(doc_id, str) or not isinstance(event_id, str):
            raise TypeError
        if not isinstance(sentence_index, int):
            raise TypeError
        if date is not None:
            from datetime import date as _date

            _date.fromisoformat(date)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, RecursionError) as exc:
        raise BadRequest("cursor: not a cursor this server gave (use next_cursor from the previous page)") from exc
    return date, doc_id, sentence_index, event_id


def events_page(store: DuckDBStore, query: EventQuery, limit: int, cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """One page of events matching ``query``, after ``cursor``; and the cursor of the next page (``None`` at the end)."""
    # two steps: the page's keys from the narrow columns, then only those rows' records (the wide
    # JSON column) by primary key; selecting records with the sort reads them for every match
    inner, params = filtered(query, ORDER_KEY)
    # the store orders by date NULLS LAST, then doc_id, sentence_index, event_id: "after" in that order is
    after = ""
    if cursor:
        date, doc_id, sentence_index, event_id = decode_cursor(cursor)
        tail = "(doc_id > ? OR (doc_id = ? AND (sentence_index > ? OR (sentence_index = ? AND event_id > ?))))"
        tail_params = [doc_id, doc_id, sentence_index, sentence_index, event_id]
        if date is None:
            after = f" WHERE date IS NULL AND {tail}"
            params = [*params, *tail_params]
        else:
            after = f" WHERE (date > CAST(? AS DATE) OR date IS NULL OR (date = CAST(? AS DATE) AND {tail}))"
            params = [*params, date, date, *tail_params]
    sql = f"SELECT * FROM ({inner}) AS q{after} ORDER BY date NULLS LAST, doc_id, sentence_index, event_id LIMIT {int(limit) + 1}"
    with store.connection() as con:
        keys = con.execute(sql, params).fetchall()
        more = len(keys) > limit
        keys = keys[:limit]
        ids = [k[3] for k in keys]
        found = dict(con.execute("SELECT event_id, record FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()) if ids else {}
    records = [json.loads(found[i]) for i in ids if i in found]
    next_cursor = encode_cursor(tuple(keys[-1])) if more and keys else None
    return records, next_cursor


def event_detail(store: DuckDBStore, event_id: str) -> dict[str, Any]:
    """One event with its document (text, title, date, source, url)."""
    with store.connection() as con:
        row = con.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchone()
        if row is None:
            raise NotFound(f"no event {event_id!r}")
        record = json.loads(row[0])
        doc = con.execute(
            "SELECT doc_id, doc_date, title, url, source, dateline, text FROM documents WHERE doc_id = ?", [record["doc_id"]]
        ).fetchone()
    document = None
    if doc is not None:
        keys = ("doc_id", "doc_date", "title", "url", "source", "dateline", "text")
        document = dict(zip(keys, doc))
        document["doc_date"] = document["doc_date"].isoformat() if document["doc_date"] else None
    return {"event": record, "evidence": record.get("evidence"), "document": document}


def stats(store: DuckDBStore) -> dict[str, Any]:
    """Counts of the store: tables, events by QuadClass and type, rejections by reason, the date span."""
    with store.connection() as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events", "rejected", "merged_events")}
        quad = dict(con.execute("SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall())
        types = dict(con.execute("SELECT coalesce(event_type, '-'), count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
        reasons = dict(con.execute("SELECT reason, count(*) FROM rejected GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
        first, last = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    return {
        "counts": counts,
        "events_by_quad_class": {str(k): v for k, v in quad.items()},
        "events_by_type": types,
        "rejected_by_reason": reasons,
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
    }


def map_points(store: DuckDBStore, query: EventQuery, limit: int) -> list[dict[str, Any]]:
    """Places with events matching ``query``: name, country, lat, lon, how many, by QuadClass."""
    inner, params = filtered(query, "location_name, location_country, location_lat, location_lon, quad_class")
    sql = (
        "SELECT location_name, location_country, location_lat, location_lon, count(*) AS n, "
        "list(quad_class ORDER BY quad_class) AS quads "
        f"FROM ({inner}) AS q WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL "
        f"GROUP BY ALL ORDER BY n DESC, location_name LIMIT {int(limit)}"
    )
    with store.connection() as con:
        rows = con.execute(sql, params).fetchall()
    out = []
    for name, country, lat, lon, n, quads in rows:
        by_quad: dict[str, int] = {}
        for q in quads:
            by_quad[str(q)] = by_quad.get(str(q), 0) + 1
        out.append({"name": name, "country": country, "lat": lat, "lon": lon, "events": n, "by_quad_class": by_quad})
    return out
