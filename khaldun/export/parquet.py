"""Parquet: the store's flat layout, typed, with the whole record as JSON.

The columns are the store's own (:mod:`khaldun.schema`), typed by each
column's ``type.arrow``: at the mentions level those of the ``events`` table
(:data:`~khaldun.schema.EVENTS`: the flat event and ``record``), at the
events level those of ``merged_events`` (:data:`~khaldun.schema.MERGED`: the
representative's flat columns, the merge's figures, the count ranges,
``reasons`` and ``record``). ``record`` (and ``reasons``) are JSON text, so
the nested record is there whole for whoever wants it. The file's metadata
says which level and layout it holds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from khaldun import __version__
from khaldun.export.rows import ExportItem
from khaldun.records import SCHEMA_VERSION
from khaldun.schema import EVENTS, MERGED, STORE_VERSION, Column, Table

if TYPE_CHECKING:
    import pyarrow as pa


def table_of(level: str) -> Table:
    """The flat layout an export level writes: ``events`` for mentions, ``merged_events`` for events."""
    return MERGED if level == "events" else EVENTS


def arrow_type(column: Column) -> pa.DataType:
    """The Arrow type of a schema column, from its ``type.arrow`` spelling."""
    import pyarrow as pa

    spelled = column.type.arrow
    if spelled.startswith("list<") and spelled.endswith(">"):
        return pa.list_(pa.type_for_alias(spelled[5:-1]))
    return pa.type_for_alias(spelled)


def arrow_schema(level: str) -> pa.Schema:
    """The Arrow schema of a level's Parquet file, with the file's metadata."""
    import pyarrow as pa

    meta = {"khaldun.level": level, "khaldun.version": __version__, "khaldun.schema_version": SCHEMA_VERSION,
            "khaldun.store_version": str(STORE_VERSION), "khaldun.table": table_of(level).name}
    return pa.schema([pa.field(c.name, arrow_type(c)) for c in table_of(level).columns], metadata=meta)


def _rows(items: Sequence[ExportItem], level: str) -> list[dict[str, Any]]:
    table = table_of(level)
    if level == "events":
        return [table.row({**i.record, **i.merged.to_dict(), "record": i.record}) for i in items if i.merged is not None]
    return [table.row(i.record) for i in items]


def _value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type.name
    if kind == "date":
        return date.fromisoformat(value) if isinstance(value, str) else value
    if kind == "json":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if kind == "strings":
        return list(value)
    return value


def arrow_table(items: Sequence[ExportItem], level: str = "mentions") -> pa.Table:
    """The export items as an Arrow table of the level's layout."""
    import pyarrow as pa

    schema = arrow_schema(level)
    rows = _rows(items, level)
    columns = table_of(level).columns
    arrays = [pa.array([_value(c, row[c.name]) for row in rows], type=schema.field(c.name).type) for c in columns]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(items: Sequence[ExportItem], path: str, level: str = "mentions") -> int:
    """Write the items to a Parquet file at ``path`` (zstd-compressed); returns how many rows."""
    import pyarrow.parquet as pq

    table = arrow_table(items, level)
    pq.write_table(table, path, compression="zstd")
    return table.num_rows
