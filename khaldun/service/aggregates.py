"""Dyads, timeline and merged events for the API: the analysis library's, as JSON.

The counting is :mod:`khaldun.analysis` (the same as ``khaldun dyads`` / ``khaldun timeline``);
this module only shapes its :class:`~khaldun.analysis.Aggregate` for JSON.
"""

from __future__ import annotations

from typing import Any

from khaldun.analysis import dyads as _dyads
from khaldun.analysis import timeline as _timeline
from khaldun.service.errors import NotFound
from khaldun.store import DuckDBStore, EventQuery, Store


def _json(agg: Any, limit: int) -> dict[str, Any]:
    rows = [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in agg.records()]
    return {"title": agg.title, "level": agg.level, "period": agg.period, "rows": rows[-limit:], "truncated": len(rows) > limit}


def dyads(store: DuckDBStore, query: EventQuery, by: str, level: str, top: int, limit: int) -> dict[str, Any]:
    return _json(_dyads(store, query, by=by, level=level, top=top), limit)


def timeline(store: DuckDBStore, query: EventQuery, by: str, split: str, level: str, limit: int) -> dict[str, Any]:
    return _json(_timeline(store, query, by=by, split=split, level=level), limit)


def merged(store: Store, merged_id: str) -> dict[str, Any]:
    """One merged event (looked up by id) with its mentions."""
    found = store.merged_event(merged_id)
    if found is None:
        raise NotFound(f"no merged event {merged_id!r}")
    return {"merged": found.to_dict(), "mentions": [e.to_dict() for e in store.mentions(merged_id)]}
