"""What demonstrators did, told in the demonstration's sentence: violent demonstrations, force
used on peaceful ones, and activists who only report (issue 10, session 5). Sentences written
for these tests."""

from __future__ import annotations

import pytest

from tests.coding.helpers import top


@pytest.mark.parametrize("text", [
    "Hundreds of farmers rallied against the new tax law and clashed with police in several towns.",
    "Violent protests erupted in the capital on Tuesday.",
    "Dozens were wounded as police used tear gas and water cannon in clashes with stone-throwing protesters.",
    "Police fired tear gas to disperse student protesters during a clash outside parliament.",
])
def test_demonstrators_violence_told_in_the_sentence_is_a_violent_demonstration(code, text):
    assert top(code(text)) == ("Riots", "Violent demonstration")


def test_riot_police_are_no_sign_of_the_demonstrators_violence(code):
    recs = code("Riot police officers beat an opposition supporter during a protest near the parliament.")
    assert top(recs) != ("Riots", "Violent demonstration")


def test_a_peaceful_demonstration_met_with_deadly_force(code):
    recs = code("A teenager was killed and 40 others injured as a result of army attacks against peaceful "
                "protesters near the border fence.")
    assert top(recs) == ("Protests", "Excessive force against protesters")


def test_live_rounds_fired_to_clear_protests(code):
    recs = code("Security forces shot live rounds to clear protests in the capital on Sunday.")
    assert top(recs) == ("Protests", "Excessive force against protesters")


def test_victims_named_apart_from_a_demonstration_are_not_protesters(code):
    recs = code("Residents said soldiers killed three villagers during a raid near the protest camp.")
    assert top(recs) == ("Violence against civilians", "Attack")


def test_activists_who_report_an_attack_do_not_demonstrate(code):
    recs = code("Activists say that government troops shelled the town on Monday.")
    assert ("Protests", "Peaceful protest") not in {(r["acled_event_type"], r["acled_sub_event_type"]) for r in recs}
    assert top(recs) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


@pytest.mark.parametrize("text", [
    "An angry mob lynched a man accused of stealing a goat in the village.",
    "A mob vandalised three shops and torched two cars after a rumour spread in the town.",
])
def test_a_mob_with_no_demonstration_is_mob_violence(code, text):
    assert top(code(text)) == ("Riots", "Mob violence")


def test_demonstrators_who_throw_stones_stay_a_violent_demonstration(code):
    recs = code("Hundreds of students protested and pelted stones at police outside the campus.")
    assert top(recs) == ("Riots", "Violent demonstration")


def test_two_state_forces_that_clash_in_march_fight_a_battle(code):
    recs = code("On 14 March 2022, army troops clashed with rebel fighters near the town.")
    assert top(recs) == ("Battles", "Armed clash")


def test_a_blockade_with_burning_tyres_is_a_demonstration_not_a_mob(code):
    recs = code("Residents blocked the main road with burning tyres to demand water supply.")
    assert top(recs) == ("Riots", "Violent demonstration")


def test_rioters_stoning_a_bus_with_no_demonstration_are_a_mob(code):
    recs = code("Rioters hurled stones at a bus near the settlement.")
    assert top(recs) == ("Riots", "Mob violence")
