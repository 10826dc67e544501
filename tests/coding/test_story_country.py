"""Issue 10, places: an ACLED event that neither its sentence nor its incident places
happened in the country the story is in (its last placed event, else the country its
places and names point to). Sentences written for these tests."""

from __future__ import annotations


def test_every_acled_event_of_a_placed_story_has_its_country(code):
    records = code("Congress and TDP workers clashed in Tezpur, Assam, on polling day. "
                   "TDP supporters later complained that Congress workers had torn their banners.")
    typed = [r for r in records if r["acled_event_type"] and r["polarity"] == "affirmed"]
    assert typed
    assert all(r["location"] is not None and r["location"]["country"] == "IND" for r in typed), \
        [(r["cameo_code"], r["location"]) for r in typed]


def test_an_unplaced_protest_in_an_unplaced_story_stays_unplaced(code):
    # nothing in the text says where: no country is invented
    records = code("Writers and painters protested against the closure of the gallery.")
    protests = [r for r in records if r["acled_event_type"] == "Protests"]
    assert protests and all(r["location"] is None for r in protests)
