"""``khaldun timeline``: events per period by type or QuadClass, per country."""

from __future__ import annotations

import argparse
from typing import Any

from khaldun.cli._analysis import add_common, run_analysis

HELP = """\
Events per day, week, month or year, per country (the location's, else the
actor's), split by PLOVER type, QuadClass or CAMEO root.

  khaldun timeline --by week --split quad_class --country UKR
  khaldun timeline --plot timeline.svg        stacked area over time
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("timeline", help="events per period by type or QuadClass", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--by", choices=("day", "week", "month", "year"), default="month", help="period (default: month)")
    p.add_argument("--split", choices=("type", "quad_class", "root"), default="type",
                   help="one series per PLOVER type (default), QuadClass or CAMEO root")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.analysis import plot_timeline, timeline

    return run_analysis(args, lambda store, q: timeline(store, q, by=args.by, split=args.split, level=args.level),
                        lambda agg, path: plot_timeline(agg, path))
