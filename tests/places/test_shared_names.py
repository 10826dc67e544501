"""Issue 10, places: a name two countries share, read by what the text leans to (its domestic
bodies and country words) and by the division noun written after it ("state", "province");
place words inside other names (a first-level division before a body's noun, whatever the
recogniser's tag; a district name that ends another name is no place); namesake towns of a
like size sharing a name's vote. Sentences and names written for these tests."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest

from khaldun.actors import ActorResolver
from khaldun.places import PlaceResolver
from khaldun.places.gazetteer import Entry
from khaldun.places.resolver import DIVISION_NOUN_BONUS, _division_noun_bonus, _division_nouns, _leaning
from tests.places.helpers import document_places

_dp = document_places


def _countries(dp: Any) -> list[str]:
    return [p.country for p in dp.places if p is not None]


def test_leaning_needs_a_clear_margin() -> None:
    assert _leaning(Counter({"IND": 2.5, "PAK": 0.5})) == "IND"
    assert _leaning(Counter({"IND": 0.6, "PAK": 0.5})) is None
    assert _leaning(Counter()) is None
    assert _leaning(Counter({"NPL": 1})) == "NPL"


def test_a_shared_division_name_leans_to_the_texts_country(nlp: Any, places: PlaceResolver,
                                                           actors: ActorResolver) -> None:
    # "Western Region" is a division of Uganda (the bigger) and one of Nepal; a bandh called by
    # a Samiti, with VDC offices shut, is Nepali
    dp = _dp(nlp, places, actors, "The Samiti enforced a bandh in the Western Region, and VDC offices stayed shut.")
    assert _countries(dp)[:1] == ["NPL"]


def test_without_leaning_the_bigger_reading_stays(nlp: Any, places: PlaceResolver, actors: ActorResolver) -> None:
    # (another country's bigger "Western" division; never Nepal's, which nothing points to)
    dp = _dp(nlp, places, actors, "Shopkeepers protested in the Western Region on Monday.")
    assert len(_countries(dp)) == 1 and _countries(dp) != ["NPL"]


def test_division_nouns_table() -> None:
    nouns = _division_nouns()
    assert "IND" in nouns["state"] and "PAK" not in nouns["state"]
    assert "PAK" in nouns["province"] and "IND" not in nouns["province"]


@pytest.mark.parametrize(("written", "country", "bonus"), [
    ("Tala state", "IND", DIVISION_NOUN_BONUS),
    ("Tala state", "PAK", 0.0),
    ("Tala province", "PAK", DIVISION_NOUN_BONUS),
    ("Tala", "PAK", 0.0),
])
def test_the_division_noun_favours_the_countries_that_use_it(written: str, country: str, bonus: float) -> None:
    # "Tala" is a made-up first-level name here: the noun after it is what counts
    entry = Entry(kind="admin1", name="Tala", country=country, admin1="Tala", lat=0.0, lon=0.0)
    mention = SimpleNamespace(text=written, name="Tala")
    assert _division_noun_bonus(entry, mention) == bonus  # type: ignore[arg-type]


def test_a_division_before_a_body_noun_places_the_story(nlp: Any, places: PlaceResolver,
                                                        actors: ActorResolver) -> None:
    # the small model may tag a state's name PERSON; before "... contract teacher union" it is a place word
    for name in ("Odisha", "Jharkhand", "Bihar"):
        dp = _dp(nlp, places, actors, f"Members of the {name} contract teacher union demonstrated outside the secretariat.")
        place = dp.country_place()
        assert place is not None and place.country == "IND", name


def test_a_district_name_that_ends_another_name_is_no_place(nlp: Any, places: PlaceResolver,
                                                           actors: ActorResolver) -> None:
    # "Odda" is a Norwegian municipality; "the Sant Mela Odda" (made up here) is no place in Norway
    dp = _dp(nlp, places, actors, "Followers of the Sant Mela Odda blocked a road in protest.")
    place = dp.country_place()
    assert place is None or place.country != "NOR"


def test_a_towns_namesakes_of_like_size_share_its_vote(nlp: Any, places: PlaceResolver,
                                                       actors: ActorResolver) -> None:
    # "Faridpur" is a city in Bangladesh and a town of over half its size in India: with
    # Indian words of public life, the unplaced protest is in India
    dp = _dp(nlp, places, actors, "Faridpur traders held a dharna outside the collectorate over the new panchayat levy.")
    place = dp.country_place()
    assert place is not None and place.country == "IND"


@pytest.mark.parametrize("text", [
    "Teachers held a dharna outside the district collectorate, Dhubri, on Monday.",
    "The federation staged a sit-in in front of the Deputy Commissioner's office, Tezpur, against the eviction.",
])
def test_a_town_after_an_office_is_a_place(nlp: Any, places: PlaceResolver, text: str) -> None:
    dp = places.for_document(nlp(text))
    assert [(m.name, p.country) for m, p in dp.resolved()][:1] in ([("Dhubri", "IND")], [("Tezpur", "IND")])


def test_a_person_after_a_role_is_no_place(nlp: Any, places: PlaceResolver) -> None:
    dp = places.for_document(nlp("He met the minister, John Smith, at his office."))
    assert dp.resolved() == []


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Tezpur residents blocked the highway after the accident.", "Tezpur", "IND"),
    ("Villagers of Dhubri gheraoed the block office.", "Dhubri", "IND"),
    ("Residents of Bannu closed their shops.", "Bannu", "PAK"),
])
def test_residents_and_areas_of_a_town_name_it(nlp: Any, places: PlaceResolver, text: str, name: str,
                                               country: str) -> None:
    dp = places.for_document(nlp(text))
    assert (name, country) in [(m.name, p.country) for m, p in dp.resolved()]


def test_residents_without_a_name_are_no_place(nlp: Any, places: PlaceResolver) -> None:
    dp = places.for_document(nlp("Local residents said the attack was brutal."))
    assert dp.resolved() == [] and dp.country_place() is None


def test_a_three_word_town_inside_a_name_places_the_story(nlp: Any, places: PlaceResolver) -> None:
    # "Dera Ismail Khan" written inside the name of its press club
    dp = places.for_document(nlp("Reporters marched from the Dera Ismail Khan Press Club to the city square."))
    place = dp.country_place()
    assert place is not None and place.country == "PAK"


def test_residents_of_a_longer_name_are_not_placed_by_its_tail(nlp: Any, places: PlaceResolver) -> None:
    # "Golden Glades" is a town in Florida; "Shanti Golden Glades" (made up) is a housing colony
    dp = places.for_document(nlp("Residents of Shanti Golden Glades staged a dharna outside the municipal office."))
    assert all(p.country != "USA" for _, p in dp.resolved())


def test_the_district_an_office_governs_is_a_place(nlp: Any, places: PlaceResolver) -> None:
    dp = places.for_document(nlp("Growers staged a protest in front of the bungalow of the Deputy Commissioner of Dhubri."))
    assert ("Dhubri", "IND") in [(m.name, p.country) for m, p in dp.resolved()]


def test_a_state_legislature_building_is_a_country_word(nlp: Any, places: PlaceResolver) -> None:
    # Karnataka's legislature sits in the Vidhana Soudha: a word of India's public life
    dp = places.for_document(nlp("Contract workers protested near the Vidhana Soudha on Monday."))
    place = dp.country_place()
    assert place is not None and place.country == "IND"


def test_a_country_named_as_a_topic_does_not_place_an_unplaced_protest(nlp: Any, places: PlaceResolver,
                                                                       actors: ActorResolver) -> None:
    # only a country as the topic of slogans; the Mahasabha, the panchayat and the dharna are India's
    dp = _dp(nlp, places, actors, "Members of a Mahasabha held a dharna outside the panchayat office "
                                  "after slogans were raised in favour of Canada.")
    place = dp.country_place()
    assert place is not None and place.country == "IND"


def test_a_country_alone_still_places_a_document_that_leans_nowhere(nlp: Any, places: PlaceResolver,
                                                                    actors: ActorResolver) -> None:
    dp = _dp(nlp, places, actors, "Students marched after slogans were raised in favour of Canada.")
    place = dp.country_place()
    assert place is not None and place.country == "CAN"
