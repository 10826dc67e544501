"""The API in-process (TestClient) over a real DuckDB file: reads, writes, errors, limits, security."""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khaldun.service.errors import STATUS, status_of
from khaldun.store import DuckDBStore, EventQuery
from tests.service.conftest import ARTICLE, AUTH, TOKEN, client_for

# -- without the model: security, limits, errors --------------------------------------------


def test_healthz_and_security_headers(bare: TestClient) -> None:
    res = bare.get("/healthz")
    assert res.status_code == 200
    assert res.json()["status"] == "ok" and res.json()["writes"] == "enabled"
    assert "default-src 'self'" in res.headers["content-security-policy"]
    assert res.headers["x-content-type-options"] == "nosniff"
    assert "server" not in res.headers or "uvicorn" not in res.headers["server"]


def test_writes_need_the_token(bare: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}):
        res = bare.post("/v1/documents", json={"text": ARTICLE}, headers=headers)
        assert res.status_code == 401, headers
        assert res.json()["error"]["code"] == "K201"
        assert TOKEN not in res.text
        assert res.headers["www-authenticate"].startswith("Bearer")


def test_without_a_configured_token_writes_are_refused_with_how_to_set_one(tmp_path: Path) -> None:
    with client_for(tmp_path / "k.duckdb", warm_up=False) as c:
        res = c.post("/v1/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer anything"})
        assert res.status_code == 403
        err = res.json()["error"]
        assert err["code"] == "K202" and "KHALDUN_TOKEN" in err["message"]
        assert c.get("/healthz").json()["writes"].startswith("disabled")


def test_body_and_batch_limits(tmp_path: Path) -> None:
    with client_for(tmp_path / "k.duckdb", token=TOKEN, warm_up=False, max_body_bytes=1000, max_batch=3) as c:
        res = c.post("/v1/documents", content=b"x" * 1001, headers={**AUTH, "Content-Type": "text/plain"})
        assert res.status_code == 413 and res.json()["error"]["code"] == "K204"
        # a body with no Content-Length (chunked) is counted as it arrives
        res = c.post("/v1/documents", content=iter([b"x" * 600, b"x" * 600]), headers={**AUTH, "Content-Type": "text/plain"})
        assert res.status_code == 413
        res = c.post("/v1/documents", json=[{"text": "a"}] * 4, headers=AUTH)
        assert res.status_code == 413 and "limit is 3" in res.json()["error"]["message"]


