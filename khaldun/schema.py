"""The record's schemas: the JSON Schema of the event record, and the flat tables.

- :func:`event_schema` / :func:`validation_errors`: the JSON Schema shipped in
  ``khaldun/data/event_record.schema.json``, which ``EventRecord.to_dict()`` follows.
- :data:`EVENT_COLUMNS`, :data:`EVENTS`, :data:`DOCUMENTS`, :data:`REJECTED`, :data:`MERGED`:
  the flat layout, defined once; the store's tables and the CSV export derive
  from it (see ``docs/store.md``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from khaldun.resources import register_cache


@register_cache
@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``EventRecord.to_dict()``."""
    text = resources.files("khaldun.data").joinpath("event_record.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema, as readable messages (empty when valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(event_schema())
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in validator.iter_errors(record)]


# -- the flat layout: one definition for the store and every export ------------
#
# A column is a name, a logical type, and how its value is read from a record
# dict (``EventRecord.to_dict()``, a document's or a rejection's fields). The
# DuckDB tables, their inserts and the CSV export all derive from the tuples
# below, so a field added here appears everywhere at once.


@dataclass(frozen=True)
class LogicalType:
    """A column type, spelled for each backend that needs it."""

    name: str
    duckdb: str
    arrow: str
    """the Arrow/Parquet type, as ``pyarrow`` names it (for a Parquet backend)"""


STRING = LogicalType("string", "VARCHAR", "string")
STRINGS = LogicalType("strings", "VARCHAR[]", "list<string>")
INT = LogicalType("int", "INTEGER", "int32")
BIGINT = LogicalType("bigint", "BIGINT", "int64")
FLOAT = LogicalType("float", "DOUBLE", "float64")
DATE = LogicalType("date", "DATE", "date32")
TIMESTAMP = LogicalType("timestamp", "TIMESTAMP", "timestamp[us]")
JSON = LogicalType("json", "JSON", "string")


@dataclass(frozen=True)
class Column:
    """One column of a flat table."""

    name: str
    type: LogicalType
    get: Callable[[Mapping[str, Any]], Any] = field(repr=False, compare=False)
    """reads the value from a record dict (``None`` when absent)"""
    path: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    """the keys ``get`` follows in the record dict, when it only follows keys (an older store's new
    column is filled from its stored ``record`` JSON by them: ``docs/store.md``, upgrades)"""


