"""Build a synthetic khaldun store of N events (default 10 million) in DuckDB SQL.

    .venv/bin/python scripts/synthetic_store.py [--events 10000000] [--db /tmp/khaldun-synthetic.duckdb] [--seed 1]

The rows are generated inside DuckDB (``range()`` and hash-derived draws
joined to small weighted tables), not by Python loops, and shaped like a
coded news store rather than uniform noise:

- **Actors** are country + sector codes ("NGA/MIL"): 60 countries by a Zipf
  law (s = 1.1: the first country is 2.1 times as frequent as the second,
  the tenth 1/12.6 of the first) times 10 sectors, skewed (government first,
  then military, police, civilians, rebels ...): 600 codes, of which the
  hundred most frequent carry most actors. Each actor is written in up to
  12 surface texts. 10 % of events have no actor, 5 % an actor with a name
  and no codes ("gunmen"); 35 % have no recipient. Half the recipients are of
  the actor's country (domestic events). So a few hundred actors carry most
  events and most of the tens of thousands of dyads are rare, as in GDELT or
  ICEWS.
- **Event codes** are the CAMEO codes of ``khaldun/data/cameo.tsv`` (with
  their PLOVER type, QuadClass and Goldstein score), roots weighted as in
  GDELT (statements, consultations, appeals and verbal conflict first; force
  about 9 %).
- **Dates** run over six years (2019-2024), growing over time (the density
  rising linearly to three times the first day's), 3 % undated; the location is the actor's country (70 %),
  the recipient's (10 %) or unknown.

``record`` holds a placeholder (the aggregates never read it). The roll-up
tables the analysis reads (``event_counts``) are rebuilt from the events at
the end, as a store migration would. Never commit the database;
``benchmarks/aggregates.py`` times the aggregates over it (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from importlib import resources

from khaldun.store import DuckDBStore

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "SYR", "PAK", "AFG",
             "IRQ", "NGA", "SAU", "EGY", "JPN", "KOR", "PRK", "YEM", "LBN", "SDN", "ETH", "SOM", "MLI", "KEN", "COD",
             "LBY", "BFA", "NER", "MMR", "PHL", "IDN", "VEN", "COL", "MEX", "BRA", "ARG", "AUS", "CAN", "ITA", "ESP",
             "POL", "BLR", "GEO", "ARM", "AZE", "KAZ", "UZB", "QAT", "ARE", "JOR", "DZA", "MAR", "TUN", "CAF", "TCD"]
SECTORS = [("GOV", 30), ("MIL", 14), ("COP", 9), ("CVL", 9), ("REB", 6), ("OPP", 6), ("BUS", 4), ("MED", 3),
           ("JUD", 3), ("UAF", 2)]
ROOTS = {"01": 9, "02": 4, "03": 6, "04": 17, "05": 7, "06": 3, "07": 3, "08": 3, "09": 2, "10": 3, "11": 7,
         "12": 3, "13": 3, "14": 3, "15": 1, "16": 2, "17": 6, "18": 5, "19": 9, "20": 0.3}
ZIPF = 1.1
SLOTS = 1 << 16
"""a draw picks one of this many slots; each value holds slots in proportion to its weight"""


def cameo_rows() -> list[tuple[str, str, str | None, int, float, float]]:
    """(code, root, PLOVER type, QuadClass, Goldstein, weight) of every CAMEO code in the shipped table."""
    text = resources.files("khaldun.data").joinpath("cameo.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith(("#", "cameo_code"))]
    per_root: dict[str, int] = {}
    for r in rows:
        per_root[r[0][:2]] = per_root.get(r[0][:2], 0) + 1
    return [(r[0], r[0][:2], r[2] or None, int(r[5]), float(r[6]), ROOTS[r[0][:2]] / per_root[r[0][:2]]) for r in rows]


def build(path: str, n: int, *, seed: int = 1) -> float:
    """Write a store of ``n`` synthetic events at ``path`` (replacing it); seconds taken."""
    if os.path.exists(path):
        os.unlink(path)
    DuckDBStore(path).close()  # the khaldun layout, empty
    import duckdb

    start = time.perf_counter()
    con = duckdb.connect(path)
    con.execute("SET preserve_insertion_order = false")
    con.execute("CREATE TEMP TABLE cameo (code VARCHAR, root VARCHAR, type VARCHAR, quad INTEGER, gold DOUBLE, w DOUBLE)")
    con.executemany("INSERT INTO cameo VALUES (?, ?, ?, ?, ?, ?)", cameo_rows())
    con.execute(
        "CREATE TEMP TABLE actor AS SELECT c.i * 100 + s.i AS id, c.code AS country, s.code AS sector, "
        f"pow(c.i, -{ZIPF}) * s.w AS w, 1 + hash(c.code || s.code) % 12 AS texts "
        "FROM (SELECT unnest(?::VARCHAR[]) AS code, generate_subscripts(?::VARCHAR[], 1) AS i) c, "
        "(SELECT unnest(?::VARCHAR[]) AS code, unnest(?::DOUBLE[]) AS w, generate_subscripts(?::VARCHAR[], 1) AS i) s",
        [COUNTRIES, COUNTRIES, [s for s, _ in SECTORS], [w for _, w in SECTORS], [s for s, _ in SECTORS]],
    )
    for table in ("cameo", "actor"):
        # slot k of a table belongs to the value whose cumulative weight span holds k
        con.execute(
            f"CREATE TEMP TABLE {table}_slot AS SELECT slot, v.* EXCLUDE (lo, hi) FROM range({SLOTS}) r(slot) "
            f"JOIN (SELECT *, round(coalesce(sum(w) OVER (ORDER BY w DESC, 1 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) "
            f"/ sum(w) OVER () * {SLOTS}) AS lo, round(sum(w) OVER (ORDER BY w DESC, 1 ROWS UNBOUNDED PRECEDING) / sum(w) OVER () "
            f"* {SLOTS}) AS hi FROM {table}) v ON r.slot >= v.lo AND r.slot < v.hi"
        )
    # u(i, k): the k-th independent draw of event i, a hash in [0, 2^32)
    u = "(hash(i * 16 + {k} + ?) % 4294967296)"
    draws = ", ".join(f"{u.format(k=k)} AS u{k}" for k in range(10))
    con.execute(
        f"""
        INSERT INTO events (event_id, doc_id, doc_date, event_type, cameo_code, cameo_root, cameo_name, quad_class,
                            goldstein, actor_text, actor_name, actor_country, actor_sector, recipient_text, recipient_name,
                            recipient_country, recipient_sector, date, date_precision, location_country, polarity,
                            modality, confidence, schema_version, sentence_index, record)
        WITH e AS (SELECT i, {draws} FROM range(?) t(i)),
        d AS (
            SELECT e.*, c.code, c.root, c.type, c.quad, c.gold, a.country AS ac, a.sector AS asec, a.texts AS atexts,
                   r.country AS rc0, r.sector AS rsec, r.texts AS rtexts,
                   CASE WHEN u3 % 100 < 3 THEN NULL ELSE DATE '2019-01-01' + CAST(floor(2192 * (sqrt(1 + 8 * u4 / 4294967296) - 1) / 2) AS INTEGER) END AS day
            FROM e JOIN cameo_slot c ON c.slot = e.u0 % {SLOTS} JOIN actor_slot a ON a.slot = e.u1 % {SLOTS}
                   JOIN actor_slot r ON r.slot = e.u2 % {SLOTS}
        ),
        f AS (
            SELECT *, CASE WHEN u5 % 100 < 10 THEN 'none' WHEN u5 % 100 < 15 THEN 'name' ELSE 'coded' END AS akind,
                   CASE WHEN u6 % 100 < 35 THEN 'none' WHEN u6 % 100 < 38 THEN 'name' ELSE 'coded' END AS rkind,
                   CASE WHEN u7 % 2 = 0 THEN ac ELSE rc0 END AS rc
            FROM d
        )
        SELECT 'e' || i, 'd' || (i // 4), day + CAST(u8 % 3 AS INTEGER), type, code, root, NULL, quad, gold,
               CASE akind WHEN 'none' THEN NULL WHEN 'name' THEN 'gunmen ' || (u9 % 40)
                          ELSE lower(ac || ' ' || asec) || ' text ' || (u9 % atexts) END,
               CASE akind WHEN 'none' THEN NULL WHEN 'name' THEN 'gunmen ' || (u9 % 40) ELSE lower(ac || ' ' || asec) END,
               CASE WHEN akind = 'coded' THEN ac END, CASE WHEN akind = 'coded' THEN asec END,
               CASE rkind WHEN 'none' THEN NULL WHEN 'name' THEN 'residents ' || (u9 % 30)
                          ELSE lower(rc || ' ' || rsec) || ' text ' || (u8 % rtexts) END,
               CASE rkind WHEN 'none' THEN NULL WHEN 'name' THEN 'residents ' || (u9 % 30) ELSE lower(rc || ' ' || rsec) END,
               CASE WHEN rkind = 'coded' THEN rc END, CASE WHEN rkind = 'coded' THEN rsec END,
               day, CASE WHEN day IS NULL THEN 'unknown' ELSE 'day' END,
               CASE WHEN u3 % 10 < 7 AND akind = 'coded' THEN ac WHEN u3 % 10 < 8 AND rkind = 'coded' THEN rc END,
               'affirmed', 'asserted', 0.7, '1', 0, '{{}}'
        FROM f
        """,
        [*([seed] * 10), n],
    )
    con.execute("CHECKPOINT")
    con.close()
    with DuckDBStore(path) as store:
        if hasattr(store, "rebuild_counts"):
            store.rebuild_counts()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--db", default="/tmp/khaldun-synthetic.duckdb")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    seconds = build(args.db, args.events, seed=args.seed)
    print(json.dumps({"events": args.events, "db": args.db, "build_seconds": round(seconds, 1),
                      "size_mb": round(os.path.getsize(args.db) / 1e6)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
