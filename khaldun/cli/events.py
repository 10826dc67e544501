"""``khaldun events``: query the events stored by ``khaldun extract``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.cli.filters import add_filters, query_of
from khaldun.config import load_settings
from khaldun.export import FORMATS, open_output, write_records

HELP = """\
Query stored events. Filters combine with AND.

  khaldun events --type ASSAULT --country ISR --since 2023-10-01
  khaldun events --actor IRN --format csv -o iran.csv
  khaldun events --merged --type ASSAULT        merged events (after `khaldun merge`)
  khaldun events --show-mentions MERGED_ID      every report of one merged event, and why it joined
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("events", help="query stored events", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_filters(p)
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--merged", action="store_true", help="list merged events (one per event, after `khaldun merge`)")
    p.add_argument("--show-mentions", metavar="MERGED_ID", help="every report of one merged event, with evidence and why it joined")
    p.add_argument("--db", metavar="PATH", help="DuckDB file to read (default: khaldun.duckdb)")
    p.add_argument("--config", metavar="FILE", help="settings file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.store import DuckDBStore

    settings = load_settings(args.config).replace(db_path=args.db)
    query = query_of(args)
    def waiting(message: str) -> None:
        print(f"khaldun: {message}", file=sys.stderr)

    if args.merged or args.show_mentions:
        return _merged(args, settings, query, waiting)
    with DuckDBStore(settings.db_path, read_only=True, lock_timeout=settings.lock_timeout, on_wait=waiting) as store:
        rows = [e.to_dict() for e in store.events(query)]
    if args.output:
        with open_output(args.output) as out:
            n = write_records(rows, out, args.format)
        print(f"khaldun: {n} events written to {args.output}", file=sys.stderr)
    else:
        write_records(rows, sys.stdout, args.format)
    return 0


def _merged(args: argparse.Namespace, settings: Any, query: Any, waiting: Any) -> int:
    from khaldun.errors import UsageError
    from khaldun.merge.explain import MERGED_FORMATS, write_mentions, write_merged
    from khaldun.store import DuckDBStore, EventQuery

    with DuckDBStore(settings.db_path, read_only=True, lock_timeout=settings.lock_timeout, on_wait=waiting) as store:
        if args.show_mentions:
            found = [m for m in store.merged_events(EventQuery()) if m.merged_id == args.show_mentions]
            if not found:
                raise UsageError(f"no merged event {args.show_mentions!r} in {settings.db_path} (run `khaldun merge`?)")
            mentions = store.mentions(args.show_mentions)
            meta = store.document_meta({e.doc_id for e in mentions})
            write_mentions(found[0], mentions, meta, sys.stdout)
            return 0
        merged = store.merged_events(query)
    if args.format not in MERGED_FORMATS:
        raise UsageError(f"--merged writes {', '.join(MERGED_FORMATS)}, not {args.format}")
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            n = write_merged(merged, out, args.format)
        print(f"khaldun: {n} merged events written to {args.output}", file=sys.stderr)
    else:
        write_merged(merged, sys.stdout, args.format)
    return 0
