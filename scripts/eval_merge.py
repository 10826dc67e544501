"""Measure merging on the labelled report clusters: code them with the real pipeline, merge, score pairs.

    .venv/bin/python scripts/eval_merge.py [tests/fixtures/merge_clusters.jsonl] [--db out.duckdb]

Prints pairwise precision and recall (JSON) and the reports of clusters that
were split or mixed, for docs/merging.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from khaldun.merge import merge_store
from khaldun.merge.evaluate import pairwise, primary_merged_ids, read_labels
from khaldun.pipeline import run_into
from khaldun.store import DuckDBStore

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "merge_clusters.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels", nargs="?", default=str(DEFAULT))
    ap.add_argument("--db", default=":memory:")
    args = ap.parse_args()
    store = DuckDBStore(args.db)
    run_into(store, [args.labels])
    merge_store(store, rebuild=True)
    labels = read_labels(args.labels)
    records = store.events()
    scores = pairwise(records, labels)
    print(json.dumps(scores.to_dict(), indent=2))
    predicted = primary_merged_ids(records, labels)
    by_event: dict[str, list[str]] = defaultdict(list)
    by_cluster: dict[str, set[str | None]] = defaultdict(set)
    for doc, label in labels.items():
        by_cluster[label["cluster"]].add(predicted.get(doc))
        if doc in predicted:
            by_event[predicted[doc]].append(doc)
    for cluster, ids in sorted(by_cluster.items()):
        if len(ids) > 1:
            print(f"split: {cluster}: " + ", ".join(f"{d}->{predicted.get(d)}" for d in labels if labels[d]["cluster"] == cluster))
    for mid, docs in sorted(by_event.items()):
        if len({labels[d]["cluster"] for d in docs}) > 1:
            print(f"mixed: {mid}: {docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
