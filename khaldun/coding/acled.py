"""ACLED event and sub-event types from the PLOVER type, mode and actor types."""

from __future__ import annotations

from khaldun.coding.ontology import acled_rules
from khaldun.records import Actor, EventRecord, replace

ARMED = {1, 2, 3, 4, 8}


def _holds(requires: str, inter1: int | None, inter2: int | None, target_armed: bool, target_demonstrators: bool,
           cameo_code: str | None = None) -> bool:
    if not requires:
        return True
    if "+" in requires:
        # every condition: "cameo:172+actor:state"
        return all(_holds(part, inter1, inter2, target_armed, target_demonstrators, cameo_code)
                   for part in requires.split("+"))
    if requires.startswith("cameo:"):
        return cameo_code == requires[len("cameo:"):]
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
    if requires == "actor:authority":
        # a state authority, or none named: "the governor issued a ban", "was placed under restrictions"
        return inter1 in (1, None)
    if requires == "actor:civilians":
        return inter1 == 7
    return False


def acled_types(
    plover_type: str | None, mode: str | None, inter1: int | None, inter2: int | None, *,
    target_armed: bool = False, target_demonstrators: bool = False, cameo_code: str | None = None,
) -> tuple[str | None, str | None]:
    """(ACLED event type, sub-event type), or (None, None) outside ACLED's scope.

    ``target_armed``: the target is armed though no actor was resolved for it (a
    military position, a police station, an army patrol): "recipient:armed" holds.
    ``target_demonstrators``: the target is named as demonstrators ("protesters",
    not any opposition supporters): "recipient:demonstrators" holds.
    ``cameo_code``: the event's CAMEO code, for rows that require one ("cameo:172").
    """
    if plover_type is None:
        return None, None
    for rule in acled_rules():
        if rule.plover_type != plover_type:
            continue
        if rule.mode not in ("*", mode or ""):
            continue
        if _holds(rule.requires, inter1, inter2, target_armed, target_demonstrators, cameo_code):
            return rule.event_type, rule.sub_event_type
    return None, None


# --- one incident, one ACLED type (document level) ----------------------------

#: modes that name the weapon of an Explosions/Remote violence sub-type (acled_crosswalk.tsv)
WEAPON_MODES = frozenset({"explosives", "heavy-weapons", "aerial", "suicide-attack", "grenade", "unconventional"})

#: ACLED sub-types of state force against a demonstration: the demonstration's toll is theirs
PROTEST_FORCE_SUB_TYPES = frozenset({"Excessive force against protesters", "Protest with intervention"})


