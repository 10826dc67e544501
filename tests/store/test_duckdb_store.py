"""The DuckDB store: round trip, re-ingestion, rejections, every query filter."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from khaldun.errors import StoreError, UsageError
from khaldun.records import Actor, Count, Document, EventRecord, Evidence, Place, Rejection
from khaldun.schema import validation_errors
from khaldun.store import DuckDBStore, EventQuery


def record(
    event_id: str,
    doc_id: str,
    *,
    event_type: str | None = "ASSAULT",
    code: str = "190",
    actor: Actor | None = None,
    recipient: Actor | None = None,
    location: Place | None = None,
    date: str | None = "2024-03-08",
    sentence_index: int = 0,
) -> EventRecord:
    return EventRecord(
        event_id=event_id, doc_id=doc_id, event_type=event_type, mode=None, context=(),
        cameo_code=code, cameo_root=code[:2], quad_class=4 if code >= "14" else 1, goldstein=-10.0,
        acled_event_type=None, acled_sub_event_type=None, actor=actor, recipient=recipient,
        acled_inter1=None, acled_inter2=None, date=date, date_precision="day" if date else "unknown",
        date_text=None, location=location, fatalities=Count(3, "at_least", "at least three"), injured=None,
        arrested=None, abducted=None, size=None, polarity="affirmed", modality="asserted", source=None,
        speaker=None, evidence=Evidence("Troops attacked.", sentence_index, 0, 16, "attacked"), confidence=0.7,
        doc_date="2024-03-09", cameo_name="Use conventional military force",
    )


ISRAEL = Actor(text="Israeli troops", name="Israeli troops", country="ISR", sector="MIL", kind="group")
HAMAS = Actor(text="Hamas", name="Hamas", country="PSE", sector="REB", kind="organization")
IRAN = Actor(text="Iran", name="Iran", country="IRN", kind="country")
KENYA_POLICE = Actor(text="police", name="Kenya Police", country="KEN", sector="COP", kind="organization")
GAZA = Place(text="Gaza", name="Gaza", country="PSE", lat=31.5, lon=34.47, geonameid=281133, precision="city")
BEIRUT = Place(text="Beirut", name="Beirut", country="LBN", precision="city")

DOC_A = Document(doc_id="a", text="Troops attacked.", doc_date="2024-03-09", origin="a.txt", content_hash="ha")
DOC_B = Document(doc_id="b", text="Iran met Hamas.", doc_date="2024-01-02", origin="b.txt", content_hash="hb")
EVENTS_A = [
    record("e1", "a", actor=ISRAEL, recipient=HAMAS, location=GAZA, date="2024-03-08"),
    record("e2", "a", event_type="PROTEST", code="141", actor=None, location=BEIRUT, date=None, sentence_index=1),
    record("e3", "a", event_type="COERCE", code="173", actor=KENYA_POLICE, date="2024-03-07", sentence_index=2),
]
EVENTS_B = [record("e4", "b", event_type="CONSULT", code="042", actor=IRAN, recipient=HAMAS, date="2024-01-01")]


@pytest.fixture
def store() -> DuckDBStore:
    s = DuckDBStore()  # in memory
    s.add([(DOC_A, EVENTS_A), (DOC_B, EVENTS_B)])
    return s


def ids(rows: list[dict]) -> list[str]:
    return [r["event_id"] for r in rows]


def test_records_come_back_exactly_as_coded_and_schema_valid(store: DuckDBStore) -> None:
    rows = store.events()
    by_id = {r["event_id"]: r for r in rows}
    for rec in EVENTS_A + EVENTS_B:
        assert by_id[rec.event_id] == rec.to_dict()
        assert validation_errors(by_id[rec.event_id]) == []
    assert (store.count("documents"), store.count("events"), store.count("rejected")) == (2, 4, 0)


def test_ordering_oldest_first_undated_last(store: DuckDBStore) -> None:
    assert ids(store.events()) == ["e4", "e3", "e1", "e2"]


@pytest.mark.parametrize(
    "query, expected",
    [
        (EventQuery(event_type="ASSAULT"), ["e1"]),
        (EventQuery(event_type="protest"), ["e2"]),
        (EventQuery(event_type="1"), ["e3", "e1", "e2"]),  # CAMEO prefix
        (EventQuery(event_type="17"), ["e3"]),
        (EventQuery(event_type="042"), ["e4"]),
        (EventQuery(actor="ISR"), ["e1"]),
        (EventQuery(actor="isr"), ["e1"]),
        (EventQuery(actor="kenya"), ["e3"]),  # part of the name
        (EventQuery(recipient="PSE"), ["e4", "e1"]),
        (EventQuery(recipient="Hama"), ["e4", "e1"]),
        (EventQuery(country="PSE"), ["e4", "e1"]),  # recipient or location
        (EventQuery(country="LBN"), ["e2"]),  # location only
        (EventQuery(country="IRN"), ["e4"]),  # actor only
        (EventQuery(since="2024-03-07"), ["e3", "e1"]),
        (EventQuery(until="2024-03-07"), ["e4", "e3"]),
        (EventQuery(since="2024-03-08", until="2024-03-08"), ["e1"]),
        (EventQuery(doc_id="b"), ["e4"]),
        (EventQuery(limit=2), ["e4", "e3"]),
        (EventQuery(limit=0), []),
        (EventQuery(event_type="ASSAULT", country="ISR", since="2024-03-01"), ["e1"]),
        (EventQuery(event_type="ASSAULT", country="IRN"), []),
    ],
)
def test_filters(store: DuckDBStore, query: EventQuery, expected: list[str]) -> None:
    assert ids(store.events(query)) == expected


@pytest.mark.parametrize("query", [EventQuery(since="March 2024"), EventQuery(until="2024-13-01"), EventQuery(limit=-1)])
def test_bad_queries_are_usage_errors(store: DuckDBStore, query: EventQuery) -> None:
    with pytest.raises(UsageError):
        store.events(query)


def test_reingesting_a_document_replaces_it_and_its_events(store: DuckDBStore) -> None:
    store.add([(DOC_A, EVENTS_A)])
    assert (store.count("documents"), store.count("events")) == (2, 4)
    # recoded with fewer events: the old ones go
    store.add([(replace(DOC_A, title="again"), EVENTS_A[:1])])
    assert (store.count("documents"), store.count("events")) == (2, 2)
    assert ids(store.events(EventQuery(doc_id="a"))) == ["e1"]
    assert store.con.execute("SELECT title FROM documents WHERE doc_id = 'a'").fetchone() == ("again",)


def test_the_same_event_id_twice_in_one_batch_is_stored_once() -> None:
    s = DuckDBStore()
    s.add([(DOC_A, [EVENTS_A[0], EVENTS_A[0]])])
    assert s.count("events") == 1


def test_rejections_are_stored_with_reason_and_code() -> None:
    s = DuckDBStore()
    rej = Rejection(origin="x.txt", reason="empty", code="K101", message="[K101] x.txt: no text")
    s.add([], [rej])
    s.add([], [replace(rej, origin="y.jsonl:3", reason="no_text", code="K106", doc_id="n1")])
    assert s.rejected() == [
        {"origin": "x.txt", "reason": "empty", "code": "K101", "message": "[K101] x.txt: no text", "doc_id": None},
        {"origin": "y.jsonl:3", "reason": "no_text", "code": "K106", "message": "[K101] x.txt: no text", "doc_id": "n1"},
    ]


def test_a_file_database_persists_and_opens_read_only(tmp_path: Path) -> None:
    path = str(tmp_path / "sub.duckdb")
    with DuckDBStore(path) as s:
        s.add([(DOC_A, EVENTS_A)])
    with DuckDBStore(path, read_only=True) as s:
        assert ids(s.events(EventQuery(event_type="ASSAULT"))) == ["e1"]
        doc_row = s.con.execute("SELECT doc_id, doc_date, origin, text FROM documents").fetchall()
        assert [(d, str(when), o, t) for d, when, o, t in doc_row] == [("a", "2024-03-09", "a.txt", "Troops attacked.")]


def test_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"^\[K040\] no database at"):
        DuckDBStore(str(tmp_path / "nope.duckdb"), read_only=True)
    with pytest.raises(StoreError, match=r"^\[K040\] cannot open"):
        DuckDBStore(str(tmp_path / "no-such-folder" / "x.duckdb"))


def test_a_duckdb_file_that_is_not_ours_is_a_store_error(tmp_path: Path) -> None:
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(StoreError, match="not a khaldun database"):
        DuckDBStore(str(other), read_only=True)
    (tmp_path / "text.duckdb").write_text("hello")
    with pytest.raises(StoreError, match="cannot open"):
        DuckDBStore(str(tmp_path / "text.duckdb"), read_only=True)


def test_unknown_table_is_a_usage_error(store: DuckDBStore) -> None:
    with pytest.raises(UsageError):
        store.count("events; DROP TABLE events")
