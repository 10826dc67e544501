"""Owners: the actor behind a thing named as an event's actor or recipient.

CAMEO and PLOVER code who acted on whom; wire copy often names the thing
instead: "shelled a government position", "ambushed a military convoy",
"drones launched by the RSF hit the airport", "a convoy of trucks chartered by
the United Nations delivered food". :func:`owner_of` returns the token that
names the owner (the government, the military, the RSF, the United Nations)
when the phrase names one; the word sets are in
``khaldun/data/lexicon/owner_words.tsv``.
"""

from __future__ import annotations

import re
from typing import Any

from khaldun.nlp.views import of_object, span_text
from khaldun.resources import word_set

_WORDS = "owner_words.tsv"
#: a post, vehicle or unit held by an armed or state body
INSTALLATIONS = word_set(_WORDS, "installation")
#: a vehicle or weapon that carries out its sender's act
CONVEYANCES = word_set(_WORDS, "conveyance")
#: a count word whose "of" object is the group ("thousands of workers")
QUANTITIES = word_set(_WORDS, "quantity")
#: common nouns that name an owner when they modify an installation
OWNER_WORDS = word_set(_WORDS, "owner")
#: people held by their captors: "the hostages were released" is the captors' release
CAPTIVES = word_set(_WORDS, "captive")

_OWNER_ENTS = ("NORP", "GPE", "ORG")


def _force_nouns() -> frozenset[str]:
    from khaldun.coding.readings import FORCE_NOUNS

    return FORCE_NOUNS


def _names_owner(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    if tok.ent_type_ in _OWNER_ENTS and tok.pos_ in ("PROPN", "ADJ", "NOUN"):
        return True
    return lemma in OWNER_WORDS or lemma in _force_nouns() or tok.lower_ in _force_nouns()


def _agent_of_participle(tok: Any) -> Any:
    """"drones launched by the RSF": the agent of a participle modifying ``tok``."""
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for a in c.children:
                if a.dep_ == "agent":
                    obj = next((g for g in a.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None


def owner_of(tok: Any, role: str = "recipient") -> Any:
    """The token naming whoever owns or sent the thing ``tok`` heads, or None.

    ``role`` is "actor" (a conveyance acts for its sender: "drones launched by X
    hit") or "recipient" (an installation stands for its holder: "shelled an army
    position"). Only nouns of the word sets are looked through; anything else
    is its own actor and gives None.
    """
    if tok is None or tok.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    for _ in range(3):
        lemma = tok.lemma_.lower()
        things = CONVEYANCES if role == "actor" else INSTALLATIONS
        if lemma in QUANTITIES or tok.lower_ in QUANTITIES or (lemma in things and tok.pos_ == "NOUN"):
            inner = of_object(tok)
            if lemma in QUANTITIES or tok.lower_ in QUANTITIES:
                if inner is None:
                    return None
                tok = inner  # "thousands of workers": the workers
                if tok.lemma_.lower() not in things:
                    return tok
                continue
            agent = _agent_of_participle(tok)
            if agent is not None:
                return agent
            own = _modifier_owner(tok)
            if own is not None:
                return own
            if inner is not None and inner.lemma_.lower() in things:
                tok = inner  # "a convoy of 14 trucks chartered by ...": look at the trucks
                continue
            return _earlier_owner(tok)
        # "hit the city's airport and a nearby military base": a listed installation's owner
        for c in tok.conjuncts:
            if c.lemma_.lower() in INSTALLATIONS and role == "recipient":
                own = _modifier_owner(c)
                if own is not None:
                    return own
        return None
    return None


def _modifier_owner(tok: Any) -> Any:
    return next((c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") and _names_owner(c)), None)


#: how far back (tokens) a definite "the checkpoint" looks for the one the article named
_ANAPHORA_REACH = 400


def _earlier_owner(tok: Any) -> Any:
    """"attacked a police checkpoint ... stormed the checkpoint": a definite installation
    with no owner of its own is the one named earlier in the article, with that one's owner."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - _ANAPHORA_REACH), -1):
        earlier = doc[i]
        if earlier.lemma_.lower() == lemma and earlier.pos_ == "NOUN":
            return _modifier_owner(earlier)
    return None


def group_of(tok: Any) -> Any:
    """"three of the hostages", "thousands of workers": the group a count is taken from, or None."""
    if tok is None or not (tok.pos_ == "NUM" or tok.lower_ in QUANTITIES or tok.lemma_.lower() in QUANTITIES):
        return None
    return of_object(tok)


_TWO_STATES = re.compile(
    r"^(?:the )?(?:two|both) (?:countries|nations|governments|states|neighbou?rs|capitals)$")


def two_states(span: Any, doc_actors: Any) -> list[Any]:
    """"the two countries exchanged prisoners": the last two states the article named before
    the phrase (their mentions' actors), or [] when the phrase is not that or they are not two."""
    # the pattern's words are three tokens at most ("the two countries"), none of which the
    # tokenizer splits: a longer phrase (most are) is not cut out and lower-cased at all
    if span.end - span.start > 3 or not _TWO_STATES.match(span_text(span).lower()):
        return []
    from khaldun.records import Actor

    found: list[str] = []
    for m in reversed(doc_actors.mentions):
        if m.end > span.start_char:
            continue
        country = m.actor.country
        if country and country not in found:
            found.append(country)
            if len(found) == 2:
                return [Actor(text=span.text, country=c, kind="country") for c in reversed(found)]
    return []

