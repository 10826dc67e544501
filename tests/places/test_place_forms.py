"""Place forms of agency and monitor copy (issue 10): "X city", bracketed divisions,
names split by the recogniser, and the country of an event the sentence does not place."""

from __future__ import annotations

from khaldun.places.mentions import find_mentions
from tests.places.helpers import location


def test_city_suffix_is_not_part_of_the_name(nlp, places):
    loc = location(nlp, places, "Traders marched in Lahore city on Friday.", "marched")
    assert loc is not None and loc.name == "Lahore" and loc.country == "PAK"


def test_bracketed_divisions_qualify_the_place(nlp, places):
    doc = nlp("Workers marched in Hyderabad (Sindh) on Friday.")
    [m] = [m for m in find_mentions(doc, places.gazetteer) if m.name == "Hyderabad"]
    assert "Sindh" in m.qualifiers
    loc = location(nlp, places, "Workers marched in Hyderabad (Sindh) on Friday.", "marched")
    assert loc.country == "PAK"


def test_unknown_place_falls_back_to_its_bracketed_division(nlp, places):
    loc = location(nlp, places, "Youths rioted in Zzyqvale village (Kaduna) on Friday.", "rioted")
    assert loc is not None and loc.country == "NGA" and "Kaduna" in loc.name


def test_split_name_with_particle_is_joined(nlp, places):
    loc = location(nlp, places, "Police fired tear gas in Mar del Plata on Friday.", "fired")
    assert loc is not None and loc.name == "Mar del Plata"
