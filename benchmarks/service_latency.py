"""Latency of ``khaldun serve`` on loopback (issue 12): the real server, a real client, p50/p95.

    python benchmarks/service_latency.py            # 60 posts, 300 reads on 1,000,000 events
    python benchmarks/service_latency.py --quick    # 20 posts, 100 reads on 200,000 events
    python benchmarks/service_latency.py --store /tmp/big.duckdb   # keep the big store, reuse it next time

1. POST /v1/documents: 600-word articles (two corpus articles joined, cut at 600 words),
   each new to the server, posted one after another to a warm server (model loaded,
   three posts already made). Target p95 <= 300 ms.
2. GET /v1/events with filters on a store of EVENTS events: the corpus's coded events
   replicated in DuckDB with new ids and dates spread over ten years. Target p95 <= 100 ms.

Writes ``benchmarks/results/service.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Self

import httpx

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl.gz"
KHALDUN = Path(sys.executable).with_name("khaldun")
TOKEN = "bench-token"
TARGETS = {"post_p95_ms": 300.0, "events_p95_ms": 100.0}


def corpus() -> list[dict[str, Any]]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def articles_600(rows: list[dict[str, Any]], n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        a, b = rows[(2 * i) % len(rows)], rows[(2 * i + 1) % len(rows)]
        words = (a["text"] + "\n\n" + b["text"]).split(" ")
        out.append({"id": f"bench-{i}", "text": " ".join(words[:600]), "date": str(a.get("doc_date") or "2023-10-15")[:10]})
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    def __init__(self, db: Path) -> None:
        self.url = f"http://127.0.0.1:{(port := free_port())}"
        env = {**os.environ, "KHALDUN_TOKEN": TOKEN}
        self.proc = subprocess.Popen([str(KHALDUN), "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.proc.kill()
        raise RuntimeError("server did not start")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1),
            "mean_ms": round(statistics.fmean(ms), 1), "max_ms": round(max(ms), 1)}


def bench_posts(rows: list[dict[str, Any]], n: int, folder: Path) -> dict[str, Any]:
    docs = articles_600(rows, n + 3)
    with Served(folder / "posts.duckdb") as srv, httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60) as c:
        for d in docs[:3]:
            c.post("/v1/documents", json=d).raise_for_status()
        ms = []
        for d in docs[3:]:
            t = time.perf_counter()
            res = c.post("/v1/documents", json=d)
            ms.append((time.perf_counter() - t) * 1000)
            assert res.status_code == 201 and res.json()["documents"][0]["status"] == "coded", res.text[:300]
    return {"words": 600, **summary(ms)}


def build_store(rows: list[dict[str, Any]], events: int, db: Path) -> dict[str, Any]:
    """Code the corpus into ``db``, then replicate its events to ``events`` rows with new ids and dates."""
    from khaldun.config import Settings
    from khaldun.ingest.readers import document_from_mapping
    from khaldun.pipeline import run_into
    from khaldun.store import DuckDBStore

    t0 = time.perf_counter()
    store = DuckDBStore(db)
    docs = [document_from_mapping({**r, "id": str(r["id"])}, f"corpus[{i}]", 1_000_000) for i, r in enumerate(rows[:120])]
    run_into(store, docs, Settings(workers=2))
    coded = store.count("events")
    t1 = time.perf_counter()
    copies = -(-events // coded) - 1
    with store.connection(read_only=False) as con:
        con.execute("CREATE TEMP TABLE base AS SELECT * FROM events")
        con.execute(
            """INSERT INTO events BY NAME
               SELECT base.* REPLACE (
                   event_id || '-' || k AS event_id,
                   CAST(coalesce(date, DATE '2023-10-15') - INTERVAL (k % 3650) DAY AS DATE) AS date,
                   json_merge_patch(record, json_object(
                       'event_id', event_id || '-' || k,
                       'date', strftime(CAST(coalesce(date, DATE '2023-10-15') - INTERVAL (k % 3650) DAY AS DATE), '%Y-%m-%d'))) AS record)
               FROM base, range(1, ?) AS r(k)""",
            [copies + 1],
        )
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM events ORDER BY event_id DESC LIMIT "
                    "(SELECT greatest(count(*) - ?, 0) FROM events))", [events])
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
        con.execute("CHECKPOINT")
    return {"events": int(total), "coded_events": coded, "documents": len(docs),
            "code_s": round(t1 - t0, 1), "replicate_s": round(time.perf_counter() - t1, 1)}


QUERIES: list[dict[str, Any]] = [
    {"type": "ASSAULT", "country": "ISR"},
    {"actor": "IRN", "since": "2020-01-01"},
    {"country": "PSE", "since": "2022-01-01", "until": "2022-12-31"},
    {"type": "19", "limit": 100},
    {"recipient": "USA"},
    {"since": "2023-01-01", "limit": 100},
    {"type": "PROTEST", "country": "KEN", "limit": 50},
    {"actor": "police"},
]


def bench_events(rows: list[dict[str, Any]], events: int, n: int, folder: Path, store: Path | None = None) -> dict[str, Any]:
    db = store or folder / "big.duckdb"
    if db.exists():
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            built = {"events": con.execute("SELECT count(*) FROM events").fetchone()[0], "reused": str(db)}  # type: ignore[index]
    else:
        built = build_store(rows, events, db)
    rng = random.Random(12)
    ms: list[float] = []
    pages = 0
    with Served(db) as srv, httpx.Client(base_url=srv.url, timeout=60) as c:
        for q in QUERIES:
            c.get("/v1/events", params=q).raise_for_status()
        for _ in range(n):
            q = rng.choice(QUERIES)
            t = time.perf_counter()
            res = c.get("/v1/events", params=q)
            ms.append((time.perf_counter() - t) * 1000)
            res.raise_for_status()
            pages += bool(res.json()["events"])
        # a second page, through the cursor
        first = c.get("/v1/events", params=QUERIES[0]).json()
        t = time.perf_counter()
        c.get("/v1/events", params={**QUERIES[0], "cursor": first["next_cursor"]}).raise_for_status()
        cursor_ms = (time.perf_counter() - t) * 1000
    return {"store": built, "queries": QUERIES, "non_empty_pages": pages, "cursor_page_ms": round(cursor_ms, 1), **summary(ms)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--events", type=int, help="events in the big store (default 1,000,000; --quick 200,000)")
    ap.add_argument("--store", type=Path, help="the big store's file: reused when it exists, else built there and kept")
    args = ap.parse_args()
    rows = corpus()
    posts, reads = (20, 100) if args.quick else (60, 300)
    events = args.events or (200_000 if args.quick else 1_000_000)
    with tempfile.TemporaryDirectory(prefix="khaldun-bench-") as tmp:
        result = {
            "post_600_words": bench_posts(rows, posts, Path(tmp)),
            "get_events": bench_events(rows, events, reads, Path(tmp), args.store),
            "targets": TARGETS,
            "cpus": os.cpu_count(),
            "load_average": round(os.getloadavg()[0], 1),
        }
    ok_post = result["post_600_words"]["p95_ms"] <= TARGETS["post_p95_ms"]
    ok_get = result["get_events"]["p95_ms"] <= TARGETS["events_p95_ms"]
    out = HERE / "results" / "service.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    p, g = result["post_600_words"], result["get_events"]
    rows_out = [
        ("POST /v1/documents, 600 words", p, TARGETS["post_p95_ms"], ok_post),
        (f"GET /v1/events, {g['store']['events']:,} events", g, TARGETS["events_p95_ms"], ok_get),
    ]
    print(f"{'service latency (loopback)':40s} {'n':>4s} {'p50':>9s} {'p95':>9s} {'target p95':>11s}")
    for name, r, target, ok in rows_out:
        print(f"{name:40s} {r['n']:4d} {r['p50_ms']:6.1f} ms {r['p95_ms']:6.1f} ms {f'<= {target:g} ms':>11s}  {'ok' if ok else 'MISSED'}")
    print(f"(second page through the cursor: {g['cursor_page_ms']} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"written to {out}")
    return 0 if ok_post and ok_get else 1


if __name__ == "__main__":
    sys.exit(main())
