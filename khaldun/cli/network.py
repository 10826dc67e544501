"""``khaldun network``: the actor graph (who acts on whom), as a table, GraphML or a picture."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.cli._analysis import add_common, run_analysis

HELP = """\
The actor graph: one edge per actor -> recipient pair with its events,
material-conflict events and Goldstein total and mean.

  khaldun network --graphml actors.graphml    for Gephi, Cytoscape or networkx
  khaldun network --plot network.png
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("network", help="the actor graph (GraphML out)", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--graphml", metavar="FILE", help="write the graph as GraphML")
    p.add_argument("--min-events", type=int, default=1, metavar="N", help="only edges with at least N events")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.analysis import network, plot_network, write_graphml

    def compute(store: Any, q: Any) -> Any:
        agg = network(store, q, level=args.level, min_events=args.min_events)
        if args.graphml:
            write_graphml(agg, args.graphml)
            print(f"khaldun: graph of {len(agg.rows)} edges written to {args.graphml}", file=sys.stderr)
        return agg

    return run_analysis(args, compute, lambda agg, path: plot_network(agg, path))
