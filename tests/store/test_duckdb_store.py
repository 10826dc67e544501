"""What only the DuckDB backend does: files, read-only opening, layout versions, the shared flat layout.

The behaviour every backend shares is in ``test_contract.py``; several
processes on one file are in ``test_concurrency.py``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest

from khaldun.errors import StoreError
from khaldun.export import write_records
from khaldun.schema import DOCUMENTS, EVENT_COLUMNS, EVENTS, REJECTED, STORE_VERSION
from khaldun.store import DuckDBStore, EventQuery

from ._factory import DOC_A, DOC_F, EVENTS_A, FULL, REJ_EMPTY

# the layout before khaldun_meta (store layout 1), as khaldun wrote it
LAYOUT_1 = """
CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR, doc_date DATE, title VARCHAR, url VARCHAR,
    source VARCHAR, dateline VARCHAR, origin VARCHAR, text VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE events (event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_type VARCHAR, lat DOUBLE, record JSON);
CREATE TABLE rejected (origin VARCHAR, reason VARCHAR, code VARCHAR, message VARCHAR, doc_id VARCHAR, rejected_at TIMESTAMP);
"""


def test_a_file_database_persists_and_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "sub.duckdb"
    with DuckDBStore(path) as s:
        s.write([(DOC_A, EVENTS_A)])
    with DuckDBStore(str(path), read_only=True) as s:
        assert [e.event_id for e in s.events(EventQuery(event_type="ASSAULT"))] == ["e1"]
        with s.connection() as con:
            rows = con.execute("SELECT doc_id, doc_date, origin, text FROM documents").fetchall()
        assert [(d, str(when), o, t) for d, when, o, t in rows] == [("a", "2024-03-09", "a.txt", "Troops attacked.")]
        with pytest.raises(StoreError, match="read-only"):
            s.write([(DOC_F, [FULL])])


def test_a_file_store_holds_no_connection_between_calls(tmp_path: Path) -> None:
    path = tmp_path / "free.duckdb"
    store = DuckDBStore(path)
    store.write([(DOC_A, EVENTS_A)])
    # were the store still holding its read-write connection, DuckDB would refuse this read-only one
    # (another configuration in the same process), and every other process too
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (3,)
    con.close()


def test_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"^\[K040\] no database at"):
        DuckDBStore(tmp_path / "nope.duckdb", read_only=True)
    with pytest.raises(StoreError, match=r"^\[K040\] cannot open"):
        DuckDBStore(tmp_path / "no-such-folder" / "x.duckdb")


def test_a_duckdb_file_that_is_not_ours_is_a_store_error(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(StoreError, match="not a khaldun database"):
        DuckDBStore(other, read_only=True)
    partial = tmp_path / "partial.duckdb"
    with duckdb.connect(str(partial)) as con:
        con.execute("CREATE TABLE events (x INTEGER)")
    with pytest.raises(StoreError, match="not a khaldun database"):
        DuckDBStore(partial)
    (tmp_path / "text.duckdb").write_text("hello")
    with pytest.raises(StoreError, match="cannot open"):
        DuckDBStore(tmp_path / "text.duckdb", read_only=True)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_database_of_the_older_layout_says_what_to_do(tmp_path: Path, read_only: bool) -> None:
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as con:
        con.execute(LAYOUT_1)
    with pytest.raises(StoreError, match=r"^\[K040\] .*old\.duckdb was written by an older khaldun \(store layout 1") as err:
        DuckDBStore(old, read_only=read_only)
    assert "re-run `khaldun extract` into a new file" in str(err.value)


def test_a_database_of_a_newer_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    DuckDBStore(path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE khaldun_meta SET value = ? WHERE key = 'store_version'", [str(STORE_VERSION + 1)])
    with pytest.raises(StoreError, match="newer khaldun"):
        DuckDBStore(path, read_only=True)


def test_the_tables_are_the_schema_definitions(tmp_path: Path) -> None:
    store = DuckDBStore(tmp_path / "t.duckdb")
    with store.connection() as con:
        for table in (DOCUMENTS, EVENTS, REJECTED):
            got = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table.name],
            ).fetchall()
            assert got == [(c.name, c.type.duckdb) for c in table.columns]
        assert con.execute("SELECT value FROM khaldun_meta WHERE key = 'store_version'").fetchone() == (str(STORE_VERSION),)
    assert EVENTS.names == (*(c.name for c in EVENT_COLUMNS), "record")


def test_the_events_table_and_the_csv_export_share_one_flat_row() -> None:
    store = DuckDBStore()
    store.write([(DOC_F, [FULL]), (DOC_A, EVENTS_A)], [REJ_EMPTY])
    out = io.StringIO()
    write_records([e.to_dict() for e in store.events()], out, "csv")
    exported = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    names = [c.name for c in EVENT_COLUMNS]
    with store.connection() as con:
        cur = con.execute(f"SELECT {', '.join(names)} FROM events ORDER BY date NULLS LAST, doc_id, sentence_index, event_id")
        stored = cur.fetchall()
    assert len(exported) == len(stored) == 4
    for csv_row, row in zip(exported, stored):
        for name, value in zip(names, row):
            if isinstance(value, list):
                value = ";".join(value)
            assert csv_row[name] == ("" if value is None else str(value)), name
    full = {row[0]: row for row in stored}["f1"]
    assert full[names.index("context")] == ["political", "protest"]


def test_a_documents_extra_and_dates_are_stored(tmp_path: Path) -> None:
    store = DuckDBStore()
    store.write([(DOC_F, [FULL])])
    with store.connection() as con:
        assert con.execute("SELECT extra->>'lang', doc_date::VARCHAR FROM documents").fetchone() == ("en", "2024-03-09")
        assert con.execute("SELECT list_contains(context, 'protest'), location_geonameid FROM events").fetchone() == (True, 186301)
