"""Exactly once in the store: a run killed with SIGKILL and run again equals one clean run.

Real processes, a real DuckDB file: ``khaldun extract`` is started as a child,
killed with SIGKILL once some batches are stored (so mid-run, possibly
mid-transaction), started again, and the database compared with one written
by a clean run of the same inputs: the same documents, the same events (every
field), the same rejections, nothing twice, and the documents the killed run
had stored were not coded again.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from khaldun.store import DuckDBStore

REPO = Path(__file__).resolve().parents[1]
KHALDUN = Path(sys.executable).with_name("khaldun")
CORPUS = REPO / "benchmarks" / "corpus.jsonl.gz"


def _inputs(folder: Path, n: int) -> list[str]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(n), fh)]
    lines = []
    for i, r in enumerate(rows):
        lines.append(json.dumps({"id": f"a{i:03d}", "text": r["text"], "doc_date": r.get("doc_date")}))
        if i % 9 == 4:
            lines.append('{"id": broken json')  # a rejection between documents
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n")
    return [str(folder / "articles.jsonl"), str(folder / "empty.txt")]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHALDUN_")}
    env.update(KHALDUN_WORKERS="1", KHALDUN_WRITE_BATCH="8", **extra)
    return env


def _extract(db: Path, inputs: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KHALDUN), "extract", *inputs, "--db", str(db), "-f", "jsonl", "-o", os.devnull],
                          env=_env(), capture_output=True, text=True, timeout=600, check=False, **kw)


def _content(db: Path) -> dict[str, Any]:
    with DuckDBStore(str(db), read_only=True) as store:
        events = [e.to_dict() for e in store.events()]
        with store.connection() as con:
            docs = con.execute("SELECT doc_id, content_hash, text FROM documents ORDER BY doc_id").fetchall()
            rej = con.execute("SELECT origin, reason, code, message FROM rejected ORDER BY origin, reason").fetchall()
    return {"documents": docs, "events": sorted(events, key=lambda e: e["event_id"]), "rejected": rej}


def _stored_documents(db: Path) -> int:
    try:
        with DuckDBStore(str(db), read_only=True, lock_timeout=0.5) as store:
            return store.count("documents")
    except Exception:  # noqa: BLE001 - not created yet, or the writer holds it this instant
        return 0


@pytest.mark.slow
def test_killed_run_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, 60)
    clean_db, crash_db = tmp_path / "clean.duckdb", tmp_path / "crash.duckdb"
    clean = _extract(clean_db, inputs)
    assert clean.returncode == 0, clean.stderr
    expected = _content(clean_db)
    assert len(expected["documents"]) == 60 and len(expected["rejected"]) == 8 and len(expected["events"]) > 100

    child = subprocess.Popen([str(KHALDUN), "extract", *inputs, "--db", str(crash_db), "-q", "-f", "jsonl", "-o", os.devnull],
                             env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while _stored_documents(crash_db) < 16 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert child.poll() is None, "the run ended before it could be killed; give it more documents"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    partial = _stored_documents(crash_db)
    assert 16 <= partial < 60

    again = _extract(crash_db, inputs)
    assert again.returncode == 0, again.stderr
    assert f"{partial} already stored (skipped" in again.stderr
    assert f"khaldun: {60 - partial} documents read" in again.stderr
    assert _content(crash_db) == expected

    third = _extract(crash_db, inputs)  # once more: nothing to do, nothing doubled
    assert "0 documents read" in third.stderr and "60 already stored" in third.stderr
    assert _content(crash_db) == expected
