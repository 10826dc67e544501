"""``EventRecord.from_dict``: the record that ``to_dict`` gave, for the store to rebuild from JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from khaldun.records import Actor, Count, EventRecord, Evidence, Place

from ._factory import EVENTS_A, EVENTS_B, FULL


@pytest.mark.parametrize("rec", [FULL, *EVENTS_A, *EVENTS_B], ids=lambda r: r.event_id)
def test_from_dict_rebuilds_the_record_exactly(rec: EventRecord) -> None:
    back = EventRecord.from_dict(json.loads(rec.to_json()))
    assert back == rec and back.to_dict() == rec.to_dict()
    assert type(back.evidence) is Evidence and isinstance(back.context, tuple)


def test_from_dict_builds_the_nested_types() -> None:
    back = EventRecord.from_dict(FULL.to_dict())
    assert isinstance(back.actor, Actor) and isinstance(back.speaker, Actor) and isinstance(back.location, Place)
    assert isinstance(back.arrested, Count) and back.fatalities is None


def test_from_dict_ignores_fields_of_a_later_version() -> None:
    data = FULL.to_dict()
    data["added_later"] = 1
    data["actor"]["added_later"] = "x"
    assert EventRecord.from_dict(data) == FULL


def test_from_dict_with_a_required_field_missing_is_a_type_error() -> None:
    data = FULL.to_dict()
    del data["cameo_code"]
    with pytest.raises(TypeError):
        EventRecord.from_dict(data)


@pytest.mark.slow
def test_from_dict_rebuilds_real_coded_records(coded: list[tuple[Any, list[EventRecord]]]) -> None:
    records = [e for _, evs in coded for e in evs]
    assert any(e.actor for e in records) and any(e.location for e in records)
    for rec in records:
        assert EventRecord.from_dict(json.loads(rec.to_json())) == rec
    assert replace(records[0], confidence=0.123) != EventRecord.from_dict(records[0].to_dict())
