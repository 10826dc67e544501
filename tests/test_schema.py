"""The shipped JSON Schema: itself valid, in step with EventRecord, and kept by real records."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from khaldun.records import SCHEMA_VERSION, Actor, Count, EventRecord, Evidence, Place
from khaldun.schema import event_schema, validation_errors

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "event-record.md"


def full_record() -> dict[str, Any]:
    actor = Actor(text="Israeli troops", name="Israeli troops", country="ISR", sector="MIL", kind="group", wikidata="Q1")
    return EventRecord(
        event_id="e1", doc_id="d1", event_type="ASSAULT", mode="firearms", context=("military",),
        cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0,
        acled_event_type="Battles", acled_sub_event_type="Armed clash", actor=actor,
        recipient=Actor(text="Hamas"), acled_inter1=1, acled_inter2=2, date="2024-03-08",
        date_precision="day", date_text="Friday",
        location=Place(text="Gaza", name="Gaza", country="PSE", admin1="Gaza", lat=31.5, lon=34.47, geonameid=281133, precision="city"),
        fatalities=Count(3, "at_least", "at least three"), injured=Count(10), arrested=None, abducted=None, size=None,
        polarity="affirmed", modality="reported", source="Reuters", speaker=actor,
        evidence=Evidence("Troops attacked.", 0, 0, 16, "attacked"), confidence=0.7,
        doc_date="2024-03-09", cameo_name="Use conventional military force",
    ).to_dict()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(event_schema())
    assert event_schema()["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_every_record_field_is_in_the_schema_and_every_spec_field_required() -> None:
    schema = event_schema()
    record_fields = {f.name for f in dataclasses.fields(EventRecord)}
    assert record_fields <= set(schema["properties"])
    added = {"doc_date", "cameo_name", "merged_id", "incident_class"}  # khaldun's own additions, optional in the schema
    assert set(schema["required"]) == record_fields - added


@pytest.mark.skipif(not SPEC.is_file(), reason="../shared/spec is absent")
def test_every_field_of_the_spec_table_is_required() -> None:
    names = set()
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\|\s*(`[^|]+`)\s*\|", line)
        if m:
            names.update(re.findall(r"`([a-z_0-9]+)`", m.group(1)))
    assert names, "no field table found in the spec"
    assert names <= set(event_schema()["required"])


def test_a_full_record_is_valid() -> None:
    assert validation_errors(full_record()) == []


@pytest.mark.parametrize(
    "change, where",
    [
        ({"schema_version": "2"}, "schema_version"),
        ({"event_type": "FIGHT"}, "event_type"),
        ({"date": "08/03/2024"}, "date"),
        ({"quad_class": 7}, "quad_class"),
        ({"confidence": 1.5}, "confidence"),
        ({"mode": ""}, "mode"),  # unknown is null, never an empty string
        ({"polarity": "maybe"}, "polarity"),
        ({"fatalities": {"value": 3, "qualifier": "roughly", "text": "3"}}, "fatalities/qualifier"),
        ({"actor": {"name": "no text"}}, "actor"),
    ],
)
def test_broken_records_are_caught(change: dict[str, Any], where: str) -> None:
    errors = validation_errors({**full_record(), **change})
    assert errors and any(e.startswith(where) for e in errors), errors


def test_a_missing_field_is_caught() -> None:
    rec = full_record()
    del rec["evidence"]
    assert validation_errors(rec)


@pytest.mark.slow
def test_pipeline_records_of_the_seed_are_valid(seed_records: list[dict[str, Any]]) -> None:
    assert seed_records
    for rec in seed_records:
        assert validation_errors(rec) == [], rec
