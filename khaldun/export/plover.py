"""PLOVER JSON records, one per line, with the field names of the PLOVER manual's "JSON Data Fields".

The manual (Open Event Data Alliance, draft 0.7b1, ``PLOVER_MANUAL.tex``)
names the event fields (``id``, ``date``, ``source`` and ``recipient`` as
lists of actor objects, ``event``, ``mode``, ``context``, ``event_loc``,
``event_text``, ``quad_code``, ``event_scale``, ``link``, ``text``,
``text_info``, ``cite_info``, ``coder``), the actor object (``code``,
``sector``, ``actor_text``, ``identifier_id``, ``identifier_text``), the
location object (GeoNames' own field names, with ``cc3`` added) and the size
object (``dead``, ``injured``, ``arrested``). It invites providers to add
fields: ours (``cameo_code``, ``modality``, ``confidence``, ...) are listed
in ``docs/exports.md``. In PLOVER ``source`` is the *source actor* (who
acts); the outlet that reports the event is ``cite_info.publication``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from khaldun import __version__
from khaldun.export.codes import admin1_code, iso2
from khaldun.export.rows import ExportItem

PLOVER_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
"""The manual's quad categories of PLOVER types (its DEMAND is our REQUEST)."""

_FEATURE = {"country": ("A", "PCLI"), "admin1": ("A", "ADM1"), "city": ("P", "PPL"), "point": ("P", "PPL")}
"""GeoNames feature class and code of each place precision."""


def plover_actor(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The manual's actor object list for one actor (empty when there is none)."""
    if not actor:
        return []
    return [{
        "code": actor.get("country"),
        "sector": actor.get("sector"),
        "actor_text": actor.get("text"),
        "identifier_id": actor.get("wikidata"),
        "identifier_text": actor.get("name"),
        "kind": actor.get("kind"),
    }]


def plover_location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """The manual's location object (GeoNames field names, ``cc3`` added) of a place."""
    if not place:
        return None
    feature = _FEATURE.get(place.get("precision") or "", (None, None))
    return {
        "geonameid": place.get("geonameid"),
        "name": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "feature class": feature[0],
        "feature code": feature[1],
        "country code": iso2(place.get("country")),
        "cc3": place.get("country"),
        "admin1 code": admin1_code(place.get("geonameid")),
        "admin1": place.get("admin1"),
        "placename_text": place.get("text"),
        "precision": place.get("precision"),
    }


def _count(c: dict[str, Any] | None) -> int | None:
    return c.get("value") if c else None


def plover_record(item: ExportItem) -> dict[str, Any]:
    """One PLOVER JSON record of an export item."""
    r = item.record
    evidence = r.get("evidence") or {}
    event_type = r.get("event_type")
    sizes = {"dead": r.get("fatalities"), "injured": r.get("injured"), "arrested": r.get("arrested"),
             "abducted": r.get("abducted"), "size": r.get("size")}
    out: dict[str, Any] = {
        "id": item.id,
        "has_event": event_type is not None,
        "date": r.get("date"),
        "source": plover_actor(r.get("actor")),
        "recipient": plover_actor(r.get("recipient")),
        "event": [event_type] if event_type else [],
        "mode": r.get("mode"),
        "context": list(r.get("context") or []),
        "event_loc": plover_location(r.get("location")),
        "event_text": [evidence["trigger"]] if evidence.get("trigger") else [],
        "quad_code": PLOVER_QUAD.get(event_type or ""),
        "event_scale": r.get("goldstein"),
        "link": item.merged.merged_id if item.merged is not None else r.get("merged_id"),
        "text": evidence.get("sentence"),
        "text_info": {"sequence": evidence.get("sentence_index"), "start": evidence.get("start"), "end": evidence.get("end")},
        "cite_info": {
            "url": item.document.get("url"),
            "title": item.document.get("title"),
            "publication": item.document.get("source") or r.get("source"),
            "coder": f"khaldun {__version__}",
            "codebook": "plover",
        },
        "coder": f"khaldun {__version__}",
        "size_info": {k: _count(v) for k, v in sizes.items()},
        # khaldun's additions (the manual invites named fields beyond its own)
        "event_id": r.get("event_id"),
        "doc_id": r.get("doc_id"),
        "doc_date": r.get("doc_date"),
        "date_precision": r.get("date_precision"),
        "cameo_code": r.get("cameo_code"),
        "polarity": r.get("polarity"),
        "modality": r.get("modality"),
        "reported_by": r.get("source"),
        "speaker": plover_actor(r.get("speaker")),
        "confidence": r.get("confidence"),
        "num_mentions": item.num_mentions,
        "num_sources": item.num_sources,
    }
    return out


def write_plover(items: Iterable[ExportItem], out: TextIO) -> int:
    """Write PLOVER JSON records, one per line (the manual suggests JSONL); returns how many."""
    n = 0
    for item in items:
        out.write(json.dumps(plover_record(item), ensure_ascii=False) + "\n")
        n += 1
    return n
