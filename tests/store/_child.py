"""A separate process for the concurrency tests: ``python _child.py COMMAND DB ...``.

- ``write DB PREFIX BATCHES DOCS EVENTS``: write batches ``PREFIX{k}`` one by one,
  printing ``begin k`` before and ``committed k`` after each.
- ``hold DB SECONDS``: open DB for writing, print ``holding``, keep it open.
- ``open-transaction DB``: write batch ``t1``, then in one transaction write rows
  without end, printing ``in transaction`` once some are in (to be killed).
- ``upgrade DB``: open DB (of an older layout) for writing, which upgrades it; print ``upgraded``.
- ``upgrade-open DB``: run every statement of DB's upgrade, the version bump included, in a
  transaction left open; print ``in transaction`` (to be killed before it commits).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _factory import batch

from khaldun.store import DuckDBStore


def main(command: str, db: str, *args: str) -> None:
    if command == "write":
        prefix, batches, docs, events = args[0], int(args[1]), int(args[2]), int(args[3])
        store = DuckDBStore(db, lock_timeout=60)
        for k in range(1, batches + 1):
            rows = batch(f"{prefix}{k}", docs, events)
            print(f"begin {k}", flush=True)
            store.write(rows)
            print(f"committed {k}", flush=True)
    elif command == "hold":
        import duckdb

        con = duckdb.connect(db)
        print("holding", flush=True)
        time.sleep(float(args[0]))
        con.close()
    elif command == "open-transaction":
        store = DuckDBStore(db, lock_timeout=60)
        store.write(batch("t1", 50, 3))
        print("committed 1", flush=True)
        with store.connection(read_only=False) as con:
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM events WHERE doc_id LIKE 't1-%'")
            k = 0
            while True:
                k += 1
                con.execute("INSERT INTO documents (doc_id, content_hash, text) SELECT 't2-' || i || '-' || ?, 'h', "
                            "repeat('x', 100) FROM range(150000) t(i)", [k])
                if k == 2:  # past a row group: DuckDB has begun writing this transaction's rows to the file
                    print("in transaction", flush=True)
    elif command == "upgrade":
        print("opening", flush=True)
        store = DuckDBStore(db, lock_timeout=60)
        assert store.upgraded is not None
        print("upgraded", flush=True)
    elif command == "upgrade-open":
        import duckdb

        from khaldun.store.duckdb_store import _layout_version, _upgrade_in
        from khaldun.store.upgrade import plan

        con = duckdb.connect(db)
        version = _layout_version(con, db, empty_ok=False)
        assert version is not None
        con.execute("BEGIN TRANSACTION")
        _upgrade_in(con, plan(con, db, version))
        print("in transaction", flush=True)
        time.sleep(600)
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(*sys.argv[1:])
