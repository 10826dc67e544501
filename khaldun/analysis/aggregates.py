"""Counts over stored events, computed by DuckDB: dyads, timelines, the actor network.

Every function counts *merged events* when ``khaldun merge`` has run on the
store (the ``merged_events`` table is not empty), else mentions (the
``events`` table), and says which in :attr:`Aggregate.level`; ``level`` forces
one. Filters are those of ``khaldun events`` (:class:`EventQuery`), applied as
SQL parameters (never SQL built from user strings).

An actor is written as a CAMEO-style code, its country and sector
("NGA/REB", "ISR/MIL"), or its name when it has neither.

Speed. When the store keeps the roll-ups (monthly counts by actor pair,
countries, type and QuadClass, with Goldstein sums; see
:data:`khaldun.schema.ROLLUPS`), the period is a month or a year and the
filters map onto their columns (type, CAMEO prefix of up to two digits,
country, dates on month boundaries), the aggregates read the smallest that
answers instead of the events (``docs/performance.md``). An ``--actor``, ``--recipient`` or
``--doc-id`` filter, or a longer CAMEO prefix, needs each event's names and
texts, so those scan the events. Both ways give the same rows (tested).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from khaldun.errors import UsageError
from khaldun.schema import ACTOR_KNOWN, COUNTRY_COUNTS, EVENT_COUNTS, PAIR_COUNTS, PAIR_TOTALS, Rollup, actor_label
from khaldun.store.base import EventQuery
from khaldun.store.duckdb_store import DuckDBStore, where_clause

PERIODS = ("day", "week", "month", "year")
SPLITS = ("type", "quad_class", "root")
LEVELS = ("auto", "events", "mentions")

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def actor_code(role: str) -> str:
    """SQL of an actor's label: country/sector, else its name, else "?"."""
    return actor_label(role)


@dataclass(frozen=True)
class _Source:
    """Where an aggregate reads: the events table (a row an event) or a roll-up (rows of counts that add up)."""

    table: str
    cond: str
    params: list[Any]
    rollup: Rollup | None = None

    def actor(self, role: str) -> str:
        return role if self.rollup else actor_code(role)

    @property
    def events(self) -> str:
        return "sum(events)" if self.rollup else "count(*)"

    def quad(self, q: int) -> str:
        """Events of QuadClass ``q``."""
        if self.rollup is None:
            return f"count(*) FILTER (WHERE quad_class = {q})"
        if f"q{q}" in self.rollup.columns:
            return f"coalesce(sum(q{q}), 0)"
        return f"coalesce(sum(events) FILTER (WHERE quad_class = {q}), 0)"

    @property
    def goldstein_sum(self) -> str:
        # fixed point either way, so that both give the same figures to the last digit
        if self.rollup:
            return "CASE WHEN sum(goldstein_n) > 0 THEN sum(goldstein) END"
        return "sum(CAST(goldstein AS DECIMAL(18,3)))"

    @property
    def goldstein_n(self) -> str:
        return "sum(goldstein_n)" if self.rollup else "count(goldstein)"

    @property
    def date(self) -> str:
        return "month" if self.rollup else "date"

    @property
    def dated(self) -> str:
        if self.rollup is not None and "dated" in self.rollup.columns:
            return "dated"
        return f"{self.date} IS NOT NULL"

    @property
    def actor_known(self) -> str:
        return "actor_known" if self.rollup else ACTOR_KNOWN

    @property
    def country(self) -> str:
        """The timeline's country: the location's, else the actor's."""
        if self.rollup is not None and "country" in self.rollup.columns:
            return "country"
        return "coalesce(location_country, actor_country, '?')"


def _month_bound(value: str | None, end: bool) -> bool:
    """Whether a ``since`` (``end`` false) or ``until`` date falls on a month's first (last) day, or is absent."""
    if not value:
        return True
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False  # where_clause says why
    return (day + timedelta(days=1)).day == 1 if end else day.day == 1


