"""Clustering: deterministic ids, incremental placement, reconciled counts and outlets."""

from __future__ import annotations

import random

from khaldun.merge import cluster, merge_store, merged_id_for
from khaldun.records import Document
from khaldun.store import DuckDBStore

from ._records import GUNMEN, KANO, rec, replace

REPORTS = [
    rec("a1", killed=6, qualifier="at_least", doc_date="2024-03-05"),
    rec("a2", actor=GUNMEN, killed=8, doc_date="2024-03-05"),
    rec("a3", killed=11, doc_date="2024-03-06", date="2024-03-05"),
    rec("b1", place=KANO, killed=2, doc_date="2024-03-05"),  # the same day, another city
    rec("c1", killed=4, date="2024-03-11", doc_date="2024-03-12"),  # a week later, same town
]
META = {"doc-a1": {"source": "Reuters"}, "doc-a2": {"url": "https://www.premiumtimesng.com/x"}, "doc-a3": {}}


def test_the_same_reports_in_any_order_give_the_same_events_and_ids() -> None:
    first = cluster(REPORTS, META)
    for seed in range(5):
        shuffled = REPORTS[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled, META) == first
    assert sorted(m.num_mentions for m in first) == [1, 1, 3]


def test_reconciled_counts_are_the_latest_figure_with_the_range() -> None:
    attack = next(m for m in cluster(REPORTS, META) if m.num_mentions == 3)
    assert attack.merged_id == merged_id_for("a1")  # founded by the earliest report
    assert attack.record.fatalities is not None and attack.record.fatalities.value == 11
    assert attack.count_ranges == {"fatalities": (6, 11)}
    assert attack.sources == ("Reuters", "doc-a3", "premiumtimesng.com") and attack.num_sources == 3
    assert (attack.first_seen, attack.last_seen) == ("2024-03-05", "2024-03-06")
    assert attack.record.merged_id == attack.merged_id
    assert attack.reasons["a1"] == ("first report",) and "a1" in attack.reasons["a3"][0]


def _docs(records):  # type: ignore[no-untyped-def]
    return [(Document(doc_id=r.doc_id, text=r.event_id, doc_date=r.doc_date, content_hash=r.event_id), [r]) for r in records]


def test_merging_is_incremental_in_the_store() -> None:
    store = DuckDBStore()
    store.write(_docs(REPORTS[:2]))
    merge_store(store)
    (first,) = store.merged_events()
    store.write(_docs(REPORTS[2:]))
    summary = merge_store(store)
    assert summary.new_mentions == 3 and summary.merged == 3
    attack = next(m for m in store.merged_events() if m.num_mentions == 3)
    assert attack.merged_id == first.merged_id
    assert [e.event_id for e in store.mentions(attack.merged_id)] == ["a1", "a2", "a3"]
    # a full rebuild of the same input gives the same events
    before = store.merged_events()
    merge_store(store, rebuild=True)
    assert store.merged_events() == before


def test_a_recoded_document_is_placed_again() -> None:
    store = DuckDBStore()
    store.write(_docs(REPORTS))
    merge_store(store)
    changed = replace(REPORTS[2], event_id="a3-new")
    store.write([(Document(doc_id="doc-a3", text="new", doc_date="2024-03-06", content_hash="new"), [changed])])
    merge_store(store)
    attack = next(m for m in store.merged_events() if m.num_mentions == 3)
    assert "a3-new" in attack.mention_ids and "a3" not in attack.mention_ids
