"""When two mentions can report the same event: one test per criterion, each saying why.

Every test compares two :class:`Mention` views and answers a :class:`Verdict`:
whether they are compatible, a weight (how much agreement, used to choose among
candidate events), and the words that say why (``khaldun events --show-mentions``
prints them). Unknown values are compatible: a report that does not name the
place cannot contradict one that does.

The rules come from how news reports of one event differ:

- type: outlets word one attack as "attacked", "stormed" or "clashed with", so
  the CAMEO root must agree, except that the violent roots (18 assault, 19 fight,
  20 mass violence) form one family;
- actors: one outlet names the group ("Boko Haram"), another hedges ("suspected
  insurgents", "gunmen"); they can be the same side when their countries agree
  and their sides do (state forces, non-state armed groups, civilians,
  international bodies). Two different named organisations, or two different
  countries, are two sides;
- dates: each date is an interval set by its precision (a day; the week before
  publication when no date was written; the month; the year). A day-precise
  date may slip by one day between reports ("Monday night" against "Tuesday");
  wider intervals must overlap;
- places: the same place, or a town inside the province (admin1) another
  report names, or two points a few kilometres apart; the gazetteer gives each
  location's admin1 and country;
- counts: tolls rise as bodies are found and fall when duplicates are removed,
  but the same event does not give 3 dead in one report and 40 in another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from khaldun.records import Actor, EventRecord, Place
from khaldun.schema import COUNT_FIELDS

VIOLENT_ROOTS = frozenset({"18", "19", "20"})
"""CAMEO roots one attack may be coded as, depending on the verb an outlet chose"""
SYMMETRIC_ROOTS = frozenset({"04", "05", "06", "19"})
"""meetings, agreements, cooperation and fighting: "A met B" and "B met A" are one event"""

_SIDES = {
    **dict.fromkeys(("GOV", "MIL", "COP", "JUD", "LEG", "SPY"), "state"),
    **dict.fromkeys(("REB", "INS", "SEP", "UAF", "CRM"), "armed non-state"),
    "IGO": "international",
}
_PLACE_RANK = {"point": 4, "city": 3, "admin1": 2, "country": 1}
_DATE_RANK = {"day": 3, "week": 2, "month": 1, "year": 0}
NEARBY_KM = 25.0
"""two named points closer than this can be one event's place ("near Maiduguri", "outside Maiduguri")"""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    weight: int = 0
    why: str = ""


@dataclass(frozen=True)
class Mention:
    """The parts of an event record merging compares, computed once."""

    record: EventRecord
    outlet: str
    published: str | None
    lo: date | None
    """first day the event may have happened"""
    hi: date | None
    """last day the event may have happened"""

    @property
    def event_id(self) -> str:
        return self.record.event_id

    @property
    def order(self) -> tuple[str, str]:
        """The canonical order of mentions: publication date, then event id."""
        return (self.published or "9999-99-99", self.record.event_id)

    @property
    def specificity(self) -> tuple[int, float, str]:
        """How specific the report is (place, date, named actors, counts), then its confidence."""
        r = self.record
        named = sum(1 for a in (r.actor, r.recipient) if a is not None and _named(a))
        counts = sum(1 for f in COUNT_FIELDS if getattr(r, f) is not None)
        rank = _PLACE_RANK.get(r.location.precision or "", 0) if r.location else 0
        score = rank + _DATE_RANK.get(r.date_precision, -1) + named + counts
        # the lowest event id wins a tie: negated by sorting on the reverse elsewhere
        return (score, r.confidence, r.event_id)


def date_interval(rec: EventRecord, published: str | None) -> tuple[date | None, date | None]:
    """The days an event may have happened on, from its date and the date's precision."""
    if rec.date:
        d = date.fromisoformat(rec.date)
        if rec.date_precision == "day":
            return d, d
        if rec.date_precision == "week":
            # no date written: the publication date, the event within the week before
            return d - timedelta(days=7), d
        if rec.date_precision == "month":
            nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
            return d.replace(day=1), nxt - timedelta(days=1)
        if rec.date_precision == "year":
            return d.replace(month=1, day=1), d.replace(month=12, day=31)
    if published:
        p = date.fromisoformat(published)
        return p - timedelta(days=31), p
    return None, None


def same_type(a: EventRecord, b: EventRecord) -> Verdict:
    if a.polarity != b.polarity:
        return Verdict(False, why=f"one report affirms, the other negates ({a.polarity}, {b.polarity})")
    if a.event_type and a.event_type == b.event_type:
        return Verdict(True, 2, f"same type {a.event_type}")
    if a.cameo_root == b.cameo_root:
        return Verdict(True, 1, f"same CAMEO root {a.cameo_root}")
    if a.cameo_root in VIOLENT_ROOTS and b.cameo_root in VIOLENT_ROOTS:
        return Verdict(True, 1, f"violent CAMEO roots {a.cameo_root} and {b.cameo_root}")
    return Verdict(False, why=f"types differ ({a.event_type or a.cameo_code}, {b.event_type or b.cameo_code})")


def _named(a: Actor) -> bool:
    """A named actor: a country, person or organisation whose country, sector or QID is known."""
    return a.kind in ("country", "person", "organization") and bool(a.country or a.sector or a.wikidata)


def _label(a: Actor) -> str:
    return a.name or a.text


