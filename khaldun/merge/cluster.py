"""Grouping mentions into merged events: incremental, deterministic, explained.

Each new mention, taken in canonical order (publication date, then event id),
joins the existing event it is compatible with *every* mention of (complete
linkage: a chain of loose matches cannot glue two events together) and agrees
with most (the summed weights of :func:`khaldun.merge.criteria.compare`), or
founds a new event. Events already stored keep their mentions and their ids,
so a later run only places the reports that arrived since; ``rebuild`` places
every mention again.

Ids: ``m`` + a hash of the founding mention's event id. Since new mentions are
placed in canonical order, whatever order they arrived in within a run, the
same input gives the same events and the same ids.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from khaldun.merge.criteria import VIOLENT_ROOTS, Mention, compare, date_interval
from khaldun.records import Count, EventRecord, MergedEvent
from khaldun.schema import COUNT_FIELDS

FOUNDER = "first report"


def merged_id_for(event_id: str) -> str:
    """The id of the merged event a mention founds."""
    return "m" + hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:19]


def outlet(doc_id: str, meta: Mapping[str, Any] | None) -> str:
    """The outlet of a document: its source, else its URL's host (without ``www.``), else its id."""
    meta = meta or {}
    if meta.get("source"):
        return str(meta["source"]).strip()
    host = urlparse(meta.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    return doc_id


def mention(rec: EventRecord, meta: Mapping[str, Any] | None) -> Mention:
    published = (meta or {}).get("doc_date") or rec.doc_date
    lo, hi = date_interval(rec, published)
    return Mention(rec, outlet(rec.doc_id, meta), published, lo, hi)


def _family(rec: EventRecord) -> str:
    return "violent" if rec.cameo_root in VIOLENT_ROOTS else rec.cameo_root


@dataclass
class _Event:
    merged_id: str
    members: list[Mention] = field(default_factory=list)
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)


class Clusterer:
    """Places mentions into events, blocked by type family and day so each comparison is local."""

    def __init__(self) -> None:
        self.events: dict[str, _Event] = {}
        self._index: dict[tuple[str, Any], set[str]] = defaultdict(set)

    def _keys(self, m: Mention) -> list[tuple[str, Any]]:
        fam = _family(m.record)
        if m.lo is None or m.hi is None:
            return [(fam, None)]
        # a day-precise date may slip a day; wider intervals are indexed over every day they cover
        lo, hi = m.lo - timedelta(days=1), m.hi + timedelta(days=1)
        return [(fam, lo + timedelta(days=i)) for i in range((hi - lo).days + 1)]

    def _add(self, ev: _Event, m: Mention, why: tuple[str, ...]) -> None:
        ev.members.append(m)
        ev.reasons[m.event_id] = why
        for key in self._keys(m):
            self._index[key].add(ev.merged_id)
        self._index[(_family(m.record), None)].add(ev.merged_id)

    def keep(self, merged_id: str, m: Mention, why: tuple[str, ...]) -> None:
        """An already merged mention, in its stored event."""
        ev = self.events.setdefault(merged_id, _Event(merged_id))
        self._add(ev, m, why)

    def place(self, m: Mention) -> str:
        """Put a new mention into the best compatible event, or found one; returns the merged id."""
        candidates: set[str] = set()
        keys = self._keys(m)
        for key in keys:
            candidates |= self._index.get(key, set())
        if keys[0][1] is not None:
            candidates |= self._index.get((keys[0][0], None), set())
        best: tuple[int, str] | None = None
        best_why: tuple[str, ...] = ()
        for mid in sorted(candidates):
            ev = self.events[mid]
            total, top, top_why = 0, -1, ""
            for other in ev.members:
                v = compare(m, other)
                if not v.ok:
                    break
                total += v.weight
                if v.weight > top:
                    top, top_why = v.weight, f"with {other.event_id} ({other.outlet}, {other.published}): {v.why}"
            else:
                score = total // len(ev.members)
                if best is None or score > best[0]:
                    best, best_why = (score, mid), (top_why,)
        if best is not None:
            self._add(self.events[best[1]], m, best_why)
            return best[1]
        mid = merged_id_for(m.event_id)
        while mid in self.events:  # the same event id cannot found two events; a hash clash is re-hashed
            mid = merged_id_for(mid)
        self.events[mid] = _Event(mid)
        self._add(self.events[mid], m, (FOUNDER,))
        return mid


def reconcile(ev: _Event) -> MergedEvent:
    """The merged event of a group of mentions: representative, reconciled counts, figures."""
    members = sorted(ev.members, key=lambda m: m.order)
    rep = max(members, key=lambda m: (m.specificity[0], m.specificity[1], _neg(m.event_id))).record
    counts: dict[str, Count | None] = {}
    ranges: dict[str, tuple[int, int]] = {}
    for name in COUNT_FIELDS:
        given = [(m, getattr(m.record, name)) for m in members if getattr(m.record, name) is not None]
        if not given:
            counts[name] = None
            continue
        values = [c.value for _, c in given]
        ranges[name] = (min(values), max(values))
        # the latest report's figure; on the same day, the higher (tolls are revised upward)
        counts[name] = max(given, key=lambda mc: (mc[0].published or "", mc[1].value, mc[0].event_id))[1]
    published = [m.published for m in members if m.published]
    sources = sorted({m.outlet for m in members})
    return MergedEvent(
        merged_id=ev.merged_id,
        record=replace(rep, merged_id=ev.merged_id, **counts),
        num_mentions=len(members),
        num_sources=len(sources),
        sources=tuple(sources),
        first_seen=min(published) if published else None,
        last_seen=max(published) if published else None,
        mention_ids=tuple(m.event_id for m in members),
        count_ranges=ranges,
        reasons={m.event_id: ev.reasons[m.event_id] for m in members},
    )


def _neg(s: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in s)


def cluster(
    records: Iterable[EventRecord],
    meta: Mapping[str, Mapping[str, Any]] | None = None,
    previous: Iterable[MergedEvent] = (),
) -> list[MergedEvent]:
    """Merged events of ``records``: those of ``previous`` keep their mentions and ids, the rest are placed.

    ``meta``: ``{doc_id: {doc_date, source, url}}`` of the documents (the outlet and publication date).
    """
    meta = meta or {}
    recs = {r.event_id: r for r in records}
    c = Clusterer()
    placed: set[str] = set()
    for old in sorted(previous, key=lambda m: m.merged_id):
        for eid in old.mention_ids:
            rec = recs.get(eid)
            if rec is not None and eid not in placed and rec.merged_id == old.merged_id:
                c.keep(old.merged_id, mention(rec, meta.get(rec.doc_id)), old.reasons.get(eid, ()))
                placed.add(eid)
    for m in sorted((mention(r, meta.get(r.doc_id)) for eid, r in recs.items() if eid not in placed), key=lambda m: m.order):
        c.place(m)
    return sorted((reconcile(ev) for ev in c.events.values() if ev.members), key=lambda m: m.merged_id)
