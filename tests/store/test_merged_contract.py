"""The Store contract for merged events: write_merged, merged_events, mentions, document_meta (every backend)."""

from __future__ import annotations

from dataclasses import replace

from khaldun.records import Count, MergedEvent
from khaldun.schema import validation_errors
from khaldun.store import EventQuery, Store

from ._factory import DOC_A, DOC_B, EVENTS_A, EVENTS_B


def merged(mid: str, rep_index: int, mention_ids: tuple[str, ...]) -> MergedEvent:
    rep = replace(EVENTS_A[rep_index], merged_id=mid, fatalities=Count(11, "exact", "11"))
    return MergedEvent(
        merged_id=mid, record=rep, num_mentions=len(mention_ids), num_sources=2, sources=("AFP", "Reuters"),
        first_seen="2024-01-02", last_seen="2024-03-09", mention_ids=mention_ids,
        count_ranges={"fatalities": (3, 11)}, reasons={"e4": ("same actor", "date within 1 day")},
    )


def test_merged_events_round_trip_and_link_their_mentions(store: Store) -> None:
    store.write([(DOC_A, EVENTS_A), (DOC_B, EVENTS_B)])
    assert store.merged_events() == [] and store.mentions("m1") == []
    m1, m2 = merged("m1", 0, ("e1", "e4")), merged("m2", 2, ("e3",))
    store.write_merged([m1, m2])
    assert store.count("merged_events") == 2
    assert sorted(store.merged_events(), key=lambda m: m.merged_id) == [m1, m2]
    assert [e.event_id for e in store.mentions("m1")] == ["e1", "e4"]  # by publication date, then document
    assert all(e.merged_id == "m1" for e in store.mentions("m1"))
    by_id = {e.event_id: e.merged_id for e in store.events()}
    assert by_id == {"e1": "m1", "e2": None, "e3": "m2", "e4": "m1"}
    for e in store.events():
        assert validation_errors(e.to_dict()) == []


def test_merged_events_take_the_event_filters_on_their_representative(store: Store) -> None:
    store.write([(DOC_A, EVENTS_A), (DOC_B, EVENTS_B)])
    store.write_merged([merged("m1", 0, ("e1", "e4")), merged("m2", 2, ("e3",))])
    assert [m.merged_id for m in store.merged_events(EventQuery(event_type="ASSAULT"))] == ["m1"]
    assert [m.merged_id for m in store.merged_events(EventQuery(actor="KEN"))] == ["m2"]
    assert [m.merged_id for m in store.merged_events(EventQuery(since="2024-03-08"))] == ["m1"]
    assert len(store.merged_events(EventQuery(limit=1))) == 1


def test_writing_merged_events_again_replaces_them_and_unlinks_the_rest(store: Store) -> None:
    store.write([(DOC_A, EVENTS_A), (DOC_B, EVENTS_B)])
    store.write_merged([merged("m1", 0, ("e1", "e4")), merged("m2", 2, ("e3",))])
    store.write_merged([merged("m3", 0, ("e1",))])
    assert [m.merged_id for m in store.merged_events()] == ["m3"]
    assert {e.event_id: e.merged_id for e in store.events()} == {"e1": "m3", "e2": None, "e3": None, "e4": None}
    store.write_merged([])
    assert store.count("merged_events") == 0 and all(e.merged_id is None for e in store.events())


def test_document_meta_gives_date_source_and_url(store: Store) -> None:
    doc = replace(DOC_A, source="Reuters", url="https://www.reuters.com/a")
    store.write([(doc, EVENTS_A), (DOC_B, EVENTS_B)])
    meta = store.document_meta()
    assert meta["a"] == {"doc_date": "2024-03-09", "source": "Reuters", "url": "https://www.reuters.com/a", "title": None}
    assert set(store.document_meta(["b"])) == {"b"}


def test_merged_event_dict_round_trip() -> None:
    m = merged("m1", 0, ("e1", "e4"))
    assert MergedEvent.from_dict(m.to_dict()) == m
