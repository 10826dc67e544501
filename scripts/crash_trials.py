"""Crash-and-resume trials: kill `khaldun extract` with SIGKILL at random moments, rerun, compare.

    python scripts/crash_trials.py INPUT [INPUT ...] --trials 5 --workers 2

A clean run writes a reference database; each trial starts the same run into
a fresh database, kills it (SIGKILL, no chance to clean up) after a random
delay, optionally kills the rerun too, then runs it to the end and compares
documents, events (every field) and rejections with the reference. Prints one
line per trial and exits 1 if any trial differs. The figures go in
docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KHALDUN = Path(sys.executable).with_name("khaldun")


def content(db: Path) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT doc_id, content_hash FROM documents ORDER BY doc_id").fetchall()
        events = con.execute("SELECT event_id, record FROM events ORDER BY event_id").fetchall()
        rej = con.execute("SELECT origin, reason, code FROM rejected ORDER BY origin, reason").fetchall()
    finally:
        con.close()
    return {"documents": docs, "events": [(i, json.loads(r)) for i, r in events], "rejected": rej}


def run(db: Path, inputs: list[str], workers: int, kill_after: float | None) -> tuple[int, float]:
    cmd = [str(KHALDUN), "extract", *inputs, "--db", str(db), "-q", "-f", "jsonl", "-o", os.devnull, "--workers", str(workers)]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker processes, as a power cut would
    proc.wait()
    return proc.returncode, time.monotonic() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        ref_db = Path(tmp) / "clean.duckdb"
        rc, clean_s = run(ref_db, args.inputs, args.workers, None)
        if rc != 0:
            print(f"clean run failed with exit {rc}")
            return 1
        ref = content(ref_db)
        print(f"clean run: {len(ref['documents'])} documents, {len(ref['events'])} events, "
              f"{len(ref['rejected'])} rejections, {clean_s:.0f} s")
        failures = 0
        for t in range(args.trials):
            db = Path(tmp) / f"trial{t}.duckdb"
            kills = [rnd.uniform(0.1, 0.9) * clean_s for _ in range(1 + (t % 2))]  # odd trials kill the rerun too
            partial = []
            for k in kills:
                run(db, args.inputs, args.workers, k)
                partial.append(len(content(db)["documents"]) if db.exists() else 0)
            rc, _ = run(db, args.inputs, args.workers, None)
            same = rc == 0 and content(db) == ref
            failures += not same
            print(f"trial {t + 1}: killed after {', '.join(f'{k:.1f} s' for k in kills)} "
                  f"with {', '.join(map(str, partial))} documents stored; rerun exit {rc}; "
                  f"{'identical to the clean run' if same else 'DIFFERENT'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
