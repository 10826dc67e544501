"""Stores written by older khaldun versions, opened by this one: upgraded in place, or refused clearly.

The old files are real DuckDB files made with the DDL those versions ran
(``fixtures/layoutN.sql``, from git history) and rows as they wrote them
(``_old.py``); then this version's store opens them. No mocks.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from khaldun.errors import StoreError
from khaldun.merge import merge_store
from khaldun.records import EventRecord
from khaldun.schema import ROLLUPS, STORE_VERSION, UPGRADABLE_FROM
from khaldun.store import DuckDBStore, EventQuery
from khaldun.store.duckdb_store import layout

from ._factory import DOC_A, DOC_B, DOC_F, EVENTS_A, EVENTS_B, FULL, REJ_EMPTY
from ._old import columns, ddl, version, write_old

Run = Callable[..., subprocess.CompletedProcess[str]]

FULL_INCIDENT = dataclasses.replace(FULL, incident_class="organized_crime")


def old_records(layout_: int) -> list[EventRecord]:
    """What a khaldun of that layout coded: layout 2's coder knew no incident_class."""
    full = FULL if layout_ == 2 else FULL_INCIDENT
    return [*EVENTS_A, full]


def make_old(path: Path, layout_: int) -> Path:
    write_old(path, layout_, [(DOC_A, EVENTS_A), (DOC_F, old_records(layout_)[-1:])], [REJ_EMPTY])
    return path


def fresh_columns(tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    DuckDBStore(tmp_path / "fresh.duckdb")
    return columns(tmp_path / "fresh.duckdb")


def rollup_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r.name: sorted(con.execute(r.compacted()).fetchall(), key=repr) for r in ROLLUPS}
    finally:
        con.close()


def test_the_fixtures_are_the_layouts_they_claim(tmp_path: Path) -> None:
    assert UPGRADABLE_FROM == {2, 3} and STORE_VERSION == 4
    two, three = columns(make_old(tmp_path / "2.duckdb", 2)), columns(make_old(tmp_path / "3.duckdb", 3))
    assert version(tmp_path / "2.duckdb") == "2" and version(tmp_path / "3.duckdb") == "3"
    assert "merged_events" not in two and ("merged_id", "VARCHAR") not in two["events"]
    assert ("merged_id", "VARCHAR") in three["events"] and "merged_events" in three
    assert ("incident_class", "VARCHAR") not in three["events"]
    assert all(r.name in three for r in ROLLUPS)  # layout 3 had grown its roll-ups by then


@pytest.mark.parametrize("old", [2, 3])
def test_an_older_layout_is_upgraded_in_place_when_opened_for_writing(old: int, tmp_path: Path) -> None:
    db = make_old(tmp_path / "old.duckdb", old)
    told: list[str] = []
    store = DuckDBStore(db, lock_timeout=10, on_upgrade=told.append)
    # the version, and the tables and columns of a file this version made
    assert version(db) == str(STORE_VERSION)
    assert {t: set(c) for t, c in columns(db).items()} == {t: set(c) for t, c in fresh_columns(tmp_path).items()}
    assert store.upgraded is not None and store.upgraded.from_version == old and store.has_counts
    assert len(told) == 1 and told[0].startswith(f"upgraded {db} from store layout {old} to {STORE_VERSION}")
    assert "events.incident_class" in told[0]
    # every event reads back as it was coded, the new field from the stored record where it had one
    assert store.events() == sorted(old_records(old), key=lambda e: (e.date or "9999", e.doc_id, e.evidence.sentence_index))
    assert store.rejected()[0]["reason"] == "empty"
    con = duckdb.connect(str(db), read_only=True)
    incident = dict(con.execute("SELECT event_id, incident_class FROM events").fetchall())
    con.close()
    assert incident == {"e1": None, "e2": None, "e3": None, "f1": None if old == 2 else "organized_crime"}
    n, rows = store.upgraded.filled["events.incident_class"]
    assert (n, rows) == (0 if old == 2 else 1, 4)
    # new events are written, and queries, roll-ups, merging work as on a fresh file
    store.write([(DOC_B, EVENTS_B)])
    assert store.count("events") == 5
    assert [e.event_id for e in store.events(EventQuery(country="KEN"))] == ["e3", "f1"]
    assert store.events_page(EventQuery(), limit=2).records[0]["event_id"] == "e4"
    assert store.stats()["counts"]["events"] == 5
    fresh = DuckDBStore(tmp_path / "same.duckdb")
    fresh.write([(DOC_A, EVENTS_A), (DOC_F, old_records(old)[-1:]), (DOC_B, EVENTS_B)])
    assert rollup_rows(db) == rollup_rows(tmp_path / "same.duckdb")
    merge_store(store)
    merge_store(fresh)
    assert store.count("merged_events") == fresh.count("merged_events") > 0
    assert rollup_rows(db) == rollup_rows(tmp_path / "same.duckdb")
    # opened again: nothing more to do
    assert DuckDBStore(db, on_upgrade=told.append).upgraded is None and len(told) == 1


