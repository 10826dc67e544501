"""Tolls updated later in an article: "By Tuesday the death toll had risen to 21".

News gives an attack's first toll with the attack, then updates it in a later
sentence that names no new event: the subject is the toll itself ("the death
toll", "the number of dead", "the number of injured") and the verb moves it
("rose", "climbed", "reached", "was revised to", "stood at"). Such a sentence is
not an event; its figure replaces the earlier attack's count (the latest figure
is the one event datasets keep). :func:`toll_updates` finds them;
:func:`khaldun.coding.assembly` applies each to the nearest earlier attack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khaldun.counts.phrases import number_phrases
from khaldun.nlp.views import doc_sents, doc_tokens, token_table
from khaldun.records import Count

#: nouns that are a toll by themselves
TOLL_NOUNS = frozenset({"toll", "tally", "death-toll", "casualty"})
#: "the number of X": X says which count
DEAD_WORDS = frozenset({"dead", "deaths", "killed", "fatalities", "victims", "bodies", "people"})
HURT_WORDS = frozenset({"injured", "wounded", "injuries", "hurt"})
#: verbs that move a toll to a new figure
MOVING_VERBS = frozenset({
    "rise", "climb", "reach", "increase", "jump", "mount", "soar", "hit", "stand", "revise",
    "raise", "update", "grow", "swell", "double", "surge", "touch", "cross", "go", "put", "lower",
    "fall", "drop", "be",
})  # fmt: skip


#: verbs that take the toll as their object ("revised the toll to 18")
OBJECT_VERBS = frozenset({"revise", "raise", "put", "update", "lower", "bring", "increase"})


@dataclass(frozen=True, slots=True)
class TollUpdate:
    """A later figure for an earlier event's count."""

    sentence_index: int
    field: str
    """fatalities or injured"""
    count: Count


def _toll_subject(sent: Any) -> tuple[Any, str] | None:
    """(the toll noun, which count) when the sentence's subject is a toll."""
    doc, dep = sent.doc, token_table(sent.doc).dep
    toks = doc_tokens(doc)
    for tok in [toks[i] for i in range(sent.start, sent.end) if dep[i] in ("nsubj", "nsubjpass", "dobj")]:
        # "the toll rose to 21"; "officials revised the toll to 18"
        if tok.dep_ not in ("nsubj", "nsubjpass") and not (
                tok.dep_ == "dobj" and tok.head.lemma_.lower() in OBJECT_VERBS):
            continue
        low = tok.lower_
        if low in TOLL_NOUNS or tok.lemma_.lower() in TOLL_NOUNS:
            hurt = any(c.lower_ in HURT_WORDS for c in tok.subtree)
            return tok, "injured" if hurt else "fatalities"
        if low in ("number", "count", "figure"):
            words = {c.lower_ for c in tok.subtree}
            if words & HURT_WORDS:
                return tok, "injured"
            if words & DEAD_WORDS:
                return tok, "fatalities"
    return None


def sentence_update(sent: Any) -> tuple[str, Count] | None:
    """(field, new figure) when the sentence updates a toll, else None."""
    subject = _toll_subject(sent)
    if subject is None:
        return None
    noun, field = subject
    verb = noun.head
    # "rescuers pulled two more bodies out, bringing the death toll to six": the toll is the object
    if verb.lemma_.lower() not in MOVING_VERBS and not (noun.dep_ == "dobj" and verb.lemma_.lower() in OBJECT_VERBS):
        return None
    own = {t.i for t in noun.subtree}
    # the new figure: a number after the verb, outside the subject ("rose to 21")
    phrases = [p for p in number_phrases(sent) if p.start > verb.i and p.start not in own]
    if not phrases:
        return None
    p = phrases[0]
    return field, Count(p.value, p.qualifier, p.text)


def toll_updates(parsed: Any) -> list[TollUpdate]:
    """Every toll update of a parsed document, in order."""
    found: list[TollUpdate] = []
    for s_idx, sent in enumerate(doc_sents(parsed)):
        update = sentence_update(sent)
        if update is not None:
            found.append(TollUpdate(s_idx, *update))
    return found
