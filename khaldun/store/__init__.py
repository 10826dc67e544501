"""Storage of documents, events and rejected inputs behind one interface (:class:`Store`).

:class:`DuckDBStore` is the backend; ``tests/store/test_contract.py`` is the
contract every backend passes. See ``docs/store.md``.
"""

from khaldun.store.base import EventPage, EventQuery, PageKey, Store, doc_hashes
from khaldun.store.duckdb_store import DuckDBStore

__all__ = ["DuckDBStore", "EventPage", "EventQuery", "PageKey", "Store", "doc_hashes"]
