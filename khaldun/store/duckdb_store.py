"""DuckDB store: one embedded file holding documents, events and rejected inputs.

The tables (``documents``, ``events``, ``rejected``) and their columns come
from :mod:`khaldun.schema`; ``khaldun_meta`` records the layout's version
(:data:`khaldun.schema.STORE_VERSION`), so a file of another layout is upgraded
or refused with a clear message (see "Older layouts" below) instead of failing
later on a missing column.

Concurrency. DuckDB lets one process at a time open a file for writing, and
no other process read it meanwhile. So a file store holds no connection
between calls: every :meth:`DuckDBStore.write` opens the file, writes one
transaction and closes it; every read opens it read-only and closes it.
Opening retries while another process holds the file, for up to
``lock_timeout`` seconds, then raises :class:`~khaldun.errors.StoreLocked`
naming the holder. Reconnecting costs about 0.05 s a call (see
``docs/store.md``). A ``:memory:`` store keeps its one connection. A process
that is the single writer of its file for long (``khaldun serve``) passes
``hold=True``: the file is opened once and held until :meth:`DuckDBStore.close`,
and each call works on its own cursor of that connection (threads may read side
by side while one writes).

Rows are inserted in bulk from Arrow tables built before the database is
opened (so the lock is held only for the insert itself), seen by DuckDB as
views of the writing cursor; dates, timestamps and JSON are cast by DuckDB in
the transaction. A write of documents and events the store has never held (a
server's usual post) is a handful of plain INSERTs: one statement tells it
apart from a write that replaces something.

Roll-ups. The count tables of :data:`khaldun.schema.ROLLUPS` are kept equal
to the counts of the event tables in the transaction of every write: a write
appends the counts of the events it removes or replaces, negated, and those
of the events it adds (exact: whole numbers and fixed-point sums), costing a
group-by of the batch; ``write_merged`` counts the merged events again. When
appended rows pass a quarter of a table it is compacted to one row per key.
A database of this layout written before these roll-ups (or with others)
gets them, filled, when opened for writing; opened read-only it has none
(:attr:`DuckDBStore.has_counts` is false) and the analysis scans the events.

Older layouts. A file of an older layout whose changes since are additive
(:data:`khaldun.schema.UPGRADABLE_FROM`) is upgraded in place when opened for
writing, in one transaction (:mod:`khaldun.store.upgrade`); ``on_upgrade`` is
told what was done, and it is logged. Opened read-only, it is refused with a
:class:`StoreError` naming the command that upgrades it (``khaldun upgrade
FILE``). A layout that cannot be upgraded, or a newer one, is refused either way.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Self

from khaldun.errors import StoreError, StoreLocked, UsageError
from khaldun.records import Document, EventRecord, MergedEvent, Rejection
from khaldun.schema import COUNT_FIELDS, DOCUMENTS, EVENTS, MERGED, REJECTED, ROLLUPS, STORE_VERSION, TABLES, Table
from khaldun.store.base import EventPage, EventQuery, PageKey
from khaldun.store.upgrade import Upgrade, plan, upgrade_command

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

__all__ = ["DuckDBStore", "EventQuery", "layout"]

META = "khaldun_meta"
log = logging.getLogger(__name__)
_LOCKED = ("Could not set lock", "Conflicting lock", "different configuration")
_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.+?) \(PID (?P<pid>\d+)\)")


def _holder(message: str) -> str:
    """Who holds the lock, as DuckDB's message names it."""
    m = _HOLDER.search(message)
    if m:
        return f"PID {m['pid']} ({m['exe']})"
    if "different configuration" in message:
        return "another connection in this process"
    return "another process"


def _layout_version(con: duckdb.DuckDBPyConnection, path: str, *, empty_ok: bool) -> int | None:
    """The store layout of the database (1 before ``khaldun_meta``, 0 when it records none); ``None`` for a
    database without khaldun's tables when ``empty_ok``; else a :class:`StoreError` (not a khaldun database)."""
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    ours = {t.name for t in TABLES}
    if META in names:
        row = con.execute(f"SELECT value FROM {META} WHERE key = 'store_version'").fetchone()
        return int(row[0]) if row else 0
    if {t.name for t in (DOCUMENTS, EVENTS, REJECTED)} <= names:
        return 1  # the layout before khaldun_meta
    if names & (ours | {META}):
        raise StoreError(f"{path} is a DuckDB file but not a khaldun database (tables {sorted(names)})")
    if not empty_ok:
        raise StoreError(f"{path} is a DuckDB file but not a khaldun database (no events table)")
    return None


def layout(
    path: str | os.PathLike[str], *, lock_timeout: float = 60.0, on_wait: Callable[[str], None] | None = None
) -> tuple[int, Upgrade | None]:
    """The store layout of the khaldun file at ``path`` and the upgrade it needs (``None`` when current),
    read without changing it. A file that cannot be upgraded, or is newer, is a :class:`StoreError`."""
    import duckdb

    path = str(path)
    if not os.path.exists(path):
        raise StoreError(f"no database at {path}")
    con = _connect(path, True, lock_timeout, on_wait)
    try:
        version = _layout_version(con, path, empty_ok=False)
        assert version is not None
        if version > STORE_VERSION:
            raise StoreError(_newer(path, version))
        return version, plan(con, path, version) if version < STORE_VERSION else None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    finally:
        con.close()


