"""Chemical weapons named in an attack's sentence: ACLED's chemical weapon sub-type however
they were delivered (issue 10). Sentences written for these tests."""

from __future__ import annotations

from typing import Any


def subtypes(records: list[dict[str, Any]]) -> set[str | None]:
    return {r["acled_sub_event_type"] for r in records if r["event_type"] == "ASSAULT"}


def test_an_agent_dropped_from_the_air_is_a_chemical_weapon(code):
    recs = code("A government helicopter dropped barrel bombs filled with chlorine on the rebel-held town, "
                "killing six people.")
    assert "Chemical weapon" in subtypes(recs)
    # the CAMEO reading keeps the delivery
    assert any(r["cameo_code"] == "195" for r in recs)


def test_rockets_carrying_a_nerve_agent_are_a_chemical_weapon(code):
    assert subtypes(code("Rockets loaded with a nerve agent struck the suburb, killing dozens.")) == {"Chemical weapon"}


def test_tear_gas_and_a_chemical_plant_name_no_chemical_weapon(code):
    assert "Chemical weapon" not in subtypes(code("Riot police fired tear gas at the protesters outside parliament."))
    assert "Chemical weapon" not in subtypes(
        code("Militants shelled the village near the chemical plant, killing three residents."))


def test_an_organisation_named_after_chemical_weapons_names_no_agent(code):
    recs = code("The Organisation for the Prohibition of Chemical Weapons said an airstrike hit the hospital.")
    assert subtypes(recs) == {"Air/drone strike"}


def test_an_agent_in_a_relative_clause_tells_another_event(code):
    recs = code("Troops captured three villages near a town that was the target of a chlorine attack last year.")
    assert "Chemical weapon" not in {r["acled_sub_event_type"] for r in recs if r["evidence"]["trigger"].startswith("captured")}
