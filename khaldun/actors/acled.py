"""ACLED actor type codes (``acled_inter1``/``acled_inter2``) from a resolved actor.

ACLED's eight actor types, from its codebook: 1 state forces, 2 rebel
groups, 3 political militias, 4 identity militias, 5 rioters, 6 protesters,
7 civilians, 8 external/other forces. The mapping reads the CAMEO sector
first, then words of the phrase where the sector alone cannot tell
(protesters and rioters are both OPP; a militia may be MIL):

- GOV, MIL, COP, SPY, JUD, LEG of a country: 1; a bare country: 1 (ACLED
  codes a state acting through its forces);
- REB, INS: 2; UAF (unidentified gunmen) and CRM (gangs): 3, as ACLED codes
  unidentified armed groups and gangs as political militias;
- any "militia" word: 3, or 4 when ethnic, tribal, clan or communal;
- OPP: 5 for rioters and mobs, else 6;
- CVL, REF, MED, HLH, EDU, REL, LAB, BUS, AGR, NGO, ELI: 7, unless the words name an
  armed group ("members of a rival gang");
- IGO and NGO-coded bodies with forces (peacekeepers) and other IGOs: 8;
- PTY: None (a party acting politically has no type); in violence, rioters (5);
- an unknown sector: read from the words, as ACLED's codebook names its actor
  types: "army units", "soldiers", "police" are state forces (1); "militants",
  "gunmen", "fighters" an armed group (3: ACLED codes unidentified armed groups
  as political militias); a mob is rioters (5), a crowd of demonstrators
  protesters (6); else None.

:func:`acled_inter_of_words` gives the same reading for a phrase the resolver
could not make an actor of ("a mob", "a military position").
"""

from __future__ import annotations

import re
from functools import lru_cache

from khaldun.records import Actor

#: the armed types: state forces, rebels, political and identity militias, external forces
ARMED_INTER = frozenset({1, 2, 3, 4, 8})
#: ACLED's protesters
DEMONSTRATORS = 6
STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
CIVILIAN = frozenset({"CVL", "REF", "MED", "HLH", "EDU", "REL", "LAB", "BUS", "AGR", "NGO", "ELI", "CIV"})
_RIOT = re.compile(r"\b(riot(?:er|ers|ing)?|mobs?|looters?)\b", re.IGNORECASE)
_MILITIA = re.compile(r"\b(militia|militias|militiamen|militiaman|vigilantes?)\b", re.IGNORECASE)
_IDENTITY = re.compile(r"\b(ethnic|tribal|tribe|clan|communal|community|village|herders?)\b", re.IGNORECASE)
_RIOT_POLICE = re.compile(r"\briot police\b", re.IGNORECASE)
# ACLED's state forces (military and police) named by common nouns
_STATE_WORDS = re.compile(
    r"\b(army|armed forces|military|soldiers?|troops?|servicem[ae]n|police|policem[ae]n|policewom[ae]n|"
    r"gendarmes?|gendarmerie|security forces?|navy|marines?|battalions?|brigades?|regiments?)\b",
    re.IGNORECASE,
)
# armed non-state groups named by common nouns
_ARMED_WORDS = re.compile(
    r"\b(militants?|gunm[ae]n|fighters?|insurgents?|jihadists?|rebels?|guerrillas?|armed (?:men|group|individuals|assailants|suspects)|"
    r"gangs?|gangsters?|cartels?|drug traffick(?:ers?|ing group))\b",
    re.IGNORECASE,
)
_FORCES = re.compile(r"\b(forces?|units?|contingents?|reinforcements)\b", re.IGNORECASE)
_PROTEST_WORDS = re.compile(r"\b(protesters?|protestors?|demonstrators?|marchers?)\b", re.IGNORECASE)


#: ACLED's rioters
RIOTERS = 5


def acled_inter(actor: Actor | None, violent: bool = False) -> int | None:
    """ACLED actor type code (1..8) of a resolved actor, or None.

    ``violent``: the actor's part in the event is violence. ACLED codes a political
    party's supporters who fight or attack, with no armed wing named, as rioters (5)
    with the party as associated actor; a party acting politically has no type.
    """
    if actor is None:
        return None
    if violent and actor.sector == "PTY" and not _MILITIA.search(f"{actor.text} {actor.name or ''}"):
        return RIOTERS
    text = f"{actor.text} {actor.name or ''}"
    sector = actor.sector
    if _MILITIA.search(text) and sector not in ("COP",):
        return 4 if _IDENTITY.search(text) else 3
    if actor.country in ("IGO", "NGO"):
        if sector in ("MIL", "IGO", "GOV", "COP", "LEG", "JUD", None):
            return 8
        return 7
    if sector is None:
        if actor.kind == "country":
            return 1
        found = acled_inter_of_words(text)
        if found is None and actor.country and _FORCES.search(text):
            return 1  # "Ukrainian forces", "Turkish units": a state's forces
        return found
    if sector in STATE:
        return 1
    if sector in ("REB", "INS"):
        return 2
    if sector in ("UAF", "CRM"):
        return 3
    if sector == "OPP":
        return 5 if _RIOT.search(text) and not _RIOT_POLICE.search(text) else 6
    if sector in CIVILIAN:
        # "a member of a rival gang", "militants' relatives": the words can name an armed group
        # the sector missed; civilians otherwise
        found = acled_inter_of_words(text)
        return found if found in ARMED_INTER else 7
    return None


@lru_cache(maxsize=1 << 14)  # the same phrases come back in every document
def acled_inter_of_words(text: str | None) -> int | None:
    """ACLED actor type read from the words of a phrase alone (see the module docstring), or None."""
    if not text:
        return None
    if _MILITIA.search(text):
        return 4 if _IDENTITY.search(text) else 3
    if _RIOT.search(text) and not _RIOT_POLICE.search(text):
        return 5
    if _PROTEST_WORDS.search(text):
        return 6
    if _ARMED_WORDS.search(text):
        return 3
    if _STATE_WORDS.search(text):
        return 1
    return None