def test_bad_bodies(bare: TestClient) -> None:
    res = bare.post("/v1/documents", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert res.status_code == 422 and res.json()["error"]["code"] == "K105"
    res = bare.post("/v1/documents", content=b"<p>hi</p>", headers={**AUTH, "Content-Type": "text/html"})
    assert res.status_code == 415 and res.json()["error"]["code"] == "K205"
    res = bare.post("/v1/documents", content=b"\xff\xfe\x00", headers={**AUTH, "Content-Type": "text/plain"})
    assert res.status_code == 422 and res.json()["error"]["code"] == "K103"
    res = bare.post("/v1/documents", json=[], headers=AUTH)
    assert res.status_code == 422 and res.json()["error"]["code"] == "K206"


def test_invalid_filters_are_422_with_the_reason(bare: TestClient) -> None:
    cases = {
        "since=2023-13-01": "YYYY-MM-DD",
        "limit=0": "limit",
        "limit=100000": "limit",
        "format=xml": "format",
        "cursor=bm90LWEtY3Vyc29y": "cursor",
        "country=ISRAEL": "country",
    }
    for qs, word in cases.items():
        res = bare.get(f"/v1/events?{qs}")
        assert res.status_code == 422, qs
        err = res.json()["error"]
        assert err["code"] in {"K002", "K206"} and word in err["message"], (qs, err)


def test_unknown_things_are_404_json(bare: TestClient) -> None:
    for path in ("/v1/events/nope", "/v1/merged/nope", "/no/such/path"):
        res = bare.get(path)
        assert res.status_code == 404 and res.json()["error"]["code"] == "K203", path


def test_no_path_leaves_the_static_folder(bare: TestClient) -> None:
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static//etc/passwd"):
        assert bare.get(path).status_code == 404, path
    assert bare.get("/static/app.js").status_code == 200


def test_filters_are_values_never_sql(bare: TestClient) -> None:
    res = bare.get("/v1/events", params={"actor": "x' OR 1=1; DROP TABLE events; --", "type": "'; DELETE FROM events"})
    assert res.status_code == 200 and res.json()["events"] == []
    assert bare.get("/v1/stats").status_code == 200


def test_cors_is_off_unless_configured(bare: TestClient, tmp_path: Path) -> None:
    res = bare.get("/v1/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in res.headers
    with client_for(tmp_path / "c.duckdb", warm_up=False, cors_origins=("https://ok.example",)) as c:
        res = c.get("/v1/stats", headers={"Origin": "https://ok.example"})
        assert res.headers["access-control-allow-origin"] == "https://ok.example"


def test_every_status_is_mapped_in_one_table() -> None:
    from khaldun.errors import StoreLocked, UsageError
    from khaldun.service.errors import NotFound, Unauthorized

    assert status_of(Unauthorized("x")) == 401 and status_of(NotFound("x")) == 404
    assert status_of(UsageError("x")) == 422 and status_of(StoreLocked("x")) == 503
    assert all(400 <= s < 600 for s in STATUS.values())


def test_dashboard_and_docs_are_served_from_the_package(bare: TestClient) -> None:
    page = bare.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text
    docs = bare.get("/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    world = bare.get("/world.geojson").json()
    assert world["type"] == "FeatureCollection" and len(world["features"]) > 150
    assert bare.get("/openapi.json").json()["paths"]["/v1/events"]


def test_the_server_owns_its_database(tmp_path: Path) -> None:
    from khaldun.errors import StoreLocked

    db = tmp_path / "k.duckdb"
    with client_for(db, warm_up=False), pytest.raises(StoreLocked):
        DuckDBStore(db, lock_timeout=0.2).count("events")


# -- with the model ------------------------------------------------------------------------------


@pytest.mark.slow
def test_post_codes_and_stores_and_answers_events(coded: TestClient, seed_records: list[dict]) -> None:
    events = coded.get("/v1/events", params={"doc": "seed", "limit": 1000}).json()["events"]
    ours = {(e["cameo_code"], e["evidence"]["sentence_index"]) for e in events}
    assert ours == {(e["cameo_code"], e["evidence"]["sentence_index"]) for e in seed_records}
    # posting the same text again is not coded twice: the stored events come back
    again = coded.post("/v1/documents", json={"text": (Path(__file__).parents[2].parent / "shared/examples/seed-article.txt").read_text(),
                                              "id": "seed", "date": "2023-10-15"}, headers=AUTH)
    assert again.status_code == 201
    doc = again.json()["documents"][0]
    assert doc["status"] == "already_stored" and len(doc["events"]) == len(events)


@pytest.mark.slow
def test_batch_with_text_plain_and_rejections(coded: TestClient) -> None:
    res = coded.post("/v1/documents", json={"documents": [
        {"text": ARTICLE, "id": "a1", "date": "2023-10-14", "title": "Strike"},
        {"text": "   ", "id": "empty"},
        {"body": "no text field"},
    ]}, headers=AUTH)
    assert res.status_code == 201
    body = res.json()
    assert [d["doc_id"] for d in body["documents"]] == ["a1"]
    assert body["documents"][0]["events"], body
    assert {r["reason"] for r in body["rejections"]} == {"empty", "no_text"}
    assert all(r["code"].startswith("K1") and r["message"] for r in body["rejections"])
    res = coded.post("/v1/documents", content="Protesters rallied in Nairobi on Friday against taxes.",
                     params={"date": "2023-10-13", "id": "plain"}, headers={**AUTH, "Content-Type": "text/plain"})
    assert res.status_code == 201 and res.json()["documents"][0]["doc_id"] == "plain"
    rejected = coded.get("/v1/stats").json()["rejected_by_reason"]
    assert rejected.get("empty") == 1 and rejected.get("no_text") == 1


@pytest.mark.slow
def test_pages_with_a_cursor_cover_every_event_once_in_the_store_order(coded: TestClient) -> None:
    st: DuckDBStore = coded.app.state.store  # type: ignore[attr-defined]
    expected = [e.event_id for e in st.events(EventQuery())]
    got: list[str] = []
    cursor = None
    while True:
        page = coded.get("/v1/events", params={"limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        got += [e["event_id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert got == expected and len(expected) > 8


@pytest.mark.slow
def test_filters_match_the_store_and_the_cli(coded: TestClient) -> None:
    st: DuckDBStore = coded.app.state.store  # type: ignore[attr-defined]
    for params, q in (
        ({"type": "ASSAULT"}, EventQuery(event_type="ASSAULT")),
        ({"actor": "IRN"}, EventQuery(actor="IRN")),
        ({"country": "ISR", "since": "2023-10-10"}, EventQuery(country="ISR", since="2023-10-10")),
        ({"type": "0"}, EventQuery(event_type="0")),
    ):
        got = [e["event_id"] for e in coded.get("/v1/events", params={**params, "limit": 1000}).json()["events"]]
        assert got == [e.event_id for e in st.events(q)], params


@pytest.mark.slow
def test_csv_has_the_export_columns(coded: TestClient) -> None:
    from khaldun.export.formats import CSV_COLUMNS

    res = coded.get("/v1/events", params={"format": "csv", "limit": 5})
    assert res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert len(rows) == 5 and tuple(rows[0]) == CSV_COLUMNS
    assert res.headers.get("x-next-cursor")
    base64.urlsafe_b64decode(res.headers["x-next-cursor"] + "==")


@pytest.mark.slow
def test_one_event_with_evidence_and_document(coded: TestClient) -> None:
    first = coded.get("/v1/events", params={"type": "ASSAULT", "limit": 1}).json()["events"][0]
    d = coded.get(f"/v1/events/{first['event_id']}").json()
    assert d["event"] == first
    assert d["evidence"]["sentence"] in d["document"]["text"]
    assert d["document"]["doc_id"] == first["doc_id"]


@pytest.mark.slow
def test_aggregates(coded: TestClient) -> None:
    stats = coded.get("/v1/stats").json()
    assert stats["counts"]["events"] == sum(stats["events_by_quad_class"].values())
    from khaldun.analysis import dyads, timeline

    st = coded.app.state.store  # type: ignore[attr-defined]
    got = coded.get("/v1/dyads", params={"by": "month"}).json()
    assert [tuple(r.values()) for r in got["rows"]] == [
        tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in row) for row in dyads(st, by="month", top=20).rows
    ]
    assert any(r["actor"].startswith("IRN") for r in got["rows"])
    t = coded.get("/v1/timeline", params={"by": "month", "split": "quad_class"}).json()
    assert len(t["rows"]) == len(timeline(st, by="month", split="quad_class").rows) and all(r["period"].endswith("-01") for r in t["rows"])
    places = coded.get("/v1/places").json()["places"]
    assert {"Gaza", "Qatar"} <= {p["name"] for p in places}
