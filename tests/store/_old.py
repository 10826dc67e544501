"""DuckDB files in the layouts of older khaldun versions, written as those versions wrote them.

The DDL of each layout is in ``fixtures/layoutN.sql``, taken from git history (the
commit is named in the file). Rows are inserted as that khaldun's store did: the flat
row of each record (``khaldun.schema`` getters, which for layouts 2 and 3 are those
of the time: later layouts only added columns) for the columns the old table has,
and ``record``, the record as that version's coder wrote it: without the fields
added to the record after that layout (see ``RECORD_FIELDS_AFTER``).

Imported by the tests and by ``_child.py`` (a separate process): it imports nothing from the tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from khaldun.records import Document, EventRecord, Rejection
from khaldun.schema import DOCUMENTS, EVENTS, REJECTED, ROLLUPS

FIXTURES = Path(__file__).with_name("fixtures")

RECORD_FIELDS_AFTER: dict[int, tuple[str, ...]] = {
    # merging (layout 3) added merged_id to the record; incident_class came to the record within layout 3
    2: ("merged_id", "incident_class"),
    3: (),
}
"""record fields a khaldun of that layout did not write yet"""


def ddl(layout: int) -> str:
    return (FIXTURES / f"layout{layout}.sql").read_text(encoding="utf-8")


def old_record(rec: EventRecord, layout: int) -> dict[str, Any]:
    """``rec`` as the khaldun of ``layout`` wrote it in ``record``."""
    d = rec.to_dict()
    for name in RECORD_FIELDS_AFTER[layout]:
        d.pop(name, None)
    return d


def write_old(
    path: Path | str,
    layout: int,
    results: Iterable[tuple[Document, Sequence[EventRecord]]],
    rejections: Iterable[Rejection] = (),
) -> None:
    """A new file at ``path`` in ``layout`` (2 or 3) holding ``results`` and ``rejections``."""
    import duckdb
    import pyarrow as pa

    con = duckdb.connect(str(path))
    try:
        con.execute(ddl(layout))
        cols = {t: [r[0] for r in con.execute(f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{t}' "
                                               "ORDER BY column_index").fetchall()]
                for t in ("documents", "events", "rejected")}
        docs, events = [], []
        for doc, evs in results:
            docs.append(DOCUMENTS.row({**asdict(doc), "ingested_at": "2026-12-01 12:00:00"}))
            for e in evs:
                rec = old_record(e, layout)
                events.append({**EVENTS.row(rec), "record": rec})
        rejected = [REJECTED.row({**asdict(r), "rejected_at": "2026-12-01 12:00:00"}) for r in rejections]
        for name, rows in (("documents", docs), ("events", events), ("rejected", rejected)):
            if not rows:
                continue
            names = cols[name]
            data = {c: [_plain(r.get(c)) for r in rows] for c in names}
            con.register("_old", pa.table(data))
            quoted = ", ".join(f'"{c}"' for c in names)
            con.execute(f"INSERT INTO {name} ({quoted}) SELECT {quoted} FROM _old")
            con.unregister("_old")
        if layout == 3:
            # layout 3's khaldun kept its roll-ups (of the definitions khaldun.schema still has) with every write
            for rollup in ROLLUPS:
                con.execute(f"INSERT INTO {rollup.name} SELECT 'events', * FROM ({rollup.select('events')})")
    finally:
        con.close()


def _plain(value: Any) -> Any:
    # JSON columns travel as text and are cast by DuckDB on insert, as the old store's JSON reader did
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value


def columns(path: Path | str) -> dict[str, list[tuple[str, str]]]:
    """``{table: [(column, type), ...]}`` of the file, read without the store."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        out: dict[str, list[tuple[str, str]]] = {}
        for t, c, k in con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                                   "WHERE database_name = current_database() ORDER BY table_name, column_index").fetchall():
            out.setdefault(t, []).append((c, k))
        return out
    finally:
        con.close()


def version(path: Path | str) -> str | None:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT value FROM khaldun_meta WHERE key = 'store_version'").fetchone()
        return row[0] if row else None
    finally:
        con.close()
