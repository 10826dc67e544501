"""DuckDB store: one embedded file holding documents, events and rejected inputs.

Tables:
- ``documents``: one row per document (``doc_id`` primary key), with its text.
- ``events``: one row per event record, flattened for querying (``actor_country``,
  ``recipient_country``, ``location_country``, ...) plus ``record``, the whole
  record as JSON, from which every export is rebuilt unchanged.
- ``rejected``: one row per rejected input, with reason and code.

Re-ingesting a document replaces its row and its events: the same article twice
is stored once. Rows are inserted in bulk through DuckDB's JSON reader, which
is much faster than row-by-row inserts.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from khaldun.errors import StoreError, UsageError
from khaldun.records import Document, EventRecord, Rejection

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR,
    doc_date DATE,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,
    dateline VARCHAR,
    origin VARCHAR,
    text VARCHAR,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR,
    event_type VARCHAR,
    mode VARCHAR,
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    actor_name VARCHAR,
    actor_country VARCHAR,
    actor_sector VARCHAR,
    recipient_name VARCHAR,
    recipient_country VARCHAR,
    recipient_sector VARCHAR,
    date DATE,
    date_precision VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    fatalities INTEGER,
    injured INTEGER,
    arrested INTEGER,
    abducted INTEGER,
    size INTEGER,
    polarity VARCHAR,
    modality VARCHAR,
    source VARCHAR,
    confidence DOUBLE,
    sentence_index INTEGER,
    record JSON
);
CREATE TABLE IF NOT EXISTS rejected (
    origin VARCHAR,
    reason VARCHAR,
    code VARCHAR,
    message VARCHAR,
    doc_id VARCHAR,
    rejected_at TIMESTAMP
);
"""

EVENT_COLUMNS = (
    "event_id", "doc_id", "event_type", "mode", "cameo_code", "cameo_root", "quad_class", "goldstein",
    "acled_event_type", "acled_sub_event_type", "actor_name", "actor_country", "actor_sector",
    "recipient_name", "recipient_country", "recipient_sector", "date", "date_precision",
    "location_name", "location_country", "lat", "lon", "fatalities", "injured", "arrested",
    "abducted", "size", "polarity", "modality", "source", "confidence", "sentence_index", "record",
)
_EVENT_TYPES = {
    "quad_class": "INTEGER", "goldstein": "DOUBLE", "lat": "DOUBLE", "lon": "DOUBLE", "fatalities": "INTEGER",
    "injured": "INTEGER", "arrested": "INTEGER", "abducted": "INTEGER", "size": "INTEGER",
    "confidence": "DOUBLE", "sentence_index": "INTEGER", "date": "DATE", "record": "JSON",
}


@dataclass(frozen=True)
class EventQuery:
    """Filters for :meth:`DuckDBStore.events`. Every field is optional."""

    event_type: str | None = None
    """PLOVER type (AGREE ... ASSAULT) or a CAMEO code prefix ("19", "044")"""
    actor: str | None = None
    """actor country code or a part of the actor's name"""
    recipient: str | None = None
    """recipient country code or a part of the recipient's name"""
    country: str | None = None
    """country of the actor, the recipient or the location"""
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    limit: int | None = None


def _flat(rec: EventRecord) -> dict[str, Any]:
    a, r, loc = rec.actor, rec.recipient, rec.location
    return {
        "event_id": rec.event_id,
        "doc_id": rec.doc_id,
        "event_type": rec.event_type,
        "mode": rec.mode,
        "cameo_code": rec.cameo_code,
        "cameo_root": rec.cameo_root,
        "quad_class": rec.quad_class,
        "goldstein": rec.goldstein,
        "acled_event_type": rec.acled_event_type,
        "acled_sub_event_type": rec.acled_sub_event_type,
        "actor_name": (a.name or a.text) if a else None,
        "actor_country": a.country if a else None,
        "actor_sector": a.sector if a else None,
        "recipient_name": (r.name or r.text) if r else None,
        "recipient_country": r.country if r else None,
        "recipient_sector": r.sector if r else None,
        "date": rec.date,
        "date_precision": rec.date_precision,
        "location_name": (loc.name or loc.text) if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "fatalities": rec.fatalities.value if rec.fatalities else None,
        "injured": rec.injured.value if rec.injured else None,
        "arrested": rec.arrested.value if rec.arrested else None,
        "abducted": rec.abducted.value if rec.abducted else None,
        "size": rec.size.value if rec.size else None,
        "polarity": rec.polarity,
        "modality": rec.modality,
        "source": rec.source,
        "confidence": rec.confidence,
        "sentence_index": rec.evidence.sentence_index,
        "record": rec.to_dict(),
    }


