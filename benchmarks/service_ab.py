"""Before/after latency of ``khaldun serve``: two checkouts' servers side by side, requests alternated.

    python benchmarks/service_ab.py --before /path/to/old/checkout --store big.duckdb [--posts 20 --reads 160]

Starts the server of the checkout ``--before`` and the server of this one, each on its own
copy of ``--store`` (a 1,000,000-event store that ``service_latency.py --store`` builds), and
alternates the same requests between them: a 600-word POST to each (on fresh databases), then
the filtered ``GET /v1/events`` pages of ``service_latency.QUERIES`` and their second pages.
Alternating in one run makes the comparison fair on a machine whose load changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import service_latency as sl


class Served(sl.Served):
    def __init__(self, db: Path, checkout: Path) -> None:
        self.url = f"http://127.0.0.1:{(port := sl.free_port())}"
        env = {**os.environ, "KHALDUN_TOKEN": sl.TOKEN, "PYTHONPATH": str(checkout)}
        self.proc = subprocess.Popen([sys.executable, "-c", "import sys; from khaldun.cli.main import main; sys.exit(main())", "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
                                     env=env, cwd=checkout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.proc.kill()
        raise RuntimeError("server did not start")


def timed(c: httpx.Client, method: str, url: str, **kw: object) -> tuple[float, httpx.Response]:
    t = time.perf_counter()
    res = c.request(method, url, **kw)  # type: ignore[arg-type]
    return (time.perf_counter() - t) * 1000, res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="checkout of the code to compare with (its repository root)")
    ap.add_argument("--store", type=Path, required=True, help="the 1,000,000-event store (copied once per server)")
    ap.add_argument("--posts", type=int, default=20)
    ap.add_argument("--reads", type=int, default=160)
    args = ap.parse_args()
    sides = {"before": args.before.resolve(), "after": HERE.parent}
    docs = sl.articles_600(sl.corpus(), args.posts + 3)
    ms: dict[str, dict[str, list[float]]] = {s: {"post": [], "get": [], "next": []} for s in sides}
    with tempfile.TemporaryDirectory(prefix="khaldun-ab-") as tmp:
        # posts: fresh databases
        servers = {s: Served(Path(tmp) / f"posts-{s}.duckdb", root) for s, root in sides.items()}
        try:
            clients = {s: httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {sl.TOKEN}"}, timeout=120) for s, srv in servers.items()}
            for d in docs[:3]:
                for c in clients.values():
                    c.post("/v1/documents", json=d).raise_for_status()
            for d in docs[3:]:
                for s, c in clients.items():
                    t, res = timed(c, "POST", "/v1/documents", json=d)
                    assert res.status_code == 201, res.text[:300]
                    ms[s]["post"].append(t)
        finally:
            for srv in servers.values():
                srv.__exit__()
        # reads: a copy of the big store each
        servers = {}
        try:
            for s, root in sides.items():
                db = Path(tmp) / f"big-{s}.duckdb"
                shutil.copyfile(args.store, db)
                servers[s] = Served(db, root)
            clients = {s: httpx.Client(base_url=srv.url, timeout=120) for s, srv in servers.items()}
            for q in sl.QUERIES:
                for c in clients.values():
                    c.get("/v1/events", params=q).raise_for_status()
            for i in range(args.reads):
                q = sl.QUERIES[i % len(sl.QUERIES)]
                for s, c in clients.items():
                    t, res = timed(c, "GET", "/v1/events", params=q)
                    res.raise_for_status()
                    ms[s]["get"].append(t)
                    if i < len(sl.QUERIES) * 4 and res.json()["next_cursor"]:
                        t, res2 = timed(c, "GET", "/v1/events", params={**q, "cursor": res.json()["next_cursor"]})
                        res2.raise_for_status()
                        ms[s]["next"].append(t)
            # both give the same pages
            for q in sl.QUERIES:
                a, b = (clients[s].get("/v1/events", params=q).json()["events"] for s in sides)
                assert [e["event_id"] for e in a] == [e["event_id"] for e in b], q
        finally:
            for srv in servers.values():
                srv.__exit__()
    print(f"{'':34s} {'before p50':>11s} {'p95':>9s}   {'after p50':>10s} {'p95':>9s}")
    for what, label in (("post", "POST 600 words (fresh db)"), ("get", "GET /v1/events, first page"), ("next", "GET /v1/events, second page")):
        b, a = (sl.summary(ms[s][what]) for s in sides)
        print(f"{label:34s} {b['p50_ms']:8.1f} ms {b['p95_ms']:6.1f} ms   {a['p50_ms']:7.1f} ms {a['p95_ms']:6.1f} ms  (n={a['n']})")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
