"""Who an arrest or an attack was done to, read from the clauses around its trigger.

People arrested or hit while they demonstrate are demonstrators (ACLED: protest with
intervention); what was fired upon is the attack's target (:func:`fired_upon`).

ACLED's codebook: arrests of demonstrators at a demonstration are a protest with
intervention, not arrests (its arrests are those outside a demonstration), and force used
on them is force against protesters. :func:`khaldun.coding.assembly` already reads people
described as demonstrating by a modifier ("students who were protesting"). The text also
says it with a clause of time on the arrest ("were picked up when they were protesting",
"were arrested while they were staging a demonstration", "when they attempted to lay siege
to the office") or with a relative clause whose purpose is a demand ("members who
interrupted a ceremony to demand ..."). Only the trigger's own children are read.
"""

from __future__ import annotations

from typing import Any

from khaldun.coding.lexicon import Lexicon, object_tokens

#: subordinators of a clause of time: the arrest happened during what it tells
_DURING = frozenset({"when", "while", "as"})
#: obstruction nouns a demonstration lays ("laid siege to the office"): CAMEO 191 by no armed actor is 144
_SIEGES = frozenset({"siege", "blockade", "gherao"})


def _demonstrates(verb: Any, lex: Lexicon) -> bool:
    """Does ``verb`` (or the open clause it governs: "attempted to lay siege") tell a
    demonstration (CAMEO 14x), by itself or by its light-verb object ("staging a protest")?"""
    for v in (verb, *(g for g in verb.children if g.dep_ == "xcomp" and g.pos_ == "VERB")):
        entry = lex.match_verb(v)
        if entry is not None and entry.cameo[:2] == "14":
            return True
        for o in object_tokens(v):
            if (lex.event_noun(o) or "")[:2] == "14" or o.lemma_.lower() in _SIEGES:
                return True
    return False


def seized_while_demonstrating(trigger: Any, recipient_tok: Any, lex: Lexicon, protest_purpose: Any) -> bool:
    """Were the people ``trigger`` (an arrest or an attack) acted on demonstrating at the time:
    a "when"/"while" clause on the trigger that tells a demonstration, or a relative clause on
    the recipient with a demand as its purpose (``protest_purpose``: the readings' test of a
    purpose clause, "to demand ...")?"""
    for c in trigger.children:
        if (c.dep_ == "advcl" and c.pos_ == "VERB" and any(m.dep_ in ("mark", "advmod") and m.lower_ in _DURING for m in c.children)
                and _demonstrates(c, lex)):
            return True
    if recipient_tok is not None:
        for c in recipient_tok.children:
            if c.dep_ == "relcl" and c.pos_ == "VERB" and (_demonstrates(c, lex) or any(protest_purpose(g) for g in c.children)):
                return True
    return False


#: prepositions of what is fired upon: "fired on a border outpost", "firing at the posts"
_UPON = frozenset({"on", "at", "upon"})


def fired_upon(trigger: Any, noun: Any) -> list[Any]:
    """What the attack told by ``trigger`` (or by its event ``noun``) was aimed at, named by a
    preposition: "fired on a border outpost", "resorted to firing on forward posts". ACLED: an
    attack on an armed force's position is an armed clash."""
    return [g for t in (trigger, noun) if t is not None for c in t.children
            if c.dep_ == "prep" and c.lower_ in _UPON for g in c.children if g.dep_ == "pobj"]
