"""Storage of documents, events and rejected inputs (DuckDB by default)."""

from khaldun.store.duckdb_store import DuckDBStore, EventQuery

__all__ = ["DuckDBStore", "EventQuery"]
