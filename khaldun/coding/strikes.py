"""Shops and markets shut as a strike or a shutdown (CAMEO 143, ACLED peaceful protest).

CAMEO 143 (conduct strike or boycott) and ACLED's protests include a general strike, a
shutdown (hartal, bandh) and traders closing their shops to protest. News tells it by the
shops rather than by a strike noun: "traders shut their shops", "shopkeepers pulled down
their shutters", "kept their businesses closed", and "most markets and shops remained closed
in response to a call given by the party" (the strike is the closure answering a call or a
protest named in the clause). A government or a force that closes shops imposes a
restriction, not a strike; shops closed for a holiday or a storm are no strike (a call, a
strike word or a protest is required where the shops are the subject).

Read only for the verbs in :data:`SHUTTING_VERBS` (a set lookup on the verb's lemma).
"""

from __future__ import annotations

from typing import Any

from khaldun.actors.acled import ARMED_INTER, acled_inter_of_words
from khaldun.coding.lexicon import Lexicon

#: verbs of closing: the only ones :func:`shop_strike` reads
SHUTTING_VERBS = frozenset({"shut", "close", "down", "pull", "keep", "remain", "stay"})
#: what traders close: a strike when they close it themselves
SHOPS = frozenset({"shop", "store", "business", "market", "shutter", "establishment", "outlet", "bazaar",
                   "marketplace", "shopfront"})
#: those who close shops by authority (a restriction, CAMEO 172): not a strike
_AUTHORITIES = frozenset({"authority", "government", "administration", "council", "municipality", "corporation",
                          "official", "ministry", "court", "magistrate", "collector", "governor", "mayor", "state",
                          "district", "city", "owner", "management", "company"})
#: words of the clause that make closed shops a strike: "in response to a call", "against", a strike noun
_STRIKE_CUES = frozenset({"call", "against", "protest", "strike", "hartal", "bandh", "shutdown", "boycott"})
_CLOSED = frozenset({"closed", "shut"})


def _subject(verb: Any) -> Any:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _by_authority(subj: Any) -> bool:
    if subj is None:
        return False
    words = " ".join(t.text for t in subj.subtree)
    return subj.lemma_.lower() in _AUTHORITIES or acled_inter_of_words(words) in (1, *ARMED_INTER)


def shop_strike(verb: Any, lex: Lexicon) -> str | None:
    """CAMEO 143 when ``verb`` tells shops shut as a strike (see the module docstring), else None."""
    lemma = verb.lemma_.lower()
    if lemma not in SHUTTING_VERBS or verb.pos_ != "VERB":
        return None
    subj = _subject(verb)
    if lemma in ("remain", "stay"):
        # "shops remained closed in response to a call": the shops are the subject
        if subj is None or subj.lemma_.lower() not in SHOPS:
            return None
        if not any(c.dep_ in ("acomp", "oprd", "xcomp") and c.lower_ in _CLOSED for c in verb.children):
            return None
        clause = [t for c in verb.children if c.dep_ in ("prep", "advcl", "npadvmod") for t in c.subtree]
        if any(t.lemma_.lower() in _STRIKE_CUES or (lex.event_noun(t) or "")[:2] == "14" for t in clause):
            return "143"
        return None
    if lemma in ("down", "pull") and lemma == "pull" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.conjuncts]
    if not any(o.lemma_.lower() in SHOPS for o in objects):
        return None
    if lemma == "keep" and not any(c.dep_ in ("acomp", "oprd", "ccomp", "xcomp") and c.lower_ in _CLOSED
                                   for t in (verb, *objects) for c in t.children):
        return None
    if subj is None or _by_authority(subj):
        return None  # "the shops were shut" (by whom?), "authorities closed the market": no strike
    return "143"
