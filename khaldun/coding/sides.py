"""The ACLED actor type of a side a fight's noun names, where its words name no organisation.

"a clash between police and youths", "clashes between two groups of party activists",
"clashes between villagers and forest guards": ACLED's codebook types unorganised crowds
that fight (youths, party activists and supporters, villagers, residents, students) as
rioters, and a fight with rioters on a side as a riot (mob violence or violent
demonstration), not an armed clash, which is between organised armed groups. A side whose
words name an armed or state actor keeps that type (khaldun/actors/acled.py); a side named
only by a proper name (an armed group's acronym) stays unknown and the fight an armed clash.
"""

from __future__ import annotations

from typing import Any

from khaldun.actors.acled import RIOTERS, acled_inter_of_words

__all__ = ["RIOTERS", "UNORGANISED", "side_inter"]

#: heads of phrases that name an unorganised crowd (ACLED's rioters when they fight)
UNORGANISED = frozenset({
    "youth", "youngster", "activist", "supporter", "worker", "cadre", "villager", "resident", "student",
    "people", "local", "farmer", "mob", "crowd", "man", "villagers", "residents", "locals", "trader", "vendor",
})


def side_inter(words: str, head: Any) -> int | None:
    """ACLED actor type of a side of a fight: from its ``words`` (khaldun/actors/acled.py), else
    rioters when the phrase's ``head`` names an unorganised crowd, else None."""
    found = acled_inter_of_words(words)
    if found is None and head is not None and head.lemma_.lower() in UNORGANISED and head.pos_ == "NOUN":
        return RIOTERS
    return found
