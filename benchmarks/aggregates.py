"""Analysis aggregates on a 10-million-event synthetic store (issue 11): dyad-by-month and country-by-month.

    python benchmarks/aggregates.py [--events 10000000] [--rounds 3] [--db PATH]

Builds the store with ``scripts/synthetic_store.py`` (about 3-10 minutes on
2 cores) the first time, and keeps it in ``~/.cache/khaldun/bench`` (never in
the repository), named by the event count and a digest of the generator, so
a changed generator builds a new one. ``make bench`` runs this after
``benchmarks/run.py``; ``KHALDUN_BENCH_AGGREGATES=0`` skips it and
``KHALDUN_BENCH_EVENTS`` sets the size.

Each case is a call of :mod:`khaldun.analysis` as ``khaldun dyads`` /
``khaldun timeline`` makes it: open the file read-only, compute, fetch every
row into Python. Times are wall-clock, best and median of ``--rounds``; the
load average is printed with them, since the machine is shared.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khaldun.analysis import dyads, network, timeline
from khaldun.analysis.aggregates import Aggregate, _where
from khaldun.schema import COUNTRY_COUNTS, EVENT_COUNTS, PAIR_COUNTS, PAIR_TOTALS
from khaldun.store import DuckDBStore, EventQuery

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent / "scripts" / "synthetic_store.py"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "khaldun" / "bench"
TARGET_S = 1.0
ROLLUP_ORDER = {"dyads": (PAIR_COUNTS, EVENT_COUNTS), "timeline": (COUNTRY_COUNTS, EVENT_COUNTS),
                "network": (PAIR_TOTALS, PAIR_COUNTS, EVENT_COUNTS)}
"""what each function tries, as in khaldun.analysis.aggregates (to print which table answered)"""

CASES: dict[str, tuple[EventQuery, str, Callable[[DuckDBStore, EventQuery], Aggregate]]] = {
    "dyads by month, top 50 pairs": (EventQuery(), "month", lambda s, q: dyads(s, q, by="month", level="mentions", top=50)),
    "dyads by month, --country NGA": (EventQuery(country="NGA"), "month",
                                      lambda s, q: dyads(s, q, by="month", level="mentions")),
    "dyads by month, --type ASSAULT 2023, top 50": (
        EventQuery(event_type="ASSAULT", since="2023-01-01", until="2023-12-31"), "month",
        lambda s, q: dyads(s, q, by="month", level="mentions", top=50)),
    "dyads by year, every pair": (EventQuery(), "year", lambda s, q: dyads(s, q, by="year", level="mentions")),
    "dyads by month, every pair": (EventQuery(), "month", lambda s, q: dyads(s, q, by="month", level="mentions")),
    "timeline (country by month), by QuadClass": (EventQuery(), "month",
                                                  lambda s, q: timeline(s, q, by="month", split="quad_class", level="mentions")),
    "timeline (country by month), by type": (EventQuery(), "month",
                                             lambda s, q: timeline(s, q, by="month", split="type", level="mentions")),
    "timeline by month, --country NGA --type 19": (EventQuery(country="NGA", event_type="19"), "month",
                                                   lambda s, q: timeline(s, q, by="month", level="mentions")),
    "network, --min-events 100": (EventQuery(), "", lambda s, q: network(s, q, level="mentions", min_events=100)),
    "dyads by month, --actor NGA (names: scans the events)": (
        EventQuery(actor="NGA"), "month", lambda s, q: dyads(s, q, by="month", level="mentions", top=50)),
    "dyads by week, --country NGA (weeks: scans the events)": (
        EventQuery(country="NGA"), "week", lambda s, q: dyads(s, q, by="week", level="mentions")),
}


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("synthetic_store", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def store_path(events: int) -> Path:
    digest = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:12]
    return CACHE / f"synthetic-{events}-{digest}.duckdb"


def ensure_store(path: Path, events: int) -> float | None:
    """Build the store at ``path`` unless it is there; the seconds it took, or None when reused."""
    if path.exists():
        DuckDBStore(path).close()  # opened for writing: roll-ups of an older definition are counted again
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"synthetic-{events}-*.duckdb"):
        old.unlink()  # built by an older generator
    partial = path.with_suffix(".partial")
    seconds = _generator().build(str(partial), events)
    partial.rename(path)
    return float(seconds)


def run(path: Path, rounds: int) -> list[dict[str, Any]]:
    out = []
    for name, (query, by, compute) in CASES.items():
        times, rows, source = [], 0, ""
        for _ in range(rounds):
            start = time.perf_counter()
            store = DuckDBStore(path, read_only=True)
            rows = len(compute(store, query).rows)
            times.append(time.perf_counter() - start)
            rollup = _where(store, "events", query, by or None, ROLLUP_ORDER[name.split(",")[0].split(" ")[0]]).rollup
            source = rollup.name if rollup else "events"
        out.append({"case": name, "reads": source, "rows": rows, "best_s": round(min(times), 3),
                    "median_s": round(statistics.median(times), 3)})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=int(os.environ.get("KHALDUN_BENCH_EVENTS", "10000000")))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--db", type=Path, help="an existing synthetic store (default: built and cached)")
    args = ap.parse_args()
    if os.environ.get("KHALDUN_BENCH_AGGREGATES", "1") == "0":
        print("aggregates benchmark skipped (KHALDUN_BENCH_AGGREGATES=0)")
        return 0
    path = args.db or store_path(args.events)
    built = None if args.db else ensure_store(path, args.events)
    with DuckDBStore(path, read_only=True) as store:
        events = store.count("events")
    head = {"store": str(path), "events": events, "size_mb": round(path.stat().st_size / 1e6),
            "built_s": round(built, 1) if built else "reused", "cpus": os.cpu_count(),
            "load_average_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    results = run(path, args.rounds)
    head["load_average_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(json.dumps(head, indent=2))
    width = max(len(r["case"]) for r in results)
    print(f"{'case':<{width}}  {'reads':<14}  {'rows':>9}  best s  median s")
    for r in results:
        flag = "" if r["best_s"] < TARGET_S else f"  (over {TARGET_S:g} s)"
        print(f"{r['case']:<{width}}  {r['reads']:<14}  {r['rows']:>9,}  {r['best_s']:>6.3f}  {r['median_s']:>8.3f}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
