"""The tense of an event as its trigger is written: past, present, future or unknown.

Only what the date rules need: future ("will meet", "is to visit", "plans to",
"next week") turns weekdays and month-days forward; everything else reads as past.
"""

from __future__ import annotations

from typing import Any

from khaldun.nlp.views import child_indices, token_table

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
    # the children read from the token and child tables (children in index order, as
    # spaCy's ``Token.children`` gives them): no Token objects
    doc = verb.doc
    table, kids = token_table(doc), child_indices(doc)
    dep, low = table.dep, table.lower
    for v in chain:
        if any(dep[c] in ("aux", "auxpass") and low[c] in _FUTURE_AUX for c in kids[v.i]):
            return "future"
        if v is not verb and v.lemma_ in _FUTURE_LEMMAS:
            return "future"
        if v is not verb and v.lower_ == "going" and any(low[c] == "to" for c in kids[verb.i]):
            return "future"
    tag = verb.tag_
    if tag == "VBD":
        return "past"
    if tag == "VBN":
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    if tag == "VBG" or tag == "VB":
        for c in kids[verb.i]:
            if dep[c] in ("aux", "auxpass"):
                if table.tag[c] == "VBD":
                    return "past"
                if table.tag[c] in ("VBZ", "VBP"):
                    return "present"
        if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:
            return tense_of(verb.head) if verb.head.pos_ in ("VERB", "AUX") else "unknown"
    return "unknown"
