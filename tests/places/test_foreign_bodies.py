"""A country's name that names one of its bodies abroad places nothing (issue 10, session
7): its diplomatic mission ("the X embassy", "the X high commission") stands in another
country, and its armed force ("an X drone strike") is the attacker, not the scene."""

from __future__ import annotations

from khaldun.places.mentions import find_mentions
from tests.places.helpers import document_places


def _mention_names(nlp, places, text: str) -> list[str]:
    return [m.name for m in find_mentions(nlp(text), places.gazetteer)]


def test_a_countrys_embassy_is_no_place_of_that_country(nlp, places):
    names = _mention_names(nlp, places, "Some 300 farmers picketed the U.S. embassy on Thursday over seed prices.")
    assert not any("U.S" in n for n in names)


def test_the_seat_of_a_high_commission_places_the_event(nlp, places, actors):
    text = "Retired soldiers rallied outside the Sri Lanka high commission in New Delhi on Tuesday."
    dp = document_places(nlp, places, actors, text)
    assert [p.country for p in dp.places if p is not None] == ["IND"]
    assert dp.country_place().country == "IND"


def test_a_consulate_alone_does_not_place_the_event_in_its_country(nlp, places, actors):
    dp = document_places(nlp, places, actors, "Dozens of fishermen shouted slogans in front of the Japan consulate.")
    place = dp.country_place()
    assert place is None or place.country != "JPN"


def test_an_attackers_country_before_a_strike_is_no_scene(nlp, places, actors):
    text = "A Russia drone strike hit a fuel depot in Kharkiv early on Monday."
    dp = document_places(nlp, places, actors, text)
    assert [p.country for p in dp.places if p is not None] == ["UKR"]


def test_a_country_named_as_the_scene_still_counts(nlp, places):
    names = _mention_names(nlp, places, "Students protested in Nepal on Monday against the fee rise.")
    assert "Nepal" in names


def test_a_border_pair_follows_the_documents_other_places(nlp, places, actors):
    text = ("A rebel leader was killed in an encounter with troops close to the India-Bhutan border "
            "on Saturday. He led the group's Dhubri unit.")
    dp = document_places(nlp, places, actors, text)
    assert {p.country for p in dp.places if p is not None} == {"IND"}


def test_a_border_pair_without_other_evidence_stays_as_written(nlp, places, actors):
    dp = document_places(nlp, places, actors, "Smugglers were held on the Pakistan-Afghanistan border.")
    assert [p.country for p in dp.places if p is not None] == ["PAK", "AFG"]
