"""``khaldun import``: load the Parquet output of ``khaldun spark extract`` into a DuckDB store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.config import load_settings

HELP = """\
Load the output folder of `khaldun spark extract` (events/, documents/,
rejected/ Parquet tables) into a DuckDB store, in batches of write_batch
documents, one transaction each. Then `khaldun events`, the exports and
`khaldun merge` work on it as on what `khaldun extract` stores.

Importing the same folder again stores nothing twice: documents replace their
earlier copies with their events, rejections theirs. The folder must be local
(copy an output from object storage first).

  khaldun import out/ --db events.duckdb
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("import", help="load `khaldun spark extract` output into a DuckDB store", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", metavar="DIR", help="output folder of `khaldun spark extract`")
    p.add_argument("--db", metavar="PATH", help="DuckDB file to store into (default: khaldun.duckdb, or the db_path setting)")
    p.add_argument("--config", metavar="FILE", help="settings file")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on standard error")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.store import DuckDBStore
    from khaldun.store.parquet import import_output

    settings = load_settings(args.config).replace(db_path=args.db)

    def upgraded(message: str) -> None:
        print(f"khaldun: {message}", file=sys.stderr)  # even with --quiet: the file changed layout

    def waiting(message: str) -> None:
        if not args.quiet:
            print(f"khaldun: {message}", file=sys.stderr)

    with DuckDBStore(settings.db_path, lock_timeout=settings.lock_timeout, on_wait=waiting,
                     on_upgrade=upgraded) as store:
        summary = import_output(store, args.folder, settings.write_batch)
    if not args.quiet:
        print(
            f"khaldun: imported {summary.documents} documents, {summary.events} events, {summary.rejected} rejections "
            f"from {args.folder} into {settings.db_path}",
            file=sys.stderr,
        )
    return 0 if summary.documents or summary.rejected else 1
