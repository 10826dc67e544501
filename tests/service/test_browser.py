"""End to end: the real server on loopback, the dashboard in headless chromium, the seed article pasted."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import expect

from tests.service.browser import chromium_page
from tests.service.conftest import TOKEN, Server

pytestmark = pytest.mark.slow


def test_paste_the_seed_article_and_see_its_events_in_the_table_and_on_the_map(server: Server, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    # refused without the token, over the real socket
    assert httpx.post(server.url + "/v1/documents", content=text, headers={"Content-Type": "text/plain"}).status_code == 401
    with chromium_page() as page:
        outside: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in {"127.0.0.1", None} and not r.url.startswith("data:") else None)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "/")
        page.wait_for_selector("#map .land path")
        assert page.locator("#events-table tbody tr").count() == 0

        page.fill("#paste-text", text)
        page.fill("#paste-date", "2023-10-15")
        page.fill("#paste-token", TOKEN)
        page.click("#paste-submit")
        page.wait_for_selector("#paste-result li", timeout=60_000)

        stored = httpx.get(server.url + "/v1/events", params={"limit": 1000}).json()["events"]
        assert stored, "the post stored no events"
        rows = page.locator("#events-table tbody tr")
        expect(rows).to_have_count(len(stored), timeout=30_000)
        assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.eventId)")) == sorted(e["event_id"] for e in stored)
        assert page.locator("#paste-result li").count() == len(stored)

        located = {e["location"]["name"] for e in stored if e.get("location") and e["location"].get("lat") is not None}
        page.wait_for_selector("#map circle.point")
        on_map = set(page.locator("#map circle.point").evaluate_all("cs => cs.map(c => c.dataset.place)"))
        assert located and on_map == located

        # a row opens to its sentence with the parts of the event marked
        assault = next(e for e in stored if e["event_type"] == "ASSAULT")
        page.click(f"#events-table tr[data-event-id='{assault['event_id']}']")
        page.wait_for_selector("#detail .sentence mark.trigger")
        marked = page.locator("#detail .sentence mark")
        classes = set(marked.evaluate_all("ms => ms.map(m => m.className)"))
        assert {"trigger", "actor"} <= classes, classes
        assert page.locator("#detail .sentence mark.trigger").inner_text() == assault["evidence"]["trigger"]

        # filters narrow the table
        page.fill("#filters input[name=type]", "ASSAULT")
        page.click("#filters button[type=submit]")
        n = sum(e["event_type"] == "ASSAULT" for e in stored)
        expect(rows).to_have_count(n, timeout=30_000)
        page.wait_for_selector("#timeline rect")
        page.wait_for_selector("#dyads-table tbody tr")

        assert not outside, f"requests left the machine: {outside}"
        assert not errors, errors
