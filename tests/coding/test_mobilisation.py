"""Forces moved by their own side are CAMEO 154 (mobilise or increase armed forces); troops sent to another state stay 072."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, trigger", [
    ("Army commanders sent reinforcements to the besieged garrison on Tuesday.", "sent"),
    ("The police rushed reinforcements to the market town after the riot.", "rushed"),
    ("Rebel fighters were transferred from the border to the capital on Monday.", "transferred"),
    ("The government troops were moved to the northern province ahead of the rainy season.", "moved"),
    ("The militia redeployed its units along the river.", "redeployed"),
])
def test_forces_moved_by_their_side_are_a_mobilisation(code, text, trigger):
    found = [e for e in code(text) if e["evidence"]["trigger"] == trigger]
    assert found and found[0]["cameo_code"] == "154" and found[0]["event_type"] == "MOBILIZE", code(text)


def test_an_armed_actor_moving_forces_is_an_acled_strategic_development(code):
    [e] = [e for e in code("Army commanders sent reinforcements to the besieged garrison on Tuesday.") if e["cameo_code"] == "154"]
    assert e["acled_event_type"] == "Strategic developments"


@pytest.mark.parametrize("text", [
    "She moved the motion in parliament on Thursday.",
    "The company moved its headquarters to the coast.",
    "The bank transferred the money to the charity.",
])
def test_other_things_moved_are_not(code, text):
    assert not [e for e in code(text) if e["cameo_code"] == "154"], code(text)


def test_troops_sent_to_another_state_stay_military_aid(code):
    codes = {e["cameo_code"] for e in code("The United States sent troops to Poland.")}
    assert "072" in codes and "154" not in codes
