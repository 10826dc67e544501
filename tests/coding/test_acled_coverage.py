"""Events told by a noun, in the passive, by an observer, or by a parse that lost its verb;
movements of forces and security measures (issue 10, session 5: documents that got no
ACLED event at all). Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest


def typed(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["acled_event_type"], r["acled_sub_event_type"]) for r in records if r["acled_event_type"]]


def top(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The most confident ACLED-typed record (earliest on ties), as the ACLED evaluation picks it."""
    return min((r for r in records if r["acled_event_type"]), key=lambda r: (-r["confidence"], r["evidence"]["start"]))


def kinds(record: dict[str, Any]) -> tuple[str, str]:
    return record["acled_event_type"], record["acled_sub_event_type"]


def country(record: dict[str, Any]) -> str | None:
    return (record.get("location") or {}).get("country")


# --- fights and explosions told by a noun ------------------------------------------


def test_an_expletive_there_with_a_fight_noun_is_the_fight(code):
    recs = code("On 2 May 2022, there was an armed clash between the army and rebels near Goma.")
    best = top(recs)
    assert kinds(best) == ("Battles", "Armed clash")
    assert best["date"] == "2022-05-02" and country(best) == "COD"


def test_no_clash_there_is_no_event(code):
    recs = code("On 2 May 2022, there was no clash between the army and rebels near Goma.")
    assert not typed(recs)


def test_hyphenated_shoot_outs_that_took_place_are_a_fight(code):
    recs = code("On 8 May 2022, shoot-outs between rival gangs took place in a district of Port-au-Prince.")
    assert kinds(top(recs)) == ("Battles", "Armed clash")


def test_explosions_an_observer_recorded_are_the_event_and_the_observer_is_no_actor(code):
    recs = code("On 3 May 2022, the monitoring mission recorded a total of 14 projectiles near Horlivka, Donetsk.")
    best = top(recs)
    assert kinds(best) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert best["actor"] is None
    assert country(best) == "UKR"


def test_an_observer_seeing_a_meeting_is_no_event(code):
    recs = code("On 3 May 2022, observers noted a meeting of village elders near Horlivka.")
    assert not typed(recs)


def test_an_attempted_offensive_is_an_attack(code):
    recs = code("On 5 May 2022, government troops attempted an offensive on rebel positions near Kidal.")
    assert top(recs)["acled_event_type"] == "Battles"


# --- verbs the parser hung off a noun --------------------------------------------


def test_a_simple_past_the_parser_made_a_modifier_is_the_predicate(code):
    # the parser reads the group's acronym "IS" as the verb "is"
    recs = code("On 4 April 2022, IS militants attacked an army checkpoint near Tikrit.")
    best = top(recs)
    assert kinds(best) == ("Battles", "Armed clash")
    assert country(best) == "IRQ"


def test_a_reduced_relative_stays_background(code):
    recs = code("The two soldiers wounded in last week's ambush were flown to the capital.")
    assert ("Battles", "Armed clash") not in typed(recs)


# --- bodies found -------------------------------------------------------------------


def test_bodies_found_are_a_killing_by_no_one_named(code):
    recs = code("On 9 May 2022, the bodies of four farmers were found near Beni, North Kivu.")
    best = top(recs)
    assert kinds(best) == ("Violence against civilians", "Attack")
    assert best["actor"] is None and best["fatalities"]["value"] == 4


def test_the_police_who_find_a_body_did_not_kill(code):
    recs = code("On 9 May 2022, police found the body of a taxi driver in Mombasa.")
    best = top(recs)
    assert kinds(best) == ("Violence against civilians", "Attack")
    assert best["actor"] is None


# --- demonstrations -----------------------------------------------------------------


def test_a_gathering_whose_purpose_the_next_sentence_gives_is_a_demonstration(code):
    recs = code("On 4 May 2022, some 300 residents gathered outside the town hall in Rennes. "
                "They denounced the closure of the maternity ward.")
    best = top(recs)
    assert kinds(best) == ("Protests", "Peaceful protest")
    assert country(best) == "FRA"


def test_a_gathering_followed_by_a_briefing_is_no_demonstration(code):
    recs = code("On 4 May 2022, some 300 residents gathered outside the town hall in Rennes. "
                "The mayor announced a new bus line.")
    assert ("Protests", "Peaceful protest") not in typed(recs)


def test_a_gathering_with_banners_is_a_demonstration(code):
    recs = code("On 6 May 2022, nurses gathered in the main square of Cuenca with banners and flags.")
    assert kinds(top(recs)) == ("Protests", "Peaceful protest")


