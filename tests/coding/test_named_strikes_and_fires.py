"""A strike named by its weapon is an attack, and "set ablaze" before its object is arson
(issue 10, session 7). Sentences written for these tests."""

from __future__ import annotations

from typing import Any


def typed(records: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(r["acled_event_type"], r["acled_sub_event_type"]) for r in records if r["acled_event_type"]}


def test_a_drone_strike_as_the_agent_of_a_passive_is_an_air_strike(code):
    recs = code("Four rebels were targeted by a drone strike in Kunar province on Monday.")
    assert ("Explosions/Remote violence", "Air/drone strike") in typed(recs)
    assert not any(r["cameo_code"].startswith("14") for r in recs)


def test_a_workers_strike_stays_a_protest(code):
    recs = code("Dock workers went on strike over unpaid wages in Chittagong on Monday.")
    assert typed(recs) == {("Protests", "Peaceful protest")}


def test_set_ablaze_before_its_object_burns_the_vehicle(code):
    recs = code("Party supporters set ablaze a motorcycle in Rajshahi on Friday.")
    assert ("Riots", "Violent demonstration") in typed(recs)


def test_a_verbless_toll_headline_codes_the_explosion_it_blames(code):
    recs = code("At least 14 people dead in an explosion inside a shrine in Kohat.")
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") in typed(recs)


def test_a_verbless_toll_from_an_accident_is_no_political_event(code):
    recs = code("Nine people dead in a road accident near Multan.")
    assert typed(recs) == set()


def test_blasting_a_contractors_machine_is_an_explosion_not_criticism(code):
    recs = code("Rebels blasted a crane at a bridge site near Dantewada on Sunday.")
    assert {r["cameo_code"] for r in recs} & {"183", "1832", "1833"}
    assert not any(r["cameo_code"].startswith("11") for r in recs)


def test_a_quoted_local_action_held_against_a_policy_is_a_demonstration(code):
    recs = code("The teachers' union held a 'pen-down satyagraha' against the transfer policy in Bhopal.")
    assert typed(recs) == {("Protests", "Peaceful protest")}


def test_a_quoted_object_of_hold_with_no_against_is_no_demonstration(code):
    recs = code("The council held a \"special session\" on the budget in Shimla.")
    assert typed(recs) == set()
