"""Chemical weapons named in the sentence of an attack (ACLED's chemical weapon sub-type).

ACLED's codebook codes the use of chemical weapons as "Chemical weapon" however they were
delivered: a helicopter dropping barrel bombs that carry chlorine, shells or rockets filled
with a nerve agent, a gas released on a village. The delivery gives the record its CAMEO code
and mode (an air strike, shelling); when a chemical agent (chlorine, sarin, a nerve agent,
mustard, toxic or poison gas, a chemical weapon or attack) hangs off the attack's trigger in
its sentence (not through a relative clause, which tells another event), the record's ACLED
sub-type is the chemical weapon. Tear gas is crowd control, not a chemical
weapon (ACLED: a protest with intervention), and an organisation's name ("the Organisation for
the Prohibition of Chemical Weapons") names no agent used. Only the ACLED fields change; a gas
leak or a chemical spill is a disaster that :mod:`khaldun.coding.incidents` reads afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from khaldun.nlp.views import doc_sents, token_table
from khaldun.records import EventRecord

CHEMICAL_WEAPON = ("Explosions/Remote violence", "Chemical weapon")
#: agents named by one word
AGENTS = frozenset({"chlorine", "sarin", "vx", "tabun", "soman", "phosgene"})
#: words that make "gas" (or "agent") a chemical weapon: "poison gas", "nerve agent"
GAS_KINDS = frozenset({"toxic", "poisonous", "poison", "mustard", "nerve", "chlorine", "sarin"})
#: what "chemical" must qualify to name a weapon ("a chemical attack", not "a chemical plant")
CHEMICAL_HEADS = frozenset({"weapon", "attack", "agent", "munition", "bomb", "shell", "strike", "rocket",
                            "missile", "arm", "gas", "warfare", "assault"})
#: the ACLED types of violence an agent can turn into a chemical weapon
_VIOLENT_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians", "Battles"})


#: how many heads up from the agent the attack's trigger may be ("barrel bombs loaded with
#: cylinders containing chlorine" hangs six steps below "dropped")
_REACH = 7


def _agents(table: Any, start: int, end: int) -> list[int]:
    found = []
    for i in range(start, end):
        if table.pos[i] == "PROPN" or table.ent_type[i] in ("ORG", "LAW", "EVENT"):
            continue
        w = table.lower[i]
        if w in AGENTS or table.lemma[i].lower() in ("gas", "agent") and i > start and table.lower[i - 1] in GAS_KINDS or w == "chemical" and table.lemma[table.head[i]].lower() in CHEMICAL_HEADS and table.pos[table.head[i]] != "PROPN":
            found.append(i)
    return found


def _tied(table: Any, agent: int, triggers: set[int]) -> bool:
    """The agent hangs off the attack's trigger within :data:`_REACH` heads, not through a
    relative clause (which tells another event: "a town that was the target of a chemical
    attack", "groups it accused of a chlorine attack")."""
    j = agent
    for _ in range(_REACH):
        if j in triggers:
            return True
        if table.dep[j] in ("relcl", "acl:relcl"):
            return False
        h = table.head[j]
        if h == j:
            return False
        j = h
    return j in triggers


def chemical_weapons(records: list[EventRecord], parsed: Any) -> list[EventRecord]:
    """Attacks whose sentence names a chemical agent take ACLED's chemical weapon sub-type."""
    candidates = [r for r in records if r.event_type == "ASSAULT" and r.acled_event_type in _VIOLENT_TYPES
                  and r.acled_sub_event_type != CHEMICAL_WEAPON[1]]
    if not candidates:
        return records
    table = token_table(parsed)
    sents = doc_sents(parsed)
    agents: dict[int, list[int]] = {}
    ids = {id(r) for r in candidates}
    out = []
    for r in records:
        idx = r.evidence.sentence_index
        if id(r) in ids and 0 <= idx < len(sents):
            sent = sents[idx]
            if idx not in agents:
                agents[idx] = _agents(table, sent.start, sent.end)
            first = r.evidence.trigger.split()[0].lower() if r.evidence.trigger.split() else ""
            triggers = {i for i in range(sent.start, sent.end) if table.lower[i] == first}
            if any(_tied(table, a, triggers) for a in agents[idx]):
                r = replace(r, acled_event_type=CHEMICAL_WEAPON[0], acled_sub_event_type=CHEMICAL_WEAPON[1])
        out.append(r)
    return out
