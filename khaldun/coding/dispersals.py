"""Crowds dispersed: force used to break up a demonstration the document names.

ACLED codebook (Protests): a protest with intervention is a peaceful protest that state forces
try to disperse or suppress without lethal force (arrests, tear gas, batons, water cannon); the
force is coded as part of the protest, not as an attack on civilians. The coder types state
force on a demonstration so where the demonstration is itself a record
(:func:`khaldun.coding.acled._in_demonstration`); a dispersal (CAMEO 175, or the mode
"crowd-control") often names the demonstration only as what it broke up ("police broke up a
student protest", "security forces dispersed villagers who were holding a sit-in"), or tells
it in another sentence of the document with no record of its own ("they attempted to hold a
second day of protests"). Where a document names a demonstration or demonstrators anywhere
(``demonstration_signs.tsv``), an attack by state forces (or by no one named) that is a
dispersal is a protest with intervention.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from khaldun.coding.demonstrations import demonstration_signs
from khaldun.nlp.views import token_table
from khaldun.records import EventRecord

#: CAMEO codes of dispersal: violent repression (175 covers crowd control in our lexicon)
_DISPERSAL_CODES = frozenset({"175"})


def _names_demonstration(parsed: Any) -> bool:
    signs = demonstration_signs()
    table = token_table(parsed)
    for i in range(len(table.lemma)):
        if table.pos[i] not in ("NOUN", "VERB"):
            continue
        if signs.get(table.lemma[i].lower()) == "demonstration" or signs.get(table.lower[i]) == "demonstration":
            return True
    return False


def dispersed_demonstrations(records: list[EventRecord], parsed: Any) -> list[EventRecord]:
    """State dispersals typed as attacks on civilians, in a document that names a demonstration,
    as protests with intervention."""
    targets = [r for r in records if r.acled_sub_event_type == "Attack" and r.polarity == "affirmed"
               and (r.mode == "crowd-control" or r.cameo_code in _DISPERSAL_CODES) and r.acled_inter1 in (1, None)]
    if not targets or not _names_demonstration(parsed):
        return records
    chosen = {id(r) for r in targets}
    return [replace(r, acled_event_type="Protests", acled_sub_event_type="Protest with intervention")
            if id(r) in chosen else r for r in records]
