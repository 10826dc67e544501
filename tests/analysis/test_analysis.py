"""Dyads, timeline and network over a real DuckDB store, their outputs, charts and commands."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from khaldun.analysis import dyads, network, plot_dyads, plot_network, plot_timeline, timeline, write_aggregate, write_graphml
from khaldun.errors import UsageError
from khaldun.merge import merge_store
from khaldun.records import Document
from khaldun.store import DuckDBStore, EventQuery
from tests.merge._records import ETHIOPIA, GUNMEN, KANO, KENYA, rec

REPORTS = [
    rec("a1", doc_date="2024-03-05"), rec("a2", actor=GUNMEN, doc_date="2024-03-05"),
    rec("b1", place=KANO, killed=2, date="2024-04-02", doc_date="2024-04-03"),
    replace(rec("c1", code="040", event_type="CONSULT", actor=KENYA, recipient=ETHIOPIA, killed=None, place=None,
                date="2024-04-10", doc_date="2024-04-10"), quad_class=1, goldstein=1.0),
]


@pytest.fixture
def store() -> DuckDBStore:
    s = DuckDBStore()
    s.write([(Document(doc_id=r.doc_id, text=r.event_id, doc_date=r.doc_date, content_hash=r.event_id), [r]) for r in REPORTS])
    return s


def test_mentions_are_counted_until_merging_has_run_then_merged_events(store: DuckDBStore) -> None:
    before = dyads(store)
    assert before.level == "mentions" and sum(r[3] for r in before.rows) == 4
    merge_store(store)
    after = dyads(store)
    assert after.level == "merged events" and sum(r[3] for r in after.rows) == 3
    assert dyads(store, level="mentions").level == "mentions"


def test_dyads_count_quad_classes_and_goldstein_per_pair_and_month(store: DuckDBStore) -> None:
    rows = dyads(store, by="month", level="mentions").records()
    march = [r for r in rows if str(r["period"]) == "2024-03-01"]
    assert {(r["actor"], r["recipient"]) for r in march} == {("NGA/REB", "NGA/MIL"), ("NGA/UAF", "NGA/MIL")}
    assert all(r["q4_material_conflict"] == r["events"] and r["goldstein"] == -10.0 * r["events"] for r in march)
    assert [r["events"] for r in dyads(store, EventQuery(actor="KEN"), level="mentions").records()] == [1]


def test_timeline_splits_by_type_or_quad_class_per_country(store: DuckDBStore) -> None:
    rows = timeline(store, by="month", level="mentions").records()
    assert {(str(r["period"]), r["country"], r["type"], r["events"]) for r in rows} == {
        ("2024-03-01", "NGA", "ASSAULT", 2), ("2024-04-01", "NGA", "ASSAULT", 1), ("2024-04-01", "KEN", "CONSULT", 1)}
    quads = {r["quad_class"] for r in timeline(store, split="quad_class").records()}
    assert quads == {"4 material conflict", "1 verbal cooperation"}


def test_bad_periods_and_filters_are_usage_errors(store: DuckDBStore) -> None:
    with pytest.raises(UsageError):
        dyads(store, by="fortnight")
    with pytest.raises(UsageError):
        timeline(store, EventQuery(since="March"))
    # a filter is a parameter, never SQL
    assert dyads(store, EventQuery(actor="x' OR 1=1 --")).rows == []


def test_network_graphml_and_outputs(store: DuckDBStore, tmp_path: Path) -> None:
    import networkx as nx

    agg = network(store, level="mentions")
    write_graphml(agg, str(tmp_path / "g.graphml"))
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.has_edge("KEN/GOV", "ETH/GOV") and g.nodes["NGA/MIL"]["events"] == 3
    out = io.StringIO()
    write_aggregate(agg, out, "json")
    data = json.loads(out.getvalue())
    assert data["counted"] == "mentions" and len(data["rows"]) == len(agg.rows)
    out = io.StringIO()
    write_aggregate(agg, out, "csv")
    assert out.getvalue().splitlines()[0] == "source,target,events,material_conflict,goldstein,goldstein_mean"


def test_charts_are_real_png_svg_and_offline_html(store: DuckDBStore, tmp_path: Path) -> None:
    assert plot_dyads(dyads(store), tmp_path / "d.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = plot_timeline(timeline(store, by="day"), tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "ASSAULT" in svg
    page = plot_network(network(store), tmp_path / "n.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "http" not in page.split("<svg", 1)[0].lower().replace(
        "http-equiv", "")
    assert "src=\"http" not in page and "href=\"http" not in page
    with pytest.raises(UsageError):
        plot_dyads(dyads(store), tmp_path / "d.pdf")


def test_the_commands_write_tables_and_charts(store: DuckDBStore, tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    with DuckDBStore(db) as s:
        s.write([(Document(doc_id=r.doc_id, text=r.event_id, doc_date=r.doc_date, content_hash=r.event_id), [r]) for r in REPORTS])
    cli = [sys.executable, "-m", "khaldun.cli.main"]
    res = subprocess.run([*cli, "dyads", "--db", str(db), "--by", "week", "--plot", str(tmp_path / "d.png")],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert "counting mentions" in res.stdout and (tmp_path / "d.png").stat().st_size > 5000
    res = subprocess.run([*cli, "timeline", "--db", str(db), "-f", "csv", "--split", "quad_class"], capture_output=True, text=True, check=False)
    assert res.returncode == 0 and res.stdout.startswith("period,country,quad_class,events")
    res = subprocess.run([*cli, "network", "--db", str(db), "--graphml", str(tmp_path / "g.graphml"), "-f", "json"],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0 and (tmp_path / "g.graphml").exists()
    res = subprocess.run([*cli, "dyads", "--db", str(db), "--by", "fortnight"], capture_output=True, text=True, check=False)
    assert res.returncode == 2
