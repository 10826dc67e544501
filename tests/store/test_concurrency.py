"""Several processes on one DuckDB file, for real: no mocks, separate OS processes.

DuckDB lets one process write a file and no other read it meanwhile; the
store opens the file per call and waits its turn (``lock_timeout``). These
tests hold it to that, and hold DuckDB's write-ahead log to recovering from
a process killed in the middle of a write.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from khaldun.errors import StoreError, StoreLocked
from khaldun.store import DuckDBStore, EventQuery

from ._factory import DOC_A, EVENTS_A, batch
from ._old import write_old

CHILD = Path(__file__).with_name("_child.py")
Run = Callable[..., subprocess.CompletedProcess[str]]


def child(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(CHILD), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen[str], line: str, timeout: float = 60) -> list[str]:
    """Lines the child printed up to and including ``line``."""
    assert proc.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = proc.stdout.readline()
        if not out:
            raise AssertionError(f"child ended before {line!r}: {seen} {proc.stderr.read() if proc.stderr else ''}")
        seen.append(out.strip())
        if out.strip() == line:
            return seen
    raise AssertionError(f"no {line!r} within {timeout} s: {seen}")


def finish(proc: subprocess.Popen[str], timeout: float = 120) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out


def batch_sizes(db: Path) -> dict[str, tuple[int, int]]:
    """``{batch: (documents, events)}`` for the documents ``{batch}-{i}`` the children write."""
    with DuckDBStore(db, read_only=True).connection() as con:
        docs = dict(con.execute("SELECT regexp_extract(doc_id, '^(.*)-', 1) b, count(*) FROM documents GROUP BY b").fetchall())
        evs = dict(con.execute("SELECT regexp_extract(doc_id, '^(.*)-', 1) b, count(*) FROM events GROUP BY b").fetchall())
    return {b: (docs[b], evs.get(b, 0)) for b in docs}


def test_two_processes_writing_one_file_both_store_every_batch(tmp_path: Path) -> None:
    db = tmp_path / "two.duckdb"
    DuckDBStore(db)  # created once, so that both children find the tables
    a, b = child("write", db, "a", 8, 30, 3), child("write", db, "b", 8, 30, 3)
    finish(a)
    finish(b)
    sizes = batch_sizes(db)
    assert sizes == {f"{p}{k}": (30, 90) for p in "ab" for k in range(1, 9)}
    store = DuckDBStore(db, read_only=True)
    assert (store.count("documents"), store.count("events")) == (480, 1440)
    assert len(store.events(EventQuery(doc_id="b7-3"))) == 3


def test_reading_while_another_process_writes_repeatedly(tmp_path: Path, khaldun_cli: Run) -> None:
    db = tmp_path / "busy.duckdb"
    DuckDBStore(db)
    writer = child("write", db, "w", 15, 30, 4)
    wait_for(writer, "committed 1")
    reader = DuckDBStore(db, read_only=True, lock_timeout=30)
    seen = []
    cli_runs = []
    while writer.poll() is None:
        seen.append(reader.count("events"))
        time.sleep(0.05)
        # the command-line reads (a few seconds each on a loaded machine) come after the
        # store's own first reads, so that those happen while the writer is busy
        if len(seen) >= 3 and len(cli_runs) < 2:
            cli_runs.append(khaldun_cli(["events", "--db", db, "--format", "jsonl", "--limit", "5"], timeout=120))
    finish(writer)
    for res in cli_runs:
        assert res.returncode == 0, res.stderr
        assert len(res.stdout.splitlines()) == 5
    assert seen and seen[0] < 15 * 120  # read while the writer still had batches to write
    assert seen == sorted(seen) and all(n % 120 == 0 for n in seen)  # whole batches only
    assert reader.count("events") == 15 * 120


def test_a_process_holding_the_file_past_lock_timeout_is_store_locked(tmp_path: Path, khaldun_cli: Run) -> None:
    db = tmp_path / "held.duckdb"
    DuckDBStore(db).write([(DOC_A, EVENTS_A)])
    waits: list[str] = []
    store = DuckDBStore(db, lock_timeout=0.5, on_wait=waits.append)
    holder = child("hold", db, 30)
    try:
        wait_for(holder, "holding")
        start = time.monotonic()
        with pytest.raises(StoreLocked) as err:
            store.write(batch("x", 2, 1))
        assert 0.5 <= time.monotonic() - start < 5
        message = str(err.value)
        assert message.startswith("[K041]") and str(db) in message and f"PID {holder.pid}" in message
        assert "lock_timeout" in message
        assert waits == [f"waiting for {db}: it is held by PID {holder.pid} ({waits[0].split('(', 1)[1]}"]
        with pytest.raises(StoreLocked):
            DuckDBStore(db, read_only=True, lock_timeout=0.2).events()
        res = khaldun_cli(["events", "--db", db], env={"KHALDUN_LOCK_TIMEOUT": "0.5"})
        assert res.returncode == 1
        assert f"waiting for {db}: it is held by PID {holder.pid}" in res.stderr
        assert "[K041]" in res.stderr and "lock_timeout" in res.stderr
    finally:
        holder.kill()
        holder.wait()
    assert DuckDBStore(db, read_only=True).count("events") == 3


def test_a_writer_waits_for_a_short_holder_then_writes(tmp_path: Path) -> None:
    db = tmp_path / "short.duckdb"
    DuckDBStore(db)
    waits: list[str] = []
    store = DuckDBStore(db, lock_timeout=60, on_wait=waits.append)
    holder = child("hold", db, 1.5)
    wait_for(holder, "holding")
    store.write(batch("x", 5, 2))
    finish(holder)
    assert len(waits) == 1 and f"PID {holder.pid}" in waits[0]
    assert store.count("events") == 10


def test_a_process_killed_inside_a_write_transaction_leaves_the_previous_batches(tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    proc = child("open-transaction", db)
    wait_for(proc, "in transaction")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert batch_sizes(db) == {"t1": (50, 150)}  # read-only, before any writer has replayed the log
    store = DuckDBStore(db)
    assert (store.count("documents"), store.count("events")) == (50, 150)
    store.write(batch("after", 3, 1))
    assert batch_sizes(db) == {"t1": (50, 150), "after": (3, 3)}


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.7])
def test_a_process_killed_at_any_moment_of_its_writes_leaves_whole_batches(tmp_path: Path, delay: float) -> None:
    db = tmp_path / "killed.duckdb"
    proc = child("write", db, "k", 50, 300, 5)
    wait_for(proc, "committed 2")
    wait_for(proc, "begin 3")
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    sizes = batch_sizes(db)
    assert {"k1", "k2"} <= set(sizes)
    assert all(size == (300, 1500) for size in sizes.values()), sizes
    store = DuckDBStore(db)  # opening for writing replays what the log holds
    assert batch_sizes(db) == sizes
    assert store.count("events") == 1500 * len(sizes)


def layout_state(db: Path) -> tuple[str, bool, int, int] | None:
    """(store_version, whether events has incident_class, events, events the roll-ups count), read with DuckDB
    itself, not the store; ``None`` while another process holds the file."""
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            return None
        raise
    try:
        version = con.execute("SELECT value FROM khaldun_meta WHERE key = 'store_version'").fetchone()[0]  # type: ignore[index]
        has = bool(con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'events' "
                               "AND column_name = 'incident_class'").fetchone()[0])  # type: ignore[index]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
        counted = con.execute("SELECT coalesce(sum(events), 0) FROM pair_totals WHERE from_table = 'events'").fetchone()[0]  # type: ignore[index]
        return version, has, int(events), int(counted)
    finally:
        con.close()


def test_readers_during_an_upgrade_see_the_older_layout_or_the_whole_new_one(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    write_old(db, 3, batch("u", 1000, 10))
    old, new = ("3", False, 10_000, 10_000), ("4", True, 10_000, 10_000)
    assert layout_state(db) == old
    upgrader = child("upgrade", db)
    wait_for(upgrader, "opening")
    states, answers = [], []
    while upgrader.poll() is None:
        state = layout_state(db)
        if state is not None:
            states.append(state)
        try:
            answers.append(DuckDBStore(db, read_only=True, lock_timeout=30).count("events"))
        except StoreError as exc:
            assert "khaldun upgrade" in str(exc), exc  # the older layout, whole
            answers.append("older")
    finish(upgrader)
    states.append(layout_state(db))
    answers.append(DuckDBStore(db, read_only=True).count("events"))
    assert set(states) <= {old, new} and states[-1] == new, states
    assert states == sorted(states, key=lambda s: s == new)  # the older layout until the new one, never back
    assert set(answers) <= {"older", 10_000} and answers[-1] == 10_000
    assert answers == sorted(answers, key=lambda a: a == 10_000)


def test_a_process_killed_inside_an_upgrade_leaves_the_older_layout(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    write_old(db, 3, batch("u", 300, 10))
    proc = child("upgrade-open", db)
    wait_for(proc, "in transaction")  # every statement ran, the version bump too; no commit
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert layout_state(db) == ("3", False, 3000, 3000)
    with pytest.raises(StoreError, match="khaldun upgrade"):
        DuckDBStore(db, read_only=True)
    store = DuckDBStore(db)  # the next writer upgrades it
    assert store.upgraded is not None and store.upgraded.from_version == 3
    assert layout_state(db) == ("4", True, 3000, 3000)
    assert store.count("events") == 3000