@pytest.mark.parametrize("old", [2, 3])
def test_read_only_an_older_layout_is_refused_naming_the_upgrade_and_left_as_it_is(old: int, tmp_path: Path) -> None:
    db = make_old(tmp_path / "my store.duckdb", old)
    before = columns(db)
    with pytest.raises(StoreError) as err:
        DuckDBStore(db, read_only=True)
    message = str(err.value)
    assert message.startswith("[K040]") and f"store layout {old}" in message
    assert message.endswith(f"khaldun upgrade '{db}'")  # quoted as a shell would need it
    assert columns(db) == before and version(db) == str(old)
    # what the upgrade would add, read without changing anything
    found, upgrade = layout(db)
    assert found == old and upgrade is not None
    assert {f"{a.table}.{a.column.name}" for a in upgrade.columns} >= {"events.incident_class"}
    assert columns(db) == before


def test_a_layout_that_cannot_be_upgraded_is_refused_either_way(tmp_path: Path) -> None:
    one = tmp_path / "one.duckdb"
    con = duckdb.connect(str(one))
    con.execute(ddl(1))
    con.close()
    newer = tmp_path / "newer.duckdb"
    DuckDBStore(newer)
    con = duckdb.connect(str(newer))
    con.execute("UPDATE khaldun_meta SET value = ? WHERE key = 'store_version'", [str(STORE_VERSION + 1)])
    con.close()
    changed = make_old(tmp_path / "changed.duckdb", 3)
    con = duckdb.connect(str(changed))
    con.execute("ALTER TABLE events ADD COLUMN note VARCHAR")  # not of any khaldun layout
    con.close()
    retyped = make_old(tmp_path / "retyped.duckdb", 2)
    con = duckdb.connect(str(retyped))
    con.execute("ALTER TABLE events ALTER confidence TYPE VARCHAR")
    con.close()
    cases = {
        one: "store layout 1; this version reads layout 4) and cannot be upgraded in place: its columns were renamed",
        newer: f"written by a newer khaldun (store layout {STORE_VERSION + 1}",
        changed: "events.note is not a column of layout 4",
        retyped: "events.confidence is VARCHAR, layout 4 has DOUBLE",
    }
    for db, expected in cases.items():
        before = columns(db)
        for read_only in (True, False):
            with pytest.raises(StoreError, match="K040") as err:
                DuckDBStore(db, read_only=read_only)
            assert expected in str(err.value), str(err.value)
            assert "khaldun upgrade" not in str(err.value)
        with pytest.raises(StoreError, match="K040"):
            layout(db)
        assert columns(db) == before


