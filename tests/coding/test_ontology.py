"""The crosswalk data files: CAMEO -> PLOVER/QuadClass/Goldstein, PLOVER -> ACLED."""

from __future__ import annotations

import pytest

from khaldun.coding import acled_types, cameo, cameo_table
from khaldun.coding.ontology import ACLED_SUB_EVENT_TYPES, PLOVER_TYPES, acled_rules


def test_every_cameo_code_has_a_consistent_entry():
    table = cameo_table()
    assert len(table) > 300
    for code, entry in table.items():
        assert code[:2].isdigit() and 1 <= int(code[:2]) <= 20
        assert entry.plover_type is None or entry.plover_type in PLOVER_TYPES
        assert -10 <= entry.goldstein <= 10
        root = int(code[:2])
        expected = 0 if root == 1 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert entry.quad_class == expected, code


@pytest.mark.parametrize("code,ptype,quad", [
    ("044", "CONSULT", 1), ("112", "ACCUSE", 3), ("181", "ASSAULT", 4), ("016", "REJECT", 0),
    ("010", None, 0), ("0333", "AGREE", 1), ("141", "PROTEST", 4), ("090", "ACCUSE", 3),
])
def test_known_codes(code, ptype, quad):
    assert (cameo(code).plover_type, cameo(code).quad_class) == (ptype, quad)


def test_unknown_four_digit_codes_fall_back_to_their_parent():
    assert cameo("0199").plover_type is None and cameo("0199").quad_class == 0


def test_acled_has_its_25_sub_event_types_and_the_rules_reach_every_one():
    assert sum(len(v) for v in ACLED_SUB_EVENT_TYPES.values()) == 25
    for rule in acled_rules():
        assert rule.sub_event_type in ACLED_SUB_EVENT_TYPES[rule.event_type]
    reached = {(r.event_type, r.sub_event_type) for r in acled_rules()}
    assert reached == {(t, sub) for t, subs in ACLED_SUB_EVENT_TYPES.items() for sub in subs}


@pytest.mark.parametrize("ptype,mode,inter1,inter2,expected", [
    ("ASSAULT", "aerial", 1, 2, ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", None, 1, 2, ("Battles", "Armed clash")),
    ("ASSAULT", None, 2, 7, ("Violence against civilians", "Attack")),
    ("ASSAULT", "abduct", 2, 7, ("Violence against civilians", "Abduction/forced disappearance")),
    ("ASSAULT", None, 1, 6, ("Protests", "Excessive force against protesters")),
    ("ASSAULT", "territory", 1, 2, ("Battles", "Government regains territory")),
    ("ASSAULT", "territory", 2, 1, ("Battles", "Non-state actor overtakes territory")),
    ("PROTEST", "demo", 6, None, ("Protests", "Peaceful protest")),
    ("PROTEST", "riot", 5, None, ("Riots", "Violent demonstration")),
    ("COERCE", "arrest", 1, 6, ("Strategic developments", "Arrests")),
    # ACLED's Agreement: surrenders and prisoner releases between armed actors
    ("RETREAT", "disarm", 2, 1, ("Strategic developments", "Agreement")),
    ("RETREAT", "release", 2, 1, ("Strategic developments", "Agreement")),
    ("COERCE", "territory", 1, 2, ("Battles", "Government regains territory")),
    ("ASSAULT", "seize", 6, None, ("Riots", "Violent demonstration")),
    ("ASSAULT", "clash", None, None, ("Battles", "Armed clash")),
    ("ASSAULT", "clash", 7, 7, ("Riots", "Mob violence")),
    ("ASSAULT", None, 7, 7, ("Riots", "Mob violence")),
    ("REQUEST", None, 6, None, ("Protests", "Peaceful protest")),
    ("REQUEST", None, 1, None, (None, None)),
    ("COERCE", "disrupt", 1, 2, ("Strategic developments", "Disrupted weapons use")),
    ("MOBILIZE", "base", 2, None, ("Strategic developments", "Headquarters or base established")),
    ("ASSAULT", "grenade", 2, 1, ("Explosions/Remote violence", "Grenade")),
    ("CONSULT", None, 1, 1, (None, None)),
    (None, None, None, None, (None, None)),
])
def test_acled_crosswalk(ptype, mode, inter1, inter2, expected):
    assert acled_types(ptype, mode, inter1, inter2) == expected
