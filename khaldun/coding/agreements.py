"""ACLED's Agreement read from what was agreed or exchanged (issue 10, session 6).

The ACLED codebook's Agreement (a strategic development) records any agreement between
conflict actors: peace agreements and ceasefires, evacuation deals, prisoner exchanges and
releases, surrenders. Two readings reach it that the CAMEO code alone does not tell:

- a formal agreement signed or concluded (CAMEO 057) is an Agreement when what was signed
  is a ceasefire, a truce, an armistice or a peace agreement ("signed a peace deal",
  "concluded a truce"); a trade or a cooperation agreement stays outside ACLED's scope.
  Such a record takes the mode ``ceasefire`` (as CAMEO 0871, a truce declared).
- prisoners released in an exchange ("exchanged prisoners", "a prisoner swap") are an
  agreement between the two sides whoever they are (mode ``exchange``); a release by one
  side alone keeps CAMEO 0841's mode ``release`` (an Agreement when an armed actor frees).

- an intent to cooperate (CAMEO 03) is an Agreement when what was agreed is a ceasefire or
  a peace agreement, or one of the codebook's settlements (to release, exchange or free
  prisoners, to evacuate, surrender, disarm, withdraw or hand over, to stop fighting):
  mode ``ceasefire``. Otherwise it is one only between two armed actors ("the army and
  the rebels agreed to talks"); "Russia agreed to offer assistance" is diplomacy.

The crosswalk rows (``acled_crosswalk.tsv``): SUPPORT and AGREE ``ceasefire`` and RETREAT
``exchange`` give Strategic developments / Agreement; AGREE otherwise needs
``actor:armed+recipient:armed``.
"""

from __future__ import annotations

from typing import Any

#: what a peace agreement is called; "peace" itself only as the agreement's modifier
PEACE_WORDS = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})
PEACE_MODIFIED = frozenset({"agreement", "deal", "accord", "treaty", "pact", "plan", "settlement", "protocol"})
#: an exchange is bilateral by its word: "exchanged prisoners", "a prisoner swap"
EXCHANGE_LEMMAS = frozenset({"exchange", "swap", "trade"})


def _names_peace(tokens: Any) -> bool:
    """A ceasefire, a truce or a peace agreement is named among ``tokens``."""
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma in PEACE_WORDS or t.lower_ in PEACE_WORDS:
            return True
        if lemma == "cease" and any(c.lower_ == "fire" for c in t.head.subtree):
            return True
        if lemma == "peace" and t.dep_ in ("compound", "amod", "nmod") and t.head.lemma_.lower() in PEACE_MODIFIED:
            return True
    return False


#: what an agreement between conflict actors settles (the codebook's list): a ceasefire, an
#: evacuation, a prisoner exchange or release, a surrender, a withdrawal or handover
SETTLING_LEMMAS = frozenset({
    "release", "free", "exchange", "swap", "evacuate", "surrender", "disarm", "withdraw", "hand",
    "cease", "halt", "stop", "end", "demobilize", "demobilise", "lay",
})


def agreement_mode(code: str, trigger: Any, clause: Any) -> str | None:
    """The mode that makes the record an ACLED Agreement, or None (see the module docstring).

    ``trigger``: the event's trigger token; ``clause``: the tokens of its clause.
    """
    if code == "057":
        # what was signed: the trigger's objects and their modifiers, or the event noun's own words
        objects = [t for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "pobj", "attr") for t in c.subtree]
        if trigger.pos_ == "NOUN":
            objects += list(trigger.subtree)
        return "ceasefire" if _names_peace(objects) else None
    if code[:2] == "03":
        # "agreed to a ceasefire", "agreed to release the prisoners", "pledged to withdraw":
        # what the sides agreed is one of the codebook's agreements; an intent to cooperate,
        # to provide aid or to meet is not (crosswalk: AGREE needs an armed actor and an
        # armed recipient otherwise)
        said = [t for c in trigger.children if c.dep_ in ("xcomp", "prep", "dobj", "ccomp") for t in c.subtree]
        if _names_peace(said):
            return "ceasefire"
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in SETTLING_LEMMAS for c in trigger.children):
            return "ceasefire"
        return None
    if code == "0841":
        lemma = trigger.lemma_.lower()
        if lemma in EXCHANGE_LEMMAS:
            return "exchange"
        # "prisoners were freed in an exchange", "released as part of a swap"
        if any(t.lemma_.lower() in ("exchange", "swap") and t.pos_ == "NOUN" for t in clause):
            return "exchange"
    return None
