"""Events the coder used not to see (issue 10, session 7): street damage that is a riot's,
killings told as beatings "to death", people arrested while demonstrating, demonstrations
reported as held, gatherings to petition, and attacks on a force's positions. Sentences
written for these tests."""

from __future__ import annotations

from typing import Any

from tests.coding.helpers import top


def codes(records: list[dict[str, Any]]) -> set[str]:
    return {r["cameo_code"] for r in records}


# --- street damage: vandalism and vehicles burnt (coding/vandalism.py) ----------------


def test_a_vehicle_burnt_by_no_one_named_is_mob_violence(code):
    recs = code("Two minibuses were set on fire near the central bus terminal in Kisumu on Friday night.")
    assert top(recs) == ("Riots", "Mob violence")


def test_vandalism_is_a_riot_not_looting(code):
    recs = code("A group of young men vandalised the ward councillor's office in Durban on Sunday.")
    assert top(recs) == ("Riots", "Mob violence")


def test_troops_burning_houses_stay_property_destruction(code):
    recs = code("Soldiers set fire to dozens of houses in the village on Tuesday.")
    assert top(recs) == ("Strategic developments", "Looting/property destruction")


def test_buses_damaged_by_a_fire_are_no_riot(code):
    recs = code("A fire damaged three buses at the depot in Kampala on Sunday.")
    assert top(recs) != ("Riots", "Mob violence")


def test_demonstrators_burning_a_car_is_a_violent_demonstration(code):
    recs = code("Demonstrators torched a police car outside the town hall in Lyon on Saturday.")
    assert top(recs) == ("Riots", "Violent demonstration")


# --- killings by beating: "to death" (verbs.tsv) --------------------------------------


def test_hacked_to_death_is_a_killing_by_physical_assault(code):
    recs = code("A shopkeeper was hacked to death by unknown assailants in Khulna on Wednesday.")
    assert "1823" in codes(recs)
    assert top(recs) == ("Violence against civilians", "Attack")


def test_slew_is_a_killing(code):
    recs = code("Gunmen slew a village chief in the hills of the province on Monday.")
    assert "1823" in codes(recs)


def test_beaten_without_death_stays_an_assault(code):
    recs = code("A trader was beaten by unknown men in the market on Monday.")
    assert "182" in codes(recs) and "1823" not in codes(recs)


# --- arrests of demonstrators (coding/arrests.py) -------------------------------------


def test_arrested_when_they_tried_to_lay_siege_is_a_protest_with_intervention(code):
    recs = code("Some 150 nurses were arrested when they attempted to lay siege to the health ministry in Bhopal.")
    assert top(recs) == ("Protests", "Protest with intervention")


def test_arrested_members_who_disrupted_a_meeting_to_demand_are_demonstrators(code):
    recs = code("Police detained union members who disrupted a council meeting to demand higher wages.")
    assert top(recs) == ("Protests", "Protest with intervention")


def test_an_arrest_for_a_crime_stays_an_arrest(code):
    recs = code("Police arrested two men who robbed a jewellery shop in Chennai on Monday.")
    assert top(recs) == ("Strategic developments", "Arrests")


# --- demonstrations reported as held (coding/nominal.py held_event) -----------------


def test_a_protest_held_at_a_place_is_a_protest(code):
    recs = code("Forty members of a women's group were part of the torchlight protest held at the bus stand in Mandya.")
    assert top(recs) == ("Protests", "Peaceful protest")


def test_a_strike_called_for_a_later_day_is_not_held(code):
    recs = code("Pamphlets about the strike called for next Monday were seen across the town.")
    assert top(recs) is None


# --- gatherings to petition, with placards (reading_words.tsv, nominal.with_props) ---


def test_a_gathering_to_ask_lawmakers_for_help_is_a_protest(code):
    recs = code("About 60 fishermen gathered outside the provincial assembly to ask lawmakers for compensation.")
    assert top(recs) == ("Protests", "Peaceful protest")


def test_a_gathering_holding_placards_is_a_protest(code):
    recs = code("Dozens of nurses gathered outside the hospital, holding placards about unpaid salaries.")
    assert top(recs) == ("Protests", "Peaceful protest")


# --- attacks on a force's positions (verbs.tsv target, armed targets) ----------------


def test_troops_targeting_posts_is_an_armed_clash(code):
    recs = code("Army troops targeted rebel posts along the river on Thursday.")
    assert top(recs) is not None and top(recs)[0] == "Battles"


def test_a_policy_that_targets_businesses_is_no_attack(code):
    recs = code("The new tax targets small businesses in the capital.")
    assert top(recs) is None


# --- shops shut as a strike (coding/strikes.py) ----------------------------------------


def test_traders_shutting_their_shops_is_a_strike(code):
    recs = code("Hundreds of grocers shut their shops in the old city of Multan on Wednesday.")
    assert "143" in codes(recs)
    assert top(recs) == ("Protests", "Peaceful protest")


def test_shops_closed_in_response_to_a_call_is_a_strike(code):
    recs = code("Shops and markets in Sukkur remained closed on Monday in response to a call given by the traders' union.")
    assert "143" in codes(recs)


def test_shops_closed_for_a_holiday_or_by_authorities_is_no_strike(code):
    assert "143" not in codes(code("Shops in Sukkur remained closed on Monday for the festival."))
    assert "143" not in codes(code("The municipal authorities shut the shops near the river on Monday."))


# --- fire between two sides, fire on a force's position (coder._is_clash, arrests.fired_upon) --


def test_firing_between_two_armies_is_an_armed_clash(code):
    recs = code("Firing between Armenian and Azerbaijani troops resumed near the border on Friday.")
    assert top(recs) == ("Battles", "Armed clash")


def test_killed_between_two_towns_is_no_clash(code):
    recs = code("Between Alamos and Navojoa, two herders were killed by unknown gunmen on Sunday.")
    assert top(recs) == ("Violence against civilians", "Attack")


def test_fire_on_an_outpost_is_an_armed_clash(code):
    recs = code("Insurgents fired on an army outpost in the district on Monday night.")
    assert top(recs) == ("Battles", "Armed clash")


# --- a fight with a crowd on one side is a riot (coding/sides.py) -------------------------


def test_a_clash_between_police_and_youths_is_mob_violence(code):
    recs = code("Clashes broke out between youths and police in the old town of Srinagar on Friday.")
    assert top(recs) == ("Riots", "Mob violence")


def test_a_clash_between_the_army_and_rebels_stays_an_armed_clash(code):
    recs = code("Clashes broke out between the army and rebels near Beni on Friday.")
    assert top(recs) == ("Battles", "Armed clash")
