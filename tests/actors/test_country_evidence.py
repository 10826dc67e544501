"""Issue 10: the country a document's names carry, for events the text does not place.
Bodies named only as modifiers ("pro-X", "X-led"), words of one country's public life and
its peoples, and actors whose country says nothing of where the story is (a foreign
company). Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.actors import ActorResolver
from khaldun.actors.resolver import affiliated_countries, domestic_countries, placing_countries
from khaldun.places import PlaceResolver
from khaldun.places.resolver import country_word_weights, place_noun_countries
from khaldun.records import Actor


@pytest.fixture(scope="module")
def places() -> PlaceResolver:
    return PlaceResolver.default()


@pytest.mark.parametrize(("text", "country"), [
    ("Hundreds of pro-Awami League students marched to the court.", "BGD"),
    ("Traders shut their shops during a strike enforced by the JSQM-backed alliance.", "PAK"),
    ("A blockade called by the UPFA-led opposition entered its third day.", "LKA"),
    ("Anti-BJP slogans were raised outside the office.", "IND"),
])
def test_bodies_named_as_modifiers_count(resolver: ActorResolver, text: str, country: str) -> None:
    assert affiliated_countries(resolver.kb, text) == [country]


@pytest.mark.parametrize("text", [
    "Pro-Russian separatists shelled the town.",  # a state, not a domestic body
    "The US-backed forces advanced.",
    "Nothing here is hyphenated.",
])
def test_states_and_plain_text_are_no_affiliation(resolver: ActorResolver, text: str) -> None:
    assert affiliated_countries(resolver.kb, text) == []


def test_a_modifier_places_an_unplaced_protest(nlp: Any, resolver: ActorResolver, places: PlaceResolver) -> None:
    doc = nlp("Pro-Awami League teachers gathered outside the school on Monday.")
    named = domestic_countries(resolver.for_document(doc, "2015-03-01"))
    assert named == ["BGD"]
    place = places.for_document(doc, named_countries=named).country_place()
    assert place is not None and place.country == "BGD"


@pytest.mark.parametrize(("text", "country"), [
    ("An IAS officer was transferred after the row.", "IND"),
    ("The Bodo organisations called a bandh.", "IND"),
    ("Members of the Kannada Sahitya Vedike held a sit-in.", "IND"),
    ("Activists of the Qaumi Mahaz blocked the highway.", "PAK"),
    ("Workers of the Jatika Sevaka Sangamaya marched.", "LKA"),
])
def test_words_of_one_countrys_public_life(text: str, country: str) -> None:
    assert place_noun_countries(text)[country] >= 1


def test_a_regions_people_is_a_shared_cue() -> None:
    weights = country_word_weights("Kashmiri traders held a protest.")
    assert set(weights) == {"IND", "PAK"}
    assert place_noun_countries("Kashmiri traders held a protest.") == {}


def test_a_company_does_not_place_the_event() -> None:
    villagers = Actor(text="villagers", country="KHM", sector="CVL", kind="group")
    company = Actor(text="a Thai company", country="THA", sector="BUS", kind="organization")
    assert placing_countries([villagers, company]) == ["KHM"]


def test_a_company_is_not_the_documents_country(nlp: Any, resolver: ActorResolver) -> None:
    doc = nlp("Farmers blocked a road in protest against a Korean mining company.")
    assert resolver.for_document(doc, "2015-03-01").main_country is None


def test_a_persons_name_is_no_town(nlp: Any, places: PlaceResolver) -> None:
    # "Hamid" is also a town in Turkey; here it is a rebel commander's name
    doc = nlp("Six rebels died, with their commanders Hamid and Tariq.")
    assert places.for_document(doc)._names_of_text() == {}


@pytest.mark.parametrize(("sentence", "country"), [
    ("The Tharu Democratic Party held a rally.", None),  # no party of the United States
    ("The Texas Democratic Party held a rally.", "USA"),
    ("The Kerala Youth Congress held a march.", "IND"),
    ("The Democratic Party won the vote.", "USA"),
])
def test_a_generic_party_name_after_a_proper_name(resolve: Any, places: PlaceResolver, sentence: str, country: str | None) -> None:
    places.warm_up()  # the gazetteer tells whether the name before is a place of the party's country
    phrase = sentence.split(" held")[0].split(" won")[0]
    found = resolve(sentence, phrase)
    assert [a.country for a in found] == [country]
    assert found[0].sector == "PTY"


def test_an_acronym_tagged_a_person_names_its_body(nlp: Any, resolver: ActorResolver) -> None:
    doc = nlp("JSQM called a strike across the province on Friday.")
    assert doc[0].ent_type_ == "PERSON"  # what the small model says (the case this rule is for)
    found = resolver.for_document(doc, "2015-03-01").resolve_all(doc[0:1])
    assert [(a.country, a.sector) for a in found] == [("PAK", "PTY")]


def test_a_division_before_a_bodys_people(nlp: Any, places: PlaceResolver) -> None:
    # a first-level division modifying the members of a body, whatever tag the name gets
    doc = nlp("Bihar Rakshak Sena activists blocked the highway.")
    assert doc[0].ent_type_ == "PERSON"  # what the small model says (the case this rule is for)
    assert set(places.for_document(doc)._names_of_text()) == {"IND"}


def test_a_word_of_public_life_is_no_town(nlp: Any, places: PlaceResolver) -> None:
    # "Sabha" is also a Libyan city and province; inside a body's name it is the Hindi word
    doc = nlp("Dozens of Gujarat Kisan Sabha activists held a rally.")
    assert set(places.for_document(doc)._names_of_text()) == {"IND"}


@pytest.mark.parametrize(("sentence", "phrase", "expected"), [
    # a body's representatives and delegates belong to the body ("*" in roles.tsv) ...
    ("Awami League representatives joined the march.", "Awami League representatives", ("BGD", "PTY")),
    ("A Taliban delegation arrived for talks.", "A Taliban delegation", ("AFG", "REB")),
    # ... and a state's are its government's
    ("The US trade representative met the ministers.", "The US trade representative", ("USA", "GOV")),
])
def test_representatives_take_the_sector_of_what_they_represent(resolve: Any, sentence: str, phrase: str,
                                                                 expected: tuple[str, str]) -> None:
    found = resolve(sentence, phrase)
    assert [(a.country, a.sector) for a in found] == [expected]


def test_a_partys_representatives_place_an_unplaced_protest(nlp: Any, resolver: ActorResolver) -> None:
    doc = nlp("Traders protested in the market. Awami League representatives were present.")
    assert domestic_countries(resolver.for_document(doc, "2015-03-01")) == ["BGD"]
