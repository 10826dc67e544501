"""ACLED actor type codes from resolved actors."""

from __future__ import annotations

import pytest

from khaldun.actors import acled_inter
from khaldun.records import Actor


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        (Actor("Kenyan police", country="KEN", sector="COP", kind="group"), 1),
        (Actor("Israel", country="ISR", kind="country"), 1),
        (Actor("Hamas", country="PSE", sector="REB", kind="organization"), 2),
        (Actor("gunmen", sector="UAF", kind="group"), 3),
        (Actor("pro-government militia", country="SDN", sector="MIL", kind="group"), 3),
        (Actor("ethnic militia", country="SSD", sector="MIL", kind="group"), 4),
        (Actor("rioters", sector="OPP", kind="group"), 5),
        (Actor("protesters", sector="OPP", kind="group"), 6),
        (Actor("villagers", sector="CVL", kind="group"), 7),
        (Actor("journalists", sector="MED", kind="group"), 7),
        (Actor("UN peacekeepers", country="IGO", sector="MIL", kind="group"), 8),
        (Actor("the ruling party", country="ZAF", sector="PTY", kind="organization"), None),
    ],
)
def test_acled_inter(actor, code):
    assert acled_inter(actor) == code


def test_acled_inter_none():
    assert acled_inter(None) is None