def _same_side(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True  # a toll with no actor named is the named attacker's
    return _actor_key(a) == _actor_key(b)


def _actor_key(a: Actor) -> str:
    return (a.name or a.text or "").strip().lower()


def _bare(r: EventRecord) -> bool:
    """A report of violence that names no weapon and no fight: "five people were killed",
    "gunmen attacked the village". Its ACLED sub-type is only the default."""
    return r.event_type == "ASSAULT" and r.mode is None and r.acled_event_type is not None


def _donor(r: EventRecord) -> bool:
    """Violence whose ACLED sub-type the text says: the weapon (an IED, shelling, an air
    strike), a fight between two sides ("killed and injured in a clash between two
    groups"), or force against a demonstration."""
    return (r.event_type in ("ASSAULT", "COERCE") and r.acled_event_type is not None
            and (r.mode in WEAPON_MODES or r.mode == "clash" or r.acled_sub_event_type in PROTEST_FORCE_SUB_TYPES))


def _fight_sides(r: EventRecord) -> set[str]:
    return {_actor_key(a) for a in (r.actor, r.recipient) if a is not None} - {""}


def consolidate_acled(records: list[EventRecord]) -> list[EventRecord]:
    """ACLED's types for records that report parts of one incident.

    ACLED codes one event per incident, typed by what the incident was (codebook: event
    and sub-event types; event aggregation). Two parts of a report are brought together:

    - A sentence that tells the toll apart from its cause ("two soldiers were killed and
      four wounded when an IED exploded near their convoy", "several people were injured
      after security forces dispersed the protest") yields a bare record for the toll:
      it takes the sub-type of the record of the same sentence that names the weapon, the
      fight, or the force used on the demonstration.
    - A battle in which a side also shells the other ("X clashed with Y; Y fired
      artillery at X's positions") is one armed clash: shelling by or at a side of an
      explicit clash (mode "clash", ACLED armed clash) in the same document takes the
      clash's type.
    - A document that reports a demonstration (see :func:`_in_demonstration`) tells its
      violence, arrests and damage as parts of the demonstration.
    PLOVER type, mode and CAMEO code stay as the text gave them; only the ACLED fields change.
    """
    # weapons of mass destruction (CAMEO 204) are ACLED's chemical weapon however they
    # were delivered ("a helicopter dropped chlorine"): the mode may name the delivery
    records = [_retyped(r, "Explosions/Remote violence", "Chemical weapon")
               if r.cameo_code.startswith("204") and r.acled_event_type is not None else r for r in records]
    if len(records) < 2:
        return records
    out = list(records)
    by_sentence: dict[int, list[int]] = {}
    for i, r in enumerate(out):
        by_sentence.setdefault(r.evidence.sentence_index, []).append(i)
    for idxs in by_sentence.values():
        donors = [out[i] for i in idxs if _donor(out[i])]
        if not donors:
            continue
        for i in idxs:
            r = out[i]
            if not _bare(r):
                continue
            d = next((d for d in donors if d.polarity == r.polarity and _same_side(r.actor, d.actor)), None)
            if d is not None and (d.acled_event_type, d.acled_sub_event_type) != (r.acled_event_type, r.acled_sub_event_type):
                out[i] = replace(r, acled_event_type=d.acled_event_type, acled_sub_event_type=d.acled_sub_event_type)
    out = _in_demonstration(out)
    out = _one_scene(out)
    clashes = [r for r in out if r.mode == "clash" and r.acled_sub_event_type == "Armed clash" and r.polarity == "affirmed"]
    if clashes:
        sides = set().union(*(_fight_sides(c) for c in clashes))
        for i, r in enumerate(out):
            if r.acled_sub_event_type != "Shelling/artillery/missile attack" or r.polarity != "affirmed":
                continue
            if not _fight_sides(r) or _fight_sides(r) & sides:
                out[i] = replace(r, acled_event_type="Battles", acled_sub_event_type="Armed clash")
    return out


def _one_scene(records: list[EventRecord]) -> list[EventRecord]:
    """A part of an incident that the text does not place or date happened where and when the
    incident did: "Around 200 people gathered in Aalborg ... The demonstrators demanded that the
    government act" (the demand, a peaceful protest, is the gathering's), "Clashes broke out in
    the district. Three militants were killed". A record of an ACLED type with no place takes
    the place of the nearest placed record of the same ACLED event type (an earlier one on a
    tie), and its date when it has none (ACLED: one event per incident, at its location)."""
    placed = [r for r in records if r.location is not None and r.acled_event_type is not None and r.polarity == "affirmed"]
    if not placed:
        return records
    out = list(records)
    for i, r in enumerate(out):
        if r.location is not None or r.acled_event_type is None or r.polarity != "affirmed":
            continue
        same = [p for p in placed if p.acled_event_type == r.acled_event_type]
        if not same:
            continue
        here = r.evidence.sentence_index
        donor = min(same, key=lambda p: (abs(p.evidence.sentence_index - here), p.evidence.sentence_index > here))
        out[i] = replace(r, location=donor.location, date=r.date or donor.date,
                         date_precision=r.date_precision if r.date else donor.date_precision)
    return out


#: armed types that make a fight a battle rather than a riot: rebels, militias, external forces
NON_STATE_ARMED = frozenset({2, 3, 4, 8})


def _reports_demonstration(records: list[EventRecord]) -> bool:
    # opposition supporters (inter 6 by sector) are no demonstration unless one is reported
    return any(r.polarity == "affirmed" and (r.event_type == "PROTEST" or r.acled_event_type == "Protests"
                                              or r.acled_sub_event_type == "Violent demonstration")
               for r in records)


def _retyped(r: EventRecord, event_type: str, sub_event_type: str) -> EventRecord:
    if (r.acled_event_type, r.acled_sub_event_type) == (event_type, sub_event_type):
        return r
    return replace(r, acled_event_type=event_type, acled_sub_event_type=sub_event_type)


def _in_demonstration(records: list[EventRecord]) -> list[EventRecord]:
    """ACLED's demonstration types for what happens at a demonstration the document reports.

    ACLED codebook: a demonstration is typed by what happens at it. Where a document
    reports a demonstration (a PROTEST record, or a record of a protest type):
    - a fight with no rebel, militia or external force on either side (demonstrators or
      party supporters against police or each other) is a violent demonstration, not an
      armed clash;
    - damage done by no armed actor (vehicles torched, shops vandalised) is a violent
      demonstration, not looting by an armed group nor, when no one is named for it, a mob's;
    - state forces arresting unarmed people there is a protest with intervention, not
      arrests (ACLED's arrests are those outside a demonstration);
    - state forces deployed there ("police were deployed") are part of it, not a change to
      group/activity of their own;
    - state forces' violence against civilians there is used on the demonstrators:
      dispersal (tear gas, batons) a protest with intervention, other force excessive
      force against protesters;
    - a toll that names no one who did it takes the type of the demonstration's violence.
    """
    if not _reports_demonstration(records):
        return records
    out = list(records)
    for i, r in enumerate(out):
        if r.polarity != "affirmed" or r.acled_event_type is None:
            continue
        sides = {r.acled_inter1, r.acled_inter2}
        if r.acled_sub_event_type == "Armed clash" and r.mode == "clash" and not sides & NON_STATE_ARMED or r.acled_sub_event_type == "Looting/property destruction" and r.acled_inter1 not in ARMED or (
                r.mode == "vandalism" and r.acled_sub_event_type == "Mob violence" and r.acled_inter1 is None):
            out[i] = _retyped(r, "Riots", "Violent demonstration")
        elif r.acled_sub_event_type == "Arrests" and r.acled_inter1 in (1, None) and r.acled_inter2 not in ARMED:
            out[i] = _retyped(r, "Protests", "Protest with intervention")
        elif r.event_type == "MOBILIZE" and r.acled_inter1 in (1, None):
            # "police were deployed" at the demonstration: part of it, no development of its own
            out[i] = replace(r, acled_event_type=None, acled_sub_event_type=None)
        elif r.acled_sub_event_type == "Attack" and r.acled_inter1 == 1:
            if r.mode == "crowd-control":
                out[i] = _retyped(r, "Protests", "Protest with intervention")
            else:
                out[i] = _retyped(r, "Protests", "Excessive force against protesters")
    violence = next((r for r in out if r.event_type in ("ASSAULT", "PROTEST") and r.actor is not None
                     and r.acled_event_type in ("Riots", "Protests") and r.polarity == "affirmed"
                     and r.acled_sub_event_type != "Peaceful protest"), None)
    if violence is not None:
        for i, r in enumerate(out):
            if r.actor is None and r.event_type == "ASSAULT" and r.mode in (None, "clash") and r.acled_event_type in (
                    "Violence against civilians", "Battles") and r.acled_sub_event_type in ("Attack", "Armed clash"):
                out[i] = _retyped(r, violence.acled_event_type or "", violence.acled_sub_event_type or "")
    return out
