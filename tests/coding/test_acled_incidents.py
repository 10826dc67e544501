"""ACLED types of the parts of one incident, and demonstrations the parser or the lexicon
missed (issue 10, session 4). Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest


def typed(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["acled_event_type"], r["acled_sub_event_type"]) for r in records if r["acled_event_type"]]


def top(records: list[dict[str, Any]]) -> tuple[str, str]:
    """The most confident ACLED-typed record (earliest on ties), as the ACLED evaluation picks it."""
    best = min((r for r in records if r["acled_event_type"]), key=lambda r: (-r["confidence"], r["evidence"]["start"]))
    return best["acled_event_type"], best["acled_sub_event_type"]


# --- one incident, one ACLED type ------------------------------------------------


def test_a_toll_takes_the_weapon_of_its_sentence(code):
    recs = code("Three soldiers were killed and two others wounded when a roadside bomb exploded near their patrol in Helmand.")
    assert set(typed(recs)) == {("Explosions/Remote violence", "Remote explosive/landmine/IED")}


def test_a_toll_takes_the_force_used_on_a_demonstration(code):
    recs = code("Several people were injured after riot police dispersed a protest in Dakar.")
    assert ("Violence against civilians", "Attack") not in typed(recs)
    assert top(recs)[0] == "Protests"


def test_shelling_by_a_side_of_an_explicit_clash_is_the_clash(code):
    recs = code("On 4 March 2022, rebels clashed with government troops near Bunia. "
                "The rebels also fired mortars at army positions later that day.")
    assert set(typed(recs)) == {("Battles", "Armed clash")}


def test_shelling_without_a_clash_stays_shelling(code):
    recs = code("On 4 March 2022, the rebels fired mortars at army positions near Bunia.")
    assert top(recs) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


# --- what happens at a demonstration ----------------------------------------------


def test_arresting_people_described_as_protesting_is_a_protest_with_intervention(code):
    recs = code("Police arrested 30 nurses who were protesting outside the health ministry.")
    assert top(recs) == ("Protests", "Protest with intervention")


def test_an_arrest_with_no_demonstration_stays_an_arrest(code):
    recs = code("Police arrested a man who was carrying stolen phones.")
    assert top(recs) == ("Strategic developments", "Arrests")


def test_a_fight_at_a_demonstration_is_a_violent_demonstration(code):
    recs = code("Hundreds of farmers staged a protest in Patna. They clashed with police near the assembly.")
    assert ("Battles", "Armed clash") not in typed(recs)
    assert ("Riots", "Violent demonstration") in typed(recs)


def test_damage_at_a_demonstration_is_a_violent_demonstration(code):
    recs = code("Students staged a protest against the fee hike in Dhaka. Two buses were torched near the campus.")
    assert ("Strategic developments", "Looting/property destruction") not in typed(recs)


def test_a_fight_between_armed_groups_stays_a_battle(code):
    recs = code("Rebels clashed with an army patrol near the border town.")
    assert top(recs) == ("Battles", "Armed clash")


# --- demonstrations the parse or the lexicon missed ---------------------------------


@pytest.mark.parametrize("text", [
    # the parser hangs the sentence off its opening preposition, "protested" on the last conjunct
    "On 2 May 2022, union delegates, as well as around 300 dock workers, protested in Valparaiso demanding safer cranes.",
    "On 9 June 2022, in Rosario (Santa Fe), a small group of retirees protested in front of the city hall to demand higher pensions.",
    "On 7 April 2022, in Goiania (Goias), teachers gathered in a square to demand a salary review.",
    "On 5 May 2022, hundreds of people gathered for two rallies at the parliament in Oslo.",
    "On 1 March 2022, residents blocked Liberty Avenue to demand the closure of a landfill.",
    "Villagers held an anti-dam rally and a protest meeting in the district town.",
    "Party workers brought out a procession in the town on Monday.",
    "Nurses resorted to a dharna in front of the district hospital.",
    "Farmers formed a human chain on the highway to demand compensation.",
    "The opposition alliance enforced a dawn-to-dusk hartal in the district.",
])
def test_demonstration_phrasings(code, text):
    assert top(code(text))[0] == "Protests"


def test_a_meeting_of_officials_stays_a_meeting(code):
    recs = code("The two ministers held a meeting in the capital.")
    assert not typed(recs)


def test_a_toll_in_a_clash_between_groups_is_the_clash(code):
    recs = code("A farmer was killed and nine others injured in a clash between two rival groups at a village on Sunday.")
    assert ("Violence against civilians", "Attack") not in typed(recs)
    assert top(recs)[1] in ("Armed clash", "Mob violence")


def test_attacking_each_other_is_a_fight(code):
    recs = code("Two factions of the ruling party attacked each other with sticks outside the district office.")
    assert ("Violence against civilians", "Attack") not in typed(recs)


def test_an_attack_on_an_armed_groups_bases_is_a_battle(code):
    recs = code("The army attacked the rebels' bases near the hill town.")
    assert top(recs) == ("Battles", "Armed clash")


def test_weapons_found_by_the_amount_are_disrupted_weapons_use(code):
    recs = code("Soldiers discovered a large quantity of ammunition in an abandoned farmhouse.")
    assert top(recs) == ("Strategic developments", "Disrupted weapons use")


def test_chemical_weapons_are_chemical_whatever_delivers_them(code):
    recs = code("A helicopter dropped canisters of chlorine gas on the besieged town.")
    assert top(recs) == ("Explosions/Remote violence", "Chemical weapon")


@pytest.mark.parametrize(("text", "event_type"), [
    ("Party workers burnt an effigy of the chief minister in the town square.", "Protests"),
    ("Villagers burned down a police outpost after the death of a detainee.", "Riots"),
    ("The legislator was roughed up by supporters of a rival candidate.", None),
])
def test_burning_and_roughing_up(code, text, event_type):
    recs = code(text)
    assert typed(recs), recs
    if event_type:
        assert top(recs)[0] == event_type


def test_harm_to_oneself_is_no_attack_but_a_suicide_bombing_is(code):
    assert not typed(code("A farmer set himself on fire outside the district office."))
    recs = code("Two suicide bombers blew themselves up at a crowded market, killing nine people.")
    assert top(recs) == ("Explosions/Remote violence", "Suicide bomb")


def test_a_permitted_rally_is_not_held_yet(code):
    recs = code("The minister allowed the opposition leader to bring out a rally in the city.")
    assert ("Protests", "Peaceful protest") not in typed(recs)


def test_lodging_a_protest_is_a_complaint(code):
    recs = code("Serbia lodged an official protest with Albania today.")
    assert [r["cameo_code"] for r in recs] == ["114"]


def test_damage_done_for_a_demand_is_a_violent_demonstration(code):
    recs = code("Dock workers set fire to tires outside the port to demand a salary raise.")
    assert top(recs) == ("Riots", "Violent demonstration")
    recs = code("Militants set fire to the school to demand a ransom.")
    assert top(recs)[0] == "Strategic developments"


def test_damage_by_civilians_is_mob_violence(code):
    recs = code("Villagers torched two trucks of the mining company.")
    assert top(recs) == ("Riots", "Mob violence")


@pytest.mark.parametrize("text", [
    "About 200 rice farmers rallied outside the provincial hall, calling on the government to guarantee prices.",
    "Members of the labourers union ended their four-day protest near the secretariat.",
    "The death of a patient during a power cut triggered protests outside the hospital.",
])
def test_more_demonstration_phrasings(code, text):
    assert top(code(text))[0] == "Protests"


def test_rallying_support_is_not_a_demonstration(code):
    recs = code("The president rallied support for the reform among lawmakers.")
    assert not typed(recs)


def test_a_clash_between_police_and_protesters_sparked_by_a_killing_is_a_riot(code):
    recs = code("The killing of the student sparked clashes between police and protesters.")
    assert top(recs)[0] == "Riots"


@pytest.mark.parametrize("text", [
    "Government forces have recovered control of two villages from rebel fighters.",
    "Army units established control over the hill district after the militants withdrew.",
])
def test_the_state_regaining_control_is_government_regains_territory(code, text):
    assert top(code(text)) == ("Battles", "Government regains territory")


def test_a_strike_or_blockade_held_by_a_party_is_a_demonstration(code):
    recs = code("The 48-hour hartal, enforced by the local unit of the student front, is going on peacefully in the division.")
    assert top(recs)[0] == "Protests"
    recs = code("The 40th day of the countrywide blockade enforced by the opposition alliance passed peacefully.")
    assert top(recs)[0] == "Protests"


def test_killing_others_and_themselves_is_an_attack(code):
    recs = code("Two gunmen killed five villagers as well as themselves near the market.")
    assert typed(recs)
