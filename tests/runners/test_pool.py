"""The process-pool runner: same records, same order, same callbacks as one process."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from khaldun.config import Settings
from khaldun.ingest.readers import document_from_mapping
from khaldun.records import Document, Rejection
from khaldun.runners import PoolCoder, resolve_workers, run_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus.jsonl.gz"


def test_workers_zero_means_one_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 7)
    assert resolve_workers(0) == 7
    assert resolve_workers(3) == 3
    monkeypatch.setattr("os.cpu_count", lambda: None)  # unknown: one process
    assert resolve_workers(0) == 1
    with pytest.raises(ValueError):
        resolve_workers(-1)


def test_pool_reads_workers_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 5)
    assert PoolCoder(Settings(workers=0)).workers == 5
    assert PoolCoder(Settings(workers=2)).workers == 2
    assert PoolCoder(Settings(workers=2), workers=3).workers == 3


def _rejection(n: int) -> Rejection:
    return Rejection(origin=f"bad-{n}.txt", reason="empty", code="K101", message=f"[K101] bad-{n}.txt: the text is empty")


def _items(n_docs: int) -> list[Document | Rejection]:
    """Corpus articles with rejections and a repeated article among them."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][:n_docs]
    docs = [document_from_mapping(r, f"corpus:{i + 1}", 1_000_000) for i, r in enumerate(rows)]
    items: list[Document | Rejection] = []
    for i, doc in enumerate(docs):
        items.append(doc)
        if i % 7 == 3:
            items.append(_rejection(i))
    items.insert(5, docs[2])  # the same article twice: coded once, either way
    items.append(_rejection(999))  # a rejection after the last document
    return items


def _run(items: list[Document | Rejection], settings: Settings) -> tuple[list[Any], Any]:
    calls: list[Any] = []
    summary = run_pipeline(
        items,
        settings,
        on_document=lambda d, evs: calls.append(("doc", d.doc_id, [e.to_dict() for e in evs])),
        on_rejection=lambda r: calls.append(("rejected", r.origin, r.reason)),
    )
    return calls, summary


@pytest.mark.slow
def test_two_workers_give_the_same_records_in_the_same_order() -> None:
    items = _items(40)  # more than one chunk, so the pool is used
    one_calls, one = _run(items, Settings(workers=1))
    two_calls, two = _run(items, Settings(workers=2))

    def docs(calls: list[Any]) -> list[Any]:
        return [c for c in calls if c[0] == "doc"]

    def rejections(calls: list[Any]) -> list[Any]:
        return [c for c in calls if c[0] == "rejected"]

    assert [c[1] for c in docs(two_calls)] == [c[1] for c in docs(one_calls)]
    assert [c[1] for c in docs(one_calls)][:3] == ["bench-0000", "bench-0001", "bench-0002"]
    assert [[e["event_id"] for e in c[2]] for c in docs(two_calls)] == [[e["event_id"] for e in c[2]] for c in docs(one_calls)]
    assert docs(two_calls) == docs(one_calls)  # every field of every record
    assert sum(len(c[2]) for c in docs(one_calls)) > 100
    assert rejections(two_calls) == rejections(one_calls)
    assert [c[1] for c in rejections(two_calls)] == [r.origin for r in items if isinstance(r, Rejection)]
    for s in (one, two):
        assert (s.documents, s.rejected, s.rejected_by_reason) == (40, 7, {"empty": 7})
    assert (two.documents, two.rejected, two.events, two.rejected_by_reason) == (one.documents, one.rejected, one.events, one.rejected_by_reason)


@pytest.mark.slow
def test_pool_chunks_keep_input_order_and_report_worker_memory() -> None:
    items = [i for i in _items(12) if isinstance(i, Document)][:12]
    with PoolCoder(Settings(workers=2), chunk_docs=3) as pool:
        pairs = list(pool.outcomes(items))
        assert [d.doc_id for d, _ in pairs] == [d.doc_id for d in items]
        assert len(pool.peak_rss_kb) >= 1 and all(kb > 0 for kb in pool.peak_rss_kb.values())


@pytest.mark.slow
def test_small_input_is_coded_in_this_process() -> None:
    items = [i for i in _items(3) if isinstance(i, Document)][:3]
    with PoolCoder(Settings(workers=2)) as pool:
        pairs = list(pool.outcomes(items))
        assert pool._executor is None  # no worker was started for one chunk
    assert [d.doc_id for d, _ in pairs] == [d.doc_id for d in items]


def test_only_rejections_start_nothing() -> None:
    rejections = [_rejection(i) for i in range(3)]
    seen: list[str] = []
    summary = run_pipeline(rejections, Settings(workers=2), on_rejection=lambda r: seen.append(r.origin))
    assert seen == [r.origin for r in rejections]
    assert (summary.documents, summary.rejected, summary.events) == (0, 3, 0)


@pytest.mark.slow
def test_an_error_in_a_worker_rejects_only_that_document() -> None:
    docs = [i for i in _items(20) if isinstance(i, Document)][:20]
    broken = Document(doc_id="broken", text=12345, origin="broken.jsonl:1")  # type: ignore[arg-type]  # spaCy refuses a number
    with PoolCoder(Settings(workers=2), chunk_docs=4) as pool:
        out = list(pool.outcomes([*docs[:9], broken, *docs[9:]]))
    assert [d.doc_id for d, _ in out] == [d.doc_id for d in [*docs[:9], broken, *docs[9:]]]
    failed = [(d, r) for d, r in out if isinstance(r, Rejection)]
    assert [d.doc_id for d, _ in failed] == ["broken"]
    assert failed[0][1].reason == "coding_failed" and failed[0][1].code == "K060"
    assert sum(len(r) for _, r in out if isinstance(r, list)) > 20
