"""Merging: the reports of one event become one merged event (see ``docs/merging.md``).

- :func:`merge_store`: place the store's new mentions into merged events and write them back;
- :func:`cluster`: the same over records in memory;
- :func:`compare`: whether two mentions can report one event, and why.
"""

from khaldun.merge.cluster import cluster, merged_id_for, outlet
from khaldun.merge.criteria import Mention, Verdict, compare
from khaldun.merge.run import MergeSummary, merge_store

__all__ = ["Mention", "MergeSummary", "Verdict", "cluster", "compare", "merge_store", "merged_id_for", "outlet"]
