"""CASE 2021 task 2 labels outside ACLED that our records carry by CAMEO definition:
ATTRIB (claims and denials of responsibility, CAMEO 015/016) and DIPLO (a government's
verbal interactions and reduced relations)."""

from __future__ import annotations

from dataclasses import replace

from khaldun.evaluation.metrics import NONE
from khaldun.evaluation.schemes import case2021_label
from khaldun.records import Actor
from tests.evaluation.helpers import event


def acled(e, event_type, sub):
    return replace(e, acled_event_type=event_type, acled_sub_event_type=sub)


def gov(e):
    return replace(e, actor=Actor(text="the foreign ministry", country="FRA", sector="GOV"))


def test_acled_event_gives_its_sub_type():
    strike = acled(event("195", "ASSAULT", 4), "Explosions/Remote violence", "Air/drone strike")
    assert case2021_label([strike]) == "AIR_STRIKE"


def test_claim_of_responsibility_is_attrib_when_at_least_as_confident():
    attack = acled(event("190", "ASSAULT", 4, confidence=0.5), "Violence against civilians", "Attack")
    claim = event("015", None, 0, "XXX", confidence=0.8, start=5)
    assert case2021_label([attack, claim]) == "ATTRIB"
    weak_claim = replace(claim, confidence=0.3)
    assert case2021_label([attack, weak_claim]) == "ATTACK"
    assert case2021_label([event("016", "REJECT", 3, "XXX")]) == "ATTRIB"


def test_a_governments_sanctions_or_demands_are_diplo_only_without_an_acled_event():
    sanctions = gov(event("163", "SANCTION", 4))
    assert case2021_label([sanctions]) == "DIPLO"
    assert case2021_label([gov(event("111", "ACCUSE", 3))]) == "DIPLO"
    clash = acled(event("190", "ASSAULT", 4, confidence=0.5), "Battles", "Armed clash")
    assert case2021_label([sanctions, clash]) == "ARMED_CLASH"


def test_not_diplo_when_no_government_acts_or_the_event_is_not_counted():
    civilians = replace(event("111", "ACCUSE", 3), actor=Actor(text="villagers", sector="CVL"))
    assert case2021_label([civilians]) == NONE
    assert case2021_label([gov(event("163", "SANCTION", 4, polarity="negated"))]) == NONE
    assert case2021_label([gov(event("190", "ASSAULT", 4))]) == NONE
    assert case2021_label([]) == NONE


def test_not_diplo_when_a_government_accuses_an_armed_group():
    accusation = replace(gov(event("112", "ACCUSE", 3)), recipient=Actor(text="the militants", sector="INS"))
    assert case2021_label([accusation]) == NONE
    at_state = replace(gov(event("112", "ACCUSE", 3)), recipient=Actor(text="Iran", country="IRN", kind="country"))
    assert case2021_label([at_state]) == "DIPLO"
