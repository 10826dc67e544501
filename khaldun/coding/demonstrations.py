"""Violent demonstrations: what demonstrators did, told in the demonstration's sentence.

ACLED codebook: a demonstration is a violent demonstration (Riots) when the demonstrators
engage in violence or destruction: they clash with the police or with others, throw stones,
vandalise or burn property. Force used on demonstrators who stay peaceful is a protest with
intervention or excessive force against protesters; force used in a clash with violent
demonstrators is part of the violent demonstration. The coder reads each act apart: a rally
(a peaceful protest), police firing tear gas (force against protesters), a toll (an attack).
Where one sentence names the demonstration and tells its violence ("protesters rallied and
clashed with police", "dozens were wounded as police used tear gas in clashes with
stone-throwing protesters", "violent protests erupted"), these records are the one violent
demonstration. A sentence that calls the demonstration peaceful is never read so. Where the
sentence names a demonstration but no violence of the demonstrators, an attack by state forces
(or by no one named) is force used on it: a protest with intervention when it is crowd control
(tear gas, batons, water cannon), else excessive force against protesters.

The words are in ``khaldun/data/lexicon/demonstration_signs.tsv``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from khaldun.coding.attribution import REPORTING_HEADS
from khaldun.nlp.views import doc_sents, token_table
from khaldun.records import EventRecord
from khaldun.resources import lemma_roles, register_cache

VIOLENT_DEMONSTRATION = ("Riots", "Violent demonstration")
#: ACLED sub-types that, in a violent demonstration's sentence, are parts of it: the protest itself,
#: the force used on the demonstrators, a toll or fight with no armed group on either side
_PARTS = frozenset({
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Attack", "Armed clash",
    "Mob violence",
})
#: armed non-state sides (rebels, militias, external forces): their fight is no demonstration
_ARMED_NON_STATE = frozenset({2, 3, 4, 8})
ROLES = frozenset({"demonstration", "violence", "peaceful"})
#: acts that are themselves a demonstration, violent or not (blockades, marches, strikes, rioting)
_DEMONSTRATING = frozenset({
    "block", "blockade", "barricade", "protest", "demonstrate", "march", "rally", "picket", "strike", "riot",
    "agitate", "gherao", "occupy",
})
#: what a "riot" modifier names when it is the state's ("riot police", "riot gear", "riot control")
_EQUIPPED = frozenset({"police", "policeman", "officer", "force", "gear", "squad", "unit", "shield", "control", "cop", "trooper"})


@register_cache
@lru_cache(maxsize=1)
def demonstration_signs() -> dict[str, str]:
    """lemma -> role, from ``demonstration_signs.tsv``."""
    return lemma_roles("lexicon", "demonstration_signs.tsv", roles=ROLES)


def _roles(table: Any, start: int, end: int) -> set[str]:
    signs = demonstration_signs()
    found: set[str] = set()
    for i in range(start, end):
        role = signs.get(table.lemma[i].lower()) or signs.get(table.lower[i])
        if role is None:
            continue
        if role == "demonstration" and table.pos[i] not in ("NOUN", "VERB"):
            continue  # "14 March 2022": the month, not a march
        if role == "violence" and table.dep[i] in ("compound", "amod") and table.lemma[table.head[i]].lower() in _EQUIPPED:
            continue  # "riot police", "riot gear": the force, not the demonstrators' violence
        found.add(role)
    return found


#: ACLED sub-types read from who acted (demonstrators) rather than from what was done
_BY_DEMONSTRATORS = frozenset({"REQUEST", "ACCUSE", "REJECT"})


def reported_by_activists(records: list[EventRecord], parsed: Any) -> list[EventRecord]:
    """Activists who *report* something do not demonstrate.

    ACLED codes what demonstrators do as a protest: demonstrators who demand, denounce or
    reject are demonstrating. An accusation the coder derives from a report ("activists say
    troops shelled the town", "the movement claimed that 27 members were kidnapped") is the
    activists' statement about someone else's act: no demonstration, so no ACLED type.
    """
    if not any(r.acled_sub_event_type == "Peaceful protest" and r.event_type in _BY_DEMONSTRATORS for r in records):
        return records
    table = token_table(parsed)
    sents = doc_sents(parsed)
    out = []
    for r in records:
        if r.acled_sub_event_type == "Peaceful protest" and r.event_type in _BY_DEMONSTRATORS:
            idx = r.evidence.sentence_index
            sent = sents[idx] if 0 <= idx < len(sents) else None
            first = (r.evidence.trigger.split() or [""])[0].lower()
            lemmas = {table.lemma[i].lower() for i in range(sent.start, sent.end) if table.lower[i] == first} if sent else set()
            if lemmas & REPORTING_HEADS:
                r = replace(r, acled_event_type=None, acled_sub_event_type=None)
        out.append(r)
    return out


def _victims_demonstrate(r: EventRecord) -> bool:
    """No victims are named apart from the demonstration, or they are named as demonstrators."""
    if r.recipient is None:
        return True
    signs = demonstration_signs()
    words = (w.strip(".,;:()\"'").lower() for w in (r.recipient.text or "").split())
    return any(signs.get(w) == "demonstration" or signs.get(w.rstrip("s")) == "demonstration" for w in words)


def violent_demonstrations(records: list[EventRecord], parsed: Any) -> list[EventRecord]:
    """Records of a demonstration whose sentence tells its violence, as a violent demonstration;
    state force used on a demonstration whose violence is not told, as force against protesters."""
    if not any(r.acled_sub_event_type in _PARTS or r.acled_sub_event_type == "Violent demonstration" for r in records):
        return records
    table = token_table(parsed)
    sents = doc_sents(parsed)
    roles: dict[int, set[str]] = {}
    out = []
    for r in records:
        if r.acled_sub_event_type not in _PARTS or r.polarity != "affirmed" or r.incident_class is not None:
            out.append(r)
            continue
        if {r.acled_inter1, r.acled_inter2} & _ARMED_NON_STATE or (r.acled_inter1 == 1 and r.acled_inter2 == 1):
            out.append(r)  # armed groups, or two state forces, fight battles, not demonstrations
            continue
        idx = r.evidence.sentence_index
        if idx not in roles:
            sent = sents[idx] if 0 <= idx < len(sents) else None
            roles[idx] = _roles(table, sent.start, sent.end) if sent is not None else set()
        found = roles[idx]
        if {"demonstration", "violence"} <= found and "peaceful" not in found:
            out.append(replace(r, acled_event_type=VIOLENT_DEMONSTRATION[0], acled_sub_event_type=VIOLENT_DEMONSTRATION[1]))
        elif "demonstration" in found and r.acled_sub_event_type == "Attack" and r.acled_inter1 in (1, None) and (
                r.actor is None or r.acled_inter1 == 1) and _victims_demonstrate(r):
            # "killed as a result of army attacks against peaceful protesters", "security forces shot
            # live rounds to clear protests": state force (or force no one is named for) used on a
            # demonstration whose violence the sentence does not tell
            sub = "Protest with intervention" if r.mode == "crowd-control" else "Excessive force against protesters"
            out.append(replace(r, acled_event_type="Protests", acled_sub_event_type=sub))
        else:
            out.append(r)
    return _without_demonstration(out, table, sents, roles)


def _trigger_lemma(r: EventRecord, table: Any, sents: Any) -> str:
    idx = r.evidence.sentence_index
    if not 0 <= idx < len(sents):
        return ""
    first = (r.evidence.trigger.split() or [""])[0].lower()
    sent = sents[idx]
    return next((table.lemma[i].lower() for i in range(sent.start, sent.end) if table.lower[i] == first), "")


def _without_demonstration(records: list[EventRecord], table: Any, sents: Any, roles: dict[int, set[str]]) -> list[EventRecord]:
    """Riots where the document tells no demonstration are mob violence.

    ACLED codebook: a violent demonstration is a demonstration whose participants turn violent;
    violence by a mob or an unorganised crowd with no demonstration (a lynching, a mob that
    vandalises temples) is mob violence. The coder reads violence by a crowd as a riot (CAMEO 145,
    a violent demonstration); where no sentence of the document names a demonstration or
    demonstrators, no act is itself a demonstration (a blockade, a march, rioting) or done for a
    demand told in its sentence, and the actor
    is not named as demonstrators, it is mob violence: "a mob lynched a man", "rioters hurled
    stones at a bus".
    """
    if not any(r.acled_sub_event_type == "Violent demonstration" for r in records):
        return records
    for i in range(len(sents)):
        if i not in roles:
            roles[i] = _roles(table, sents[i].start, sents[i].end)
        if "demonstration" in roles[i]:
            return records
    claims = {r.evidence.sentence_index for r in records if r.event_type in _BY_DEMONSTRATORS}
    for r in records:
        if r.event_type == "PROTEST" and (r.cameo_code != "145" or _trigger_lemma(r, table, sents) in _DEMONSTRATING
                                          or r.evidence.sentence_index in claims):
            # "blocked the road with burning tyres", "students rioted", "set fire to tyres to demand
            # a raise": a demonstration's act, or damage done for a demand
            return records
    return [replace(r, acled_sub_event_type="Mob violence")
            if r.acled_sub_event_type == "Violent demonstration" and r.acled_inter1 != 6 else r for r in records]


#: verbs that hold a demonstration under its own name: "staged a 'chakka jam'", "held a 'dharna'"
_HOLDING_VERBS = frozenset({"stage", "hold", "organise", "organize", "observe"})


def quoted_protest(noun: Any, verb_lemma: str) -> str | None:
    """CAMEO 141 for a quoted, named action held against something: "staged a 'rail roko'
    against the fare hike", "held a 'padayatra' against the dam" (ACLED: a public
    demonstration against a policy, whatever its local name; the lexicon cannot list every
    local word, the quotes say the name is a programme's, the "against" says it opposes).
    None otherwise. Read only for the object of a holding verb that is no event noun."""
    if verb_lemma not in _HOLDING_VERBS or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    doc = noun.doc
    left = noun.left_edge.i
    quoted = any(t.is_quote for t in doc[left:noun.i + 1]) or (left > 0 and doc[left - 1].is_quote) or (
        noun.i + 1 < len(doc) and doc[noun.i + 1].is_quote)
    if not quoted:
        return None
    verb = noun.head
    against = any(t.dep_ == "prep" and t.lower_ == "against" for t in verb.subtree) if verb.i != noun.i else False
    return "141" if against else None
