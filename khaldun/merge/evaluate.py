"""Pairwise precision and recall of merging on labelled report clusters.

The labelled set (``tests/fixtures/merge_clusters.jsonl``) gives, per report,
the event it reports (``cluster``) and that event's PLOVER type. A report's
*primary* mention is its most confident mention of that type; two reports are
predicted to report one event when their primary mentions share a merged id.
Over every pair of reports: precision is the share of predicted pairs that
are true, recall the share of true pairs predicted. A report whose event was
not coded has no primary mention and pairs with nothing (it costs recall).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from khaldun.records import EventRecord


@dataclass(frozen=True)
class PairScores:
    reports: int
    gold_pairs: int
    predicted_pairs: int
    true_pairs: int
    missing: tuple[str, ...]
    """reports with no mention of their labelled type"""

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"reports": self.reports, "gold_pairs": self.gold_pairs, "predicted_pairs": self.predicted_pairs,
                "true_pairs": self.true_pairs, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "missing": list(self.missing)}


def read_labels(path: str | Path) -> dict[str, dict[str, Any]]:
    """``{report id: {"cluster": ..., "type": ...}}`` of a labelled JSON-lines file."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[row["id"]] = {"cluster": row["cluster"], "type": row["type"]}
    return out


def primary_merged_ids(records: Iterable[EventRecord], labels: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Each labelled report's primary mention's merged id."""
    best: dict[str, EventRecord] = {}
    for r in records:
        label = labels.get(r.doc_id)
        if label is None or r.event_type != label["type"] or r.merged_id is None:
            continue
        cur = best.get(r.doc_id)
        if cur is None or (r.confidence, r.event_id) > (cur.confidence, cur.event_id):
            best[r.doc_id] = r
    return {doc: r.merged_id for doc, r in best.items() if r.merged_id}


def pairwise(records: Iterable[EventRecord], labels: Mapping[str, Mapping[str, Any]]) -> PairScores:
    """Pairwise precision and recall of the merged ids on ``records`` against ``labels``."""
    predicted = primary_merged_ids(records, labels)
    gold = pred = true = 0
    for a, b in combinations(sorted(labels), 2):
        same_gold = labels[a]["cluster"] == labels[b]["cluster"]
        same_pred = a in predicted and predicted.get(a) == predicted.get(b)
        gold += same_gold
        pred += same_pred
        true += same_gold and same_pred
    return PairScores(len(labels), gold, pred, true, tuple(sorted(set(labels) - set(predicted))))
