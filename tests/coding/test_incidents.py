"""Non-political incidents (``incident_class``): natural and man-made disasters (EM-DAT's
classes) and organised crime, and the deliberate violence that stays political (issue 10,
session 5). Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.coding.incidents import INCIDENT_CLASSES, incident_words


def classes(records: list[dict[str, Any]]) -> set[str | None]:
    return {r["incident_class"] for r in records}


def acled_typed(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["acled_event_type"]]


def test_the_lexicon_has_every_role_and_the_classes_are_the_schemas():
    from khaldun.records import EventRecord  # noqa: F401  (the field exists)
    from khaldun.schema import event_schema

    roles = {role for role, _ in incident_words().values()}
    assert roles == {"hazard", "failure", "mishap", "setting", "accident", "attack", "crime", "criminal"}
    assert set(event_schema()["properties"]["incident_class"]["enum"]) == {*INCIDENT_CLASSES, None}


@pytest.mark.parametrize("text", [
    "A powerful earthquake killed at least 30 people in the mountain villages on Monday.",
    "The typhoon destroyed hundreds of homes and killed eleven fishermen along the coast.",
])
def test_a_toll_of_a_natural_hazard_is_a_natural_disaster_and_no_acled_event(code, text):
    recs = code(text)
    violent = [r for r in recs if r["event_type"] == "ASSAULT"]
    assert violent and classes(violent) == {"natural_disaster"}
    assert not acled_typed(violent)


@pytest.mark.parametrize("text", [
    "Three workers were killed when a boiler exploded at a textile factory on Tuesday.",
    "A gas leak at a fertiliser plant killed four people and injured dozens.",
    "Eleven passengers died after their bus collided with a truck on the highway.",
])
def test_an_industrial_or_transport_accident_is_a_man_made_disaster(code, text):
    recs = code(text)
    violent = [r for r in recs if r["event_type"] == "ASSAULT"]
    assert violent and classes(violent) == {"man_made_disaster"}
    assert not acled_typed(violent)


@pytest.mark.parametrize("text", [
    "A roadside bomb killed four soldiers on the highway near the border.",
    "Militants set off an explosion at a factory gate, killing two guards.",
    "Gunmen attacked a bus on the highway and killed six passengers.",
])
def test_deliberate_violence_where_accidents_happen_stays_political(code, text):
    recs = code(text)
    assert acled_typed(recs)
    assert classes(recs) == {None}


def test_the_toll_of_an_accident_told_in_an_earlier_sentence(code):
    recs = code("A series of explosions tore through a chemical warehouse in the port on Friday night. "
                "The blasts killed at least 40 people and injured hundreds.")
    tolls = [r for r in recs if r["evidence"]["sentence_index"] == 1 and r["event_type"] == "ASSAULT"]
    assert tolls and classes(tolls) == {"man_made_disaster"}


def test_arrests_over_drugs_are_organised_crime_not_acled_arrests(code):
    recs = code("Police arrested five men and seized 40 kg of heroin at the port.")
    arrests = [r for r in recs if r["cameo_code"] == "173"]
    assert arrests and classes(arrests) == {"organized_crime"}
    assert not acled_typed(arrests)


def test_arrests_of_gang_members_are_marked_and_stay_acled_arrests(code):
    recs = code("Police arrested fifty members of a street gang in the capital on Tuesday.")
    arrests = [r for r in recs if r["cameo_code"] == "173"]
    assert arrests and classes(arrests) == {"organized_crime"}
    assert [r["acled_sub_event_type"] for r in arrests] == ["Arrests"]


def test_catching_or_intercepting_people_is_an_arrest(code):
    recs = code("Coast guards intercepted twelve smugglers off the island on Sunday.")
    assert [r["cameo_code"] for r in recs if r["event_type"] == "COERCE"] == ["173"]
    assert classes(recs) == {"organized_crime"}


def test_the_documents_crime_for_an_arrest_told_in_the_next_sentence(code):
    recs = code("Detectives said the two men were members of an international fraud ring. "
                "A judge ordered that the suspects be held for ten more days.")
    held = [r for r in recs if r["cameo_code"] == "173"]
    assert held and classes(held) == {"organized_crime"}


def test_arresting_a_journalist_stays_political_whatever_the_matter(code):
    recs = code("Police arrested a journalist who had reported on drug trafficking in the region.")
    arrests = [r for r in recs if r["cameo_code"] == "173"]
    assert arrests and classes(arrests) == {None}
    assert [r["acled_sub_event_type"] for r in arrests] == ["Arrests"]


def test_gang_violence_is_marked_and_keeps_its_acled_type(code):
    recs = code("Gang members shot dead a shopkeeper who refused to pay extortion money.")
    shots = [r for r in recs if r["event_type"] == "ASSAULT"]
    assert shots and classes(shots) == {"organized_crime"}
    assert all(r["acled_event_type"] for r in shots)


def test_a_gang_rape_is_no_organised_crime(code):
    recs = code("Five men were charged with the gang rape of a student in the city.")
    assert "organized_crime" not in classes(recs)

