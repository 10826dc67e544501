"""Police actions as Indian and other news English words them (issue 10), on sentences
written for the purpose: hyphenated crowd-control verbs, custodial deaths, encounters,
arrests named by "held", "remanded" or "sent to custody", in lower case as well."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.evaluation.schemes import police_actions


@pytest.fixture(scope="module")
def code(code_events):
    def run(text: str) -> tuple[list[Any], tuple[str, ...]]:
        events = code_events(text)
        return events, police_actions(events)

    return run


@pytest.mark.parametrize("text", [
    "The police lathi-charged the students outside the district office.",
    "police lathi-charged the striking weavers near the mill gate.",
    "The policemen tear-gassed the crowd at the level crossing.",
    "The marchers were caned by the police near the square.",
])
def test_crowd_control_verbs_are_police_force_not_firearms(code, text):
    events, labels = code(text)
    assert labels == ("FORCE", "ANY_ACTION"), [e.cameo_code for e in events]
    assert not any(e.mode == "firearms" for e in events)


@pytest.mark.parametrize("text", [
    "A tailor died in police custody at the town station on Sunday.",
    "three dacoits were killed in an encounter with the police near the canal.",
])
def test_deaths_in_custody_and_encounters_are_police_killings(code, text):
    _, labels = code(text)
    assert "KILL" in labels


@pytest.mark.parametrize("text", [
    "Nine youths were held for torching a bus on the highway.",
    "the two brothers were remanded in police custody for a week.",
    "The suspects were sent to police custody till Friday.",
])
def test_arrests_in_other_words(code, text):
    _, labels = code(text)
    assert "ARREST" in labels


@pytest.mark.parametrize("text", [
    "The talks were held for three hours at the guest house.",
    "Two aid workers were held hostage by the gang for a week.",
    "The police denied lathi-charging the students.",
    "A farmer died in a road accident near the police station.",
])
def test_not_police_actions(code, text):
    _, labels = code(text)
    assert labels == ()


@pytest.mark.parametrize("text", [
    "at least six people were killed in firing by the police near the market.",
    "A hawker was killed when the police fired four rounds at the crowd.",
])
def test_police_killings_named_by_a_noun_or_a_when_clause(code, text):
    _, labels = code(text)
    assert "KILL" in labels


def test_an_arrest_reported_in_a_participle_is_news(code):
    _, labels = code("The four men arrested on Monday had robbed a jeweller, the police said.")
    assert "ARREST" in labels


def test_an_old_arrest_in_a_relative_clause_is_background(code):
    _, labels = code("The minister, who was arrested in 1990, spoke at the rally on Sunday.")
    assert labels == ()


def test_a_jailed_status_in_an_apposition_is_background(code):
    events, _ = code("The court freed Ravi Kumar, a union leader jailed two years ago, on Monday.")
    assert not any(e.cameo_code == "173" for e in events)


@pytest.mark.parametrize("text", [
    "three persons are reported to have been injured in police firing near the temple.",
    "The nurses tended to several persons injured in police firing on Friday.",
])
def test_police_firing_in_a_raised_passive_or_a_participle(code, text):
    _, labels = code(text)
    assert "FORCE" in labels
