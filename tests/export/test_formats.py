"""Output formats: JSON lines, JSON, CSV and the readable table."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from khaldun.errors import UsageError
from khaldun.export import FORMATS, flatten, write_records
from khaldun.export.formats import CSV_COLUMNS
from khaldun.records import Actor, Count, EventRecord, Evidence, Place
from khaldun.schema import validation_errors


def records() -> list[dict]:
    police = Actor(text="police", name="Kenya Police", country="KEN", sector="COP", kind="organization")
    base = EventRecord(
        event_id="e1", doc_id="d1", event_type="COERCE", mode="arrest", context=("political", "protest"),
        cameo_code="173", cameo_root="17", quad_class=4, goldstein=-5.0,
        acled_event_type="Strategic developments", acled_sub_event_type="Arrests", actor=police,
        recipient=Actor(text="14 people", kind="group"), acled_inter1=1, acled_inter2=7,
        date="2024-03-08", date_precision="day", date_text="Friday",
        location=Place(text="Mombasa", name="Mombasa", country="KEN", admin1="Mombasa", lat=-4.05, lon=39.66, geonameid=186301, precision="city"),
        fatalities=None, injured=None, arrested=Count(14, "exact", "14"), abducted=None, size=Count(300, "about", "About 300"),
        polarity="affirmed", modality="reported", source="Khaldun Wire", speaker=Actor(text="a police spokesman", sector="COP"),
        evidence=Evidence('Police arrested 14 people, "a spokesman" said,\nin Mombasa.', 1, 120, 180, "arrested"),
        confidence=0.8, doc_date="2024-03-09", cameo_name="Arrest, detain",
    )
    bare = dataclasses.replace(
        base, event_id="e2", event_type=None, mode=None, context=(), cameo_code="010", cameo_root="01", quad_class=0,
        actor=None, recipient=None, location=None, arrested=None, size=None, source=None, speaker=None,
        date=None, date_precision="unknown", date_text=None, acled_event_type=None, acled_sub_event_type=None,
        acled_inter1=None, acled_inter2=None,
    )
    return [base.to_dict(), bare.to_dict()]


def render(fmt: str) -> tuple[str, int]:
    out = io.StringIO()
    n = write_records(iter(records()), out, fmt)
    return out.getvalue(), n


def test_the_fixture_records_are_schema_valid() -> None:
    for rec in records():
        assert validation_errors(rec) == []


def test_jsonl_is_the_record_exactly() -> None:
    text, n = render("jsonl")
    lines = text.splitlines()
    assert n == 2 and [json.loads(line) for line in lines] == records()


def test_json_is_an_array_of_records() -> None:
    text, n = render("json")
    assert n == 2 and json.loads(text) == records()


def test_csv_one_row_per_event_with_the_documented_columns() -> None:
    text, n = render("csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert n == len(rows) == 2
    assert list(rows[0]) == list(CSV_COLUMNS)
    full, bare = rows
    assert full["event_id"] == "e1" and full["doc_date"] == "2024-03-09" and full["cameo_name"] == "Arrest, detain"
    assert full["context"] == "political;protest"
    assert (full["actor_name"], full["actor_country"], full["actor_sector"]) == ("Kenya Police", "KEN", "COP")
    assert (full["recipient_text"], full["recipient_kind"]) == ("14 people", "group")
    assert (full["location_name"], full["location_lat"], full["location_geonameid"]) == ("Mombasa", "-4.05", "186301")
    assert (full["arrested"], full["arrested_qualifier"], full["size"], full["size_qualifier"]) == ("14", "exact", "300", "about")
    assert full["speaker_sector"] == "COP" and full["speaker_name"] == ""
    assert full["sentence"] == 'Police arrested 14 people, "a spokesman" said,\nin Mombasa.'  # quoting survives
    assert (full["sentence_index"], full["sentence_start"], full["sentence_end"], full["trigger"]) == ("1", "120", "180", "arrested")
    assert bare["actor_name"] == bare["location_name"] == bare["fatalities"] == bare["event_type"] == ""
    assert bare["schema_version"] == "1"


def test_csv_columns_cover_every_scalar_field_and_every_nested_one() -> None:
    rec = records()[0]
    row = flatten(rec)
    for key, value in rec.items():
        if isinstance(value, dict):
            continue
        assert key in row, key
    for role in ("actor", "recipient"):
        for f in ("text", "name", "country", "sector", "kind", "wikidata"):
            assert f"{role}_{f}" in CSV_COLUMNS
    for f in ("fatalities", "injured", "arrested", "abducted", "size"):
        assert f in CSV_COLUMNS and f"{f}_qualifier" in CSV_COLUMNS


def test_table_is_readable() -> None:
    text, n = render("table")
    lines = text.splitlines()
    assert n == 2 and lines[0].startswith("date") and "trigger" in lines[0]
    assert "COERCE/arrest 173" in lines[2] and "Kenya Police (KEN/COP)" in lines[2] and "arr14" in lines[2]
    assert "STATEMENT 010" in lines[3]


def test_empty_outputs() -> None:
    for fmt in FORMATS:
        out = io.StringIO()
        assert write_records([], out, fmt) == 0
    assert write_records([], io.StringIO(), "table") == 0
    out = io.StringIO()
    write_records([], out, "json")
    assert json.loads(out.getvalue()) == []


def test_an_unwritable_output_is_a_usage_error(tmp_path) -> None:
    from khaldun.export import open_output

    with pytest.raises(UsageError, match="cannot write"):
        open_output(str(tmp_path / "missing-folder" / "out.csv"))


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        write_records([], io.StringIO(), "xml")


def test_csv_columns_are_the_flat_event_layout_the_store_shares() -> None:
    from khaldun.schema import EVENT_COLUMNS, EVENTS

    assert CSV_COLUMNS == tuple(c.name for c in EVENT_COLUMNS)
    assert EVENTS.names == (*CSV_COLUMNS, "record")
    assert len(set(CSV_COLUMNS)) == len(CSV_COLUMNS)
    # a record with every optional part missing flattens to empty cells, not errors
    bare = flatten(records()[1])
    assert bare["actor_name"] is None and bare["location_lat"] is None and bare["context"] == ""