def test_a_sit_in_done_is_a_demonstration(code):
    recs = code("On 6 May 2022, teachers did a sit-in protest in front of the education office in Multan.")
    assert kinds(top(recs)) == ("Protests", "Peaceful protest")


def test_occupying_offices_for_a_demand_is_a_demonstration(code):
    recs = code("On 6 May 2022, dismissed workers took over the offices of the water company in Cordoba "
                "to demand their reinstatement.")
    assert kinds(top(recs)) == ("Protests", "Peaceful protest")


def test_a_march_from_one_place_to_another_is_no_rallying_of_support(code):
    recs = code("On 6 May 2022, dozens of farmers rallied on their tractors from the market to the stadium in Tarlac.")
    assert kinds(top(recs)) == ("Protests", "Peaceful protest")


def test_rallying_to_a_side_is_support(code):
    recs = code("Opposition parties rallied to the side of the striking miners.")
    assert any(r["cameo_code"] == "053" for r in recs)


def test_the_demonstrators_demand_is_placed_where_they_demonstrated(code):
    recs = code("On 9 May 2022, around 80 people demonstrated in Nantes against the new pension rules. "
                "The protesters called for a referendum.")
    best = top(recs)
    assert best["acled_event_type"] == "Protests"
    assert country(best) == "FRA"


# --- movements of forces and security measures ----------------------------------------


@pytest.mark.parametrize("text", [
    "On 4 May 2022, troops were deployed to Gao to secure the town.",
    "On 4 May 2022, the rebels sent reinforcements to the front near Marib.",
    "On 4 May 2022, Ethiopia moved troops to Humera.",
])
def test_forces_moved_are_a_change_to_group_activity(code, text):
    assert kinds(top(code(text))) == ("Strategic developments", "Change to group/activity")


def test_supporters_mobilised_are_no_movement_of_forces(code):
    recs = code("The opposition party mobilised its supporters ahead of the vote.")
    assert ("Strategic developments", "Change to group/activity") not in typed(recs)


@pytest.mark.parametrize("text", [
    "On 4 May 2022, the authorities imposed a curfew in Jos.",
    "On 4 May 2022, Lagos was placed under lockdown.",
    "On 4 May 2022, the governor's office issued a ban on all demonstrations in the province.",
])
def test_security_measures_are_a_change_to_group_activity(code, text):
    assert kinds(top(code(text))) == ("Strategic developments", "Change to group/activity")


def test_sanctions_on_another_state_are_no_security_measure(code):
    recs = code("The European Union imposed sanctions on Belarus on Monday.")
    assert ("Strategic developments", "Change to group/activity") not in typed(recs)


# --- looting and property destruction -------------------------------------------------


def test_a_vehicle_seized_by_gunmen_is_looting_not_disrupted_weapons_use(code):
    recs = code("On 3 May 2022, gunmen seized a truck from traders near Dori.")
    assert kinds(top(recs)) == ("Strategic developments", "Looting/property destruction")


def test_weapons_seized_are_still_disrupted_weapons_use(code):
    recs = code("On 3 May 2022, soldiers seized an arms cache near Dori.")
    assert kinds(top(recs)) == ("Strategic developments", "Disrupted weapons use")


def test_huts_burnt_down_are_destroyed(code):
    recs = code("On 3 May 2022, armed men burnt down three huts in a village near Gusau.")
    assert kinds(top(recs)) == ("Strategic developments", "Looting/property destruction")


# --- a demonstration's topic is not its place ---------------------------------------------


@pytest.mark.parametrize("text", [
    ("On 24 April 2022, about 300 people marched to the main square of Granada, demanding the withdrawal "
     "of Russian troops from Ukraine."),
    ("On 19 March 2022, about 40 people gathered for a pro-Ukraine rally in front of the cathedral in "
     "Granada to show solidarity with Ukraine."),
])
def test_a_country_a_demonstration_is_about_is_not_where_it_was(code, text):
    best = top(code(text))
    assert best["acled_event_type"] == "Protests"
    assert country(best) == "ESP"


def test_rebels_tightening_their_control_is_no_security_measure(code):
    recs = code("On 3 May 2022, the rebels seized the town and tightened their control of the province.")
    assert ("Strategic developments", "Change to group/activity") not in typed(recs)


def test_there_have_been_protests_says_too_little_to_code(code):
    recs = code("There have been protests in the capital since the election.")
    assert ("Protests", "Peaceful protest") not in typed(recs)


def test_police_deployed_at_a_demonstration_are_part_of_it(code):
    recs = code("On 3 May 2022, about 200 teachers protested outside the assembly in Chandigarh. "
                "Police were deployed.")
    assert ("Strategic developments", "Change to group/activity") not in typed(recs)
    assert top(recs)["acled_event_type"] == "Protests"
