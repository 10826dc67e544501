"""Each merge criterion on its own, from the mechanism it models."""

from __future__ import annotations

from khaldun.merge.cluster import mention
from khaldun.merge.criteria import compare, same_actor, same_place

from ._records import ARMY, BOKO, BORNO, ETHIOPIA, GUNMEN, ISWAP, KANO, KENYA, MAIDUGURI, SOLDIERS, rec, replace


def ok(a, b) -> bool:  # type: ignore[no-untyped-def]
    return compare(mention(a, None), mention(b, None)).ok


def test_a_named_group_and_gunmen_can_be_one_side_but_two_named_groups_or_sides_cannot() -> None:
    assert same_actor(BOKO, GUNMEN).ok
    assert not same_actor(BOKO, ISWAP).ok
    assert not same_actor(BOKO, ARMY).ok  # an armed group and state forces
    assert not same_actor(KENYA, ETHIOPIA).ok  # two named states
    assert same_actor(None, BOKO).ok and same_actor(SOLDIERS, ARMY).ok


def test_a_town_is_inside_the_province_another_report_names() -> None:
    v = same_place(MAIDUGURI, BORNO)
    assert v.ok and "Maiduguri is in Borno" in v.why
    assert not same_place(MAIDUGURI, KANO).ok
    assert not same_place(KANO, BORNO).ok


def test_dates_are_windows_set_by_their_precision() -> None:
    a = rec("a")
    assert ok(a, rec("b", date="2024-03-05"))  # "Monday night" and "Tuesday"
    assert not ok(a, rec("b", date="2024-03-07"))
    assert not ok(a, rec("b", date="2024-03-11"))  # the same dyad a week later
    # no date written: the week before publication
    assert ok(a, rec("b", date="2024-03-06", precision="week", doc_date="2024-03-06"))
    assert not ok(a, rec("b", date="2024-03-13", precision="week", doc_date="2024-03-13"))
    assert ok(a, rec("b", date="2024-03-01", precision="month"))


def test_types_must_be_of_one_family() -> None:
    a = rec("a")
    assert ok(a, rec("b", code="183"))  # an attack worded as a bombing: both violent roots
    assert not ok(a, rec("b", code="141", event_type="PROTEST"))  # the protest about the attack
    assert not ok(a, replace(rec("b"), polarity="negated"))


def test_counts_may_rise_but_not_tenfold() -> None:
    assert ok(rec("a", killed=6), rec("b", killed=11))
    assert not ok(rec("a", killed=3), rec("b", killed=40))


def test_type_and_date_alone_are_not_enough() -> None:
    bare = {"actor": None, "recipient": None, "place": None}
    assert not ok(rec("a", **bare), rec("b", **bare))  # type: ignore[arg-type]


def test_meetings_are_symmetric_but_accusations_are_not() -> None:
    meet_a = rec("a", code="040", event_type="CONSULT", actor=KENYA, recipient=ETHIOPIA, killed=None)
    meet_b = rec("b", code="042", event_type="CONSULT", actor=ETHIOPIA, recipient=KENYA, killed=None)
    assert ok(meet_a, meet_b)
    acc_a = replace(meet_a, cameo_code="112", cameo_root="11", event_type="ACCUSE")
    acc_b = replace(meet_b, cameo_code="112", cameo_root="11", event_type="ACCUSE")
    assert not ok(acc_a, acc_b)
