"""Non-political incidents: disasters and organised crime (the record's ``incident_class``).

A toll is not an attack when no one inflicted it: people "killed when a tsunami hit the
coast", "injured as a boiler exploded at a chemical plant", "dead after a gas leak" died in a
disaster. EM-DAT's classification of disasters tells them apart: natural disasters come from
a natural hazard (geophysical, meteorological, hydrological, climatological, biological);
technological ("man-made") disasters are industrial, transport and other accidents
(explosions, fires, collapses, gas leaks, chemical and oil spills, poisoning; air, water,
rail and road accidents). ACLED codes political violence only: a disaster is outside its
scope, so such a record keeps what the text said (its CAMEO reading, toll, place and date)
but loses its ACLED type and says what it was in ``incident_class``.

Organised crime (gangs, cartels, smuggling and trafficking networks, drug trade, fraud rings)
acts for material gain, not a political purpose (ACLED's note on organised crime): an arrest
or a seizure over drugs, contraband or smuggling is not one of ACLED's (political) arrests and
loses its ACLED type; violence by a gang or a cartel, and arrests of its members, keep their
ACLED type (ACLED codes large organised criminal groups as actors where they contest the
state: gang wars, crackdowns on gangs) and are marked too.

The words are in ``khaldun/data/lexicon/incidents.tsv`` (roles hazard, failure, mishap,
setting, accident, attack, crime, criminal). Where the sentence shows a sign of deliberate
violence (an attack, a bomb, militants, a clash, protesters), no disaster is read.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from khaldun.errors import DataError
from khaldun.nlp.views import doc_sents, token_table
from khaldun.records import EventRecord
from khaldun.resources import data_lines, register_cache

NATURAL = "natural_disaster"
MAN_MADE = "man_made_disaster"
CRIME = "organized_crime"
INCIDENT_CLASSES = (NATURAL, MAN_MADE, CRIME)
"""the values of ``EventRecord.incident_class`` (None: a political event)"""

ROLES = frozenset({"hazard", "failure", "mishap", "setting", "accident", "attack", "crime", "criminal"})
#: CAMEO codes of arrests and seizures: over organised crime's matter they are no political arrest
ARREST_CODES = frozenset({"173", "1711", "171"})
#: violence a criminal modifier does not make organised crime ("gang rape", "gang violence" by a mob)
_NOT_CRIME_HEADS = frozenset({"rape", "violence", "war", "attack", "clash", "fight", "lynching"})
_NOUNS = frozenset({"NOUN", "PROPN"})


@register_cache
@lru_cache(maxsize=1)
def incident_words() -> dict[str, tuple[str, bool]]:
    """lemma -> (role, noun only), from ``incidents.tsv``."""
    out: dict[str, tuple[str, bool]] = {}
    for line in data_lines("lexicon", "incidents.tsv"):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "lemma":
            continue
        if len(parts) != 3 or parts[1] not in ROLES or parts[2] not in ("noun", "-"):
            raise DataError(f"lexicon/incidents.tsv: bad row {line!r}")
        out[parts[0].lower()] = (parts[1], parts[2] == "noun")
    return out


def _sentence_roles(table: Any, start: int, end: int) -> dict[str, list[int]]:
    """The roles the sentence's words play, with the token indices that play them."""
    words = incident_words()
    found: dict[str, list[int]] = {}
    for i in range(start, end):
        entry = words.get(table.lemma[i].lower()) or words.get(table.lower[i])
        if entry is None:
            continue
        role, noun_only = entry
        if noun_only and table.pos[i] not in _NOUNS:
            continue
        if role == "criminal" and table.dep[i] in ("compound", "amod") and table.lemma[table.head[i]].lower() in _NOT_CRIME_HEADS:
            continue
        found.setdefault(role, []).append(i)
    return found


def _near(table: Any, tokens: list[int], target: set[int], steps: int = 3) -> bool:
    """One of ``tokens`` hangs off a token of ``target`` within ``steps`` heads ("hit by an earthquake")."""
    for i in tokens:
        j = i
        for _ in range(steps):
            if j in target:
                return True
            h = table.head[j]
            if h == j:
                break
            j = h
        if j in target:
            return True
    return False


def _trigger_tokens(table: Any, start: int, end: int, trigger: str) -> set[int]:
    first = trigger.split()[0].lower() if trigger.split() else ""
    return {i for i in range(start, end) if table.lower[i] == first}


def _words_of(text: str | None) -> set[str]:
    return {w.strip(".,;:()\"'").lower() for w in (text or "").split()}