def _newer(path: str, version: int) -> str:
    return (f"{path} was written by a newer khaldun (store layout {version}; this version reads "
            f"layout {STORE_VERSION}); upgrade khaldun to read it")


def _connect(path: str, read_only: bool, lock_timeout: float, on_wait: Callable[[str], None] | None) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, waiting up to ``lock_timeout`` seconds while another process holds it."""
    import duckdb

    deadline = time.monotonic() + lock_timeout
    delay, told = 0.01, False
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc)
            if not any(s in message for s in _LOCKED):
                raise StoreError(f"cannot open database {path}: {exc}") from exc
            holder = _holder(message)
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreLocked(
                    f"{path} is held by {holder} for more than {lock_timeout:g} s "
                    "(lock_timeout); wait for it to finish, or use another --db file"
                ) from exc
            if not told and on_wait is not None:
                on_wait(f"waiting for {path}: it is held by {holder}")
                told = True
            time.sleep(min(delay, left))
            delay = min(delay * 2, 0.2)


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _last_wins(rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
    # DuckDB's INSERT OR REPLACE keeps an arbitrary one of two rows with the same key in one statement
    return list({key(r): r for r in rows}.values())


class DuckDBStore:
    """Documents, events and rejections in one DuckDB database (a file or ``:memory:``).

    ``lock_timeout``: seconds to wait for a file another process holds
    (``Settings.lock_timeout``). ``on_wait``: called once per wait with a
    message naming the holder, so a command can say why it pauses.
    ``on_upgrade``: called with one line saying what was done when the store
    upgrades a file of an older layout in place (:attr:`upgraded`).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = ":memory:",
        *,
        read_only: bool = False,
        lock_timeout: float = 60.0,
        on_wait: Callable[[str], None] | None = None,
        hold: bool = False,
        on_upgrade: Callable[[str], None] | None = None,
    ) -> None:
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self.hold = hold
        """the store keeps one connection for its life and gives each call a cursor of it"""
        self._memory: duckdb.DuckDBPyConnection | None = None
        self._held: duckdb.DuckDBPyConnection | None = None
        self._appended, self._checked = 0, False  # roll-up rows this store may have appended since it last looked
        self.has_counts = False
        """whether the database keeps the roll-ups (:data:`khaldun.schema.ROLLUPS`) the analysis reads"""
        self.on_upgrade = on_upgrade
        self.upgraded: Upgrade | None = None
        """the upgrade this store made when it opened a file of an older layout (else ``None``)"""
        if self.path == ":memory:":
            self._memory = duckdb.connect(":memory:")
            self._prepare(self._memory)
            if hold:
                self._held, self._memory = self._memory, None
            return
        if read_only and not os.path.exists(self.path):
            raise StoreError(f"no database at {self.path}; run `khaldun extract` first or pass --db")
        if hold:
            # waits for, or names, another process holding the file; then no other process can open it
            self._held = self._open(read_only)
            self._prepare(self._held)
            return
        with self.connection(read_only=read_only) as con:
            self._prepare(con)

    # -- connections -----------------------------------------------------------

    @contextmanager
    def connection(self, *, read_only: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one piece of work, closed after it (for a file database).

        Waits while another process holds the file; raises
        :class:`StoreLocked` after ``lock_timeout`` seconds.
        """
        if self._memory is not None:
            yield self._memory
            return
        if not read_only and self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        if self._held is not None:
            # a cursor is a connection of its own to the same database: threads may use theirs side by side
            cur = self._held.cursor()
            try:
                yield cur
            finally:
                cur.close()
            return
        con = self._open(read_only)
        try:
            yield con
        finally:
            con.close()

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        return _connect(self.path, read_only, self.lock_timeout, self.on_wait)

    def _prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """Check the layout of the database; create it in an empty writable one."""
        import duckdb

        try:
            version = _layout_version(con, self.path, empty_ok=not self.read_only)
            if version is None:
                con.execute("BEGIN TRANSACTION")
                for table in TABLES:
                    con.execute(table.duckdb_ddl())
                for rollup in ROLLUPS:
                    con.execute(rollup.duckdb_ddl())
                con.execute(f"CREATE TABLE {META} (key VARCHAR PRIMARY KEY, value VARCHAR)")
                con.execute(f"INSERT INTO {META} VALUES ('store_version', ?)", [str(STORE_VERSION)])
                con.execute("COMMIT")
                self.has_counts = True
                return
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if version < STORE_VERSION:
            try:
                upgrade = plan(con, self.path, version)  # a StoreError when it cannot be upgraded in place
            except duckdb.Error as exc:
                raise StoreError(f"cannot open database {self.path}: {exc}") from exc
            if self.read_only:
                raise StoreError(
                    f"{self.path} is in store layout {version} of an older khaldun; this version reads layout "
                    f"{STORE_VERSION}. Upgrade it in place once, keeping every event (it adds {upgrade.changes()}): "
                    f"{upgrade_command(self.path)}"
                )
            self._upgrade(con, upgrade)
            return
        if version > STORE_VERSION:
            raise StoreError(_newer(self.path, version))
        # roll-ups of another definition (another khaldun) are read by nobody and counted again when writable
        rows = con.execute(
            "SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
            "WHERE database_name = current_database() GROUP BY 1"
        ).fetchall()
        found = {name: tuple(cols) for name, cols in rows}
        self.has_counts = all(found.get(r.name) == ("from_table", *r.columns) for r in ROLLUPS)
        if not self.has_counts and not self.read_only:
            self.rebuild_counts(con)

    def _upgrade(self, con: duckdb.DuckDBPyConnection, upgrade: Upgrade) -> None:
        """Upgrade the file in place, in one transaction: all of it, or nothing."""
        start = time.perf_counter()
        with self._transaction(con):
            _upgrade_in(con, upgrade)
        upgrade.seconds = time.perf_counter() - start
        self.has_counts, self.upgraded = True, upgrade
        log.info("%s", upgrade.summary())
        if self.on_upgrade is not None:
            self.on_upgrade(upgrade.summary())

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
        if self._held is not None:
            self._held.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def write(
        self,
        results: Iterable[tuple[Document, Sequence[EventRecord]]],
        rejections: Iterable[Rejection] = (),
    ) -> None:
        """Store a batch in one transaction: documents (replacing earlier copies and
        their events), their events, and rejections (replacing one of the same origin
        and reason). Nothing of the batch is stored when any of it fails."""
        now = _now()
        by_doc: dict[str, tuple[Document, Sequence[EventRecord]]] = {}
        for doc, evs in results:
            prev = by_doc.get(doc.doc_id)
            if prev is not None and prev[0].content_hash != doc.content_hash:
                raise UsageError(f"document {doc.doc_id!r} is given twice in one batch with different texts")
            for e in evs:
                if e.doc_id != doc.doc_id:
                    raise UsageError(f"event {e.event_id} has doc_id {e.doc_id!r} but is given with document {doc.doc_id!r}")
            by_doc[doc.doc_id] = (doc, evs)
        docs = [DOCUMENTS.row({**asdict(doc), "ingested_at": now}) for doc, _ in by_doc.values()]
        events = _last_wins((EVENTS.row(e.to_dict()) for _, evs in by_doc.values() for e in evs), lambda r: r["event_id"])
        rejected = _last_wins(
            (REJECTED.row({**asdict(r), "rejected_at": now}) for r in rejections), lambda r: (r["origin"], r["reason"])
        )
        if not (docs or rejected):
            return
        # built before the database is opened, so a file store's lock is held only for the insert
        batch = [(t, _arrow(t, rows)) for t, rows in ((DOCUMENTS, docs), (EVENTS, events), (REJECTED, rejected)) if rows]
        self._write(batch, [d["doc_id"] for d in docs])

    def add(
        self,
        results: Iterable[tuple[Document, Sequence[EventRecord]]],
        rejections: Iterable[Rejection] = (),
    ) -> None:
        """The same as :meth:`write` (the name before the Store interface)."""
        self.write(results, rejections)

    def write_merged(self, merged: Iterable[MergedEvent]) -> None:
        """Replace every merged event with ``merged``, and set each event's ``merged_id``, in one transaction.

        Events no merged event names get ``merged_id`` null.
        """
        rows = []
        links: list[tuple[str, str]] = []
        for m in merged:
            rec = m.record.to_dict()
            rows.append(MERGED.row({**rec, **m.to_dict(), "record": rec}))
            links += [(eid, m.merged_id) for eid in m.mention_ids]
        import pyarrow as pa

        batch = [(MERGED, _arrow(MERGED, rows))] if rows else []
        link_table = pa.table({"event_id": pa.array([e for e, _ in links], pa.string()),
                               "merged_id": pa.array([m for _, m in links], pa.string())})
        self._write(batch, [], replace=(MERGED,), links=link_table)

    def _write(
        self, batch: Sequence[tuple[Table, pa.Table]], doc_ids: list[str], *, replace: Sequence[Table] = (),
        links: pa.Table | None = None,
    ) -> None:
        import duckdb

        with self.connection(read_only=False) as con:
            # the batch's rows are Arrow tables, seen as views of this cursor
            views = {table: f"_batch_{table.name}" for table, _ in batch}
            for table, data in batch:
                con.register(views[table], data)
            if links is not None:
                con.register("_links", links)
            try:
                with self._transaction(con):
                    ids = next((data.column("event_id").to_pylist() for t, data in batch if t is EVENTS), [])
                    self._write_in(con, {t: _typed(t, views[t]) for t in views}, doc_ids, ids, replace, links is not None)
            finally:
                for view in [*views.values(), *(["_links"] if links is not None else [])]:
                    with suppress(duckdb.Error):
                        con.unregister(view)

    def _write_in(
        self, con: duckdb.DuckDBPyConnection, rows: Mapping[Table, str], doc_ids: list[str], ids: list[str],
        replace: Sequence[Table], links: bool,
    ) -> None:
        """The statements of one write, inside its transaction; ``rows``: each table's batch as SQL (a subquery),
        ``ids``: the batch's event ids."""
        new = None
        if EVENTS in rows:
            # the batch's events, typed once: inserted from here and counted from here (a temporary
            # table reads faster than the Arrow view for each of the statements below)
            con.execute(f"CREATE TEMP TABLE _new AS SELECT * FROM {rows[EVENTS]}")
            rows = {**rows, EVENTS: "_new"}
            new = "_new"
        # the usual write adds documents and events the store has never held: then nothing is replaced,
        # no counts are taken away, and every insert is a plain INSERT. One statement tells (primary-key
        # lookups by lists of values; the events of those documents by one scan of doc_id)
        if doc_ids and len(doc_ids) <= _ID_LOOKUPS and len(ids) <= _ID_LOOKUPS:
            docs_in, ids_in = ", ".join("?" * len(doc_ids)), ", ".join("?" * len(ids)) or "NULL"
            held = con.execute(
                f"SELECT (SELECT count(*) FROM documents WHERE doc_id IN ({docs_in})) "
                f"+ (SELECT count(*) FROM events WHERE event_id IN ({ids_in})) "
                f"+ (SELECT count(*) FROM events WHERE doc_id IN ({docs_in}))",
                [*doc_ids, *ids, *doc_ids],
            ).fetchone()[0]  # type: ignore[index]
        else:
            held = bool(doc_ids or ids)
        recount = self.has_counts and bool(held) and bool(doc_ids or new)
        gone = 0
        if recount:
            # take away the counts of the events this write removes or replaces ...
            # (in a small table first, one scan each: not one per roll-up, and no OR of two subqueries, slow)
            con.execute("CREATE TEMP TABLE _gone AS SELECT * EXCLUDE (record) FROM events "
                        "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids])
            if new:
                # a list of values is a primary-key lookup; a subquery scans every event
                in_new = (f"event_id IN ({', '.join('?' * len(ids))})", ids) if 0 < len(ids) <= _ID_LOOKUPS else (
                    f"event_id IN (SELECT event_id FROM {new})", [])
                con.execute(f"INSERT INTO _gone SELECT * EXCLUDE (record) FROM events WHERE {in_new[0]} "
                            "AND doc_id NOT IN (SELECT unnest(?::VARCHAR[]))", [*in_new[1], doc_ids])
            gone = con.execute("SELECT count(*) FROM _gone").fetchone()[0]  # type: ignore[index]
            if gone:
                for rollup in ROLLUPS:
                    con.execute(f"INSERT INTO {rollup.name} SELECT 'events', * FROM ({rollup.select('_gone', sign=-1)})")
            con.execute("DROP TABLE _gone")
        if held and doc_ids:
            con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids])
        for table in replace:
            con.execute(f"DELETE FROM {table.name}")
        for table, source in rows.items():
            cols = _names(table)
            if table is EVENTS:
                # INSERT OR REPLACE costs 5-10x a plain INSERT: only when an id is still taken
                # (by an event of another document; those of the batch's documents are gone)
                taken = held and (con.execute(
                    f"SELECT count(*) FROM events WHERE event_id IN ({', '.join('?' * len(ids))})", ids
                ).fetchone()[0] if 0 < len(ids) <= _ID_LOOKUPS else 1)  # type: ignore[index]
                verb = "INSERT OR REPLACE" if taken else "INSERT"
            elif table is DOCUMENTS:
                verb = "INSERT OR REPLACE" if held else "INSERT"  # held = 0: every document is new
            else:
                verb = "INSERT OR REPLACE"
            con.execute(f"{verb} INTO {table.name} ({cols}) SELECT {cols} FROM {source}")
        if links:
            # the record JSON is what reads rebuild, so it carries merged_id as the column does
            con.execute(
                "UPDATE events SET merged_id = l.merged_id, "
                "record = json_merge_patch(events.record, json_object('merged_id', l.merged_id)) "
                "FROM (SELECT e.event_id, k.merged_id FROM events e LEFT JOIN _links k USING (event_id)) l "
                "WHERE events.event_id = l.event_id AND events.merged_id IS DISTINCT FROM l.merged_id"
            )
        added = self.has_counts and bool(new)
        if added:
            # ... and add those of the events it adds
            for rollup in ROLLUPS:
                con.execute(f"INSERT INTO {rollup.name} SELECT 'events', * FROM ({rollup.select(new)})")
        if self.has_counts and MERGED in replace:
            for rollup in ROLLUPS:
                con.execute(f"DELETE FROM {rollup.name} WHERE from_table = 'merged_events'")
                con.execute(f"INSERT INTO {rollup.name} SELECT 'merged_events', * FROM ({rollup.select(MERGED.name)})")
        if new:
            con.execute("DROP TABLE _new")
        if self.has_counts and (recount or added or MERGED in replace):
            # roll-ups grow by a few rows per event written: their sizes are looked at (2 statements) on
            # this store's first write and then after every COMPACT_CHECK_ROWS rows it may have appended
            self._appended += len(ROLLUPS) * (len(ids) + gone)
            if self._appended >= COMPACT_CHECK_ROWS or not self._checked or MERGED in replace:
                _compact(con, force=False)
                self._appended, self._checked = 0, True

    @contextmanager
    def _transaction(self, con: duckdb.DuckDBPyConnection) -> Iterator[None]:
        """One transaction: committed whole, or rolled back and raised as a :class:`StoreError`."""
        import duckdb

        try:
            con.execute("BEGIN TRANSACTION")
            yield
            con.execute("COMMIT")
        except duckdb.Error as exc:
            with suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise StoreError(f"cannot write to {self.path}: {str(exc).splitlines()[0]}") from exc

    def rebuild_counts(self, con: duckdb.DuckDBPyConnection | None = None) -> None:
        """(Re)create the roll-ups (:data:`khaldun.schema.ROLLUPS`) from the event tables, in one transaction."""
        if con is None:
            with self.connection(read_only=False) as own:
                self.rebuild_counts(own)
            return
        with self._transaction(con):
            _fill_counts(con)
        self.has_counts = True

    def compact_counts(self) -> None:
        """Rewrite every roll-up with one row per key (writes do it when a table has grown by a quarter)."""
        with self.connection(read_only=False) as con, self._transaction(con):
            _compact(con, force=True)

    # -- reading -------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        import duckdb

        with self.connection(read_only=True) as con:
            try:
                cur = con.execute(sql, list(params))
                return [d[0] for d in cur.description], cur.fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def stored(self, documents: Mapping[str, str]) -> set[str]:
        """Of ``{doc_id: content_hash}``, the ids already stored with that same content hash."""
        if not documents:
            return set()
        ids = list(documents)
        if len(ids) <= _ID_LOOKUPS:
            # a list of values is a primary-key lookup (a join with unnested lists scans the documents)
            _, rows = self._rows(f"SELECT doc_id, content_hash FROM documents WHERE doc_id IN ({', '.join('?' * len(ids))})", ids)
        else:
            _, rows = self._rows("SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        return {doc_id for doc_id, content_hash in rows if documents.get(doc_id) == content_hash}

    def events(self, query: EventQuery | None = None) -> list[EventRecord]:
        """Event records, exactly as coded, matching ``query``; oldest first, undated last."""
        sql, params = _select(query or EventQuery())
        _, rows = self._rows(sql, params)
        return [EventRecord.from_dict(json.loads(r[0])) for r in rows]

    def merged_events(self, query: EventQuery | None = None) -> list[MergedEvent]:
        """Merged events whose representative matches ``query``; oldest first, undated last."""
        sql, params = _select(query or EventQuery(), table=MERGED.name, columns=_MERGED_COLUMNS)
        _, rows = self._rows(sql, params)
        return [_merged(row) for row in rows]

    def merged_event(self, merged_id: str) -> MergedEvent | None:
        """One merged event by id (``None`` when there is none): a primary-key lookup."""
        _, rows = self._rows(f"SELECT {_MERGED_COLUMNS} FROM {MERGED.name} WHERE merged_id = ?", [merged_id])
        return _merged(rows[0]) if rows else None

    def events_page(self, query: EventQuery | None = None, *, limit: int = 100, after: PageKey | None = None) -> EventPage:
        """At most ``limit`` records matching ``query`` after the key ``after``, in the order of :meth:`events`.

        Keyset pagination: ``after`` is a condition on the order's columns, never an
        OFFSET, so a page costs the same wherever it is. The page's keys come from the
        narrow flat columns, then only those records (the wide JSON column) by primary
        key: selecting the records under the sort reads them for every match.
        """
        if limit < 1:
            raise UsageError("a page holds 1 event or more")
        cond, params = where_clause(query or EventQuery())
        n = int(limit) + 1
        # "after", in the order date NULLS LAST, doc_id, sentence_index, event_id, as segments
        # read in turn while the page is not full: the rest of the cursor's day, the later
        # days, the undated. Each is a condition DuckDB applies in its scan (date = d,
        # date > d, date IS NULL); an OR of them would read every row's key columns
        segments: list[tuple[str, list[Any]]] = [(cond, params)]
        if after is not None:
            date, doc_id, sentence_index, event_id = after
            tail = "(doc_id > ? OR (doc_id = ? AND (sentence_index > ? OR (sentence_index = ? AND event_id > ?))))"
            tail_params = [doc_id, doc_id, sentence_index, sentence_index, event_id]
            if date is None:
                segments = [(f"{cond} AND date IS NULL AND {tail}", [*params, *tail_params])]
            else:
                segments = [
                    (f"{cond} AND date = CAST(? AS DATE) AND {tail}", [*params, date, *tail_params]),
                    (f"{cond} AND date > CAST(? AS DATE)", [*params, date]),
                    (f"{cond} AND date IS NULL", params),
                ]
        import duckdb

        with self.connection(read_only=True) as con:
            try:
                keys: list[tuple[Any, ...]] = []
                for seg, seg_params in segments:
                    keys += _page_keys(con, seg, seg_params, n - len(keys))
                    if len(keys) >= n:
                        break
                more = len(keys) > limit
                keys = keys[:limit]
                ids = [k[3] for k in keys]
                # 3. their records by primary key: an IN list of values is an index lookup
                # (IN a subquery or = ANY of a list scans the table)
                found = dict(con.execute(
                    f"SELECT event_id, record FROM events WHERE event_id IN ({', '.join('?' * len(ids))})", ids
                ).fetchall()) if ids else {}
            except duckdb.Error as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from exc
        records = [json.loads(found[i]) for i in ids if i in found]
        next_key: PageKey | None = None
        if more and keys:
            d, doc_id, sentence_index, event_id = keys[-1]
            next_key = (d.isoformat() if d is not None else None, doc_id, sentence_index, event_id)
        return EventPage(records, next_key)

    def event(self, event_id: str) -> EventRecord | None:
        """One event record by id (``None`` when there is none): a primary-key lookup."""
        _, rows = self._rows("SELECT record FROM events WHERE event_id = ?", [event_id])
        return EventRecord.from_dict(json.loads(rows[0][0])) if rows else None

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One stored document (doc_id, doc_date, title, url, source, dateline, text); ``None`` when unknown."""
        cols, rows = self._rows(
            "SELECT doc_id, doc_date, title, url, source, dateline, text FROM documents WHERE doc_id = ?", [doc_id]
        )
        if not rows:
            return None
        doc = dict(zip(cols, rows[0]))
        doc["doc_date"] = doc["doc_date"].isoformat() if doc["doc_date"] else None
        return doc

    def stats(self) -> dict[str, Any]:
        """Rows per table, events by QuadClass and by type, rejections by reason, first and last event date."""
        import duckdb

        with self.connection(read_only=True) as con:
            try:
                counts = {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}  # type: ignore[index]
                quad = con.execute("SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
                types = con.execute("SELECT coalesce(event_type, '-'), count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
                reasons = con.execute("SELECT reason, count(*) FROM rejected GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
                first, last = con.execute("SELECT min(date), max(date) FROM events").fetchone()  # type: ignore[misc]
            except duckdb.Error as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from exc
        return {
            "counts": counts,
            "events_by_quad_class": {str(k): v for k, v in quad},
            "events_by_type": dict(types),
            "rejected_by_reason": dict(reasons),
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
        }

    def places(self, query: EventQuery | None = None, *, limit: int = 500) -> list[dict[str, Any]]:
        """Places with events matching ``query`` (name, country, lat, lon, events, by_quad_class), the most events first."""
        if limit < 0:
            raise UsageError("limit must be 0 or more")
        cond, params = where_clause(query or EventQuery())
        _, rows = self._rows(
            "SELECT location_name, location_country, location_lat, location_lon, count(*) AS n, "
            "list(quad_class ORDER BY quad_class) AS quads "
            f"FROM events WHERE ({cond}) AND location_lat IS NOT NULL AND location_lon IS NOT NULL "
            f"GROUP BY ALL ORDER BY n DESC, location_name LIMIT {int(limit)}",
            params,
        )
        out = []
        for name, country, lat, lon, n, quads in rows:
            by_quad: dict[str, int] = {}
            for q in quads:
                by_quad[str(q)] = by_quad.get(str(q), 0) + 1
            out.append({"name": name, "country": country, "lat": lat, "lon": lon, "events": n, "by_quad_class": by_quad})
        return out

    def mentions(self, merged_id: str) -> list[EventRecord]:
        """The event records merged into ``merged_id``, by publication date (empty when there is no such event)."""
        _, rows = self._rows(
            "SELECT record FROM events WHERE merged_id = ? ORDER BY doc_date NULLS LAST, doc_id, sentence_index, event_id",
            [merged_id],
        )
        return [EventRecord.from_dict(json.loads(r[0])) for r in rows]

    def document_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """``{doc_id: {doc_date, source, url, title}}`` of the stored documents (of ``doc_ids`` when given)."""
        sql = "SELECT doc_id, doc_date, source, url, title FROM documents"
        params: list[Any] = []
        if doc_ids is not None:
            sql += " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(doc_ids))
        cols, rows = self._rows(sql, params)
        out = {}
        for row in rows:
            meta = dict(zip(cols[1:], row[1:]))
            meta["doc_date"] = meta["doc_date"].isoformat() if meta["doc_date"] else None
            out[row[0]] = meta
        return out

    def rejected(self) -> list[dict[str, Any]]:
        """Rejected inputs (origin, reason, code, message, doc_id), in the order they were stored."""
        cols, rows = self._rows("SELECT origin, reason, code, message, doc_id FROM rejected ORDER BY rejected_at, origin, reason")
        return [dict(zip(cols, row)) for row in rows]

    def count(self, table: str) -> int:
        """Rows in ``documents``, ``events``, ``rejected`` or ``merged_events``."""
        if table not in {t.name for t in TABLES}:
            raise UsageError(f"unknown table {table!r}")
        _, rows = self._rows(f"SELECT count(*) FROM {table}")
        return int(rows[0][0])


_ID_LOOKUPS = 2000
"""at most this many ids are looked up by primary key as a list of values; more, through a join"""


def _names(table: Table) -> str:
    return ", ".join(f'"{c}"' for c in table.names)


_SQL_CAST = ("DATE", "TIMESTAMP", "JSON")
"""column types that travel as text in the batch's Arrow table and are cast by DuckDB (as its JSON reader did)"""


def _arrow(table: Table, rows: Sequence[dict[str, Any]]) -> pa.Table:
    """``rows`` (flat rows of ``table``) as an Arrow table, column by column; a value of the wrong type is a StoreError.

    Dates, timestamps and JSON go as text (JSON values serialised) and are cast in SQL (:func:`_typed`),
    so that a bad value is refused by DuckDB inside the transaction, as any other.
    """
    import pyarrow as pa

    arrays = []
    for c in table.columns:
        values = [r[c.name] for r in rows]
        if c.type.duckdb == "JSON":
            values = [None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values]
            kind = pa.string()
        elif c.type.duckdb in _SQL_CAST:
            values = [v if v is None or isinstance(v, str) else str(v) for v in values]
            kind = pa.string()
        else:
            kind = _arrow_types()[c.type.arrow]
        try:
            arrays.append(pa.array(values, type=kind))
        except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
            raise StoreError(f"cannot store a {table.name} row: column {c.name}: {exc}") from exc
    return pa.Table.from_arrays(arrays, names=list(table.names))


def _typed(table: Table, view: str) -> str:
    """SQL (a subquery) of the batch's rows in ``view`` with ``table``'s column types."""
    cols = ", ".join(
        f'CAST("{c.name}" AS {c.type.duckdb}) AS "{c.name}"' if c.type.duckdb in _SQL_CAST else f'"{c.name}"'
        for c in table.columns
    )
    return f"(SELECT {cols} FROM {view})"


@lru_cache(maxsize=1)
def _arrow_types() -> dict[str, Any]:
    """The Arrow type of each :class:`~khaldun.schema.LogicalType` sent as itself."""
    import pyarrow as pa

    return {"string": pa.string(), "list<string>": pa.list_(pa.string()), "int32": pa.int32(), "int64": pa.int64(),
            "float64": pa.float64()}


def _page_keys(con: duckdb.DuckDBPyConnection, cond: str, params: list[Any], n: int) -> list[tuple[Any, ...]]:
    """The keys (date, doc_id, sentence_index, event_id) of the first ``n`` events matching ``cond``, in order.

    Two steps: the dates of those events, from the filter columns and the date alone;
    then their keys among the matches in that span of dates, a plain range DuckDB applies
    in its scan, so that the wider key columns are read only for rows inside it
    (2-3x faster on broad filters than one query).
    """
    dates = [r[0] for r in con.execute(f"SELECT date FROM events WHERE {cond} ORDER BY date NULLS LAST LIMIT {n}", params).fetchall()]
    if not dates:
        return []
    span, span_params = "", []
    if dates[-1] is not None:  # the last one dated: every one of them is
        span, span_params = " AND date BETWEEN ? AND ?", [dates[0], dates[-1]]
    return con.execute(
        f"SELECT date, doc_id, sentence_index, event_id FROM events WHERE {cond}{span} "
        f"ORDER BY date NULLS LAST, doc_id, sentence_index, event_id LIMIT {n}",
        [*params, *span_params],
    ).fetchall()


_MERGED_COLUMNS = "merged_id, record, num_mentions, num_sources, sources, first_seen, last_seen, mention_ids, reasons, " + ", ".join(
    f"{n}_min, {n}_max" for n in COUNT_FIELDS
)


def _merged(row: Sequence[Any]) -> MergedEvent:
    """A merged event from a row of :data:`_MERGED_COLUMNS`."""
    mid, record, n, ns, sources, first, last, ids, reasons = row[:9]
    spans = row[9:]
    ranges = {name: (spans[2 * i], spans[2 * i + 1]) for i, name in enumerate(COUNT_FIELDS) if spans[2 * i] is not None}
    return MergedEvent(
        merged_id=mid, record=EventRecord.from_dict(json.loads(record)), num_mentions=n, num_sources=ns,
        sources=tuple(sources or ()), first_seen=first.isoformat() if first else None,
        last_seen=last.isoformat() if last else None, mention_ids=tuple(ids or ()), count_ranges=ranges,
        reasons={k: tuple(v) for k, v in json.loads(reasons or "{}").items()},
    )


COMPACT_AFTER = 0.25
"""a roll-up is compacted when the rows appended since it last was pass this share of it (and 10,000 rows)"""
COMPACT_CHECK_ROWS = 2_000
"""a store looks at its roll-ups' sizes after it may have appended this many rows to them (and on its first write)"""


def _compact(con: duckdb.DuckDBPyConnection, *, force: bool) -> None:
    """Rewrite roll-ups with one row per key: all (``force``), or those grown enough since they last were."""
    # the sizes of every roll-up and when each was last compacted, in one statement (every write asks)
    sizes = con.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {r.name})" for r in ROLLUPS)).fetchone()
    last = dict(con.execute(f"SELECT key, value FROM {META}").fetchall())  # a few rows
    for rollup, rows in zip(ROLLUPS, sizes or ()):
        key = f"{rollup.name}_compacted_rows"
        before = last.get(key)
        if not force and before is not None and rows <= max(int(before) * (1 + COMPACT_AFTER), int(before) + 10_000):
            continue
        con.execute(f"CREATE OR REPLACE TEMP TABLE _compacted AS {rollup.compacted()}")
        con.execute(f"DELETE FROM {rollup.name}")
        con.execute(f"INSERT INTO {rollup.name} SELECT * FROM _compacted")
        con.execute("DROP TABLE _compacted")
        rows = con.execute(f"SELECT count(*) FROM {rollup.name}").fetchone()[0]  # type: ignore[index]
        con.execute(f"INSERT OR REPLACE INTO {META} VALUES (?, ?)", [key, str(rows)])


