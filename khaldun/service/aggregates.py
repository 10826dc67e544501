"""Dyads, timeline and merged events for the API.

NOTE: these are meant to call the analysis library (``khaldun.analysis``, issue 11) so
that the API and the CLI aggregate one way. Until it exists they are parameterised
queries over the store's events table; swap the bodies for the library's functions
when it lands.
"""

from __future__ import annotations

from typing import Any

from khaldun.service.errors import NotFound
from khaldun.service.queries import filtered
from khaldun.store import DuckDBStore, EventQuery

_COLUMNS = "actor_country, recipient_country, quad_class, date, goldstein"
INTERVALS = {"day", "week", "month", "year"}


def dyads(store: DuckDBStore, query: EventQuery, limit: int) -> list[dict[str, Any]]:
    inner, params = filtered(query, _COLUMNS)
    sql = (
        "SELECT actor_country, recipient_country, count(*) AS n, avg(goldstein) AS g, "
        "count(*) FILTER (quad_class = 1), count(*) FILTER (quad_class = 2), "
        "count(*) FILTER (quad_class = 3), count(*) FILTER (quad_class = 4) "
        f"FROM ({inner}) AS q WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL "
        f"GROUP BY ALL ORDER BY n DESC, actor_country, recipient_country LIMIT {int(limit)}"
    )
    with store.connection() as con:
        rows = con.execute(sql, params).fetchall()
    return [
        {"actor": a, "recipient": r, "events": n, "mean_goldstein": round(g, 2) if g is not None else None,
         "by_quad_class": {"1": q1, "2": q2, "3": q3, "4": q4}}
        for a, r, n, g, q1, q2, q3, q4 in rows
    ]


def timeline(store: DuckDBStore, query: EventQuery, interval: str, limit: int) -> list[dict[str, Any]]:
    if interval not in INTERVALS:
        raise ValueError(interval)
    inner, params = filtered(query, _COLUMNS)
    sql = (
        f"SELECT date_trunc('{interval}', date)::DATE AS bucket, "
        "count(*) FILTER (quad_class = 1), count(*) FILTER (quad_class = 2), "
        "count(*) FILTER (quad_class = 3), count(*) FILTER (quad_class = 4), count(*) "
        f"FROM ({inner}) AS q WHERE date IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT {int(limit)}"
    )
    with store.connection() as con:
        rows = con.execute(sql, params).fetchall()
    return [
        {"date": b.isoformat(), "by_quad_class": {"1": q1, "2": q2, "3": q3, "4": q4}, "events": n}
        for b, q1, q2, q3, q4, n in reversed(rows)
    ]


def merged(store: DuckDBStore, merged_id: str) -> dict[str, Any]:
    mentions = store.mentions(merged_id)
    if not mentions:
        raise NotFound(f"no merged event {merged_id!r}")
    return {"merged_id": merged_id, "mentions": [e.to_dict() for e in mentions]}