def _disaster(r: EventRecord, roles: dict[str, list[int]], doc_roles: set[str], table: Any, trigger: set[int]) -> str | None:
    if "attack" in roles:
        return None  # deliberate violence told in the sentence
    words = incident_words()
    actor_roles = {words.get(w, ("", False))[0] for w in _words_of(r.actor.text if r.actor else None)}
    unnamed = r.actor is None or bool(actor_roles & {"hazard", "failure", "mishap"})
    if "hazard" in roles and (unnamed or _near(table, roles["hazard"], trigger)):
        return NATURAL
    if unnamed and "mishap" in roles:
        return MAN_MADE
    if unnamed and "failure" in roles and ("setting" in roles or "accident" in roles):
        return MAN_MADE
    if r.actor is None and "attack" not in doc_roles:
        # "The blasts killed at least 50 people" after "explosions tore through an industrial
        # area": the toll of an accident the document told
        if "hazard" in doc_roles and not ({"failure", "mishap"} & set(roles)):
            return NATURAL
        if ({"failure", "mishap"} & set(roles) or {"failure", "mishap"} & doc_roles) and (
                "setting" in doc_roles or "accident" in doc_roles or "mishap" in doc_roles):
            return MAN_MADE
    return None


#: sectors of people whose arrest is political whatever else the document tells (ACLED's arrests)
POLITICAL_SECTORS = frozenset({"OPP", "PTY", "GOV", "LEG", "JUD", "MED", "NGO", "REB", "INS", "MIL", "ACT", "LAB", "EDU", "REL"})


def _crime(r: EventRecord, roles: dict[str, list[int]], doc_roles: set[str]) -> bool:
    words = incident_words()

    def criminal(a: Any) -> bool:
        if a is None:
            return False
        return a.sector == "CRM" or any(words.get(w, ("", False))[0] == "criminal" for w in _words_of(a.text))

    if r.cameo_code in ARREST_CODES or r.cameo_code[:3] in ARREST_CODES:
        if criminal(r.recipient):
            return True
        if r.recipient is not None and r.recipient.sector in POLITICAL_SECTORS:
            return False  # a journalist, an activist, an official arrested: political whatever the matter
        # "arrested with 40 kg of heroin"; "nine suspects were members of a fraud ring. A court
        # ordered them held": the sentence's, else the document's crime
        return "crime" in roles or "criminal" in roles or (
            ("crime" in doc_roles or "criminal" in doc_roles) and "attack" not in roles)
    if r.event_type == "ASSAULT":
        return criminal(r.actor)
    return False


def _gang(r: EventRecord, roles: dict[str, list[int]]) -> bool:
    """The arrest names members of a criminal group (a gang, a cartel), not only a crime's matter."""
    words = incident_words()
    return "criminal" in roles or (r.recipient is not None and (r.recipient.sector == "CRM" or any(
        words.get(w, ("", False))[0] == "criminal" for w in _words_of(r.recipient.text))))


def classify_incidents(records: list[EventRecord], parsed: Any) -> list[EventRecord]:
    """``incident_class`` for the records of a document (see the module docstring)."""
    if not records:
        return records
    table = token_table(parsed)
    sents = doc_sents(parsed)
    per_sentence: dict[int, dict[str, list[int]]] = {}
    doc_roles: set[str] | None = None

    def roles_of(idx: int) -> dict[str, list[int]]:
        found = per_sentence.get(idx)
        if found is None:
            sent = sents[idx] if 0 <= idx < len(sents) else None
            found = per_sentence[idx] = _sentence_roles(table, sent.start, sent.end) if sent is not None else {}
        return found

    out = []
    for r in records:
        violent = r.event_type == "ASSAULT"
        arrest = r.cameo_code in ARREST_CODES or r.cameo_code[:3] in ARREST_CODES
        if not (violent or arrest):
            out.append(r)
            continue
        idx = r.evidence.sentence_index
        roles = roles_of(idx)
        found: str | None = None
        if doc_roles is None:
            doc_roles = set()
            for i in range(len(sents)):
                doc_roles.update(roles_of(i))
        if violent and r.mode != "vandalism":  # vehicles set on fire, property vandalised: deliberate (vandalism.py)
            sent = sents[idx] if 0 <= idx < len(sents) else None
            trigger = _trigger_tokens(table, sent.start, sent.end, r.evidence.trigger) if sent is not None else set()
            found = _disaster(r, roles, doc_roles, table, trigger)
        if found is None and _crime(r, roles, doc_roles):
            found = CRIME
        if found is None:
            out.append(r)
        elif found == CRIME and (violent or (r.mode == "disrupt" and r.cameo_code != "173") or _gang(r, roles)):
            # gang violence and arrests of gang members stay in ACLED's scope (ACLED codes organised
            # criminal groups as actors where they contest the state); weapons seized are disrupted
            # weapons use. A drug bust or a seizure of contraband is no political arrest.
            out.append(replace(r, incident_class=found))
        else:
            out.append(replace(r, incident_class=found, acled_event_type=None, acled_sub_event_type=None,
                               acled_inter1=None if found != CRIME else r.acled_inter1,
                               acled_inter2=None if found != CRIME else r.acled_inter2))
    return out
