"""Mechanisms that need more than one sentence: captives' nationality, chained dates."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_captives_keep_the_country_where_they_were_taken(code) -> None:
    records = code("Gunmen attacked a farming village in northern Nigeria on Monday, killing 12 people. "
                   "Police said 40 villagers are being held captive across the border in Chad by the gunmen.")
    held = [r for r in records if r["cameo_code"] == "181"]
    assert held, [r["cameo_code"] for r in records]
    assert held[0]["location"]["country"] == "TCD"
    assert held[0]["recipient"]["country"] == "NGA"


def test_chained_date_in_an_article(code) -> None:
    records = code("Rebels shelled the town of Goma on March 3. The next morning, soldiers "
                   "arrested 15 suspected rebels in the town.")
    arrest = [r for r in records if r["cameo_code"].startswith("17")]
    assert arrest and arrest[0]["date"] == "2024-03-04" and arrest[0]["date_precision"] == "day"


def test_a_later_toll_updates_the_earlier_attack(code) -> None:
    records = code("A car bomb exploded near a busy market in the capital on Monday, killing at least "
                   "12 people, police said. The government condemned the bombing. By Tuesday evening "
                   "the death toll had risen to 21, hospital officials said. The number of injured "
                   "climbed to more than 40.")
    attacks = [r for r in records if r["event_type"] == "ASSAULT"]
    assert len(attacks) == 1, [r["cameo_code"] for r in records]  # the update is no new event
    assert (attacks[0]["fatalities"]["value"], attacks[0]["fatalities"]["qualifier"]) == (21, "exact")
    assert (attacks[0]["injured"]["value"], attacks[0]["injured"]["qualifier"]) == (40, "more_than")


def test_numbers_that_are_not_tolls_leave_the_attack_alone(code) -> None:
    records = code("Gunmen killed 9 villagers in an attack on a market on Friday. The number of "
                   "protesters outside the governor's office rose to 5,000 on Saturday. "
                   "The death toll is still unclear.")
    attack = next(r for r in records if r["event_type"] == "ASSAULT")
    assert attack["fatalities"]["value"] == 9
