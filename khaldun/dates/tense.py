"""The tense of an event as its trigger is written: past, present, future or unknown.

Only what the date rules need: future ("will meet", "is to visit", "plans to",
"next week") turns weekdays and month-days forward; everything else reads as past.
"""

from __future__ import annotations

from typing import Any

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
_FUTURE_LEMMAS = {"plan", "expect", "schedule", "due", "set", "intend", "prepare", "aim"}


def _verb_of(token: Any) -> Any:
    """The verb that governs ``token`` (itself when it is a verb)."""
    tok = token
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    return token


def tense_of(token: Any) -> str:
    """past, present, future or unknown for the clause of ``token``."""
    verb = _verb_of(token)
    chain = [verb]
    # "is expected to meet", "plans to visit": look one xcomp level up
    if verb.dep_ == "xcomp" and verb.head is not verb:
        chain.append(verb.head)
    for v in chain:
        for child in v.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
                return "future"
            if child.dep_ == "aux" and child.lower_ == "to" and v is not verb:
                pass
        if v is not verb and v.lemma_ in _FUTURE_LEMMAS:
            return "future"
        if v is not verb and v.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
            return "future"
    tag = verb.tag_
    if tag == "VBD":
        return "past"
    if tag == "VBN":
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    if tag == "VBG" or tag == "VB":
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass"):
                if child.tag_ == "VBD":
                    return "past"
                if child.tag_ in ("VBZ", "VBP"):
                    return "present"
        if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:
            return tense_of(verb.head) if verb.head.pos_ in ("VERB", "AUX") else "unknown"
    return "unknown"
