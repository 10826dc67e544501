"""The Store contract for the reads a server makes: pages with a cursor, one event, one document,
one merged event, stats and places (every backend)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from khaldun.errors import UsageError
from khaldun.records import Count, EventRecord, MergedEvent
from khaldun.store import EventPage, EventQuery, Store

from ._factory import BEIRUT, DOC_A, DOC_B, DOC_F, EVENTS_A, EVENTS_B, FULL, GAZA, REJ_EMPTY, record

# events on one day across documents and sentences, undated ones, and several days:
# every tie of the order (date, doc_id, sentence_index, event_id) and the undated tail
SAME_DAY = [
    record("z9", "b", date="2024-03-08", sentence_index=0),
    record("z1", "b", date="2024-03-08", sentence_index=5),
    record("z0", "b", date="2024-03-08", sentence_index=5),
    record("u2", "b", date=None, sentence_index=2, location=GAZA),
    record("u1", "b", date=None, sentence_index=2),
    *EVENTS_B,
]


@pytest.fixture
def many(store: Store) -> Store:
    store.write([(DOC_A, EVENTS_A), (DOC_B, SAME_DAY), (DOC_F, [FULL])], [REJ_EMPTY])
    return store


def pages(store: Store, query: EventQuery, size: int) -> list[EventPage]:
    out = [store.events_page(query, limit=size)]
    while out[-1].next_key is not None:
        assert len(out) < 50, "the pages do not end"
        out.append(store.events_page(query, limit=size, after=out[-1].next_key))
    return out


QUERIES = [
    EventQuery(),
    EventQuery(event_type="ASSAULT"),
    EventQuery(event_type="assault"),
    EventQuery(event_type="1"),
    EventQuery(country="PSE"),
    EventQuery(actor="kenya"),
    EventQuery(since="2024-03-08"),
    EventQuery(until="2024-03-07"),
    EventQuery(doc_id="b"),
    EventQuery(doc_id="nope"),
]


@pytest.mark.parametrize("size", [1, 2, 3, 100])
@pytest.mark.parametrize("query", QUERIES)
def test_pages_in_turn_give_the_events_of_the_query_in_order_each_once(many: Store, query: EventQuery, size: int) -> None:
    got = pages(many, query, size)
    expected = many.events(query)
    assert [EventRecord.from_dict(r) for p in got for r in p.records] == expected
    assert [e for p in got for e in p.events()] == expected
    assert all(len(p.records) == size for p in got[:-1]) and len(got[-1].records) <= size
    assert got[-1].next_key is None
    # a page's key is its last record's place in the order
    for p in got[:-1]:
        last = p.records[-1]
        assert p.next_key == (last["date"], last["doc_id"], last["evidence"]["sentence_index"], last["event_id"])


def test_a_page_after_an_undated_key_holds_only_undated_events(many: Store) -> None:
    first = many.events_page(EventQuery(doc_id="b"), limit=5)
    assert first.next_key is not None and first.next_key[0] is None
    rest = many.events_page(EventQuery(doc_id="b"), limit=5, after=first.next_key)
    assert [r["event_id"] for r in first.records] == ["e4", "z9", "z0", "z1", "u1"]
    assert [r["event_id"] for r in rest.records] == ["u2"] and rest.next_key is None


def test_a_key_whose_event_is_gone_still_places_the_next_page(many: Store) -> None:
    first = many.events_page(limit=2)
    assert [r["event_id"] for r in first.records] == ["e4", "e3"]
    many.write([(DOC_A, [e for e in EVENTS_A if e.event_id != "e3"])])  # e3, the key, is deleted
    rest = many.events_page(limit=100, after=first.next_key)
    assert [r["event_id"] for r in rest.records] == [e.event_id for e in many.events()][1:]


def test_a_page_records_equal_what_was_written(many: Store) -> None:
    page = many.events_page(EventQuery(doc_id="f"), limit=10)
    assert page.records == [FULL.to_dict()] and page.events() == [FULL]


def test_a_page_of_nothing_is_a_usage_error(many: Store) -> None:
    with pytest.raises(UsageError):
        many.events_page(limit=0)
    with pytest.raises(UsageError):
        many.events_page(EventQuery(since="March"), limit=1)


def test_one_event_by_id(many: Store) -> None:
    assert many.event("f1") == FULL
    assert many.event("z0") == SAME_DAY[2]
    assert many.event("nope") is None
    assert many.event("' OR 1=1 --") is None  # a value, never SQL


def test_one_document_by_id_with_its_text(many: Store) -> None:
    doc = many.document("f")
    assert doc == {"doc_id": "f", "doc_date": "2024-03-09", "title": None, "url": None, "source": None,
                   "dateline": None, "text": DOC_F.text}
    assert many.document("b")["text"] == DOC_B.text  # type: ignore[index]
    assert many.document("nope") is None


def test_one_merged_event_by_id(many: Store) -> None:
    rep = replace(EVENTS_A[0], merged_id="m1", fatalities=Count(11, "exact", "11"))
    m1 = MergedEvent(merged_id="m1", record=rep, num_mentions=2, num_sources=2, sources=("AFP", "Reuters"),
                     first_seen="2024-01-02", last_seen="2024-03-09", mention_ids=("e1", "e4"),
                     count_ranges={"fatalities": (3, 11)}, reasons={"e4": ("same actor",)})
    m2 = replace(m1, merged_id="m2", record=replace(rep, merged_id="m2"), mention_ids=("e3",), num_mentions=1)
    assert many.merged_event("m1") is None
    many.write_merged([m1, m2])
    assert many.merged_event("m1") == m1 and many.merged_event("m2") == m2
    assert many.merged_event("nope") is None
    many.write_merged([m2])
    assert many.merged_event("m1") is None


def test_stats_count_the_tables_and_the_events(many: Store) -> None:
    stats = many.stats()
    assert stats["counts"] == {"documents": 3, "events": 10, "rejected": 1, "merged_events": 0}
    assert stats["counts"]["events"] == many.count("events")
    assert stats["events_by_quad_class"] == {"1": 1, "4": 9}
    assert stats["events_by_type"] == {"ASSAULT": 6, "COERCE": 2, "CONSULT": 1, "PROTEST": 1}
    assert stats["rejected_by_reason"] == {"empty": 1}
    assert (stats["first_date"], stats["last_date"]) == ("2024-01-01", "2024-03-08")


def test_stats_of_an_empty_store(store: Store) -> None:
    stats = store.stats()
    assert stats["counts"] == {"documents": 0, "events": 0, "rejected": 0, "merged_events": 0}
    assert stats["events_by_type"] == {} and stats["first_date"] is None


def test_places_count_events_with_coordinates_by_quad_class(many: Store) -> None:
    places = many.places()
    # Gaza: e1 and u2; Beirut has no coordinates; Mombasa (FULL) has
    assert places == [
        {"name": "Gaza", "country": "PSE", "lat": GAZA.lat, "lon": GAZA.lon, "events": 2, "by_quad_class": {"4": 2}},
        {"name": "Mombasa", "country": "KEN", "lat": -4.05, "lon": 39.66, "events": 1, "by_quad_class": {"4": 1}},
    ]
    assert BEIRUT.lat is None
    assert many.places(EventQuery(country="KEN")) == places[1:]
    assert many.places(limit=1) == places[:1]
