"""Upgrading a DuckDB store of an older layout in place.

A file records its layout in ``khaldun_meta`` (``store_version``). One of a layout in
:data:`khaldun.schema.UPGRADABLE_FROM` (every change since is additive) is upgraded when a
store opens it for writing (:class:`~khaldun.store.DuckDBStore`, ``khaldun upgrade``): in
one transaction, the tables it lacks are created, the columns it lacks are added
(``ALTER TABLE ... ADD COLUMN``) and filled, where the value can be computed, from each
row's stored ``record`` JSON (the event record the flat columns come from), the roll-ups
are counted again, and the version is bumped last. Nothing else changes: no row is
removed or rewritten but for its new columns. A DuckDB transaction is all or nothing,
and while the writer holds the file no other process can open it, so no reader ever
sees a half-upgraded file; a process killed in the middle leaves the older layout,
which the next writer upgrades again. See ``docs/store.md``.

This module plans the upgrade from what the file holds (:func:`plan`) and runs its
statements (:meth:`Upgrade.apply`); the store wraps them in its transaction.
"""

from __future__ import annotations

import shlex
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from khaldun.errors import StoreError
from khaldun.schema import EVENT_COLUMNS, EVENTS, MERGED, STORE_VERSION, TABLES, UPGRADABLE_FROM, Column, Table

if TYPE_CHECKING:
    import duckdb

__all__ = ["Upgrade", "plan", "upgrade_command"]

META = "khaldun_meta"

_FROM_RECORD = {EVENTS.name, MERGED.name}
"""tables whose ``record`` column is the event record their event columns are read from"""
_RECORD_FIELDS = {id(c) for c in EVENT_COLUMNS}


@dataclass(frozen=True)
class Added:
    """A column an older layout lacks, added by the upgrade."""

    table: str
    column: Column

    @property
    def computed(self) -> bool:
        """whether its values are computed from the row's stored record (else they stay NULL)"""
        return self.table in _FROM_RECORD and id(self.column) in _RECORD_FIELDS and self.column.path is not None


@dataclass
class Upgrade:
    """What upgrading one file does: the tables and columns it adds, then (after :meth:`apply`)
    how many rows each computed column was filled for, and how long it took."""

    path: str
    from_version: int
    to_version: int = STORE_VERSION
    tables: tuple[Table, ...] = ()
    """tables the file lacks, created empty"""
    columns: tuple[Added, ...] = ()
    """columns the file's tables lack"""
    filled: dict[str, tuple[int, int]] = field(default_factory=dict)
    """``"table.column"``: (rows with a value, rows) after :meth:`apply`, for the computed columns"""
    seconds: float = 0.0

    def statements(self) -> list[str]:
        """The DDL and updates of the upgrade, in order (the roll-ups and the version bump come after)."""
        out = [t.duckdb_ddl() for t in self.tables]
        for add in self.columns:
            out.append(f'ALTER TABLE {add.table} ADD COLUMN "{add.column.name}" {add.column.type.duckdb}')
            if add.computed:
                out.append(f'UPDATE {add.table} SET "{add.column.name}" = {_from_record(add.column)}')
        return out

    def apply(self, con: duckdb.DuckDBPyConnection) -> None:
        """Run :meth:`statements` on ``con`` (inside the caller's transaction) and count what was filled."""
        start = time.perf_counter()
        for sql in self.statements():
            con.execute(sql)
        for add in self.columns:
            if add.computed:
                n, rows = con.execute(f'SELECT count("{add.column.name}"), count(*) FROM {add.table}').fetchone()  # type: ignore[misc]
                self.filled[f"{add.table}.{add.column.name}"] = (int(n), int(rows))
        self.seconds = time.perf_counter() - start

    @staticmethod
    def bump(con: duckdb.DuckDBPyConnection) -> None:
        """Record the new layout: the last statement of the upgrade's transaction."""
        con.execute(f"INSERT OR REPLACE INTO {META} VALUES ('store_version', ?)", [str(STORE_VERSION)])

    def changes(self) -> str:
        """What the upgrade adds, in words (before or after it ran)."""
        parts = [f"table {t.name} (empty)" for t in self.tables]
        for add in self.columns:
            name = f"{add.table}.{add.column.name}"
            if name in self.filled:
                n, rows = self.filled[name]
                parts.append(f"column {name} (filled from the stored records for {n:,} of {rows:,} rows; the rest NULL)")
            elif add.computed:
                parts.append(f"column {name} (filled from the stored records)")
            else:
                parts.append(f"column {name} (NULL: not in the stored records)")
        parts.append("the roll-up tables, counted again")
        return "; ".join(parts)

    def summary(self) -> str:
        """One line saying what was done (after :meth:`apply`)."""
        return (f"upgraded {self.path} from store layout {self.from_version} to {self.to_version} in "
                f"{self.seconds:.1f} s: added {self.changes()}")


