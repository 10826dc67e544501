"""PLOVER JSON lines: the manual's field names, read back with json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khaldun.export import collect, export
from khaldun.export.plover import PLOVER_QUAD
from khaldun.store import DuckDBStore

pytestmark = pytest.mark.slow

# the PLOVER manual's "PLOVER JSON" table (struck-out sizeInfo aside), and its actor and text objects
MANUAL_FIELDS = {"id", "has_event", "date", "source", "recipient", "event", "event_loc", "event_text", "quad_code",
                 "event_scale", "mode", "context", "link", "text", "text_info", "cite_info", "coder"}
ACTOR_FIELDS = {"code", "sector", "actor_text", "identifier_id", "identifier_text"}
LOCATION_FIELDS = {"geonameid", "name", "latitude", "longitude", "feature class", "feature code", "country code", "cc3",
                   "admin1 code"}


@pytest.mark.parametrize("level", ["mentions", "events"])
def test_json_reads_plover_records_with_the_records_values(store: DuckDBStore, tmp_path: Path, level: str) -> None:
    path = tmp_path / "plover.jsonl"
    n = export(store, "plover", level, path=path)
    items = collect(store, level)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == len(items) > 0
    for item, line in zip(items, lines):
        out = json.loads(line)
        rec = item.record
        assert MANUAL_FIELDS <= set(out)
        assert out["id"] == (item.merged.merged_id if level == "events" else rec["event_id"])
        assert out["date"] == rec["date"] and out["mode"] == rec["mode"] and out["context"] == rec["context"]
        assert out["event"] == ([rec["event_type"]] if rec["event_type"] else [])
        assert out["has_event"] is (rec["event_type"] is not None)
        assert out["quad_code"] == PLOVER_QUAD.get(rec["event_type"] or "")
        assert out["event_scale"] == rec["goldstein"]
        for field, role in (("source", "actor"), ("recipient", "recipient")):
            actor = rec[role]
            if actor:
                (obj,) = out[field]
                assert ACTOR_FIELDS <= set(obj)
                assert (obj["code"], obj["sector"], obj["actor_text"]) == (actor["country"], actor["sector"], actor["text"])
                assert obj["identifier_text"] == actor["name"] and obj["identifier_id"] == actor["wikidata"]
            else:
                assert out[field] == []
        place = rec["location"]
        if place:
            loc = out["event_loc"]
            assert LOCATION_FIELDS <= set(loc)
            assert (loc["latitude"], loc["longitude"], loc["cc3"]) == (place["lat"], place["lon"], place["country"])
            assert loc["country code"] is None or len(loc["country code"]) == 2
        else:
            assert out["event_loc"] is None
        assert out["event_text"] == [rec["evidence"]["trigger"]]
        assert out["text_info"]["sequence"] == rec["evidence"]["sentence_index"]
        assert out["link"] == rec["merged_id"]
        assert out["cite_info"]["url"] == item.document.get("url")
        assert out["size_info"]["dead"] == (rec["fatalities"] or {}).get("value")
        assert out["num_mentions"] == (item.merged.num_mentions if item.merged else 1)


def test_the_attacks_reports_cite_their_outlets(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "plover.jsonl"
    export(store, "plover", "mentions", path=path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    borno = [r for r in records if (r["cite_info"]["url"] or "").endswith("/borno") and r["event"] == ["ASSAULT"]]
    assert {r["cite_info"]["publication"] for r in borno} == {"Reuters", "Premium Times", "AFP"}
    assert len({r["link"] for r in borno}) == 1 and all(r["num_sources"] == 3 for r in borno)
    assert all(r["event_loc"]["country code"] == "NG" for r in borno if r["event_loc"])
