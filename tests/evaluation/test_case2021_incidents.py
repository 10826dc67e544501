"""CASE 2021 task 2 labels for the records' ``incident_class`` (natural and man-made disasters,
organised crime: khaldun/coding/incidents.py)."""

from __future__ import annotations

from dataclasses import replace

from khaldun.evaluation.metrics import NONE
from khaldun.evaluation.schemes import case2021_label
from tests.evaluation.helpers import event


def acled(e, event_type, sub):
    return replace(e, acled_event_type=event_type, acled_sub_event_type=sub)


def test_incident_classes_give_case_labels_outside_acled():
    flood = replace(event("190", "ASSAULT", 4), incident_class="natural_disaster")
    assert case2021_label([flood]) == "NATURAL_DISASTER"
    leak = replace(event("2041", "ASSAULT", 4), incident_class="man_made_disaster")
    assert case2021_label([leak]) == "MAN_MADE_DISASTER"


def test_organised_crime_when_it_is_the_documents_acled_event_or_the_most_confident():
    gang = acled(replace(event("193", "ASSAULT", 4, confidence=0.5), incident_class="organized_crime"),
                 "Violence against civilians", "Attack")
    assert case2021_label([gang]) == "ORG_CRIME"
    clash = acled(event("190", "ASSAULT", 4, confidence=0.9, start=3), "Battles", "Armed clash")
    assert case2021_label([gang, clash]) == "ARMED_CLASH"


def test_an_incident_not_counted_gives_nothing():
    flood = replace(event("190", "ASSAULT", 4), incident_class="natural_disaster", polarity="negated")
    assert case2021_label([flood]) == NONE


def test_sanctions_on_a_states_military_leaders_are_diplomatic():
    from khaldun.records import Actor

    sanctions = replace(event("163", "SANCTION", 4), actor=Actor(text="the United States", country="USA", kind="country"),
                        recipient=Actor(text="military leaders", country="MMR", sector="MIL"))
    assert case2021_label([sanctions]) == "DIPLO"
    on_rebels = replace(sanctions, recipient=Actor(text="the rebels", sector="REB"))
    assert case2021_label([on_rebels]) == NONE
