"""ACLED's Agreement from what was signed or exchanged, weapons found under other names, and
"commit" read as a pledge only when it commits to something (issue 10, session 6).
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest


def agreements(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["acled_sub_event_type"] == "Agreement"]


@pytest.mark.parametrize("text", [
    "Rebel commanders and the government signed a peace agreement in the capital.",
    "The warring parties signed a cease-fire agreement in Geneva on Friday.",
])
def test_a_peace_agreement_or_ceasefire_signed_is_an_acled_agreement(code, text):
    recs = code(text)
    signed = [r for r in recs if r["cameo_code"] == "057"]
    assert signed, recs
    assert all(r["mode"] == "ceasefire" and r["acled_sub_event_type"] == "Agreement" for r in signed)


def test_a_trade_agreement_signed_is_no_acled_event(code):
    recs = code("The two ministers signed a trade agreement in the capital on Tuesday.")
    signed = [r for r in recs if r["cameo_code"] == "057"]
    assert signed, recs
    assert not agreements(recs)
    assert all(r["mode"] != "ceasefire" for r in signed)


@pytest.mark.parametrize("text", [
    "The two armed factions exchanged prisoners under a deal brokered by local elders.",
    "A prisoner swap between the government and the insurgents took place on Tuesday.",
])
def test_prisoners_exchanged_are_an_agreement_whoever_the_sides_are(code, text):
    recs = code(text)
    exchanged = [r for r in recs if r["cameo_code"] == "0841"]
    assert exchanged, recs
    assert all(r["mode"] == "exchange" for r in exchanged)
    assert agreements(recs)


def test_a_release_by_one_side_keeps_the_release_mode(code):
    recs = code("The army released twenty captured fighters on Sunday.")
    released = [r for r in recs if r["cameo_code"] == "0841"]
    assert released and all(r["mode"] == "release" for r in released)


def test_committing_a_crime_is_no_pledge(code):
    recs = code("The rebels committed atrocities against villagers, the report said.")
    assert not [r for r in recs if r["cameo_root"] == "03"], recs


def test_committing_to_something_is_still_a_pledge(code):
    recs = code("The United States committed to rebuilding the school.")
    assert [r for r in recs if r["cameo_code"] == "030"], recs


@pytest.mark.parametrize("text", [
    "Soldiers found a stash of projectiles in an abandoned house.",
    "Police discovered an explosive device near the market on Monday.",
])
def test_weapons_found_under_other_names_are_disrupted_weapons_use(code, text):
    recs = code(text)
    assert [r for r in recs if r["acled_sub_event_type"] == "Disrupted weapons use"], recs


def test_two_forces_of_one_state_agreeing_are_two_sides(code):
    recs = code("The army and the Peshmerga forces agreed to a ceasefire on Friday.")
    agreed = [r for r in recs if r["cameo_root"] == "03"]
    assert len(agreed) == 2, recs
    assert {(r["actor"]["text"], r["recipient"]["text"]) for r in agreed} == {
        ("army", "the Peshmerga forces"), ("the Peshmerga forces", "army")}
    assert agreements(recs)


def test_forces_of_one_state_fighting_side_by_side_are_not_each_others_target(code):
    recs = code("The Iraqi army and the Iraqi police launched military operations in the north on Sunday.")
    for r in recs:
        assert not (r["actor"] and r["recipient"] and {r["actor"]["text"], r["recipient"]["text"]} == {
            "Iraqi army", "the Iraqi police"}), recs


def test_weapons_found_with_a_reduced_relative_are_disrupted_weapons_use(code):
    # the parser takes "ammunition believed to belong" for a clause of its own
    recs = code("Security forces discovered ammunition believed to belong to the outlawed group.")
    found = [r for r in recs if r["cameo_code"] == "1711"]
    assert found and all(r["acled_sub_event_type"] == "Disrupted weapons use" for r in found), recs


@pytest.mark.parametrize("text", [
    "The European Union extended its sanctions on Russia for another six months.",
    "Ministers approved new sanctions against the junta on Monday.",
])
def test_sanctions_widened_renewed_or_approved_are_sanctions_imposed(code, text):
    recs = code(text)
    assert [r for r in recs if r["cameo_code"] == "163"], recs


@pytest.mark.parametrize("text", [
    "The militants agreed to release twenty hostages on Monday.",
    "The armed group agreed to a ceasefire in the region.",
])
def test_agreeing_to_a_settlement_is_an_acled_agreement(code, text):
    recs = code(text)
    agreed = [r for r in recs if r["cameo_root"] == "03"]
    assert agreed and all(r["mode"] == "ceasefire" for r in agreed), recs
    assert agreements(recs)


def test_a_state_agreeing_to_give_aid_is_diplomacy_not_an_acled_agreement(code):
    recs = code("Russia has agreed to offer security assistance in the case of external threats.")
    assert [r for r in recs if r["cameo_root"] == "03"], recs
    assert not agreements(recs)


def test_two_armed_sides_agreeing_to_talks_is_still_an_agreement(code):
    assert agreements(code("The army and the rebels agreed to hold talks next week."))
