"""Direction phrases: "southern Israel", "north-western Syria", "central Mali".

A direction word before a country or division names a part of it. Its centre is
computed from the gazetteer itself: the median position of the towns in that third
of the territory (the southern third by latitude for "southern", the intersection
of two thirds for "north-eastern", the middle thirds for "central"). No shape
files are needed and every country is covered.
"""

from __future__ import annotations

import re
from statistics import median

from khaldun.places.gazetteer import Entry, Gazetteer

_WORDS = {
    "north": "n", "northern": "n", "south": "s", "southern": "s", "east": "e", "eastern": "e",
    "west": "w", "western": "w", "central": "c", "centre": "c", "center": "c",
    "northeast": "ne", "northeastern": "ne", "northwest": "nw", "northwestern": "nw",
    "southeast": "se", "southeastern": "se", "southwest": "sw", "southwestern": "sw",
}
_SPLIT = re.compile(r"[\s\-]+")


def direction_of(words: str) -> str | None:
    """"north-western" -> "nw", "southern" -> "s", anything else -> None."""
    key = _SPLIT.sub("", words.lower())
    return _WORDS.get(key)


#: nouns of "30 km north of Baghdad"
DIRECTION_NOUNS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                   "southwest", "north-east", "north-west", "south-east", "south-west"}


def _third(values: list[float], part: str) -> tuple[float, float]:
    ordered = sorted(values)
    lo = ordered[len(ordered) // 3]
    hi = ordered[(2 * len(ordered)) // 3]
    if part == "low":
        return (ordered[0], lo)
    if part == "high":
        return (hi, ordered[-1])
    if part == "mid":
        return (lo, hi)
    return (ordered[0], ordered[-1])


_NAMES = {"n": "north", "s": "south", "e": "east", "w": "west", "c": "central",
          "ne": "north east", "nw": "north west", "se": "south east", "sw": "south west"}


def named_division(gaz: Gazetteer, area: Entry, direction: str) -> Entry | None:
    """A division of a country named for the direction ("Southern District" of Israel)."""
    if area.kind != "country" or not area.country:
        return None
    word = _NAMES[direction]
    found = []
    for name in (f"{word}ern", word, f"{word.replace(' ', '')}ern"):
        for e in gaz.lookup(name) + gaz.lookup(f"{name} district") + gaz.lookup(f"{name} region"):
            if e.kind == "admin1" and e.country == area.country and e not in found:
                found.append(e)
    return found[0] if len(found) == 1 else None


def region_centre(gaz: Gazetteer, area: Entry, direction: str) -> tuple[float, float]:
    """Approximate centre of the ``direction`` part of ``area`` (a country or division)."""
    division = named_division(gaz, area, direction)
    if division is not None:
        return division.lat, division.lon
    if area.kind == "country" and area.country:
        towns = gaz.cities_of(area.country)
    elif area.kind in ("admin1", "region") and area.country and area.admin1:
        towns = gaz.admin1_members(area.country, area.admin1)
    else:
        towns = []
    if len(towns) < 6:
        return area.lat, area.lon
    lats = [t.lat for t in towns]
    lons = [t.lon for t in towns]
    if direction == "c":
        lat_part = lon_part = "mid"
    else:
        lat_part = "high" if "n" in direction else "low" if "s" in direction else "all"
        lon_part = "high" if "e" in direction else "low" if "w" in direction else "all"
    lat_lo, lat_hi = _third(lats, lat_part)
    lon_lo, lon_hi = _third(lons, lon_part)
    chosen = [t for t in towns if lat_lo <= t.lat <= lat_hi and lon_lo <= t.lon <= lon_hi]
    if not chosen:
        chosen = towns
    return round(median(t.lat for t in chosen), 4), round(median(t.lon for t in chosen), 4)
