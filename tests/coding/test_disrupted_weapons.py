"""Weapons seized, found, defused or cleared: ACLED's disrupted weapons use (issue 10).
Sentences written for these tests."""

from __future__ import annotations


def disrupted(records):
    return [r for r in records if r["acled_sub_event_type"] == "Disrupted weapons use"]


def test_landmines_found_or_cleared_are_disrupted_weapons_use(code):
    assert disrupted(code("Police found landmines buried along the road to the base."))
    assert disrupted(code("Deminers cleared more than 500 landmines in the province last month."))


def test_an_explosive_device_defused_is_disrupted_weapons_use(code):
    assert disrupted(code("Army engineers defused a device left outside the governor's office."))


def test_clearing_a_road_is_no_disrupted_weapons_use(code):
    assert not disrupted(code("Workers cleared the road after the storm."))
