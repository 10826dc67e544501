"""The Store contract: what every backend guarantees, run against each (see conftest ``BACKENDS``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from khaldun.errors import StoreError, UsageError
from khaldun.records import EventRecord
from khaldun.schema import validation_errors
from khaldun.store import EventQuery, Store, doc_hashes

from ._factory import DOC_A, DOC_B, DOC_F, EVENTS_A, EVENTS_B, FULL, REJ_EMPTY, batch, record


@pytest.fixture
def filled(store: Store) -> Store:
    store.write([(DOC_A, EVENTS_A), (DOC_B, EVENTS_B)])
    return store


def ids(records: list[EventRecord]) -> list[str]:
    return [r.event_id for r in records]


def counts(store: Store) -> tuple[int, int, int]:
    return store.count("documents"), store.count("events"), store.count("rejected")


def test_is_a_store(store: Store) -> None:
    assert isinstance(store, Store)
    assert counts(store) == (0, 0, 0) and store.events() == [] and store.rejected() == []


# -- round trip ---------------------------------------------------------------


@pytest.mark.slow
def test_real_coded_records_come_back_equal_to_what_went_in(store: Store, coded: list[tuple[Any, list[EventRecord]]]) -> None:
    store.write(coded)
    written = [e for _, evs in coded for e in evs]
    back = store.events()
    assert sorted(back, key=lambda e: e.event_id) == sorted(written, key=lambda e: e.event_id)
    assert counts(store) == (len(coded), len(written), 0)
    assert store.stored(doc_hashes(d for d, _ in coded)) == {d.doc_id for d, _ in coded}
    for rec in back:
        assert validation_errors(rec.to_dict()) == []
    # a second write of the same run stores nothing more
    store.write(coded)
    assert counts(store) == (len(coded), len(written), 0)


def test_every_nested_field_comes_back(store: Store) -> None:
    store.write([(DOC_F, [FULL])])
    assert store.events() == [FULL]
    assert store.events()[0].to_dict() == FULL.to_dict()


def test_ordering_oldest_first_undated_last_then_document_sentence_id(store: Store) -> None:
    store.write([(DOC_B, EVENTS_B), (DOC_A, EVENTS_A)])
    same_day = [
        record("z9", "b", date="2024-03-08", sentence_index=0),
        record("z1", "b", date="2024-03-08", sentence_index=5),
        record("z0", "b", date="2024-03-08", sentence_index=5),
    ]
    store.write([(DOC_B, same_day)])
    # e4 went with the rewrite of b; on 2024-03-08: doc a before doc b, then sentence, then id
    assert ids(store.events()) == ["e3", "e1", "z9", "z0", "z1", "e2"]


# -- queries ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        (EventQuery(), ["e4", "e3", "e1", "e2"]),
        (EventQuery(event_type="ASSAULT"), ["e1"]),
        (EventQuery(event_type="protest"), ["e2"]),
        (EventQuery(event_type="1"), ["e3", "e1", "e2"]),  # CAMEO prefix
        (EventQuery(event_type="17"), ["e3"]),
        (EventQuery(event_type="042"), ["e4"]),
        (EventQuery(actor="ISR"), ["e1"]),
        (EventQuery(actor="isr"), ["e1"]),
        (EventQuery(actor="kenya"), ["e3"]),  # part of the name
        (EventQuery(actor="police"), ["e3"]),  # part of the words as written
        (EventQuery(recipient="PSE"), ["e4", "e1"]),
        (EventQuery(recipient="Hama"), ["e4", "e1"]),
        (EventQuery(country="PSE"), ["e4", "e1"]),  # recipient or location
        (EventQuery(country="LBN"), ["e2"]),  # location only
        (EventQuery(country="IRN"), ["e4"]),  # actor only
        (EventQuery(since="2024-03-07"), ["e3", "e1"]),
        (EventQuery(until="2024-03-07"), ["e4", "e3"]),
        (EventQuery(since="2024-03-08", until="2024-03-08"), ["e1"]),
        (EventQuery(doc_id="b"), ["e4"]),
        (EventQuery(doc_id="nope"), []),
        (EventQuery(limit=2), ["e4", "e3"]),
        (EventQuery(limit=0), []),
        (EventQuery(country="PSE", limit=1), ["e4"]),
        (EventQuery(event_type="ASSAULT", country="ISR", since="2024-03-01"), ["e1"]),
        (EventQuery(event_type="ASSAULT", country="IRN"), []),
    ],
)
def test_filters(filled: Store, query: EventQuery, expected: list[str]) -> None:
    assert ids(filled.events(query)) == expected


@pytest.mark.parametrize("query", [EventQuery(since="March 2024"), EventQuery(until="2024-13-01"), EventQuery(limit=-1)])
def test_bad_queries_are_usage_errors(filled: Store, query: EventQuery) -> None:
    with pytest.raises(UsageError):
        filled.events(query)


def test_unknown_table_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError):
        store.count("events; DROP TABLE events")


# -- rewriting, resuming ------------------------------------------------------


def test_rewriting_a_document_replaces_it_and_its_events(filled: Store) -> None:
    filled.write([(DOC_A, EVENTS_A)])
    assert counts(filled) == (2, 4, 0)
    # recoded from a new text with fewer events: the old events go, the new hash is stored
    new_a = replace(DOC_A, text="Troops attacked again.", content_hash="ha2")
    filled.write([(new_a, EVENTS_A[:1])])
    assert counts(filled) == (2, 2, 0)
    assert ids(filled.events(EventQuery(doc_id="a"))) == ["e1"]
    assert filled.stored({"a": "ha2"}) == {"a"} and filled.stored({"a": "ha"}) == set()
    # and with no events at all
    filled.write([(new_a, [])])
    assert counts(filled) == (2, 1, 0)


def test_the_same_event_or_document_twice_in_one_batch_is_stored_once(store: Store) -> None:
    changed = replace(EVENTS_A[0], confidence=0.9)
    store.write([(DOC_A, [EVENTS_A[0], changed]), (DOC_B, EVENTS_B), (DOC_A, [changed])])
    assert counts(store) == (2, 2, 0)
    assert store.events(EventQuery(doc_id="a")) == [changed]  # the last one given wins


def test_stored_answers_by_id_and_content_hash(filled: Store) -> None:
    assert filled.stored({}) == set()
    assert filled.stored({"a": "ha", "b": "other", "c": "hc"}) == {"a"}
    assert filled.stored(doc_hashes([DOC_A, DOC_B])) == {"a", "b"}


def test_stored_for_a_batch_of_hundreds(store: Store) -> None:
    docs = batch("s", 600, 0)
    store.write(docs[:400])
    asked = doc_hashes(d for d, _ in docs)
    asked["s-0"] = "changed"
    assert store.stored(asked) == {d.doc_id for d, _ in docs[1:400]}


def test_rejections_are_stored_with_reason_and_code(store: Store) -> None:
    other = replace(REJ_EMPTY, origin="y.jsonl:3", reason="no_text", code="K106", message="[K106] no text", doc_id="n1")
    store.write([], [REJ_EMPTY])
    store.write([], [other])
    assert store.rejected() == [
        {"origin": "x.txt", "reason": "empty", "code": "K101", "message": "[K101] x.txt: no text", "doc_id": None},
        {"origin": "y.jsonl:3", "reason": "no_text", "code": "K106", "message": "[K106] no text", "doc_id": "n1"},
    ]


def test_a_rejection_repeated_or_resumed_is_stored_once(store: Store) -> None:
    again = replace(REJ_EMPTY, message="[K101] x.txt: still no text")
    store.write([], [REJ_EMPTY, REJ_EMPTY])
    store.write([(DOC_A, EVENTS_A)], [REJ_EMPTY])
    store.write([], [again])
    assert store.rejected() == [{"origin": "x.txt", "reason": "empty", "code": "K101", "message": again.message, "doc_id": None}]
    # the same input for another reason is another rejection
    store.write([], [replace(REJ_EMPTY, reason="timeout", code="K061")])
    assert store.count("rejected") == 2


def test_a_run_written_twice_stores_what_one_run_stores(store: Store) -> None:
    run = [(DOC_A, EVENTS_A), (DOC_B, EVENTS_B), (DOC_F, [FULL])]
    for _ in range(2):
        store.write(run[:2], [REJ_EMPTY])
        store.write(run[2:])
    assert counts(store) == (3, 5, 1)


def test_an_empty_write_changes_nothing(filled: Store) -> None:
    filled.write([], [])
    assert counts(filled) == (2, 4, 0)


# -- atomicity ----------------------------------------------------------------


def test_a_write_failing_midway_leaves_nothing_of_its_batch(filled: Store) -> None:
    before = (counts(filled), filled.events(), filled.rejected())
    new_a = replace(DOC_A, text="Troops attacked again.", content_hash="ha2")
    bad = replace(EVENTS_B[0], event_id="bad", date="2024-13-45")  # no such date: the store refuses it
    with pytest.raises(StoreError):
        filled.write([(new_a, EVENTS_A[:1]), (DOC_F, [FULL]), (DOC_B, [bad])], [REJ_EMPTY])
    assert (counts(filled), filled.events(), filled.rejected()) == before
    assert filled.stored({"a": "ha2", "f": DOC_F.content_hash}) == set()


def test_a_batch_that_contradicts_itself_is_refused_whole(filled: Store) -> None:
    before = (counts(filled), filled.events())
    other_a = replace(DOC_A, text="Something else.", content_hash="hx")
    with pytest.raises(UsageError, match="given twice"):
        filled.write([(DOC_F, [FULL]), (DOC_A, EVENTS_A), (other_a, [])])
    with pytest.raises(UsageError, match="doc_id"):
        filled.write([(DOC_F, [FULL]), (DOC_B, [EVENTS_A[0]])])  # an event of a, given with b
    assert (counts(filled), filled.events()) == before


def test_the_public_api_is_explicit() -> None:
    import khaldun.store
    from khaldun.store.duckdb_store import EventQuery as Old

    assert sorted(khaldun.store.__all__) == ["DuckDBStore", "EventPage", "EventQuery", "PageKey", "Store", "doc_hashes"]
    assert Old is EventQuery
