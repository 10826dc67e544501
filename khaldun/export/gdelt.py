"""The GDELT 2.0 event table: 61 tab-separated columns, in GDELT's order, no header.

Column by column, where each value comes from and what stays empty:
``docs/exports.md``. In short: actor codes are CAMEO actor codes composed
from the actor's country and sector (``ISRMIL``), event codes are our CAMEO
codes, geography is the event's location (GDELT's ActionGeo; we do not place
actors, so Actor1Geo/Actor2Geo are empty with type 0), country codes in the
geography are FIPS 10-4 as GDELT's are, and ``NumMentions``/``NumSources``
come from merging (1 for a report not merged).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from khaldun.export.codes import admin1_code, country_name, fips, stable_int
from khaldun.export.rows import ExportItem

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
"""GDELT 2.0's event table header (the files have none): 61 names, in order."""

# GDELT geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)
_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "point": 4}
_NOT_COUNTRIES = frozenset({"IGO", "NGO", "MNC"})


def actor_code(actor: dict[str, Any] | None) -> str:
    """The CAMEO actor code of an actor: country code then sector code (``ISR`` + ``MIL`` -> ``ISRMIL``).

    A sector equal to the country code is written once (``IGO``); an actor
    with neither is empty, as in GDELT.
    """
    if not actor:
        return ""
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    return country + (sector if sector != country else "")


def fraction_date(day: date) -> float:
    """GDELT's FractionDate: YYYY + ((month - 1) * 30 + day) / 365, four decimals (20190125 -> 2019.0685)."""
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def _actor(actor: dict[str, Any] | None) -> list[Any]:
    if not actor:
        return [""] * len(_ACTOR)
    country = actor.get("country")
    sector = actor.get("sector")
    name = actor.get("name") or actor.get("text") or ""
    return [
        actor_code(actor), name.upper(), country if country and country not in _NOT_COUNTRIES else "",
        "", "", "", "", sector or "", "", "",
    ]


def _geo(place: dict[str, Any] | None) -> list[Any]:
    if not place:
        return [0, "", "", "", "", "", "", ""]
    country = place.get("country")
    code = fips(country, place.get("admin1"))
    kind = _GEO_TYPE.get(place.get("precision") or "", 4)
    if country == "USA" and kind in (4, 5):
        kind = 3 if kind == 4 else 2
    names = [place.get("name") or place.get("text")]
    if kind != 1:
        names += [place.get("admin1"), country_name(country)]
    full = ", ".join(dict.fromkeys(n for n in names if n))
    adm1 = code or ""
    sub = admin1_code(place.get("geonameid")) if kind != 1 and code else None
    if sub and sub != code:  # GeoNames gives the Gaza Strip "GZ" as admin1 too: no "GZGZ"
        adm1 = code + sub
    # GDELT's FeatureID: the country code for a country, the ADM1 code for a state, else a place id (ours: GeoNames')
    feature: Any = place.get("geonameid")
    if kind == 1:
        feature = code or ""
    elif kind in (2, 5):
        feature = adm1 if adm1 != code else ""
    return [kind, full, code or "", adm1, "", _num(place.get("lat")), _num(place.get("lon")), "" if feature is None else feature]


def _num(x: Any) -> Any:
    return "" if x is None else x


def _event_day(item: ExportItem) -> date | None:
    # GDELT dates every event; when the text gives no date, the publication date stands in (as GDELT does)
    value = item.record.get("date") or item.record.get("doc_date") or item.document.get("doc_date")
    return date.fromisoformat(value) if value else None


def gdelt_row(item: ExportItem) -> list[Any]:
    """One GDELT event row (61 values, in :data:`GDELT_COLUMNS` order) of an export item."""
    r = item.record
    day = _event_day(item)
    code = r.get("cameo_code") or ""
    evidence = r.get("evidence") or {}
    added = item.record.get("doc_date") or item.document.get("doc_date")
    row = [
        stable_int(item.id),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", day.year if day else "",
        fraction_date(day) if day else "",
        *_actor(r.get("actor")), *_actor(r.get("recipient")),
        1 if evidence.get("sentence_index") == 0 else 0,
        code, code[:3], r.get("cameo_root") or code[:2],
        # GDELT has no class 0: statements (CAMEO 01, 02) are verbal cooperation there
        r.get("quad_class") or 1, r.get("goldstein"),
        item.num_mentions, item.num_sources, item.num_mentions, "",
        *_geo(None), *_geo(None), *_geo(r.get("location")),
        added.replace("-", "") + "000000" if added else "",
        item.document.get("url") or "",
    ]
    assert len(row) == len(GDELT_COLUMNS)
    return row


def write_gdelt(items: Iterable[ExportItem], out: TextIO) -> int:
    """Write GDELT event rows, tab-separated, no header; returns how many."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    n = 0
    for item in items:
        writer.writerow([_clean(v) for v in gdelt_row(item)])
        n += 1
    return n


def _clean(value: Any) -> Any:
    # GDELT rows are one line each with tabs only between fields: none inside a name or URL
    if isinstance(value, str):
        return " ".join(value.split())
    return value
