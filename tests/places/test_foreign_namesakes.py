"""Issue 10: a namesake abroad loses to what the text says of the place. A name written
with a division noun of other countries ("X Tehsil", "X upazila") is no town in a country
without such divisions, however big; a hamlet abroad that nothing in the text supports
loses where only the words of one region's public life point anywhere. Sentences written
for these tests (khaldun/places/resolver.py)."""

from __future__ import annotations

from typing import Any

from khaldun.places import PlaceResolver
from khaldun.places.mentions import Mention
from khaldun.places.resolver import _unit_countries


def _mention(text: str, name: str) -> Mention:
    return Mention(text=text, name=name, start=0, end=2, head=None, sent_start=0)


def test_the_division_noun_after_a_name_gives_its_countries() -> None:
    assert _unit_countries(_mention("Kalam tehsil", "Kalam")) == ("PAK", "IND")
    assert _unit_countries(_mention("Tala Upazila", "Tala")) == ("BGD",)
    assert _unit_countries(_mention("Tala", "Tala")) == ()
    assert _unit_countries(_mention("Tala district", "Tala")) == ()


def test_a_tehsil_is_no_city_abroad_of_the_same_name(nlp: Any, places: PlaceResolver) -> None:
    # Tala is a Mexican town; a "Tala Tehsil" is a division in Pakistan or India
    dp = places.for_document(nlp("A roadside bomb wounded two soldiers in Tala Tehsil on Sunday."))
    assert all(p is None or p.country in ("PAK", "IND") for p in dp.places)
    assert dp.places[0] is None or dp.places[0].country != "MEX"
    # without the noun, the city stays itself
    dp = places.for_document(nlp("Sugar-cane workers marched through Tala on Sunday."))
    assert [p.country for p in dp.places if p is not None] == ["MEX"]


def test_a_hamlet_abroad_loses_to_the_words_of_the_story(nlp: Any, places: PlaceResolver) -> None:
    dp = places.for_document(nlp("Sikh devotees held a protest in Mana after the gurdwara was vandalised."))
    assert all(p is None or p.country != "GUF" for p in dp.places)
    place = dp.country_place()
    assert place is not None and place.country == "IND"
