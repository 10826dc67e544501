"""A bounded load test on loopback: many clients post and read for a fixed time; nothing is lost.

Writers post distinct articles (one or a small batch per request) while readers page
through events and read stats. Afterwards the server's database holds exactly the
documents that were answered 201, and exactly the events those answers listed.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import httpx
import pytest

from khaldun.store import DuckDBStore
from tests.service.conftest import AUTH, Server

pytestmark = pytest.mark.slow

SECONDS = 20
WRITERS = 6
READERS = 6
PLACES = ["Gaza", "Kyiv", "Khartoum", "Nairobi", "Kabul", "Damascus", "Tehran", "Beirut"]
TEMPLATES = [
    "Police arrested {n} protesters in {p} on Friday, officials said.",
    "Troops shelled a village near {p} on Tuesday, killing {n} civilians, witnesses said.",
    "The foreign minister met his counterpart in {p} on Monday to discuss a ceasefire.",
    "Thousands of people rallied in {p} on Sunday to demand the release of {n} detainees.",
]


def article(rng: random.Random, k: int) -> dict[str, str]:
    text = " ".join(t.format(n=rng.randint(2, 400), p=rng.choice(PLACES)) for t in rng.sample(TEMPLATES, 2))
    return {"id": f"load-{k}", "text": f"{text} (report {k})", "date": "2024-03-0" + str(1 + k % 9)}


def test_concurrent_clients_lose_no_document_and_no_event(tmp_path: Path) -> None:
    db = tmp_path / "load.duckdb"
    server = Server(db)
    posted: dict[str, list[str]] = {}
    problems: list[str] = []
    reads = 0
    lock = threading.Lock()
    counter = iter(range(10**9))
    stop = time.monotonic() + SECONDS

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=120) as c:
            while time.monotonic() < stop:
                with lock:
                    batch = [article(rng, next(counter)) for _ in range(rng.choice((1, 1, 3)))]
                res = c.post("/v1/documents", json=batch if len(batch) > 1 else batch[0])
                if res.status_code != 201:
                    problems.append(f"POST {res.status_code} {res.text[:200]}")
                    continue
                body = res.json()
                if body["rejections"]:
                    problems.append(f"rejected: {body['rejections']}")
                with lock:
                    for d in body["documents"]:
                        posted[d["doc_id"]] = [e["event_id"] for e in d["events"]]

    def reader(seed: int) -> None:
        nonlocal reads
        rng = random.Random(seed)
        with httpx.Client(base_url=server.url, timeout=60) as c:
            while time.monotonic() < stop:
                path, params = rng.choice([
                    ("/v1/events", {"limit": 50}), ("/v1/events", {"country": "PSE"}), ("/v1/stats", {}),
                    ("/v1/timeline", {}), ("/v1/dyads", {}), ("/v1/events", {"type": "ASSAULT", "format": "csv"}),
                ])
                res = c.get(path, params=params)
                if res.status_code != 200:
                    problems.append(f"GET {path} {res.status_code} {res.text[:200]}")
                with lock:
                    reads += 1

    try:
        threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        threads += [threading.Thread(target=reader, args=(100 + i,)) for i in range(READERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=SECONDS + 180)
        assert not any(t.is_alive() for t in threads), "a client hung"
        # a full read through the API sees every posted event
        seen: set[str] = set()
        cursor = None
        with httpx.Client(base_url=server.url, timeout=60) as c:
            while True:
                page = c.get("/v1/events", params={"limit": 1000, **({"cursor": cursor} if cursor else {})}).json()
                seen |= {e["event_id"] for e in page["events"]}
                cursor = page["next_cursor"]
                if not cursor:
                    break
    finally:
        server.stop()

    assert not problems, problems[:5]
    events = {e for ids in posted.values() for e in ids}
    assert len(posted) >= 20 and reads >= 50, (len(posted), reads)
    assert seen == events
    # and the file itself, once the server has let go of it
    with DuckDBStore(db, read_only=True) as store:
        assert set(store.document_meta()) == set(posted)
        assert {e.event_id for e in store.events()} == events
        assert store.count("rejected") == 0
