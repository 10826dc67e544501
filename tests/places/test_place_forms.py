"""Place forms of agency and monitor copy (issue 10): "X city", bracketed divisions,
names split by the recogniser, and the country of an event the sentence does not place."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.places import PlaceResolver
from khaldun.places.mentions import find_mentions


@pytest.fixture(scope="module")
def places() -> PlaceResolver:
    return PlaceResolver.default()


def _location(nlp: Any, places: PlaceResolver, text: str, trigger: str) -> Any:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return places.for_document(doc).event_location(tok.sent, tok)


def test_city_suffix_is_not_part_of_the_name(nlp, places):
    loc = _location(nlp, places, "Traders marched in Lahore city on Friday.", "marched")
    assert loc is not None and loc.name == "Lahore" and loc.country == "PAK"


def test_bracketed_divisions_qualify_the_place(nlp, places):
    doc = nlp("Workers marched in Hyderabad (Sindh) on Friday.")
    [m] = [m for m in find_mentions(doc, places.gazetteer) if m.name == "Hyderabad"]
    assert "Sindh" in m.qualifiers
    loc = _location(nlp, places, "Workers marched in Hyderabad (Sindh) on Friday.", "marched")
    assert loc.country == "PAK"


def test_unknown_place_falls_back_to_its_bracketed_division(nlp, places):
    loc = _location(nlp, places, "Youths rioted in Zzyqvale village (Kaduna) on Friday.", "rioted")
    assert loc is not None and loc.country == "NGA" and "Kaduna" in loc.name


def test_split_name_with_particle_is_joined(nlp, places):
    loc = _location(nlp, places, "Police fired tear gas in Mar del Plata on Friday.", "fired")
    assert loc is not None and loc.name == "Mar del Plata"
