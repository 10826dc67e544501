"""The server's store: the library's DuckDB store, holding its file open for the server's life.

:class:`khaldun.store.DuckDBStore` opens the file for each call so that several
processes can take turns. A server is the single writer of its database, and
re-opening a file costs tens of milliseconds a request, so :class:`ServedStore`
opens the file once, read-write (which keeps other processes from writing it
while the server runs), and gives each call its own cursor on that connection,
which DuckDB lets threads use side by side. Everything else (queries, writes,
transactions) is the library's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from khaldun.store import DuckDBStore

if TYPE_CHECKING:
    import duckdb


class ServedStore(DuckDBStore):
    """A :class:`DuckDBStore` on one long-lived connection; thread-safe through cursors."""

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, lock_timeout: float = 60.0) -> None:
        self.path = str(path)
        self.lock_timeout = lock_timeout
        self.read_only = False
        self.on_wait = None
        if self.path == ":memory:":
            super().__init__(self.path)
            assert self._memory is not None
            self._root = self._memory
            self._memory = None
            return
        self._root = self._open(read_only=False)  # waits for, or names, another process holding it
        super().__init__(self.path, lock_timeout=lock_timeout)

    @contextmanager
    def connection(self, *, read_only: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the server's connection, closed after the piece of work."""
        cur = self._root.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self._root.close()
