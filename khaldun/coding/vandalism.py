"""Street damage: vandalism and the burning of vehicles (ACLED's riots, not looting).

ACLED's codebook types property destruction by who did it and where it happens: a violent
demonstration includes vandalism and the burning of tyres or vehicles by demonstrators, mob
violence is rioters (an unorganised crowd, people no organisation is named for) damaging
property, and looting/property destruction (strategic development) is the destruction an
organised armed actor carries out outside a riot or a clash (troops or militias burning
houses and villages). A vehicle set on fire or smashed in the street, or anything
"vandalised", with no armed actor named, is therefore a riot's damage, and a deliberate act
(its "set on fire" is no accidental fire: the incident classes leave it alone).

The cheap test runs only for CAMEO 1712 (destroy property): the trigger's lemma and the
lemmas of its objects against two small sets (mode "vandalism", acled_crosswalk.tsv).
"""

from __future__ import annotations

from typing import Any

from khaldun.coding.lexicon import object_tokens

#: verbs that say the damage was vandalism (ACLED: a violent demonstration "includes vandalism")
VANDALISM_VERBS = frozenset({"vandalize", "vandalise", "vandalized", "vandalised"})

#: vehicles and street furniture: what rioters burn or smash in the street
STREET_PROPERTY = frozenset({
    "bus", "minibus", "microbus", "car", "vehicle", "truck", "lorry", "van", "rickshaw",
    "autorickshaw", "auto-rickshaw", "tempo", "motorcycle", "motorbike", "taxi", "cab",
    "taxicab", "tyre", "tire", "jeep", "coach", "tanker", "scooter", "bike",
})


def _damaged(trigger: Any) -> list[Any]:
    """What was destroyed: the objects (or the passive subject), and the object of "to" in
    "set fire to", with conjuncts ("torched two buses and a car")."""
    out = list(object_tokens(trigger))
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            for g in c.children:
                if g.dep_ == "pobj" and g.lemma_.lower() != "death":
                    out.append(g)
                    out.extend(g.conjuncts)
    return out


#: what rioters do to vehicles: burn and smash them (not "destroy" or "damage", which war does too)
_STREET_VERBS = frozenset({"torch", "set", "burn", "smash", "torched", "burnt"})

#: causes that are no one's act: "a fire damaged three buses", "the storm smashed cars"
_NATURAL_CAUSES = frozenset({"fire", "blaze", "flame", "flood", "storm", "explosion", "blast", "accident",
                             "collision", "crash", "landslide", "cyclone", "earthquake", "wind", "tree"})


def street_damage(trigger: Any) -> bool:
    """Does the destruction told by ``trigger`` (CAMEO 1712) read as vandalism or the burning
    of vehicles: "vandalised the office", "a bus was torched", "set fire to a car"? Damage done
    by a fire, a storm or a crash is not (the incident classes' accidents)."""
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in _NATURAL_CAUSES for c in trigger.children):
        return False
    lemma = trigger.lemma_.lower()
    if lemma in VANDALISM_VERBS:
        return True
    if lemma not in _STREET_VERBS:
        return False  # "destroyed", "damaged": shelling and fighting destroy vehicles too
    return any(t.lemma_.lower() in STREET_PROPERTY or t.lower_ in STREET_PROPERTY for t in _damaged(trigger))
