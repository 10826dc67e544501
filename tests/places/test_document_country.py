"""Issue 10, places: the country a document's names agree on. Weak town readings abroad are
overruled by the other places and the domestic bodies the text names; unplaced events
take the country of those bodies. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

from khaldun.actors import ActorResolver
from khaldun.actors.resolver import domestic_countries
from khaldun.places import PlaceResolver
from tests.places.helpers import document_places

_dp = document_places


def test_domestic_bodies_give_their_country_but_forces_do_not(nlp: Any, actors: ActorResolver) -> None:
    doc = nlp("Supporters of the Bangladesh Nationalist Party clashed with Awami League activists.")
    assert domestic_countries(actors.for_document(doc, None)) == ["BGD", "BGD"]
    doc = nlp("Israeli troops and the Egyptian army held a joint exercise.")
    assert domestic_countries(actors.for_document(doc, None)) == []


def test_a_small_town_abroad_is_overruled_by_the_parties_named(nlp: Any, places: PlaceResolver,
                                                                actors: ActorResolver) -> None:
    # "Nagar" alone is a town in India; two Bangladeshi parties say the story is in Bangladesh
    text = "Awami League activists clashed with BNP supporters at Nagar on Monday."
    dp = _dp(nlp, places, actors, text)
    assert [p for p in dp.places if p is not None] == []
    assert dp.country_place().country == "BGD"
    # without the parties, the town is read as before
    dp = places.for_document(nlp("Supporters fought at Nagar on Monday."))
    assert [p.country for p in dp.places if p is not None] == ["IND"]


def test_a_town_of_the_same_country_as_the_evidence_stays(nlp: Any, places: PlaceResolver,
                                                          actors: ActorResolver) -> None:
    dp = _dp(nlp, places, actors, "Awami League and BNP supporters fought at Godagari in Rajshahi on Monday.")
    assert {p.country for p in dp.places if p is not None} == {"BGD"}


def test_a_big_city_is_never_overruled(nlp: Any, places: PlaceResolver, actors: ActorResolver) -> None:
    dp = _dp(nlp, places, actors, "Awami League and BNP leaders met in London on Monday.")
    assert [p.name for p in dp.places if p is not None] == ["London"]


def test_an_unplaced_document_takes_its_parties_country(nlp: Any, places: PlaceResolver,
                                                       actors: ActorResolver) -> None:
    dp = _dp(nlp, places, actors, "SFI and ABVP students protested against the fee hike on Monday.")
    assert dp.country_place().country == "IND"


def test_congo_is_settled_by_the_other_places(nlp: Any, places: PlaceResolver) -> None:
    dp = places.for_document(nlp("Fighting resumed in eastern Congo near Goma, officials in Kinshasa said."))
    assert {p.country for p in dp.places if p is not None} == {"COD"}
    dp = places.for_document(nlp("Troops clashed with militia in Congo, near the capital Brazzaville."))
    assert {p.country for p in dp.places if p is not None} == {"COG"}


def test_a_county_matched_by_a_short_name_is_overruled(nlp: Any, places: PlaceResolver,
                                                        actors: ActorResolver) -> None:
    # "Kay" is another name of Kay County, Oklahoma; a Myanmar armed group says otherwise
    dp = _dp(nlp, places, actors, "TNLA fighters attacked soldiers at the village of Nang Kay.")
    assert {p.country for p in dp.places if p is not None} <= {"MMR"}


def test_an_english_word_is_no_division_without_a_place_noun(nlp: Any, places: PlaceResolver) -> None:
    # "Centre" is a region of Burkina Faso; "the Centre" in Indian copy is the central government
    dp = places.for_document(nlp("Farmers protested against the Centre over prices."))
    assert [p for p in dp.places if p is not None] == []
    dp = places.for_document(nlp("Farmers protested in the Western Province of Sri Lanka on Monday."))
    assert next((p.name, p.country) for p in dp.places if p is not None) == ("Western", "LKA")


def test_a_countrys_own_division_noun_places_the_story(nlp: Any, places: PlaceResolver) -> None:
    from khaldun.places.resolver import place_noun_countries

    assert place_noun_countries("fighting in Tanore Upazila and a nearby union parishad") == {"BGD": 2}
    assert place_noun_countries("a tehsil office") == {}  # Pakistan and India both say tehsil
    dp = places.for_document(nlp("A bus was torched in Kamalnagar upazila on Monday."))
    assert dp.country_place().country == "BGD"