def _fill_counts(con: duckdb.DuckDBPyConnection) -> None:
    """The roll-ups made again from the event tables (inside the caller's transaction)."""
    for rollup in ROLLUPS:
        con.execute(f"DROP TABLE IF EXISTS {rollup.name}")
        con.execute(rollup.duckdb_ddl())
        for table in (EVENTS, MERGED):
            con.execute(f"INSERT INTO {rollup.name} SELECT ?, * FROM ({rollup.select(table.name)})", [table.name])
    _compact(con, force=True)


def _upgrade_in(con: duckdb.DuckDBPyConnection, upgrade: Upgrade) -> None:
    """The statements of an upgrade, inside the caller's transaction: tables and columns, the roll-ups
    counted again, and the version bumped last."""
    upgrade.apply(con)
    _fill_counts(con)
    upgrade.bump(con)


def where_clause(q: EventQuery) -> tuple[str, list[Any]]:
    """The SQL condition (and its parameters) of an event query's filters, ``"TRUE"`` for none.

    Shared by every query over the flat event columns (``events``, ``merged_events``,
    the analysis aggregates); values are always parameters. A bad filter is a
    :class:`UsageError`.
    """
    # PLOVER types and country codes are stored as the record schema spells them, in capitals
    # (event_record.schema.json: an enum, and ^[A-Z]{3}...), so a filter is put in capitals and
    # compared with the stored value as it is: a plain comparison DuckDB pushes into its scan,
    # instead of upper() of every row (3-4x slower on a million events)
    where: list[str] = []
    params: list[Any] = []
    if q.event_type:
        t = q.event_type.strip()
        if t.isdigit():
            where.append("cameo_code LIKE ?")
            params.append(t + "%")
        else:
            where.append("event_type = ?")
            params.append(t.upper())
    for value, role in ((q.actor, "actor"), (q.recipient, "recipient")):
        if value:
            where.append(f"({role}_country = ? OR {role}_name ILIKE ? OR {role}_text ILIKE ?)")
            params += [value.upper(), f"%{value}%", f"%{value}%"]
    if q.country:
        where.append("? IN (actor_country, recipient_country, location_country)")
        params.append(q.country.upper())
    for value, op in ((q.since, ">="), (q.until, "<=")):
        if value:
            try:
                datetime.strptime(value, "%Y-%m-%d")
            except ValueError as exc:
                raise UsageError(f"dates must be YYYY-MM-DD, got {value!r}") from exc
            where.append(f"date {op} CAST(? AS DATE)")
            params.append(value)
    if q.doc_id:
        where.append("doc_id = ?")
        params.append(q.doc_id)
    return (" AND ".join(where) or "TRUE"), params


def _select(q: EventQuery, *, table: str = "events", columns: str = "record") -> tuple[str, list[Any]]:
    """The SQL (and its parameters) of an event query; a bad filter is a :class:`UsageError`."""
    cond, params = where_clause(q)
    sql = f"SELECT {columns} FROM {table} WHERE {cond}"
    sql += " ORDER BY date NULLS LAST, doc_id, sentence_index, event_id"
    if q.limit is not None:
        if q.limit < 0:
            raise UsageError("limit must be 0 or more")
        sql += f" LIMIT {int(q.limit)}"
    return sql, params