def _where(store: DuckDBStore, table: str, query: EventQuery | None, by: str | None,
           rollups: tuple[Rollup, ...]) -> _Source:
    """The first of ``rollups`` (smallest first) that answers ``query`` by ``by`` (None: over all time), else the
    events table.

    The roll-ups count months (or all time): they answer months and years,
    between month boundaries, filtered by type, a CAMEO prefix of up to two
    digits, and country, each where it has the columns; names and texts
    (``actor``, ``recipient``) and documents are only in the events.
    """
    q = query or EventQuery()
    code = (q.event_type or "").strip()
    usable = (
        getattr(store, "has_counts", False) and by in (None, "month", "year")
        and not (q.actor or q.recipient or q.doc_id or (code.isdigit() and len(code) > 2))
        and _month_bound(q.since, end=False) and _month_bound(q.until, end=True)
    )
    needs = {"month"} if by or q.since or q.until else set()
    needs |= {"location_country"} if q.country else set()
    needs |= {"event_type", "cameo_prefix"} if code else set()
    rollup = next((r for r in rollups if needs <= set(r.columns)), None) if usable else None
    if rollup is None:
        cond, params = where_clause(q)
        return _Source(table, cond, params)
    cond, params = where_clause(replace(q, event_type=None if code.isdigit() else q.event_type, since=None, until=None))
    if code.isdigit():
        # a prefix of at most two digits is a prefix of the code's first two
        cond, params = f"{cond} AND cameo_prefix LIKE ?", [*params, code + "%"]
    for value, op in ((q.since, ">="), (q.until, "<=")):
        if value:
            # between month boundaries, a date is in range exactly when its month is
            cond, params = f"{cond} AND month {op} CAST(? AS DATE)", [*params, value]
    return _Source(rollup.name, f"from_table = ? AND ({cond})", [table, *params], rollup)


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
    src = _where(store, table, query, _period(by), (PAIR_COUNTS, EVENT_COUNTS))
    actor, recipient = src.actor("actor"), src.actor("recipient")
    quads = ", ".join(f"{src.quad(q)}::BIGINT AS {name}" for q, name in (
        (1, "q1_verbal_coop"), (2, "q2_material_coop"), (3, "q3_verbal_conflict"), (4, "q4_material_conflict")))
    dated = f"FROM {src.table} WHERE {src.date} IS NOT NULL AND ({src.cond})"
    keep, params = "", [_period(by), *src.params]
    if top:
        # the busiest pairs over the whole span, chosen first: the other pairs are never grouped by period
        pick = _where(store, table, query, None, (PAIR_TOTALS, PAIR_COUNTS, EVENT_COUNTS))
        keep = f"""WITH keep AS (SELECT {pick.actor('actor')} AS a, {pick.actor('recipient')} AS r FROM {pick.table}
                                 WHERE {pick.dated} AND ({pick.cond}) GROUP BY 1, 2 HAVING {pick.events} > 0
                                 ORDER BY {pick.events} DESC, 1, 2 LIMIT ?)"""
        dated = dated.replace("WHERE", f"JOIN keep ON keep.a = {actor} AND keep.r = {recipient} WHERE", 1)
        params = [*pick.params, int(top), *params]
    sql = f"""{keep}
        SELECT date_trunc(?, {src.date})::DATE AS period, {actor} AS actor, {recipient} AS recipient,
               {src.events}::BIGINT AS events, {quads}, CAST(round({src.goldstein_sum}, 1) AS DOUBLE) AS goldstein
        {dated}
        GROUP BY 1, 2, 3 HAVING {src.events} > 0 ORDER BY period, events DESC, actor, recipient"""
    rows = _run(store, sql, params)
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
    src = _where(store, table, query, _period(by), (COUNTRY_COUNTS, EVENT_COUNTS))
    sql = f"""
        SELECT date_trunc(?, {src.date})::DATE AS period, {src.country} AS country, {series} AS series,
               {src.events}::BIGINT AS events
        FROM {src.table} WHERE {src.date} IS NOT NULL AND ({src.cond})
        GROUP BY 1, 2, 3 HAVING {src.events} > 0 ORDER BY period, country, series"""
    rows = _run(store, sql, [_period(by), *src.params])
    if split == "quad_class":
        rows = [(p, c, f"{s} {QUAD_NAMES.get(int(s), '')}".strip(), n) for p, c, s, n in rows]
    return Aggregate(f"{what.capitalize()} per {by}, by {split.replace('_', '')} and country",
                     ("period", "country", split, "events"), rows, what, by)


def network(store: DuckDBStore, query: EventQuery | None = None, *, level: str = "auto", min_events: int = 1) -> Aggregate:
    """Actor graph edges: actor -> recipient, events, material-conflict events, Goldstein total and mean."""
    table, what = _source(store, level)
    src = _where(store, table, query, None, (PAIR_TOTALS, PAIR_COUNTS, EVENT_COUNTS))
    sql = f"""
        SELECT {src.actor('actor')} AS source, {src.actor('recipient')} AS target, {src.events}::BIGINT AS events,
               {src.quad(4)}::BIGINT AS material_conflict,
               CAST(round({src.goldstein_sum}, 1) AS DOUBLE) AS goldstein,
               round(CAST({src.goldstein_sum} AS DOUBLE) / nullif({src.goldstein_n}, 0), 2) AS goldstein_mean
        FROM {src.table} WHERE {src.actor_known} AND ({src.cond})
        GROUP BY 1, 2 HAVING {src.events} >= ? ORDER BY events DESC, source, target"""
    rows = _run(store, sql, [*src.params, max(1, min_events)])
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