@dataclass(frozen=True)
class Table:
    """A flat table: its columns and primary key."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def row(self, rec: Mapping[str, Any]) -> dict[str, Any]:
        """The flat row of ``rec``: every column, in order."""
        return {name: get(rec) for name, get in self._getters}

    @cached_property
    def _getters(self) -> tuple[tuple[str, Callable[[Mapping[str, Any]], Any]], ...]:
        return tuple((c.name, c.get) for c in self.columns)

    def duckdb_ddl(self) -> str:
        cols = ",\n    ".join(f'"{c.name}" {c.type.duckdb}' for c in self.columns)
        key = ", ".join(f'"{k}"' for k in self.primary_key)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {cols},\n    PRIMARY KEY ({key})\n);"


def _at(*path: str) -> Callable[[Mapping[str, Any]], Any]:
    # specialised by depth: flattening runs once per column of every stored event
    if len(path) == 1:
        (key,) = path
        return lambda rec: rec.get(key)
    outer, inner = path

    def get(rec: Mapping[str, Any]) -> Any:
        value = rec.get(outer)
        return value.get(inner) if value is not None else None

    return get


def _col(name: str, type_: LogicalType, *path: str) -> Column:
    return Column(name, type_, _at(*(path or (name,))), path or (name,))


def _actor(role: str, fields: Sequence[str]) -> list[Column]:
    return [_col(f"{role}_{f}", STRING, role, f) for f in fields]


def _count(name: str) -> list[Column]:
    return [_col(name, INT, name, "value"), _col(f"{name}_qualifier", STRING, name, "qualifier")]


EVENT_COLUMNS: tuple[Column, ...] = (
    _col("event_id", STRING), _col("doc_id", STRING), _col("doc_date", DATE),
    _col("event_type", STRING), _col("mode", STRING), _col("context", STRINGS),
    _col("cameo_code", STRING), _col("cameo_root", STRING), _col("cameo_name", STRING),
    _col("quad_class", INT), _col("goldstein", FLOAT),
    _col("acled_event_type", STRING), _col("acled_sub_event_type", STRING), _col("incident_class", STRING),
    *_actor("actor", ("text", "name", "country", "sector", "kind", "wikidata")),
    *_actor("recipient", ("text", "name", "country", "sector", "kind", "wikidata")),
    _col("acled_inter1", INT), _col("acled_inter2", INT),
    _col("date", DATE), _col("date_precision", STRING), _col("date_text", STRING),
    *_actor("location", ("text", "name", "country", "admin1")),
    _col("location_lat", FLOAT, "location", "lat"), _col("location_lon", FLOAT, "location", "lon"),
    _col("location_geonameid", BIGINT, "location", "geonameid"), _col("location_precision", STRING, "location", "precision"),
    *_count("fatalities"), *_count("injured"), *_count("arrested"), *_count("abducted"), *_count("size"),
    _col("polarity", STRING), _col("modality", STRING), _col("source", STRING),
    *_actor("speaker", ("name", "country", "sector")),
    _col("sentence_index", INT, "evidence", "sentence_index"),
    _col("sentence_start", INT, "evidence", "start"), _col("sentence_end", INT, "evidence", "end"),
    _col("trigger", STRING, "evidence", "trigger"), _col("sentence", STRING, "evidence", "sentence"),
    _col("confidence", FLOAT), _col("schema_version", STRING), _col("merged_id", STRING),
)
"""The flat event: the CSV export's columns, and the events table's (which adds ``record``)."""

EVENTS = Table("events", (*EVENT_COLUMNS, Column("record", JSON, lambda rec: dict(rec))), ("event_id",))
"""Every flat column, plus ``record``: the whole record as JSON, from which reads rebuild it exactly."""

DOCUMENTS = Table(
    "documents",
    tuple(
        _col(name, type_)
        for name, type_ in (
            ("doc_id", STRING), ("content_hash", STRING), ("doc_date", DATE), ("title", STRING), ("url", STRING),
            ("source", STRING), ("dateline", STRING), ("origin", STRING), ("text", STRING), ("extra", JSON),
            ("ingested_at", TIMESTAMP),
        )
    ),
    ("doc_id",),
)
"""One row per document: ``dataclasses.asdict(Document)`` plus ``ingested_at``."""

REJECTED = Table(
    "rejected",
    tuple(
        _col(name, type_)
        for name, type_ in (
            ("origin", STRING), ("reason", STRING), ("code", STRING), ("message", STRING), ("doc_id", STRING),
            ("rejected_at", TIMESTAMP),
        )
    ),
    ("origin", "reason"),
)
"""One row per rejected input and reason: the same input rejected again replaces its row."""

COUNT_FIELDS: tuple[str, ...] = ("fatalities", "injured", "arrested", "abducted", "size")
"""The count fields of a record, each reconciled over the reports of a merged event."""


def _range(name: str, end: int) -> Callable[[Mapping[str, Any]], Any]:
    def get(rec: Mapping[str, Any]) -> Any:
        span = (rec.get("count_ranges") or {}).get(name)
        return span[end] if span else None

    return get


MERGED = Table(
    "merged_events",
    (
        # the representative mention's flat columns first: merged_id is among them
        *EVENT_COLUMNS,
        _col("num_mentions", INT), _col("num_sources", INT), _col("sources", STRINGS),
        _col("first_seen", DATE), _col("last_seen", DATE), _col("mention_ids", STRINGS),
        *(Column(f"{name}_{side}", INT, _range(name, end)) for name in COUNT_FIELDS for side, end in (("min", 0), ("max", 1))),
        _col("reasons", JSON),
        Column("record", JSON, lambda rec: rec.get("record")),
    ),
    ("merged_id",),
)
"""One row per merged event (``MergedEvent.to_dict()`` flattened): the representative's flat
columns with reconciled counts, the merge's figures, the count ranges, and ``record``: the
representative ``EventRecord`` as JSON."""

TABLES: tuple[Table, ...] = (DOCUMENTS, EVENTS, REJECTED, MERGED)

STORE_VERSION = 4
"""Version of the stored layout (tables and columns above); 1 was the layout before ``khaldun_meta``,
2 the layout before merging (no ``merged_events`` table, no ``merged_id`` column), 3 the layout
before ``incident_class`` (non-political incidents, ``docs/coding.md``)."""

UPGRADABLE_FROM: frozenset[int] = frozenset({2, 3})
"""Older layouts a store upgrades in place (``docs/store.md``, upgrades): every change from them to
:data:`STORE_VERSION` is additive. 2 -> 3 added the ``merged_events`` table and ``events.merged_id``;
3 -> 4 added ``incident_class`` to ``events`` and ``merged_events`` (and the roll-ups, which came within
layout 3, are rebuilt from the events in any case). Layout 1 is not: its columns were renamed
(``lat``/``lon``) and changed meaning (``actor_name`` held the name or the text), and its
rejections had no key; such a file is refused. A layout added later that only adds tables,
columns or indexes joins this set."""


# -- roll-ups: event counts kept beside the events ------------------------------
#
# Each roll-up holds, per month and per combination of some of the columns the
# analysis groups or filters by, the number of events and their Goldstein sum,
# of mentions (``from_table = 'events'``) and of merged events
# (``'merged_events'``). Rows are additive: a key may have several rows (a
# write appends the counts of the events it removes, negated, and of those it
# adds), and every reader sums them; the store compacts them now and then. So
# the sums over a roll-up are always exactly those of these expressions over
# the event tables, kept in the same transaction as every write. The analysis
# reads the smallest roll-up that answers a question instead of scanning
# millions of events (see ``docs/analysis.md``).


def actor_label(role: str) -> str:
    """SQL of an actor's label over the flat columns: country/sector, else its name, else its text, else "?"."""
    return f"coalesce(nullif(concat_ws('/', {role}_country, {role}_sector), ''), {role}_name, {role}_text, '?')"


