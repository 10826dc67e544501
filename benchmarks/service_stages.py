"""Where a warm POST of a 600-word article spends its time, stage by stage, in one run (issue 12).

    python benchmarks/service_stages.py                        # 20 articles, a fresh store
    python benchmarks/service_stages.py --store big.duckdb     # also writes into a copy of a 1,000,000-event store
    python benchmarks/service_stages.py --http                 # and the same posts to a real server on loopback

Each article goes through the stages the server runs, timed one by one, side by side:
the request's JSON parse into documents; the bare spaCy parse of the text (the model package
with the same pipes, none of ours: the floor); khaldun's parse (re-casing tokenizer and
paragraph component) and the coder; the same documents coded in the server's coding process
(the round trip minus the work = the hand-off, with the pickled sizes); the store's write,
statement by statement, and its commit; the response's dict and its JSON. Medians and p95
over the articles (after three warm-up articles). ``--http`` adds the end-to-end figure of
the real server, whose difference from the sum is HTTP and the framework.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import service_latency as sl

from khaldun.config import Settings
from khaldun.store import DuckDBStore

T: dict[str, list[float]] = defaultdict(list)
CPU: dict[str, list[float]] = defaultdict(list)


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Wall-clock and CPU milliseconds of the block (CPU: this process's, all its threads: what the
    machine's load does not inflate; it misses the coding process's work)."""
    t, c = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        T[name].append((time.perf_counter() - t) * 1000)
        CPU[name].append((time.process_time() - c) * 1000)


class _TimedCursor:
    """A connection whose statements are timed under a short label (their first words)."""

    def __init__(self, con: Any, prefix: str) -> None:
        self._con, self._prefix = con, prefix

    def execute(self, sql: str, params: Any = None) -> Any:
        label = re.sub(r"\s+", " ", sql.strip())
        label = re.sub(r"\(.*", "(..", label)[:60]
        with timed(f"{self._prefix} sql: {label}"):
            return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


class TimedStore(DuckDBStore):
    prefix = "store"

    @contextmanager
    def connection(self, *, read_only: bool = True) -> Iterator[Any]:
        with super().connection(read_only=read_only) as con:
            yield _TimedCursor(con, self.prefix)


def cpu_ms(pid: int) -> tuple[float, float]:
    """CPU milliseconds so far of process ``pid`` itself and of all its descendants (Linux /proc)."""
    tick = 1000 / os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    used: dict[int, float] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent[int(d)] = int(fields[1])
            used[int(d)] = (int(fields[11]) + int(fields[12])) * tick
    below = 0.0
    for q, p in parent.items():
        while p and p != pid:
            p = parent.get(p, 0)
        if p == pid and q != pid:
            below += used[q]
    return used.get(pid, 0.0), below


def pct(xs: list[float], p: float) -> float:
    return sl.pct(xs, p)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=20, help="articles timed (after 3 warm-up ones)")
    ap.add_argument("--store", type=Path, help="a big store: each article is also written into a copy of it")
    ap.add_argument("--http", action="store_true", help="also post the articles to a real server on loopback")
    args = ap.parse_args()

    import spacy  # noqa: F401

    from khaldun.coding import get_coder
    from khaldun.nlp import load_model
    from khaldun.pipeline import Pipeline, run_into
    from khaldun.records import Document
    from khaldun.service.coder import CodingProcess
    from khaldun.service.writer import documents_from_json

    rows = sl.corpus()
    bodies = sl.articles_600(rows, args.n + 3)
    settings = Settings(workers=1)
    pipe = Pipeline(settings)
    pipe.warm_up()
    nlp = load_model(settings.model)
    coder = get_coder(settings)
    import importlib

    bare = importlib.import_module(settings.model).load()  # the same package and pipes, nothing of ours
    print("pipes:", nlp.pipe_names, "| bare:", bare.pipe_names, file=sys.stderr)
    proc = CodingProcess(settings)
    proc.start()
    tmp = Path(tempfile.mkdtemp(prefix="khaldun-stages-"))
    stores = {"store": TimedStore(tmp / "fresh.duckdb", hold=True)}
    if args.store:
        shutil.copy(args.store, tmp / "big.duckdb")
        big = TimedStore(tmp / "big.duckdb", hold=True)
        big.prefix = "big store"
        stores["big store"] = big
    try:
        for i, body in enumerate(bodies):
            if i == 3:
                T.clear()
                CPU.clear()
            raw = json.dumps(body).encode()
            with timed("1 request JSON -> documents"):
                doc = documents_from_json(json.loads(raw), settings, 50)[0]
            assert isinstance(doc, Document)
            with timed("2 bare spaCy parse (floor)"):
                bare(doc.text)
            with timed("3 khaldun parse"):
                sdoc = nlp(doc.text)
            with timed("4 coder"):
                events = [e for e in coder.code(doc, sdoc) if e.confidence >= settings.min_confidence]
            with timed("5 coding process round trip"):
                out = list(proc.outcomes([doc]))
            assert not isinstance(out[0][1], Exception)
            T["5a pickle out+in (docs), KB"].append(len(pickle.dumps([doc])) / 1000)
            T["5b pickle back (records), KB"].append(len(pickle.dumps([r for _, r in out])) / 1000)
            with timed("5c pickle+unpickle both ways"):
                pickle.loads(pickle.dumps([doc]))
                pickle.loads(pickle.dumps([r for _, r in out]))
            for name, st in stores.items():
                with timed(f"{name}: run_into (lookup + write)"):
                    run_into(st, [doc], settings, code=lambda docs, ev=events: ((d, ev) for d in docs))
            with timed("7 response dict"):
                resp = {"documents": [{"doc_id": doc.doc_id, "status": "coded", "title": doc.title, "doc_date": doc.doc_date,
                                       "events": [e.to_dict() for e in events]}], "rejections": [], "summary": {}}
            with timed("8 response JSON"):
                json.dumps(resp, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
            T["events per article"].append(len(events))
    finally:
        proc.close()
        for st in stores.values():
            st.close()
    if args.http:
        with tempfile.TemporaryDirectory() as d:
            import httpx

            with sl.Served(Path(d) / "http.duckdb") as srv, httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {sl.TOKEN}"}, timeout=60) as c:
                for i, body in enumerate(bodies):
                    t, (own, below) = time.perf_counter(), cpu_ms(srv.proc.pid)
                    c.post("/v1/documents", json={**body, "id": f"http-{i}"}).raise_for_status()
                    if i >= 3:
                        T["9 HTTP POST end to end (real server)"].append((time.perf_counter() - t) * 1000)
                        own2, below2 = cpu_ms(srv.proc.pid)
                        T["9a server process CPU per post (HTTP, store, answer)"].append(own2 - own)
                        T["9b coding process CPU per post (parse, code)"].append(below2 - below)
    print(f"{'stage (ms per 600-word article; CPU: this process)':64s} {'median':>8s} {'p95':>8s} {'mean':>8s} {'CPU mean':>9s}")
    for name in sorted(T, key=lambda k: (k.split(" sql:")[0], -statistics.fmean(T[k]))):
        xs = T[name]
        label = f"{name} (x{len(xs) / args.n:.2f})" if " sql:" in name and len(xs) != args.n else name
        cpu = f"{statistics.fmean(CPU[name]):9.1f}" if name in CPU else ""
        print(f"{label[:64]:64s} {statistics.median(xs):8.1f} {pct(xs, 95):8.1f} {statistics.fmean(xs):8.1f} {cpu}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
