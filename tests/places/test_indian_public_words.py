"""Issue 10: words of India's public life (country_words.tsv) settle "Punjab", which India
and Pakistan share; with nothing to go on no country is favoured by these rows. Sentences
written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.places import PlaceResolver
from khaldun.places.resolver import place_noun_countries


@pytest.mark.parametrize("text", [
    "Farmers protested against a new policy of the Union government.",
    "The Union Minister inaugurated a bridge.",
    "Activists of the BKU blocked the highway.",
    "The Nagrik Manch held a meeting.",
])
def test_words_of_indian_public_life(text: str) -> None:
    assert place_noun_countries(text)["IND"] == 1


def test_they_settle_a_shared_province(nlp: Any, places: PlaceResolver) -> None:
    dp = places.for_document(nlp("Activists of the BKU blocked roads across Punjab on Monday."))
    assert [p.country for p in dp.places if p is not None] == ["IND"]
    dp = places.for_document(nlp("Teachers blocked roads across Punjab after a Union Council meeting."))
    assert [p.country for p in dp.places if p is not None] == ["PAK"]
