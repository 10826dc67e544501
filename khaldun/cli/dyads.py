"""``khaldun dyads``: events, QuadClass counts and Goldstein totals per actor pair and period."""

from __future__ import annotations

import argparse
from typing import Any

from khaldun.cli._analysis import add_common, run_analysis

HELP = """\
Events per actor pair (actor -> recipient, as country/sector codes) per day,
week or month: the count, the count of each QuadClass, and the Goldstein total.
Counts merged events once `khaldun merge` has run, else mentions.

  khaldun dyads --by month --country NGA
  khaldun dyads --plot dyads.png              heat map of the busiest pairs
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("dyads", help="events per actor pair and period", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--by", choices=("day", "week", "month", "year"), default="month", help="period (default: month)")
    p.add_argument("--top", type=int, metavar="N", help="only the N actor pairs with most events")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.analysis import dyads, plot_dyads

    return run_analysis(args, lambda store, q: dyads(store, q, by=args.by, level=args.level, top=args.top),
                        lambda agg, path: plot_dyads(agg, path))