def upgrade_command(path: str) -> str:
    """The command that upgrades ``path``, as a user would type it."""
    return f"khaldun upgrade {shlex.quote(path)}"


def _from_record(col: Column) -> str:
    """SQL of ``col``'s value read from the row's ``record`` JSON by its path (NULL where absent or null)."""
    assert col.path is not None
    where = "$." + ".".join(f'"{k}"' for k in col.path)
    kind = col.type.duckdb
    text = f"json_extract_string(record, '{where}')"
    if kind == "VARCHAR":
        return text
    if kind.endswith("[]") or kind == "JSON":
        # json_extract gives a JSON null for an explicit null; json_extract_string gives SQL NULL
        return f"CASE WHEN {text} IS NULL THEN NULL ELSE CAST(json_extract(record, '{where}') AS {kind}) END"
    return f"CAST({text} AS {kind})"


def plan(con: duckdb.DuckDBPyConnection, path: str, version: int) -> Upgrade:
    """The upgrade of a file of layout ``version`` (older than :data:`STORE_VERSION`), from what it holds.

    Raises :class:`StoreError` when it cannot be upgraded in place: a layout not in
    :data:`UPGRADABLE_FROM`, or tables that differ from the current layout otherwise
    than by lacking columns (a column of another type, or one this layout does not have).
    """
    if version not in UPGRADABLE_FROM:
        why = {
            1: "its columns were renamed and changed meaning since (lat/lon, actor_name) and its rejections have no key",
            0: "its khaldun_meta table records no layout",
        }.get(version, "no upgrade from that layout is known")
        raise StoreError(
            f"{path} was written by an older khaldun (store layout {version}; this version reads layout "
            f"{STORE_VERSION}) and cannot be upgraded in place: {why}; re-run `khaldun extract` into a new file "
            "(--db NEW.duckdb)"
        )
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' ORDER BY table_name, column_index"
    ).fetchall()
    found: dict[str, dict[str, str]] = {}
    for table, column, kind in rows:
        found.setdefault(table, {})[column] = kind
    new_tables: list[Table] = []
    added: list[Added] = []
    problems: list[str] = []
    for table in TABLES:
        have = found.get(table.name)
        if have is None:
            new_tables.append(table)
            continue
        want = {c.name: c for c in table.columns}
        problems += [f"{table.name}.{name} is not a column of layout {STORE_VERSION}" for name in have if name not in want]
        for c in table.columns:
            if c.name not in have:
                added.append(Added(table.name, c))
            elif have[c.name] != c.type.duckdb:
                problems.append(f"{table.name}.{c.name} is {have[c.name]}, layout {STORE_VERSION} has {c.type.duckdb}")
    if problems:
        raise StoreError(
            f"{path} (store layout {version}) differs from layout {STORE_VERSION} by more than added tables and "
            f"columns ({'; '.join(problems)}); it cannot be upgraded in place: re-run `khaldun extract` into a new "
            "file (--db NEW.duckdb)"
        )
    return Upgrade(path, version, STORE_VERSION, tuple(new_tables), tuple(added))

