"""Nothing one document does stops a run: exceptions, slow documents, dead and hung workers.

The misbehaving documents go through the real pipeline and the real process
pool; a coder plug-in (``faulty_coder.py``, chosen by the ``coder`` setting)
raises, sleeps, hangs or kills its process on documents carrying a marker.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from khaldun.config import Settings
from khaldun.ingest.readers import document_from_mapping
from khaldun.pipeline import Pipeline
from khaldun.records import Document, Rejection
from khaldun.runners import PoolCoder

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus.jsonl.gz"
FAULTY = "runners.faulty_coder:make"


def _docs(n: int) -> list[Document]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(n), fh)]
    return [document_from_mapping(r, f"corpus:{i + 1}", 1_000_000) for i, r in enumerate(rows)]


def _marked(doc: Document, marker: str) -> Document:
    return document_from_mapping({"id": f"{marker.strip('@').lower()}-{doc.doc_id}", "text": f"{doc.text} {marker}"}, f"{doc.origin}:{marker}", 1_000_000)


def _split(out: list[tuple[Document, Any]]) -> tuple[dict[str, Any], dict[str, Rejection]]:
    coded = {d.doc_id: [e.to_dict() for e in r] for d, r in out if not isinstance(r, Rejection)}
    failed = {d.doc_id: r for d, r in out if isinstance(r, Rejection)}
    return coded, failed


@pytest.mark.slow
def test_an_exception_rejects_the_document_and_the_rest_are_coded() -> None:
    docs = _docs(6)
    bad = _marked(docs[2], "@@RAISE@@")
    items = [*docs[:3], bad, *docs[3:]]
    out = list(Pipeline(Settings(coder=FAULTY)).outcomes(items))
    assert [d.doc_id for d, _ in out] == [d.doc_id for d in items]
    coded, failed = _split(out)
    assert list(failed) == [bad.doc_id]
    rej = failed[bad.doc_id]
    assert (rej.reason, rej.code, rej.doc_id, rej.origin) == ("coding_failed", "K060", bad.doc_id, bad.origin)
    assert "RuntimeError: this document breaks the coder" in rej.message
    assert "faulty_coder.py" in rej.message  # where it was raised
    assert rej.detail and "Traceback" in rej.detail
    clean, none_failed = _split(list(Pipeline(Settings()).outcomes(docs)))
    assert not none_failed and coded == clean  # the others exactly as without the bad one


@pytest.mark.slow
def test_a_document_past_the_time_limit_is_rejected_as_timeout() -> None:
    docs = _docs(3)
    slow = _marked(docs[0], "@@SLOW@@")
    out = list(Pipeline(Settings(coder=FAULTY, doc_timeout=1.5)).outcomes([docs[0], slow, docs[1]]))
    coded, failed = _split(out)
    assert list(failed) == [slow.doc_id] and len(coded) == 2
    assert (failed[slow.doc_id].reason, failed[slow.doc_id].code) == ("timeout", "K061")
    assert "1.5 s" in failed[slow.doc_id].message


@pytest.mark.slow
def test_a_worker_that_dies_is_replaced_and_only_its_document_is_rejected() -> None:
    docs = _docs(14)
    crash = _marked(docs[5], "@@CRASH@@")
    items = [*docs[:6], crash, *docs[6:]]
    with PoolCoder(Settings(coder=FAULTY, workers=2), chunk_docs=3) as pool:
        out = list(pool.outcomes(items))
        assert pool.restarts >= 1
    assert [d.doc_id for d, _ in out] == [d.doc_id for d in items]
    coded, failed = _split(out)
    assert list(failed) == [crash.doc_id]
    assert (failed[crash.doc_id].reason, failed[crash.doc_id].code) == ("coding_failed", "K060")
    assert "died" in failed[crash.doc_id].message
    clean, _ = _split(list(Pipeline(Settings()).outcomes(docs)))
    assert coded == clean


@pytest.mark.slow
def test_a_hung_worker_is_stopped_and_only_its_document_is_rejected() -> None:
    docs = _docs(8)
    hang = _marked(docs[3], "@@HANG@@")
    items = [*docs[:4], hang, *docs[4:]]
    with PoolCoder(Settings(coder=FAULTY, workers=2, doc_timeout=1.0), chunk_docs=3, grace_s=4.0) as pool:
        out = list(pool.outcomes(items))
        assert pool.restarts >= 1
    coded, failed = _split(out)
    assert [d.doc_id for d, _ in out] == [d.doc_id for d in items]
    assert list(failed) == [hang.doc_id]
    assert (failed[hang.doc_id].reason, failed[hang.doc_id].code) == ("timeout", "K061")
    assert len(coded) == len(docs)


def test_unknown_coder_names_say_what_exists() -> None:
    from khaldun.coding import available, get_coder
    from khaldun.errors import ConfigError

    assert "rules.v1" in available()
    with pytest.raises(ConfigError, match="rules.v1"):
        get_coder(Settings(coder="nosuch.v1"))
    with pytest.raises(ConfigError, match="cannot import"):
        get_coder(Settings(coder="no.such.module:make"))


@pytest.mark.slow
def test_events_the_store_cannot_hold_reject_their_document_not_the_batch(tmp_path: Path) -> None:
    from khaldun.pipeline import run_into
    from khaldun.store import DuckDBStore

    docs = _docs(5)
    huge = _marked(docs[1], "@@HUGE@@")
    seen: list[Rejection] = []
    with DuckDBStore(str(tmp_path / "s.duckdb")) as store:
        summary = run_into(store, [*docs[:2], huge, *docs[2:]], Settings(coder=FAULTY, workers=1, write_batch=4), on_rejection=seen.append)
        assert store.count("documents") == len(docs)
        stored = store.rejected()
    assert [r.doc_id for r in seen] == [huge.doc_id] and seen[0].reason == "coding_failed"
    assert "could not be stored" in seen[0].message
    assert [r["doc_id"] for r in stored] == [huge.doc_id]
    assert (summary.documents, summary.rejected, summary.rejected_by_reason) == (len(docs), 1, {"coding_failed": 1})
