"""Party supporters who fight: riots, not battles or attacks on civilians.

ACLED codebook (actor types; Riots): political party supporters, activists and workers with no
armed wing named are rioters when they turn violent; a fight between two such groups, or
between them and the police, is a riot (mob violence), and one by the participants of a
demonstration, strike or blockade ("pickets", "strike supporters") a violent demonstration.
Armed clashes are fights of organised armed groups (state forces, rebels, militias); violence
against civilians is an attack by an armed group on unarmed people.

The coder reads a clash whose sides the knowledge base does not resolve as an armed clash by
default ("clashes broke out", "fighting took place": sides left unnamed are armed groups, see
``acled_crosswalk.tsv``). Where the sentence names the sides as the rank and file of a party or
movement (``partisan_words.tsv``: "a clash between two groups of party activists", "ruling party
workers clashed with those of the opposition") and names no armed group among them, the record
is a riot; where the attackers are a demonstration's participants ("strike supporters set fire
to vehicles", "pickets attacked a bus") it is a violent demonstration.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from khaldun.actors.acled import ARMED_INTER, acled_inter_of_words
from khaldun.nlp.views import doc_sents
from khaldun.records import EventRecord
from khaldun.resources import lemma_roles, register_cache

ROLES = frozenset({"member", "demonstrator"})
#: what a riot of party members replaces: ACLED's types for armed sides or armed attackers
_ARMED_TYPES = frozenset({("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
                          ("Strategic developments", "Looting/property destruction")})
#: the nouns that name a demonstration its participants support ("strike supporters", "hartal activists")
_DEMONSTRATION_NOUNS = frozenset({"strike", "hartal", "bandh", "blockade", "protest", "demonstration", "rally",
                                  "shutdown", "agitation", "picket", "march", "sit-in", "dharna"})


@register_cache
@lru_cache(maxsize=1)
def partisan_words() -> dict[str, str]:
    """lemma -> role, from ``partisan_words.tsv``."""
    return lemma_roles("lexicon", "partisan_words.tsv", roles=ROLES)


def _sides(sent: Any, r: EventRecord) -> list[Any]:
    """The tokens that name who fought: the actor's words, else the sentence's subject phrases and
    a "between ..." phrase."""
    toks: list[Any] = []
    for t in sent:
        if t.lower_ == "between" and t.dep_ == "prep":
            toks += [x for x in t.subtree if x.i != t.i]
        elif t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
            toks += list(t.subtree)
    return toks


def _role_of(toks: list[Any]) -> str | None:
    words = partisan_words()
    found = None
    for t in toks:
        role = words.get(t.lemma_.lower()) or words.get(t.lower_)
        if role is None:
            continue
        if role == "member" and any(c.lemma_.lower() in _DEMONSTRATION_NOUNS for c in t.children
                                    if c.dep_ in ("compound", "amod", "nmod")):
            role = "demonstrator"  # "hartal supporters", "strike activists"
        if role == "demonstrator":
            return role
        found = role
    return found


def partisan_riots(records: list[EventRecord], parsed: Any) -> list[EventRecord]:
    """Armed clashes and attacks by party members or demonstrators, as riots."""
    if not any((r.acled_event_type, r.acled_sub_event_type) in _ARMED_TYPES for r in records):
        return records
    sents = doc_sents(parsed)
    out = []
    for r in records:
        if ((r.acled_event_type, r.acled_sub_event_type) not in _ARMED_TYPES or r.event_type != "ASSAULT"
                or r.polarity != "affirmed" or r.incident_class is not None
                or {r.acled_inter1, r.acled_inter2} & ARMED_INTER or r.acled_inter1 == 1):
            out.append(r)
            continue
        idx = r.evidence.sentence_index
        sent = sents[idx] if 0 <= idx < len(sents) else None
        if sent is None:
            out.append(r)
            continue
        if r.acled_event_type == "Battles" and r.mode != "clash":
            out.append(r)  # an attack on an armed target, not a fight of two crowds
            continue
        toks = _sides(sent, r)
        words = " ".join(t.text for t in toks)
        if acled_inter_of_words(words) in ARMED_INTER:
            out.append(r)  # "militants and party workers": an armed group is among the sides
            continue
        role = _role_of(toks)
        if role == "demonstrator":
            out.append(replace(r, acled_event_type="Riots", acled_sub_event_type="Violent demonstration"))
        elif role == "member" and (r.acled_event_type == "Battles" or r.acled_inter1 is None and r.actor is None):
            # party members who fight one another or the police; an attack told with the
            # attackers unresolved but named as party members
            out.append(replace(r, acled_event_type="Riots", acled_sub_event_type="Mob violence"))
        else:
            out.append(r)
    return out
