"""Counts over stored events, computed by DuckDB: dyads, timelines, the actor network.

Every function counts *merged events* when ``khaldun merge`` has run on the
store (the ``merged_events`` table is not empty), else mentions (the
``events`` table), and says which in :attr:`Aggregate.level`; ``level`` forces
one. Filters are those of ``khaldun events`` (:class:`EventQuery`), applied as
SQL parameters (never SQL built from user strings).

An actor is written as a CAMEO-style code, its country and sector
("NGA/REB", "ISR/MIL"), or its name when it has neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khaldun.errors import UsageError
from khaldun.store.base import EventQuery
from khaldun.store.duckdb_store import DuckDBStore, where_clause

PERIODS = ("day", "week", "month", "year")
SPLITS = ("type", "quad_class", "root")
LEVELS = ("auto", "events", "mentions")

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def actor_code(role: str) -> str:
    """SQL of an actor's label: country/sector, else its name, else "?"."""
    return (
        f"coalesce(nullif(concat_ws('/', {role}_country, {role}_sector), ''), {role}_name, {role}_text, '?')"
    )


@dataclass(frozen=True)
class Aggregate:
    """A table of counts: column names, rows, and what was counted."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    level: str
    """"merged events" or "mentions" """
    period: str | None = None

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def _source(store: DuckDBStore, level: str) -> tuple[str, str]:
    """The table to count (``merged_events`` or ``events``) and its name for people."""
    if level not in LEVELS:
        raise UsageError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    if level == "auto":
        level = "events" if store.count("merged_events") > 0 else "mentions"
    return ("merged_events", "merged events") if level == "events" else ("events", "mentions")


def _period(by: str) -> str:
    if by not in PERIODS:
        raise UsageError(f"period must be one of {', '.join(PERIODS)}, got {by!r}")
    return by


def _run(store: DuckDBStore, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    _, rows = store._rows(sql, params)
    return rows


def dyads(store: DuckDBStore, query: EventQuery | None = None, *, by: str = "month", level: str = "auto",
          top: int | None = None) -> Aggregate:
    """Events, QuadClass counts and Goldstein totals per actor pair per period (dated events only)."""
    table, what = _source(store, level)
    cond, params = where_clause(query or EventQuery())
    sql = f"""
        SELECT date_trunc(?, date)::DATE AS period, {actor_code('actor')} AS actor, {actor_code('recipient')} AS recipient,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1_verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS q2_material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS q3_verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS q4_material_conflict,
               round(sum(goldstein), 1) AS goldstein
        FROM {table} WHERE date IS NOT NULL AND ({cond})
        GROUP BY ALL ORDER BY period, events DESC, actor, recipient"""
    rows = _run(store, sql, [_period(by), *params])
    if top:
        totals: dict[tuple[str, str], int] = {}
        for r in rows:
            totals[(r[1], r[2])] = totals.get((r[1], r[2]), 0) + r[3]
        keep = set(sorted(totals, key=lambda k: (-totals[k], k))[:top])
        rows = [r for r in rows if (r[1], r[2]) in keep]
    cols = ("period", "actor", "recipient", "events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
            "q4_material_conflict", "goldstein")
    return Aggregate(f"{what.capitalize()} per actor pair per {by}", cols, rows, what, by)


def timeline(store: DuckDBStore, query: EventQuery | None = None, *, by: str = "month", split: str = "type",
             level: str = "auto") -> Aggregate:
    """Events per period and country, split by PLOVER type, QuadClass or CAMEO root.

    The country is the location's, else the actor's.
    """
    table, what = _source(store, level)
    if split not in SPLITS:
        raise UsageError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    series = {
        "type": "coalesce(event_type, 'STATEMENT')",
        "quad_class": "CAST(quad_class AS VARCHAR)",
        "root": "cameo_root",
    }[split]
    cond, params = where_clause(query or EventQuery())
    sql = f"""
        SELECT date_trunc(?, date)::DATE AS period, coalesce(location_country, actor_country, '?') AS country,
               {series} AS series, count(*) AS events
        FROM {table} WHERE date IS NOT NULL AND ({cond})
        GROUP BY ALL ORDER BY period, country, series"""
    rows = _run(store, sql, [_period(by), *params])
    if split == "quad_class":
        rows = [(p, c, f"{s} {QUAD_NAMES.get(int(s), '')}".strip(), n) for p, c, s, n in rows]
    return Aggregate(f"{what.capitalize()} per {by}, by {split.replace('_', '')} and country",
                     ("period", "country", split, "events"), rows, what, by)


def network(store: DuckDBStore, query: EventQuery | None = None, *, level: str = "auto", min_events: int = 1) -> Aggregate:
    """Actor graph edges: actor -> recipient, events, material-conflict events, Goldstein total and mean."""
    table, what = _source(store, level)
    cond, params = where_clause(query or EventQuery())
    sql = f"""
        SELECT {actor_code('actor')} AS source, {actor_code('recipient')} AS target, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(sum(goldstein), 1) AS goldstein, round(avg(goldstein), 2) AS goldstein_mean
        FROM {table} WHERE (actor_country IS NOT NULL OR actor_name IS NOT NULL OR actor_text IS NOT NULL) AND ({cond})
        GROUP BY ALL HAVING count(*) >= ? ORDER BY events DESC, source, target"""
    rows = _run(store, sql, [*params, max(1, min_events)])
    return Aggregate(f"Actor network ({what})", ("source", "target", "events", "material_conflict", "goldstein",
                                                  "goldstein_mean"), rows, what)


def to_graph(agg: Aggregate) -> Any:
    """The network aggregate as a ``networkx.DiGraph`` (nodes weighted by events, edges by their columns)."""
    import networkx as nx

    g = nx.DiGraph(title=agg.title, level=agg.level)
    for src, dst, n, conflict, gold, mean in agg.rows:
        for node in (src, dst):
            if node not in g:
                g.add_node(node, label=node, events=0)
        g.nodes[src]["events"] += n
        if dst != src:
            g.nodes[dst]["events"] += n
        g.add_edge(src, dst, events=n, material_conflict=conflict, goldstein=float(gold or 0), goldstein_mean=float(mean or 0))
    return g


def write_graphml(agg: Aggregate, path: str) -> None:
    import networkx as nx

    nx.write_graphml(to_graph(agg), path)
