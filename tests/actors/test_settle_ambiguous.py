"""Issue 10, actors: a name that several bodies of different countries bear ("Congress",
"Maoists") is read by the document's other names, and by the party members after it.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.actors import ActorResolver
from khaldun.places.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def actors() -> ActorResolver:
    default_gazetteer()  # loaded, as in the pipeline: the places of the text count
    return ActorResolver.load(include_user=False)


def _first(nlp: Any, actors: ActorResolver, text: str, n: int) -> Any:
    doc = nlp(text)
    return actors.for_document(doc, None).resolve(doc[0:n])


def test_congress_alone_is_the_us_congress(nlp: Any, actors: ActorResolver) -> None:
    assert _first(nlp, actors, "Congress passed the budget on Friday.", 1).country == "USA"


def test_congress_workers_are_a_partys(nlp: Any, actors: ActorResolver) -> None:
    actor = _first(nlp, actors, "Congress workers blocked the road on Friday.", 2)
    assert actor.country == "IND"


def test_congress_among_indian_words_is_indias(nlp: Any, actors: ActorResolver) -> None:
    actor = _first(nlp, actors, "Congress leaders staged a dharna outside the collectorate.", 2)
    assert actor.country == "IND"


@pytest.mark.parametrize(("text", "country"), [
    ("Maoists torched two trucks in Chhattisgarh on Monday.", "IND"),
    ("Maoists torched two trucks in Rolpa district on Monday.", "NPL"),
])
def test_maoists_are_settled_by_the_places(nlp: Any, actors: ActorResolver, text: str, country: str) -> None:
    assert _first(nlp, actors, text, 1).country == country


def test_power_poles_are_no_poles(nlp: Any, actors: ActorResolver) -> None:
    doc = nlp("Militants burned power poles on Monday.")
    assert all(a.country != "POL" for a in actors.for_document(doc, None).resolve_all(doc[3:5]))


def test_island_is_no_iceland(nlp: Any, actors: ActorResolver) -> None:
    # Iceland's own name "Ísland" reads "Island", an English word: no country
    actor = _first(nlp, actors, "Island Fishermen Association members blocked the harbour road.", 5)
    assert actor is None or actor.country != "ISL"


@pytest.mark.parametrize("text", [
    "Congress members staged a sit-in outside the collector's office.",
    "Hundreds of cadres of the Congress blocked the highway.",
    "Cadres of the TDP and Congress blocked the highway.",
])
def test_members_of_a_party_name_the_party(nlp: Any, actors: ActorResolver, text: str) -> None:
    # "Congress members", "cadres of (the) Congress": a party's members, not the US legislature
    doc = nlp(text)
    found = [m.actor for m in actors.for_document(doc, None).mentions if "Congress" in m.actor.text]
    assert found and all(a.country == "IND" for a in found)
