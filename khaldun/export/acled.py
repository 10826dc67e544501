"""ACLED's export columns, as a CSV with a header row, in ACLED's order.

Column by column, where each value comes from and what stays empty:
``docs/exports.md``. ACLED codes only political violence, demonstrations and
strategic developments: every record is written (its ``event_type`` empty
when our ACLED type is null), so a user filters on ``event_type`` as on an
ACLED file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, TextIO

from khaldun.export.codes import acled_region, country_name, iso_numeric, stable_int
from khaldun.export.rows import ExportItem

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
"""ACLED's columns since its 2023 layout (disorder_type, civilian_targeting and tags added), in order."""

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
"""ACLED: 1 the day is known, 2 the week (the middle day is coded), 3 only the month (ACLED has nothing coarser)."""

_GEO_PRECISION = {"point": 1, "city": 1, "admin1": 3, "country": 3}
"""ACLED: 1 the town itself, 2 near a town or a part of a region, 3 only a larger region (its centre coded)."""

_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

_CROWD = {5: "Rioters", 6: "Protesters", 7: "Civilians"}
_STATE_FORCES = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}", "GOV": "Government of {}"}


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's disorder type of an ACLED event and sub-event type (its 2023 column)."""
    if event_type is None:
        return None
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in _VIOLENCE or sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments"


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor types, lowest first (13); a sole actor's type then 0 (60)."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return (inter1 or inter2 or 0) * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def actor_name(actor: dict[str, Any] | None, inter: int | None) -> str:
    """The actor as ACLED names such actors where we can ("Protesters (Kenya)"), else its canonical name.

    Unnamed crowds and civilians take ACLED's "Protesters (Country)" form;
    unnamed forces of a state, "Military Forces of Country" (ACLED adds the
    government's years, "(2022-)", which we do not know). Named actors keep
    their canonical name.
    """
    if not actor:
        return ""
    name = actor.get("name") or actor.get("text") or ""
    unnamed = actor.get("kind") not in ("person", "organization")
    country = country_name(actor.get("country"))
    if unnamed and inter in _CROWD:
        return f"{_CROWD[inter]} ({country})" if country else _CROWD[inter]
    if unnamed and country and actor.get("kind") != "country" and actor.get("sector") in _STATE_FORCES:
        return _STATE_FORCES[actor["sector"]].format(country)
    return name


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def acled_row(item: ExportItem) -> dict[str, Any]:
    """One ACLED row (a dict keyed by :data:`ACLED_COLUMNS`) of an export item."""
    r = item.record
    day = _day(r.get("date"))
    place = r.get("location") or {}
    country = place.get("country")
    inter1, inter2 = r.get("acled_inter1"), r.get("acled_inter2")
    etype, subtype = r.get("acled_event_type"), r.get("acled_sub_event_type")
    disorder = disorder_type(etype, subtype)
    fatalities = (r.get("fatalities") or {}).get("value")
    size = r.get("size")
    tags = ""
    if etype in ("Protests", "Riots"):
        tags = f"crowd size={size['text'] or size['value']}" if size else "crowd size=no report"
    seen = (item.merged.last_seen if item.merged is not None else None) or r.get("doc_date") or item.document.get("doc_date")
    return {
        "event_id_cnty": f"{country or 'XXX'}{stable_int(item.id)}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": _TIME_PRECISION.get(r.get("date_precision") or "", "") if day else "",
        "disorder_type": disorder or "",
        "event_type": etype or "",
        "sub_event_type": subtype or "",
        "actor1": actor_name(r.get("actor"), inter1), "assoc_actor_1": "", "inter1": _opt(inter1),
        "actor2": actor_name(r.get("recipient"), inter2), "assoc_actor_2": "", "inter2": _opt(inter2),
        "interaction": _opt(interaction(inter1, inter2)),
        "civilian_targeting": "Civilian targeting" if disorder and "Political violence" in disorder and 7 in (inter1, inter2) else "",
        "iso": _opt(iso_numeric(country)),
        "region": acled_region(country) or "",
        "country": country_name(country) or "",
        "admin1": place.get("admin1") or "", "admin2": "", "admin3": "",
        "location": place.get("name") or place.get("text") or "",
        "latitude": _opt(place.get("lat")), "longitude": _opt(place.get("lon")),
        "geo_precision": _GEO_PRECISION.get(place.get("precision") or "", "") if place else "",
        "source": "; ".join(item.sources),
        "source_scale": "",
        "notes": " ".join(((r.get("evidence") or {}).get("sentence") or "").split()),
        # ACLED writes 0 when no death is reported
        "fatalities": fatalities if fatalities is not None else 0,
        "tags": tags,
        "timestamp": int(datetime.combine(date.fromisoformat(seen), datetime.min.time(), UTC).timestamp()) if seen else "",
    }


def _opt(value: Any) -> Any:
    return "" if value is None else value


def write_acled(items: Iterable[ExportItem], out: TextIO) -> int:
    """Write ACLED rows as CSV with ACLED's header; returns how many."""
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow(acled_row(item))
        n += 1
    return n
