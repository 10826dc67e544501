"""Issue 10 mechanisms, each on sentences written for the purpose: civilian protests,
police violence named in a passive or a noun, crowd control, clashes, implicit arrests."""

from __future__ import annotations

from typing import Any

import pytest


def find(records: list[dict[str, Any]], root: str) -> dict[str, Any]:
    hits = [r for r in records if r["cameo_root"] == root]
    assert hits, f"no {root} event in {[r['cameo_code'] for r in records]}"
    return hits[0]


@pytest.mark.parametrize("text", [
    "Nurses at the county hospital held a sit-in outside the health office on Tuesday.",
    "Shopkeepers took out a protest rally in the market against the new tax.",
    "Dock workers participated in a protest over unpaid wages.",
    "Members of the tenants' union held a press conference with placards outside the town hall.",
    "Parents gathered outside the school gates to demand safer crossings.",
    "Farmers took part in a demonstration against the dam.",
])
def test_civilian_protests_from_nouns_and_gatherings(code, text):
    assert find(code(text), "14")["acled_event_type"] == "Protests"


def test_civilians_who_protest_something_demonstrate(code):
    rec = find(code("Students of the engineering college protested the expulsion of two classmates."), "14")
    assert rec["cameo_code"] == "141"


def test_a_government_still_protests_by_complaining(code):
    assert find(code("Norway protested the expulsion of its ambassador."), "11")


def test_police_violence_in_an_instrument_phrase(code):
    rec = find(code("Six villagers were injured in police firing near the bridge."), "19")
    assert rec["actor"]["sector"] == "COP"


def test_baton_charge_noun_and_its_agent(code):
    rec = find(code("Several students were injured in a baton-charge by the police."), "17")
    assert rec["cameo_code"] == "175" and rec["actor"]["sector"] == "COP"


def test_tear_gas_against_protesters_is_intervention_not_firearms(code):
    recs = code("Police fired tear gas at protesters outside the parliament.")
    rec = next(r for r in recs if r["cameo_code"] == "175")
    assert rec["mode"] == "crowd-control"
    assert rec["acled_sub_event_type"] == "Protest with intervention"


def test_clash_between_armed_groups_is_an_armed_clash(code):
    rec = find(code("Two rival militias clashed near the river crossing."), "19")
    assert rec["mode"] == "clash" and rec["acled_sub_event_type"] == "Armed clash"


def test_passive_arrest_with_no_agent_is_by_police(code):
    rec = find(code("Forty shopkeepers were taken into custody on Monday."), "17")
    assert rec["cameo_code"] == "173" and rec["actor"]["sector"] == "COP"


def test_unplaced_protest_takes_the_country_of_the_story(code):
    recs = code("Teachers protested outside the press club on Monday. Later, students marched in Karachi.")
    first = min((r for r in recs if r["cameo_root"] == "14"), key=lambda r: r["evidence"]["sentence_index"])
    assert first["location"]["country"] == "PAK"


def test_the_weapon_named_in_a_when_clause(code):
    rec = find(code("Four traders were wounded when a grenade exploded at the bus stand."), "18")
    assert rec["acled_sub_event_type"] == "Grenade"


def test_weapons_found_or_seized_disrupt_weapons_use(code):
    rec = find(code("Soldiers discovered a cache of arms and ammunition in an abandoned farmhouse."), "17")
    assert rec["acled_sub_event_type"] == "Disrupted weapons use"


def test_lower_case_dateline_does_not_hide_the_subject(code):
    rec = find(code("mysore: police arrested twelve traders who blocked the highway on friday."), "17")
    assert rec["actor"]["sector"] == "COP" and rec["recipient"] is not None


def test_criticised_for_opening_fire_names_who_fired(code):
    rec = find(code("The union criticised the police for opening fire on the marchers."), "19")
    assert rec["actor"]["sector"] == "COP"


@pytest.mark.parametrize("text", [
    "The shopkeeper was picked up by police from his home on Sunday.",
    "Two brothers who fled the village were chased down and arrested.",
])
def test_arrests_without_a_named_agent_are_by_police(code, text):
    rec = find(code(text), "17")
    assert rec["cameo_code"] == "173" and rec["actor"]["sector"] == "COP"