@dataclass(frozen=True)
class Rollup:
    """A table of counts grouped by ``keys`` over the flat event columns: (name, DuckDB type, SQL) triples.

    Every value is a sum: rows of one key add up."""

    name: str
    keys: tuple[tuple[str, str, str], ...]
    values: tuple[tuple[str, str, str], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(n for n, _, _ in (*self.keys, *self.values))

    def duckdb_ddl(self) -> str:
        cols = ",\n    ".join(f'"{n}" {t}' for n, t, _ in (("from_table", "VARCHAR", ""), *self.keys, *self.values))
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {cols}\n);"

    def select(self, source: str, where: str = "TRUE", *, sign: int = 1) -> str:
        """SQL of the roll-up rows (all but ``from_table``) of the rows of ``source`` matching ``where``;
        ``sign=-1`` negates the values (the rows that take those events away)."""
        neg = "-" if sign < 0 else ""
        exprs = ", ".join([*(f'{sql} AS "{n}"' for n, _, sql in self.keys),
                           *(f'{neg}{sql} AS "{n}"' for n, _, sql in self.values)])
        return f"SELECT {exprs} FROM {source} WHERE {where} GROUP BY ALL"

    def compacted(self) -> str:
        """SQL of the table's rows with one row per key (keys whose events all went, dropped)."""
        keys = ", ".join(f'"{n}"' for n, _, _ in self.keys)
        sums = ", ".join(f'sum("{n}")::{t} AS "{n}"' for n, t, _ in self.values)
        return f"SELECT from_table, {keys}, {sums} FROM {self.name} GROUP BY ALL HAVING sum(events) <> 0"


_MONTH = ("month", "DATE", "CAST(date_trunc('month', date) AS DATE)")
_GOLDSTEIN = (
    # fixed point, so that sums taken apart and added back are exactly the sum of the events
    ("goldstein", "DECIMAL(38,3)", "coalesce(sum(CAST(goldstein AS DECIMAL(18,3))), 0)"),
    ("goldstein_n", "BIGINT", "count(goldstein)"),
)
_COUNTRIES = tuple((f"{r}_country", "VARCHAR", f"{r}_country") for r in ("actor", "recipient", "location"))
_TYPES = (("event_type", "VARCHAR", "event_type"), ("cameo_root", "VARCHAR", "cameo_root"),
          ("cameo_prefix", "VARCHAR", "left(cameo_code, 2)"), ("quad_class", "INTEGER", "quad_class"))
ACTOR_KNOWN = "(actor_country IS NOT NULL OR actor_name IS NOT NULL OR actor_text IS NOT NULL)"

EVENT_COUNTS = Rollup(
    "event_counts",
    keys=(_MONTH, ("actor", "VARCHAR", actor_label("actor")), ("recipient", "VARCHAR", actor_label("recipient")),
          ("actor_known", "BOOLEAN", ACTOR_KNOWN), *_COUNTRIES, *_TYPES),
    values=(("events", "BIGINT", "count(*)"), *_GOLDSTEIN),
)
"""Per month (undated events under a null month), actor pair, the three countries, type and QuadClass: the
roll-up for filtered questions. A month, not a day: at a day per row it would be nearly as long as the events
(most actor pairs are rare), and no faster to read."""

PAIR_COUNTS = Rollup(
    "pair_counts",
    keys=(_MONTH, ("actor", "VARCHAR", actor_label("actor")), ("recipient", "VARCHAR", actor_label("recipient")),
          ("actor_known", "BOOLEAN", ACTOR_KNOWN)),
    values=(("events", "BIGINT", "count(*)"),
            *((f"q{q}", "BIGINT", f"count(*) FILTER (WHERE quad_class = {q})") for q in (1, 2, 3, 4)), *_GOLDSTEIN),
)
"""Per month and actor pair, with the QuadClass counts: dyads and the network without filters."""

PAIR_TOTALS = Rollup(
    "pair_totals",
    keys=(("actor", "VARCHAR", actor_label("actor")), ("recipient", "VARCHAR", actor_label("recipient")),
          ("actor_known", "BOOLEAN", ACTOR_KNOWN), ("dated", "BOOLEAN", "date IS NOT NULL")),
    values=PAIR_COUNTS.values,
)
"""Per actor pair over all time (dated or not): the network, and the busiest pairs, without filters."""

COUNTRY_COUNTS = Rollup(
    "country_counts",
    keys=(_MONTH, ("country", "VARCHAR", "coalesce(location_country, actor_country, '?')"), *_TYPES),
    values=(("events", "BIGINT", "count(*)"),),
)
"""Per month, country (the location's, else the actor's), type and QuadClass: timelines without a country filter."""

ROLLUPS: tuple[Rollup, ...] = (EVENT_COUNTS, PAIR_COUNTS, PAIR_TOTALS, COUNTRY_COUNTS)
