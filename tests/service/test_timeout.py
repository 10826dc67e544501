"""``doc_timeout`` in the server: documents are coded in a process the server owns, where the limit holds.

The coder plug-in ``tests/runners/faulty_coder.py`` sleeps on ``@@SLOW@@`` (a timer
signal can cut it short) and on ``@@HANG@@`` with the signal blocked (only killing
its process can).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from khaldun.config import Settings
from khaldun.ingest.readers import document_from_mapping
from khaldun.records import Rejection
from khaldun.service.coder import CodingProcess
from tests.service.conftest import ARTICLE, AUTH, Server

FAULTY = "runners.faulty_coder:make"
TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent


@pytest.mark.slow
def test_a_document_past_doc_timeout_is_rejected_while_the_server_keeps_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHALDUN_CODER", FAULTY)
    monkeypatch.setenv("KHALDUN_DOC_TIMEOUT", "3")
    monkeypatch.setenv("PYTHONPATH", f"{TESTS}:{REPO}")
    srv = Server(tmp_path / "served.duckdb")
    try:
        with httpx.Client(base_url=srv.url, timeout=120) as c:
            assert c.post("/v1/documents", json={"text": ARTICLE, "id": "before"}, headers=AUTH).status_code == 201
            answer: dict = {}

            def post_slow() -> None:
                t = time.monotonic()
                res = c.post("/v1/documents", headers=AUTH, json=[
                    {"text": "Police arrested 14 protesters in Nairobi on Friday.", "id": "ok-1"},
                    {"text": ARTICLE + " @@SLOW@@", "id": "slow"},
                    {"text": "Troops shelled the village on Monday.", "id": "ok-2"},
                ])
                answer.update(status=res.status_code, body=res.json(), seconds=time.monotonic() - t)

            writer = threading.Thread(target=post_slow)
            writer.start()
            time.sleep(0.5)
            # while the slow document holds the coding process, reads are answered at once
            reads = []
            while writer.is_alive():
                t = time.monotonic()
                assert c.get("/v1/events", params={"doc": "before"}).json()["events"]
                assert c.get("/healthz").status_code == 200
                reads.append(time.monotonic() - t)
                time.sleep(0.2)
            writer.join()
            assert len(reads) >= 3 and max(reads) < 2.5, reads  # not held behind the document (3 s or more)
            assert answer["status"] == 201, answer
            assert 3.0 <= answer["seconds"] < 60, answer["seconds"]  # cut at the limit, not the 60 s sleep
            body = answer["body"]
            [rej] = body["rejections"]
            assert (rej["doc_id"], rej["reason"], rej["code"]) == ("slow", "timeout", "K061")
            assert "doc_timeout" in rej["message"]
            assert [d["doc_id"] for d in body["documents"]] == ["ok-1", "ok-2"]
            # the server goes on coding and storing
            after = c.post("/v1/documents", json={"text": "Egypt condemned the strikes on Gaza.", "id": "after"}, headers=AUTH)
            assert after.status_code == 201 and after.json()["documents"][0]["status"] == "coded"
            stats = c.get("/v1/stats").json()
            assert stats["rejected_by_reason"] == {"timeout": 1} and stats["counts"]["documents"] == 4
    finally:
        srv.stop()


@pytest.mark.slow
def test_a_document_that_hangs_past_the_signal_costs_the_coding_process_and_only_itself() -> None:
    docs = [document_from_mapping({"text": t, "id": i}, i, 100_000) for i, t in (
        ("a", ARTICLE), ("hang", ARTICLE + " @@HANG@@"), ("b", "Troops shelled the village on Monday."))]
    coder = CodingProcess(Settings(coder=FAULTY, doc_timeout=1.0), grace_s=2.0)
    try:
        coder.start()
        t = time.monotonic()
        out = list(coder.outcomes(docs))
        assert time.monotonic() - t < 40  # not the 60 s the document sleeps
        assert [d.doc_id for d, _ in out] == ["a", "hang", "b"]
        assert not isinstance(out[0][1], Rejection) and not isinstance(out[2][1], Rejection)
        rej = out[1][1]
        assert isinstance(rej, Rejection) and (rej.reason, rej.code) == ("timeout", "K061")
        assert coder.restarts == 2  # once for the request, once for the document alone
        # the replacement codes as before
        [(_doc, events)] = list(coder.outcomes(docs[:1]))
        assert events == out[0][1]
    finally:
        coder.close()
