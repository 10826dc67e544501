"""Options the analysis commands share (dyads, timeline, network): the events filters, level, output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from khaldun.cli.filters import add_filters, query_of
from khaldun.config import load_settings


def add_common(p: argparse.ArgumentParser) -> None:
    add_filters(p, per_document=False)
    p.add_argument("--level", choices=("auto", "events", "mentions"), default="auto",
                   help="count merged events or mentions (default auto: merged events once `khaldun merge` has run)")
    p.add_argument("--format", "-f", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--plot", metavar="FILE", help="also draw a chart: FILE.png, FILE.svg or FILE.html (self-contained)")
    p.add_argument("--db", metavar="PATH", help="DuckDB file to read (default: khaldun.duckdb)")
    p.add_argument("--config", metavar="FILE", help="settings file")


def run_analysis(args: argparse.Namespace, compute: Callable[[Any, Any], Any], draw: Callable[[Any, str], Any]) -> int:
    """Open the store, compute the aggregate, write it, and draw it when asked."""
    from khaldun.analysis import write_aggregate
    from khaldun.store import DuckDBStore

    settings = load_settings(args.config).replace(db_path=args.db)
    query = query_of(args)

    def waiting(message: str) -> None:
        print(f"khaldun: {message}", file=sys.stderr)

    with DuckDBStore(settings.db_path, read_only=True, lock_timeout=settings.lock_timeout, on_wait=waiting) as store:
        agg = compute(store, query)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            n = write_aggregate(agg, fh, args.format)
        print(f"khaldun: {n} rows ({agg.level}) written to {args.output}", file=sys.stderr)
    else:
        write_aggregate(agg, sys.stdout, args.format)
    if args.plot:
        draw(agg, args.plot)
        print(f"khaldun: chart drawn in {args.plot}", file=sys.stderr)
    return 0
