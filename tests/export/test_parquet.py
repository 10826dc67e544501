"""Parquet: typed as khaldun.schema says, read back by pyarrow, polars, pandas and DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khaldun.export import export
from khaldun.export.parquet import arrow_schema, arrow_type
from khaldun.records import EventRecord, MergedEvent
from khaldun.schema import EVENTS, MERGED, Column
from khaldun.store import DuckDBStore, EventQuery

pytestmark = pytest.mark.slow


def test_arrow_types_are_the_schemas() -> None:
    spelled = {c.type.arrow for c in MERGED.columns}
    assert spelled >= {"string", "list<string>", "int32", "int64", "float64", "date32"}
    assert arrow_type(Column("x", EVENTS.columns[5].type, lambda r: None)) == pa.list_(pa.string())  # context
    assert [f.name for f in arrow_schema("mentions")] == list(EVENTS.names)
    assert [f.name for f in arrow_schema("events")] == list(MERGED.names)


def test_mentions_read_back_equal_to_the_stored_records(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "mentions.parquet"
    n = export(store, "parquet", "mentions", path=path)
    records = store.events()
    assert n == len(records) > 10

    table = pq.read_table(path)
    assert table.schema.equals(arrow_schema("mentions"), check_metadata=False)
    assert table.schema.metadata[b"khaldun.level"] == b"mentions"
    assert table.schema.field("date").type == pa.date32() and table.schema.field("context").type == pa.list_(pa.string())
    assert table.schema.field("location_geonameid").type == pa.int64() and table.schema.field("goldstein").type == pa.float64()
    rebuilt = [EventRecord.from_dict(json.loads(text)) for text in table.column("record").to_pylist()]
    assert rebuilt == records

    frame = pl.read_parquet(path)
    assert frame.height == n and frame.schema["date"] == pl.Date and frame.schema["context"] == pl.List(pl.String)
    assert frame["event_id"].to_list() == [r.event_id for r in records]
    assert frame["actor_country"].to_list() == [r.actor.country if r.actor else None for r in records]
    assert frame["fatalities"].to_list() == [r.fatalities.value if r.fatalities else None for r in records]

    df = pd.read_parquet(path)
    assert len(df) == n and pd.api.types.is_float_dtype(df["goldstein"])
    assert df["cameo_code"].tolist() == [r.cameo_code for r in records]
    assert df["merged_id"].tolist() == [r.merged_id for r in records]

    by_country = dict(duckdb.connect().execute(f"SELECT actor_country, count(*) FROM '{path}' GROUP BY 1").fetchall())
    expected: dict[str | None, int] = {}
    for r in records:
        key = r.actor.country if r.actor else None
        expected[key] = expected.get(key, 0) + 1
    assert by_country == expected
    assert duckdb.connect().execute(f"SELECT typeof(date), typeof(context) FROM '{path}' LIMIT 1").fetchone() == ("DATE", "VARCHAR[]")


def test_events_carry_the_merge_and_the_representative(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    n = export(store, "parquet", "events", path=path)
    merged = store.merged_events()
    assert n == len(merged) > 0
    frame = pl.read_parquet(path)
    assert frame["merged_id"].to_list() == [m.merged_id for m in merged]
    assert frame["num_mentions"].to_list() == [m.num_mentions for m in merged]
    assert frame["sources"].to_list() == [list(m.sources) for m in merged]
    assert frame.schema["first_seen"] == pl.Date
    rebuilt = [EventRecord.from_dict(json.loads(t)) for t in frame["record"].to_list()]
    assert rebuilt == [m.record for m in merged]
    attack = next(m for m in merged if m.num_sources == 3)
    row = frame.filter(pl.col("merged_id") == attack.merged_id).row(0, named=True)
    assert (row["fatalities_min"], row["fatalities_max"]) == attack.count_ranges["fatalities"]
    assert row["fatalities"] == attack.record.fatalities.value
    assert MergedEvent.from_dict({**attack.to_dict(), "record": json.loads(row["record"])}) == attack
    dates = duckdb.connect().execute(f"SELECT min(first_seen) <= max(last_seen) FROM '{path}'").fetchone()
    assert dates == (True,)


def test_filters_apply(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "nga.parquet"
    n = export(store, "parquet", "mentions", EventQuery(country="NGA", event_type="ASSAULT"), path)
    assert n == len(store.events(EventQuery(country="NGA", event_type="ASSAULT"))) > 0
    assert set(pd.read_parquet(path)["event_type"]) == {"ASSAULT"}
