"""The roll-ups: always equal to the events' counts, and the aggregates read from them give the same rows.

On a store coded by the real pipeline (the labelled merge clusters and the
examples), after a document is coded again, after merging, and after a
document is rewritten under merged events.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from khaldun.analysis import Aggregate, dyads, network, timeline
from khaldun.analysis.aggregates import _where
from khaldun.merge import merge_store
from khaldun.pipeline import run_into
from khaldun.schema import EVENT_COUNTS, PAIR_COUNTS, ROLLUPS
from khaldun.store import DuckDBStore, EventQuery

TESTS = Path(__file__).resolve().parents[1]
CLUSTERS = TESTS / "fixtures" / "merge_clusters.jsonl"
EXAMPLES = TESTS.parent / "examples"

QUERIES = [
    EventQuery(), EventQuery(country="NGA"), EventQuery(country="ken"), EventQuery(event_type="ASSAULT"),
    EventQuery(event_type="19"), EventQuery(event_type="1"), EventQuery(since="2024-03-01", until="2024-03-31"),
    EventQuery(event_type="consult", since="2024-01-01"),
]
"""filters the roll-up answers (each is checked to be answered from it)"""
SCANS = [EventQuery(actor="NGA"), EventQuery(event_type="190"), EventQuery(since="2024-03-05")]
"""filters only the events answer"""


def _aggregates(store: DuckDBStore, q: EventQuery, level: str) -> list[Aggregate]:
    return [
        dyads(store, q, by="month", level=level), dyads(store, q, by="year", level=level),
        dyads(store, q, by="month", level=level, top=3),
        *(timeline(store, q, by="month", split=split, level=level) for split in ("type", "quad_class", "root")),
        timeline(store, q, by="year", level=level), network(store, q, level=level), network(store, q, level=level, min_events=2),
        dyads(store, q, by="week", level=level), dyads(store, q, by="week", level=level, top=3),  # weeks: the events
    ]


def _scanned(store: DuckDBStore, compute: Callable[[], Any]) -> Any:
    store.has_counts = False
    try:
        return compute()
    finally:
        store.has_counts = True


def _assert_consistent(store: DuckDBStore) -> None:
    """The stored roll-up is the events' counts, and every aggregate is the same read from it or from the events."""
    for rollup in ROLLUPS:
        for table in ("events", "merged_events"):
            _, stored = store._rows(f"SELECT * EXCLUDE (from_table) FROM ({rollup.compacted()}) WHERE from_table = ?", [table])
            _, fresh = store._rows(rollup.select(table))
            assert Counter(stored) == Counter(fresh), (rollup.name, table)
    levels = ["mentions", "events"] if store.count("merged_events") else ["mentions"]
    for level in levels:
        for q in QUERIES + SCANS:
            table = "events" if level == "mentions" else "merged_events"
            assert (_where(store, table, q, "month", (PAIR_COUNTS, EVENT_COUNTS)).rollup is not None) == (q in QUERIES)
            fast = _aggregates(store, q, level)
            slow = _scanned(store, lambda q=q, level=level: _aggregates(store, q, level))  # type: ignore[misc]
            for a, b in zip(fast, slow):
                assert a.rows == b.rows, (a.title, q)
    assert any(r[3] for r in dyads(store, level="mentions").rows)


def _code(store: DuckDBStore, tmp_path: Path, rows: list[dict[str, Any]], name: str) -> None:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run_into(store, [path])


@pytest.fixture
def coded(nlp: Any) -> DuckDBStore:
    store = DuckDBStore()
    summary = run_into(store, [CLUSTERS, *sorted(EXAMPLES.iterdir())])
    assert summary.rejected == 0 and store.count("events") > 40
    return store


def test_rollup_equals_the_events_through_rewrites_and_merging(coded: DuckDBStore, tmp_path: Path) -> None:
    _assert_consistent(coded)
    before = coded.count("events")
    rows = [json.loads(line) for line in CLUSTERS.read_text(encoding="utf-8").splitlines()]
    first, second = rows[0], rows[1]
    # a document coded again with other text: its events, and their months and dyads, change
    _code(coded, tmp_path, [{**first, "date": "2023-11-20", "text": "Kenyan police arrested 12 protesters in Nairobi on Monday."},
                            {**second, "text": "The weather was mild."}], "rewrite")
    assert coded.count("events") != before
    _assert_consistent(coded)
    merge_store(coded)
    assert 0 < coded.count("merged_events") < coded.count("events")
    _assert_consistent(coded)
    # a document rewritten under merged events, then merged again
    _code(coded, tmp_path, [{**first, "text": "Gunmen killed 4 villagers in Kaduna State on Friday, police said."}], "again")
    _assert_consistent(coded)
    merge_store(coded)
    _assert_consistent(coded)
    merge_store(coded, rebuild=True)
    _assert_consistent(coded)
    coded.compact_counts()
    _assert_consistent(coded)
    _, rows = coded._rows(f"SELECT count(*), count(DISTINCT ({', '.join(k for k, _, _ in EVENT_COUNTS.keys)}, from_table)) "
                          f"FROM {EVENT_COUNTS.name}")
    assert rows[0][0] == rows[0][1]  # one row per key once compacted


def test_a_database_without_the_rollup_gets_it_when_opened_for_writing(coded: DuckDBStore, tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with coded.connection() as con:
        con.execute(f"ATTACH '{db}' AS old")
        con.execute("COPY FROM DATABASE memory TO old")
        for rollup in ROLLUPS:
            con.execute(f"DROP TABLE old.{rollup.name}")
        con.execute("DETACH old")
    reader = DuckDBStore(db, read_only=True)
    assert not reader.has_counts
    expected = dyads(coded, level="mentions").rows
    assert dyads(reader, level="mentions").rows == expected  # from the events
    writer = DuckDBStore(db)
    assert writer.has_counts and DuckDBStore(db, read_only=True).has_counts
    assert dyads(writer, level="mentions").rows == expected
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(f"SELECT sum(events) FROM {EVENT_COUNTS.name} WHERE from_table = 'events'").fetchone() == (
            coded.count("events"),)
