"""Issue 10, places in South Asian news: districts GeoNames does not name (districts.tsv),
words of one or a few countries' public life (country_words.tsv) as evidence of where a
story happens, and names several countries share settled by them. Sentences written for
these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.actors import ActorResolver
from khaldun.places import PlaceResolver
from khaldun.places.resolver import country_word_weights, place_noun_countries
from tests.places.helpers import document_places

_dp = document_places


@pytest.mark.parametrize(("name", "country"), [
    ("Dolakha", "NPL"), ("Humla", "NPL"), ("Sindhupalchowk", "NPL"),  # an alias
    ("Netrokona", "BGD"), ("Bagerhat", "BGD"),
    ("Swat", "PAK"), ("Kurram Agency", "PAK"), ("North Waziristan", "PAK"),
])
def test_districts_the_geonames_places_lack_are_admin2_rows(places: PlaceResolver, name: str, country: str) -> None:
    found = [e for e in places.gazetteer.lookup(name) if e.kind == "admin2"]
    assert [e.country for e in found] == [country]
    assert found[0].admin1  # from its seat town, so "X (district, region)" checks work


def test_a_district_takes_its_seat_towns_coordinates(places: PlaceResolver) -> None:
    district = next(e for e in places.gazetteer.lookup("Kavrepalanchok") if e.kind == "admin2")
    seat = max((e for e in places.gazetteer.lookup("Dhulikhel") if e.country == "NPL"), key=lambda e: e.population)
    assert (district.lat, district.lon, district.admin1) == (seat.lat, seat.lon, seat.admin1)


def test_a_nepali_district_places_the_event(nlp: Any, places: PlaceResolver) -> None:
    dp = places.for_document(nlp("Protesters torched a police post in Doti district on Friday."))
    assert [p.country for p in dp.places if p is not None] == ["NPL"]


def test_regional_abbreviations_and_former_names(places: PlaceResolver) -> None:
    assert {e.country for e in places.gazetteer.lookup("KP")} == {"PAK"}
    assert {e.country for e in places.gazetteer.lookup("FATA")} == {"PAK"}
    assert {e.country for e in places.gazetteer.lookup("Arakan")} == {"MMR"}


def test_country_words_of_one_country_count_and_shared_ones_only_weigh() -> None:
    text = "The MLA raised it in the Vidhan Sabha after the tehsildar met the MNA."
    assert place_noun_countries(text) == {"IND": 1, "PAK": 1}  # Vidhan Sabha; MNA
    weights = country_word_weights(text)
    assert weights["IND"] > weights["PAK"] > 1.0  # the shared "tehsildar" weighs for both
    # acronyms only as written: "mna" is no member of Pakistan's National Assembly
    assert place_noun_countries("the mna gene") == {}


def test_shared_words_settle_on_the_country_they_agree_on(nlp: Any, places: PlaceResolver,
                                                          actors: ActorResolver) -> None:
    # "Samiti" (India, Nepal) and "dharna" (India, Pakistan): India
    dp = _dp(nlp, places, actors, "Members of the Kisan Samiti staged a dharna outside the office.")
    assert dp.country_place().country == "IND"


def test_a_shared_word_alone_goes_to_its_likelier_user(nlp: Any, places: PlaceResolver,
                                                      actors: ActorResolver) -> None:
    dp = _dp(nlp, places, actors, "Teachers observed a hartal over unpaid salaries.")
    assert dp.country_place().country == "BGD"
    dp = _dp(nlp, places, actors, "Teachers protested over unpaid salaries.")
    assert dp.country_place() is None  # nothing to go on: no country


def test_a_shared_division_is_settled_by_the_words(nlp: Any, places: PlaceResolver,
                                                  actors: ActorResolver) -> None:
    # Punjab is in India and in Pakistan; "Sangharsh" is Hindi, India's
    dp = _dp(nlp, places, actors, "Members of the Punjab Kisan Sangharsh Front blocked traffic.")
    assert dp.country_place().country == "IND"
    dp = _dp(nlp, places, actors, "Members of the Punjab Ittehad Council blocked traffic near the MPA's house.")
    assert dp.country_place().country == "PAK"


def test_a_district_in_a_name_gives_its_country(nlp: Any, places: PlaceResolver,
                                               actors: ActorResolver) -> None:
    dp = _dp(nlp, places, actors, "Achham residents took to the streets demanding a new province.")
    assert dp.country_place().country == "NPL"
