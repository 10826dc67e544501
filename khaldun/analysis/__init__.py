"""Analysis: dyads, timelines and the actor network, counted by DuckDB, and their charts.

Counts merged events when ``khaldun merge`` has run, else mentions, and says
which (see ``docs/analysis.md``).
"""

from khaldun.analysis.aggregates import LEVELS, PERIODS, SPLITS, Aggregate, dyads, network, timeline, to_graph, write_graphml
from khaldun.analysis.output import OUTPUT_FORMATS, write_aggregate
from khaldun.analysis.plots import PLOT_SUFFIXES, plot_dyads, plot_network, plot_timeline

__all__ = [
    "LEVELS", "OUTPUT_FORMATS", "PERIODS", "PLOT_SUFFIXES", "SPLITS", "Aggregate", "dyads", "network", "plot_dyads",
    "plot_network", "plot_timeline", "timeline", "to_graph", "write_aggregate", "write_graphml",
]
