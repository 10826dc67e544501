"""Lexicon rows added for CASE 2021's ACLED sub-types (issue 10, session 5): irregular pasts of
territory verbs, claims of credit, tolls left by an event. Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, sub", [
    ("Opposition fighters retook a strategic town from government forces on Thursday.", "Non-state actor overtakes territory"),
    ("Government troops retook the town from the rebels.", "Government regains territory"),
])
def test_irregular_pasts_of_territory_verbs(code, text, sub):
    recs = code(text)
    assert sub in {r["acled_sub_event_type"] for r in recs}


def test_taking_credit_for_an_attack_is_a_claim_of_responsibility(code):
    recs = code("Al-Shabaab took credit for the attack on the base.")
    assert "015" in {r["cameo_code"] for r in recs}


def test_an_event_that_left_people_dead_is_their_toll(code):
    recs = code("The bombing left twelve people dead in the market.")
    assert any(r["event_type"] == "ASSAULT" for r in recs)
    recs = code("The minister left the meeting early.")
    assert not any(r["event_type"] == "ASSAULT" for r in recs)


def test_sexual_assault_named_as_such_is_sexual_violence(code):
    recs = code("Police said the sexual assaults happened at a party in the town.")
    assert "Sexual violence" in {r["acled_sub_event_type"] for r in recs}


def test_a_total_of_posts_established_is_a_base(code):
    recs = code("The army has established a total of 56 observation points along the border since October.")
    assert "Headquarters or base established" in {r["acled_sub_event_type"] for r in recs}


def test_missiles_fired_by_aircraft_are_an_air_strike(code):
    recs = code("At least two missiles were fired by fighter jets on targets near the airport.")
    assert "Air/drone strike" in {r["acled_sub_event_type"] for r in recs}


def test_a_missile_fired_at_a_helicopter_is_no_air_strike(code):
    recs = code("Rebels fired a missile at a government helicopter near the airport.")
    assert "Air/drone strike" not in {r["acled_sub_event_type"] for r in recs}
