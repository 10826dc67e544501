"""Merging over a store: read the mentions, place the new ones, write the merged events back."""

from __future__ import annotations

import time
from dataclasses import dataclass

from khaldun.merge.cluster import cluster
from khaldun.store.base import Store


@dataclass(frozen=True)
class MergeSummary:
    """What one merge run did."""

    mentions: int
    """event records in the store"""
    merged: int
    """merged events after the run"""
    multi: int
    """merged events with more than one mention"""
    new_mentions: int
    """mentions placed in this run (the others kept their events)"""
    seconds: float


def merge_store(store: Store, *, rebuild: bool = False) -> MergeSummary:
    """Place the store's unmerged mentions into merged events (all of them with ``rebuild``), and store the result.

    Mentions already merged keep their events and ids; a document coded again
    loses its mentions' links and they are placed again.
    """
    start = time.perf_counter()
    records = store.events()
    previous = [] if rebuild else store.merged_events()
    kept = sum(1 for r in records if r.merged_id is not None) if not rebuild else 0
    merged = cluster(records, store.document_meta(), previous)
    store.write_merged(merged)
    return MergeSummary(
        mentions=len(records), merged=len(merged), multi=sum(1 for m in merged if m.num_mentions > 1),
        new_mentions=len(records) - kept, seconds=time.perf_counter() - start,
    )
