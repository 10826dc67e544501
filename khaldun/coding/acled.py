"""ACLED event and sub-event types from the PLOVER type, mode and actor types."""

from __future__ import annotations

from khaldun.coding.ontology import acled_rules

ARMED = {1, 2, 3, 4, 8}


def _holds(requires: str, inter1: int | None, inter2: int | None, target_armed: bool, target_demonstrators: bool) -> bool:
    if not requires:
        return True
    if requires == "recipient:demonstrators":
        return target_demonstrators
    if requires == "recipient:armed":
        return inter2 in ARMED or target_armed
    if requires == "recipient:protesters":
        return inter2 == 6
    if requires == "actor:protesters":
        return inter1 == 6
    if requires == "actor:rioters":
        return inter1 == 5
    if requires == "actor:armed":
        return inter1 in ARMED
    if requires == "actor:state":
        return inter1 == 1
    if requires == "actor:civilians":
        return inter1 == 7
    return False


def acled_types(
    plover_type: str | None, mode: str | None, inter1: int | None, inter2: int | None, *,
    target_armed: bool = False, target_demonstrators: bool = False,
) -> tuple[str | None, str | None]:
    """(ACLED event type, sub-event type), or (None, None) outside ACLED's scope.

    ``target_armed``: the target is armed though no actor was resolved for it (a
    military position, a police station, an army patrol): "recipient:armed" holds.
    ``target_demonstrators``: the target is named as demonstrators ("protesters",
    not any opposition supporters): "recipient:demonstrators" holds.
    """
    if plover_type is None:
        return None, None
    for rule in acled_rules():
        if rule.plover_type != plover_type:
            continue
        if rule.mode not in ("*", mode or ""):
            continue
        if _holds(rule.requires, inter1, inter2, target_armed, target_demonstrators):
            return rule.event_type, rule.sub_event_type
    return None, None
