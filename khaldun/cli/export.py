"""``khaldun export``: stored events to Parquet, CSV, JSONL, PLOVER, GDELT or ACLED files."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.cli.filters import add_filters, query_of
from khaldun.config import load_settings
from khaldun.export.exporter import BINARY_FORMATS, EXPORT_FORMATS
from khaldun.export.rows import LEVELS

HELP = """\
Export stored events in a format other tools read. Filters as in `khaldun events`.

  khaldun export --format parquet -o events.parquet
  khaldun export --format gdelt --level events --since 2024-01-01 -o events.gdelt.tsv
  khaldun export --format acled --country NGA -o nigeria.acled.csv

Formats: parquet (typed, with the record as JSON), csv and jsonl (khaldun's
own), plover (PLOVER JSON lines), gdelt (the GDELT 2.0 event table: 61
tab-separated columns, no header), acled (ACLED's columns). Levels:
mentions, one row per report (default); events, one row per merged event
(after `khaldun merge`). Column by column: docs/exports.md.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("export", help="export stored events (Parquet, CSV, JSONL, PLOVER, GDELT, ACLED)", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", "-f", dest="fmt", choices=EXPORT_FORMATS, required=True, help="output format")
    p.add_argument("--level", choices=LEVELS, default="mentions",
                   help="mentions: a row per report (default); events: a row per merged event")
    p.add_argument("-o", "--output", metavar="PATH", required=True,
                   help="file to write ('-' for standard output, except parquet)")
    add_filters(p, limit_help="at most N rows")
    p.add_argument("--db", metavar="PATH", help="DuckDB file to read (default: khaldun.duckdb)")
    p.add_argument("--config", metavar="FILE", help="settings file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.errors import UsageError
    from khaldun.export.exporter import export, write_text
    from khaldun.export.rows import collect
    from khaldun.store import DuckDBStore

    settings = load_settings(args.config).replace(db_path=args.db)
    query = query_of(args)
    if args.output == "-" and args.fmt in BINARY_FORMATS:
        raise UsageError(f"{args.fmt} is a binary format: give a file path (-o FILE)")

    def waiting(message: str) -> None:
        print(f"khaldun: {message}", file=sys.stderr)

    with DuckDBStore(settings.db_path, read_only=True, lock_timeout=settings.lock_timeout, on_wait=waiting) as store:
        if args.output == "-":
            write_text(collect(store, args.level, query), args.fmt, sys.stdout, args.level)
            return 0
        n = export(store, args.fmt, args.level, query, args.output)
    unit = "events" if args.level == "events" else "reports"
    print(f"khaldun: {n} {unit} written to {args.output} ({args.fmt})", file=sys.stderr)
    return 0
