"""Issue 10, places: coders' notes in brackets ("(coded to district level)"), a division
after a place and a comma that the recogniser missed, and the document's evidence where a
town and its bracketed area disagree. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

from khaldun.places import PlaceResolver
from tests.places.helpers import location


def test_a_coders_note_is_passed_over_for_the_bracket_after_it(nlp: Any, places: PlaceResolver) -> None:
    # Khamir is a bigger town in Iran; the division in the second bracket says Yemen
    loc = location(nlp, places, "Drones carried out air raids on Khamir (coded to district level) (Omran) on Friday.",
                    "carried")
    assert loc is not None and loc.country == "YEM"


def test_the_names_of_a_coders_note_place_an_unknown_district(nlp: Any, places: PlaceResolver) -> None:
    loc = location(nlp, places, "Farmers marched in Cerro Pelado municipality (coded to Barinitas, "
                    "Barinas) on Monday.", "marched")
    assert loc is not None and loc.country == "VEN"


def test_a_note_without_names_leaves_the_place_alone(nlp: Any, places: PlaceResolver) -> None:
    loc = location(nlp, places, "Teachers rallied in Kharkiv (coded to city level) on Monday.", "rallied")
    assert loc is not None and loc.country == "UKR"


def test_a_division_after_a_comma_qualifies_a_small_village(nlp: Any, places: PlaceResolver) -> None:
    # the village is unknown or small; the division after it says where it is, whoever the actors are
    loc = location(nlp, places, "Russian troops shelled Sosnivka Persha, Volyn, on Tuesday.", "shelled")
    assert loc is not None and loc.country == "UKR"


def test_the_text_keeps_a_town_whose_bracketed_area_the_gazetteer_lacks(nlp: Any, places: PlaceResolver) -> None:
    # "Kurdistan" reads only as the Iraqi region; the town and the rest of the text are Iranian
    loc = location(nlp, places, "Nurses in Iran protested in Marivan (Kurdistan) over unpaid wages.", "protested")
    assert loc is not None and loc.country == "IRN"


def test_without_other_evidence_the_bracketed_area_still_wins(nlp: Any, places: PlaceResolver) -> None:
    # the town's only reading is a small Australian one; the divisions say Myanmar
    loc = location(nlp, places, "Soldiers raided Taree (Kalaw, Shan) on Monday.", "raided")
    assert loc is not None and loc.country == "MMR"


def test_a_country_with_a_first_level_division_of_the_bracketed_name_comes_first(
        nlp: Any, places: PlaceResolver) -> None:
    # no Rio Blanco lies in Leon; Nicaragua's department of Leon beats Mexico's district of it
    loc = location(nlp, places, "Bakers protested in Rio Blanco (Leon) over flour prices.", "protested")
    assert loc is not None and loc.country == "NIC"


def test_the_last_bracketed_name_reads_as_a_first_level_division(nlp: Any, places: PlaceResolver) -> None:
    # an unknown village; "Cerro Largo" is a department of Uruguay and a district of Brazil
    loc = location(nlp, places, "Farmers blocked a road in Colonia Paso Hondo (Cerro Largo) on Monday.", "blocked")
    assert loc is not None and loc.country == "URY"
