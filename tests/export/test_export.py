"""export(): csv and jsonl at both levels, errors, whole-or-nothing writes, and the khaldun export command."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from khaldun.errors import UsageError
from khaldun.export import EXPORT_FORMATS, GDELT_COLUMNS, export
from khaldun.export.formats import CSV_COLUMNS
from khaldun.records import Document, EventRecord, MergedEvent
from khaldun.schema import MERGED, validation_errors
from khaldun.store import DuckDBStore, EventQuery

from .test_formats import records


def _unmerged_store() -> DuckDBStore:
    store = DuckDBStore()
    recs = [EventRecord.from_dict(r) for r in records()]
    store.write([(Document(doc_id="d1", text="Police arrested 14 people in Mombasa.", content_hash="h1"), recs)])
    return store


def test_unknown_format_or_level_and_an_unmerged_events_export_are_usage_errors(tmp_path: Path) -> None:
    store = _unmerged_store()
    with pytest.raises(UsageError, match="unknown export format"):
        export(store, "xml", path=tmp_path / "x")
    with pytest.raises(UsageError, match="unknown level"):
        export(store, "csv", "stories", path=tmp_path / "x")
    with pytest.raises(UsageError, match="khaldun merge"):
        export(store, "gdelt", "events", path=tmp_path / "x")
    with pytest.raises(UsageError, match="no folder"):
        export(store, "csv", path=tmp_path / "missing" / "x.csv")
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_a_failed_export_leaves_no_partial_file(tmp_path: Path) -> None:
    store = _unmerged_store()
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("earlier\n")
    with pytest.raises(OSError):
        export(store, "gdelt", path=target)  # the rename onto a folder fails after the rows are written
    assert [p.name for p in tmp_path.iterdir()] == ["taken"] and (target / "keep.txt").read_text() == "earlier\n"


def test_unmerged_mentions_export_in_every_format(tmp_path: Path) -> None:
    store = _unmerged_store()
    for fmt in EXPORT_FORMATS:
        assert export(store, fmt, path=tmp_path / f"out.{fmt}") == 2, fmt
    df = pd.read_csv(tmp_path / "out.gdelt", sep="\t", header=None, names=GDELT_COLUMNS, dtype={"EventCode": str})
    assert df.shape == (2, 61) and list(df.NumMentions) == [1, 1] and list(df.NumSources) == [1, 1]
    assert list(df.EventCode) == ["173", "010"] and df.Actor1Code.iloc[0] == "KENCOP"


@pytest.mark.slow
def test_csv_and_jsonl_mentions_are_khalduns_own_formats(store: DuckDBStore, tmp_path: Path) -> None:
    export(store, "csv", path=tmp_path / "m.csv")
    export(store, "jsonl", path=tmp_path / "m.jsonl")
    expected = [e.to_dict() for e in store.events()]
    with open(tmp_path / "m.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == CSV_COLUMNS and [r["event_id"] for r in rows] == [e["event_id"] for e in expected]
    lines = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == expected and all(validation_errors(r) == [] for r in lines)


@pytest.mark.slow
def test_csv_and_jsonl_events_are_merged_events(store: DuckDBStore, tmp_path: Path) -> None:
    export(store, "csv", "events", path=tmp_path / "e.csv")
    export(store, "jsonl", "events", path=tmp_path / "e.jsonl")
    merged = store.merged_events()
    back = [MergedEvent.from_dict(json.loads(line)) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert back == merged
    df = pd.read_csv(tmp_path / "e.csv")
    assert list(df.columns) == [c.name for c in MERGED.columns if c.type.name != "json"]
    assert list(df.merged_id) == [m.merged_id for m in merged] and list(df.num_sources) == [m.num_sources for m in merged]


@pytest.mark.slow
def test_events_filters_apply_to_the_representative(store: DuckDBStore, tmp_path: Path) -> None:
    query = EventQuery(event_type="ASSAULT", country="NGA")
    n = export(store, "acled", "events", query, tmp_path / "a.csv")
    assert n == len(store.merged_events(query)) > 0
    assert export(store, "gdelt", "mentions", EventQuery(limit=3), tmp_path / "g.tsv") == 3


@pytest.mark.slow
def test_the_command_writes_each_format(store_path: Path, tmp_path: Path, khaldun_cli: Callable[..., Any]) -> None:
    out = tmp_path / "events.tsv"
    res = khaldun_cli(["export", "--db", store_path, "--format", "gdelt", "--level", "events", "--type", "ASSAULT", "-o", out])
    assert res.returncode == 0, res.stderr
    assert "events written to" in res.stderr
    df = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, dtype={"EventRootCode": str})
    # PLOVER's ASSAULT: CAMEO 18-20, and from 17 destroying property (1712) and violent repression (175)
    assert df.shape[1] == 61 and set(df.EventRootCode) <= {"17", "18", "19", "20"} and len(df)
    res = khaldun_cli(["export", "--db", store_path, "-f", "plover", "--country", "NGA", "--limit", "2", "-o", "-"])
    assert res.returncode == 0 and len(res.stdout.splitlines()) == 2
    res = khaldun_cli(["export", "--db", store_path, "-f", "parquet", "-o", "-"])
    assert res.returncode == 2 and "binary format" in res.stderr
    res = khaldun_cli(["export", "--db", store_path, "-f", "csv", "--since", "yesterday", "-o", tmp_path / "x.csv"])
    assert res.returncode == 2 and not (tmp_path / "x.csv").exists()


def test_the_public_names() -> None:
    import khaldun.export

    assert sorted(khaldun.export.__all__) == sorted([
        "ACLED_COLUMNS", "EXPORT_FORMATS", "FORMATS", "GDELT_COLUMNS", "LEVELS", "ExportItem", "acled_row", "actor_code",
        "arrow_table", "collect", "export", "flatten", "gdelt_row", "open_output", "plover_record", "write_parquet",
        "write_records", "write_text",
    ])
    for name in khaldun.export.__all__:
        assert getattr(khaldun.export, name) is not None