def test_an_upgrade_rolled_back_leaves_the_older_layout(tmp_path: Path) -> None:
    # a record whose stored context is not a list: filling a list column from it fails inside the transaction
    db = make_old(tmp_path / "old.duckdb", 3)
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE events DROP COLUMN context")  # as if context had come with the next layout
    con.execute("""UPDATE events SET record = json_merge_patch(record, '{"context": {"not": "a list"}}') WHERE event_id = 'e2'""")
    con.close()
    before = columns(db)
    with pytest.raises(StoreError, match="K040.*cannot write"):
        DuckDBStore(db)
    assert columns(db) == before and version(db) == "3"
    con = duckdb.connect(str(db))
    con.execute("""UPDATE events SET record = json_merge_patch(record, '{"context": ["protest"]}') WHERE event_id = 'e2'""")
    con.close()
    store = DuckDBStore(db)
    assert store.upgraded is not None and store.upgraded.filled["events.context"] == (4, 4)
    assert store.events(EventQuery(doc_id="a"))[-1].context == ("protest",)  # e2, undated, comes last


@pytest.mark.slow
def test_real_coded_records_survive_the_upgrade(coded: list[tuple[Any, list[EventRecord]]], tmp_path: Path) -> None:
    db = tmp_path / "coded.duckdb"
    write_old(db, 3, coded)
    store = DuckDBStore(db)
    records = [e for _, evs in coded for e in evs]
    assert sorted(store.events(), key=lambda e: e.event_id) == sorted(records, key=lambda e: e.event_id)
    con = duckdb.connect(str(db), read_only=True)
    stored = dict(con.execute("SELECT event_id, incident_class FROM events").fetchall())
    con.close()
    assert stored == {e.event_id: e.incident_class for e in records}


def test_the_commands_on_an_older_store(tmp_path: Path, khaldun_cli: Run) -> None:
    db = make_old(tmp_path / "old.duckdb", 3)
    res = khaldun_cli(["events", "--db", db])
    assert res.returncode == 1 and f"khaldun upgrade {db}" in res.stderr and "Traceback" not in res.stderr
    res = khaldun_cli(["export", "--db", db, "-f", "csv", "-o", tmp_path / "x.csv"])
    assert res.returncode == 1 and "khaldun upgrade" in res.stderr
    res = khaldun_cli(["upgrade", "--dry-run", db])
    assert res.returncode == 0 and "would add column events.incident_class" in res.stderr, res.stderr
    assert version(db) == "3"
    res = khaldun_cli(["upgrade", db])
    assert res.returncode == 0 and f"upgraded {db} from store layout 3 to 4" in res.stderr, res.stderr
    assert version(db) == "4"
    res = khaldun_cli(["upgrade", db])
    assert res.returncode == 0 and "nothing to do" in res.stderr
    res = khaldun_cli(["events", "--db", db, "--format", "jsonl"])
    assert res.returncode == 0 and len(res.stdout.splitlines()) == 4
    res = khaldun_cli(["export", "--db", db, "-f", "csv", "-o", tmp_path / "x.csv"])
    assert res.returncode == 0, res.stderr
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 and {r["event_id"]: r["incident_class"] for r in rows}["f1"] == "organized_crime"
    res = khaldun_cli(["upgrade", tmp_path / "missing.duckdb"])
    assert res.returncode == 1 and "no database at" in res.stderr and not (tmp_path / "missing.duckdb").exists()


@pytest.mark.slow
def test_extract_into_an_older_store_upgrades_it_and_says_so(tmp_path: Path, khaldun_cli: Run) -> None:
    db = make_old(tmp_path / "old.duckdb", 2)
    article = Path(__file__).resolve().parents[2] / "examples" / "border-clash.txt"
    res = khaldun_cli(["extract", article, "--db", db, "-q", "-o", os.devnull])
    assert res.returncode == 0, res.stderr
    assert f"upgraded {db} from store layout 2 to 4" in res.stderr
    store = DuckDBStore(db, read_only=True)
    assert store.count("documents") == 3 and store.count("events") > 4


def test_a_copy_of_an_upgraded_file_is_a_store_like_any(tmp_path: Path) -> None:
    # the upgrade leaves nothing behind that needs the process that made it (no temp tables, no open WAL)
    db = make_old(tmp_path / "old.duckdb", 2)
    DuckDBStore(db).close()
    shutil.copy(db, tmp_path / "copy.duckdb")
    copy = DuckDBStore(tmp_path / "copy.duckdb", read_only=True)
    assert copy.count("events") == 4 and copy.has_counts