class DuckDBStore:
    """Documents, events and rejections in one DuckDB database (a file or ``:memory:``)."""

    def __init__(self, path: str = ":memory:", *, read_only: bool = False) -> None:
        import duckdb

        self.path = path
        try:
            if read_only and path != ":memory:" and not os.path.exists(path):
                raise StoreError(f"no database at {path}; run `khaldun extract` first or pass --db")
            self.con = duckdb.connect(path, read_only=read_only)
            if not read_only:
                self.con.execute(SCHEMA)
            else:
                found = self.con.execute(
                    "SELECT count(DISTINCT table_name) FROM information_schema.tables "
                    "WHERE table_name IN ('documents', 'events', 'rejected')"
                ).fetchone()
                if not found or found[0] < 3:
                    # any other DuckDB file would fail later with a bare catalog error
                    self.con.close()
                    raise StoreError(f"{path} is a DuckDB file but not a khaldun database (no events table)")
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def _bulk_insert(self, table: str, rows: Sequence[dict[str, Any]], columns: Sequence[str], types: dict[str, str]) -> None:
        if not rows:
            return
        fd, tmp = tempfile.mkstemp(suffix=".jsonl", prefix="khaldun-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False, default=str))
                    fh.write("\n")
            spec = ", ".join(f"'{c}': '{types.get(c, 'VARCHAR')}'" for c in columns)
            cols = ", ".join(f'"{c}"' for c in columns)
            self.con.execute(
                f"INSERT OR REPLACE INTO {table} ({cols}) SELECT {cols} FROM read_json(?, format='newline_delimited', columns={{{spec}}})",
                [tmp],
            )
        finally:
            os.unlink(tmp)

    def add(
        self,
        results: Iterable[tuple[Document, list[EventRecord]]],
        rejections: Iterable[Rejection] = (),
    ) -> None:
        """Store documents with their events (replacing earlier copies) and rejections."""
        import duckdb

        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        docs, events = [], []
        for doc, evs in results:
            docs.append({
                "doc_id": doc.doc_id, "content_hash": doc.content_hash, "doc_date": doc.doc_date,
                "title": doc.title, "url": doc.url, "source": doc.source, "dateline": doc.dateline,
                "origin": doc.origin, "text": doc.text, "ingested_at": now,
            })
            events.extend(_flat(e) for e in evs)
        rej = [{**asdict(r), "rejected_at": now} for r in rejections]
        try:
            self.con.execute("BEGIN TRANSACTION")
            if docs:
                ids = [d["doc_id"] for d in docs]
                self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [ids])
            self._bulk_insert(
                "documents", docs,
                ("doc_id", "content_hash", "doc_date", "title", "url", "source", "dateline", "origin", "text", "ingested_at"),
                {"doc_date": "DATE", "ingested_at": "TIMESTAMP"},
            )
            self._bulk_insert("events", events, EVENT_COLUMNS, _EVENT_TYPES)
            if rej:
                self.con.executemany(
                    "INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?)",
                    [(r["origin"], r["reason"], r["code"], r["message"], r["doc_id"], r["rejected_at"]) for r in rej],
                )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    # -- reading -------------------------------------------------------------

    def events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Event records (as dicts, exactly as coded) matching ``query``, oldest first."""
        q = query or EventQuery()
        where, params = [], []
        if q.event_type:
            t = q.event_type.strip()
            if t.isdigit():
                where.append("cameo_code LIKE ?")
                params.append(t + "%")
            else:
                where.append("upper(event_type) = upper(?)")
                params.append(t)
        for field, prefix in ((q.actor, "actor"), (q.recipient, "recipient")):
            if field:
                where.append(f"(upper({prefix}_country) = upper(?) OR {prefix}_name ILIKE ?)")
                params += [field, f"%{field}%"]
        if q.country:
            where.append("(upper(actor_country) = upper(?) OR upper(recipient_country) = upper(?) OR upper(location_country) = upper(?))")
            params += [q.country] * 3
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
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, doc_id, sentence_index, event_id"
        if q.limit is not None:
            if q.limit < 0:
                raise UsageError("limit must be 0 or more")
            sql += f" LIMIT {int(q.limit)}"
        return [json.loads(row[0]) for row in self.con.execute(sql, params).fetchall()]

    def rejected(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT origin, reason, code, message, doc_id FROM rejected ORDER BY rejected_at, origin")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in ("documents", "events", "rejected"):
            raise UsageError(f"unknown table {table!r}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