def same_actor(a: Actor | None, b: Actor | None) -> Verdict:
    if a is None or b is None:
        return Verdict(True, 0, "")
    if a.name and b.name and a.name.casefold() == b.name.casefold():
        return Verdict(True, 2, f"same {_label(a)}")
    if a.wikidata and a.wikidata == b.wikidata:
        return Verdict(True, 2, f"same {_label(a)} ({a.wikidata})")
    if a.country and b.country and a.country != b.country:
        return Verdict(False, why=f"{_label(a)} ({a.country}) and {_label(b)} ({b.country}) are of different countries")
    side_a, side_b = _SIDES.get(a.sector or ""), _SIDES.get(b.sector or "")
    if a.sector and b.sector and (side_a or a.sector) != (side_b or b.sector) and not (side_a is None and side_b is None):
        return Verdict(False, why=f"{_label(a)} ({a.sector}) and {_label(b)} ({b.sector}) are different sides")
    if _named(a) and _named(b) and a.kind == b.kind and a.kind in ("organization", "country"):
        return Verdict(False, why=f"{_label(a)} and {_label(b)} are two different named {a.kind}s")
    if a.country and a.country == b.country and (side_a or side_b):
        return Verdict(True, 1, f"{_label(a)} ~ {_label(b)} (same side, {a.country})")
    return Verdict(True, 0, f"{_label(a)} ~ {_label(b)} (not contradictory)")


def same_dyad(a: EventRecord, b: EventRecord) -> Verdict:
    """Actor with actor and recipient with recipient, or crossed for symmetric events (meetings, fighting)."""
    verdicts = [same_actor(a.actor, b.actor), same_actor(a.recipient, b.recipient)]
    if all(v.ok for v in verdicts):
        return _joined(verdicts, "actor", "recipient")
    if a.cameo_root in SYMMETRIC_ROOTS and b.cameo_root in SYMMETRIC_ROOTS:
        crossed = [same_actor(a.actor, b.recipient), same_actor(a.recipient, b.actor)]
        if all(v.ok for v in crossed):
            v = _joined(crossed, "actor/recipient", "recipient/actor")
            return Verdict(True, v.weight, v.why + " (sides named in the other order)")
    bad = next(v for v in verdicts if not v.ok)
    return Verdict(False, why=bad.why)


def _joined(verdicts: list[Verdict], *roles: str) -> Verdict:
    parts = [f"{role} {v.why}" for role, v in zip(roles, verdicts) if v.why]
    return Verdict(True, sum(v.weight for v in verdicts), "; ".join(parts))


def same_time(a: Mention, b: Mention) -> Verdict:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return Verdict(True, 0, "")
    gap = max((max(a.lo, b.lo) - min(a.hi, b.hi)).days, 0)
    both_days = a.lo == a.hi and b.lo == b.hi
    if gap == 0:
        if both_days:
            return Verdict(True, 2, f"same day {a.lo}")
        return Verdict(True, 1, f"dates overlap ({a.record.date} {a.record.date_precision}, {b.record.date} {b.record.date_precision})")
    if both_days and gap <= 1:
        # one report's "Monday night" is another's "Tuesday"
        return Verdict(True, 1, f"dates a day apart ({a.lo}, {b.lo})")
    return Verdict(False, why=f"dates {gap} days apart ({a.record.date} {a.record.date_precision}, "
                              f"{b.record.date} {b.record.date_precision})")


def _km(a: Place, b: Place) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _inside(small: Place, big: Place) -> bool:
    """``small`` lies within ``big`` (a province or a country)."""
    if big.precision == "country":
        return bool(small.country and small.country == big.country)
    if big.precision == "admin1":
        region = (big.admin1 or big.name or "").casefold()
        return bool(region) and (small.admin1 or "").casefold() == region
    return False


def same_place(a: Place | None, b: Place | None) -> Verdict:
    if a is None or b is None:
        return Verdict(True, 0, "")
    name_a, name_b = a.name or a.text, b.name or b.text
    if a.country and b.country and a.country != b.country:
        return Verdict(False, why=f"places in different countries ({name_a}, {name_b})")
    if (a.geonameid and a.geonameid == b.geonameid) or name_a.casefold() == name_b.casefold():
        return Verdict(True, 2, f"same place {name_a}")
    if _inside(a, b) or _inside(b, a):
        small, big = (a, b) if _inside(a, b) else (b, a)
        return Verdict(True, 1, f"{small.name or small.text} is in {big.name or big.text}")
    km = _km(a, b)
    if km is not None and km <= NEARBY_KM:
        return Verdict(True, 1, f"{name_a} and {name_b} are {km:.0f} km apart")
    return Verdict(False, why=f"different places ({name_a}, {name_b})")


def similar_counts(a: EventRecord, b: EventRecord) -> Verdict:
    why = []
    for name in COUNT_FIELDS:
        ca, cb = getattr(a, name), getattr(b, name)
        if ca is None or cb is None:
            continue
        lo, hi = sorted((ca.value, cb.value))
        # tolls rise as bodies are found; a tenfold difference is another event
        if hi > 3 * lo + 5:
            return Verdict(False, why=f"{name} {ca.value} and {cb.value} are too far apart")
        why.append(f"{name} {ca.value} ~ {cb.value}")
    return Verdict(True, len(why), ", ".join(why))


def compare(a: Mention, b: Mention) -> Verdict:
    """Can ``a`` and ``b`` report one event? Every criterion must hold; the weight adds their agreement."""
    verdicts = (
        same_type(a.record, b.record), same_dyad(a.record, b.record), same_time(a, b),
        same_place(a.record.location, b.record.location), similar_counts(a.record, b.record),
    )
    for v in verdicts:
        if not v.ok:
            return v
    if verdicts[1].weight == 0 and verdicts[3].weight == 0:
        # a type and a date are shared by many events: a side or a place must agree too
        return Verdict(False, why="neither the sides nor the place agree, only type and date")
    return Verdict(True, sum(v.weight for v in verdicts), "; ".join(v.why for v in verdicts if v.why))
