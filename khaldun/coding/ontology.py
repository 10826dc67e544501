"""CAMEO, PLOVER, QuadClass, Goldstein and ACLED crosswalks, read from shipped data files.

``khaldun/data/cameo.tsv`` (built by ``scripts/build_ontology.py``) lists every
CAMEO code with its PLOVER type, mode, context, QuadClass and Goldstein score.
``khaldun/data/acled_crosswalk.tsv`` maps PLOVER type and mode to ACLED event
and sub-event types.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from khaldun.errors import DataError
from khaldun.resources import register_cache

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    plover_type: str | None
    mode: str | None
    context: tuple[str, ...]
    quad_class: int
    goldstein: float

    @property
    def root(self) -> str:
        return self.code[:2]


def _data_lines(name: str) -> list[str]:
    try:
        text = resources.files("khaldun.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"shipped data file {name} is missing; reinstall khaldun") from exc
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@register_cache
@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code khaldun knows, by code."""
    rows = csv.DictReader(_data_lines("cameo.tsv"), delimiter="\t")
    table: dict[str, CameoCode] = {}
    for r in rows:
        table[r["cameo_code"]] = CameoCode(
            code=r["cameo_code"],
            name=r["name"],
            plover_type=r["plover_type"] or None,
            mode=r["mode"] or None,
            context=tuple(c for c in r["context"].split(";") if c),
            quad_class=int(r["quad_class"]),
            goldstein=float(r["goldstein"]),
        )
    if not table:
        raise DataError("cameo.tsv holds no codes")
    return table


def cameo(code: str) -> CameoCode:
    """The CAMEO entry for ``code``; unknown codes fall back to their parent."""
    table = cameo_table()
    probe = code
    while probe:
        if probe in table:
            entry = table[probe]
            return entry if probe == code else CameoCode(code, entry.name, entry.plover_type, entry.mode, entry.context, entry.quad_class, entry.goldstein)
        probe = probe[:-1] if len(probe) > 2 else ""
    raise DataError(f"unknown CAMEO code {code!r}")


@dataclass(frozen=True, slots=True)
class AcledRule:
    plover_type: str
    mode: str
    requires: str
    event_type: str
    sub_event_type: str


@register_cache
@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    rows = csv.DictReader(_data_lines("acled_crosswalk.tsv"), delimiter="\t")
    rules = tuple(
        AcledRule(r["plover_type"], r["mode"], r["requires"], r["acled_event_type"], r["acled_sub_event_type"])
        for r in rows
    )
    for rule in rules:
        if rule.sub_event_type not in ACLED_SUB_EVENT_TYPES.get(rule.event_type, ()):
            raise DataError(f"acled_crosswalk.tsv: {rule.sub_event_type!r} is not a sub-type of {rule.event_type!r}")
    return rules
