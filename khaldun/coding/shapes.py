"""Parse shapes that state an event without an event verb (issue 10).

Rules here read events the verb lexicon cannot see because the sentence states a
condition rather than an act: a protest held as a state ("the teachers are on hunger
strike", "the workers were on the fourth day of their strike"). They are kept apart
from readings.py so that other parse-shape rules can grow there without colliding.
"""

from __future__ import annotations

from typing import Any

from khaldun.coding.lexicon import Lexicon
from khaldun.resources import word_set

_WORDS = "reading_words.tsv"
#: verbs of being in a state: their "on" object is a protest their subject holds
#: ("are on hunger strike", "remained on strike", "went on an indefinite strike")
STATE_VERBS = word_set(_WORDS, "state_verb")
#: nouns that count the days of a protest: "on the fourth day of their hunger strike"
SPAN_NOUNS = word_set(_WORDS, "span_noun")

#: CAMEO roots of a protest held as a state
_PROTEST = "14"


def _protest_noun(tok: Any, lex: Lexicon) -> str | None:
    code = lex.event_noun(tok)
    return code if code is not None and code[:2] == _PROTEST else None


def state_event(tok: Any, lex: Lexicon) -> tuple[str | None, Any]:
    """A protest its subject is in: "X are on (hunger) strike", "X were on the third day
    of their sit-in". Returns (CAMEO code, event noun) or (None, None).

    Only a subject that names people, and only a protest noun with no definite article
    ("the focus is on the protest" talks about a protest, it holds none)."""
    if tok.pos_ not in ("AUX", "VERB") or tok.lemma_.lower() not in STATE_VERBS:
        return None, None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None, None
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "on":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            code = _protest_noun(obj, lex)
            if code is not None and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children):
                return code, obj
            if obj.lemma_.lower() in SPAN_NOUNS:
                for of in obj.children:
                    if of.dep_ == "prep" and of.lower_ == "of":
                        for inner in of.children:
                            if inner.dep_ == "pobj":
                                code = _protest_noun(inner, lex)
                                if code is not None:
                                    return code, inner
    return None, None
