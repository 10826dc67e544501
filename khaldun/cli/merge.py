"""``khaldun merge``: group the stored reports of one event into merged events."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.config import load_settings

HELP = """\
Merge the reports of one event (from different documents, outlets and days)
into one merged event. Incremental: events already merged keep their ids and
new reports join them or found new ones. See docs/merging.md.

  khaldun merge --db news.duckdb
  khaldun events --db news.duckdb --merged
  khaldun events --db news.duckdb --show-mentions MERGED_ID
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("merge", help="merge reports of the same event", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rebuild", action="store_true", help="place every report again instead of only the new ones")
    p.add_argument("--db", metavar="PATH", help="DuckDB file to merge (default: khaldun.duckdb)")
    p.add_argument("--config", metavar="FILE", help="settings file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.merge import merge_store
    from khaldun.store import DuckDBStore

    settings = load_settings(args.config).replace(db_path=args.db)

    def upgraded(message: str) -> None:
        print(f"khaldun: {message}", file=sys.stderr)  # even with --quiet: the file changed layout

    def waiting(message: str) -> None:
        print(f"khaldun: {message}", file=sys.stderr)

    with DuckDBStore(settings.db_path, lock_timeout=settings.lock_timeout, on_wait=waiting,
                     on_upgrade=upgraded) as store:
        s = merge_store(store, rebuild=args.rebuild)
    print(f"khaldun: {s.mentions} mentions, {s.new_mentions} placed now; {s.merged} merged events "
          f"({s.multi} reported more than once), {s.seconds:.1f} s; stored in {settings.db_path}", file=sys.stderr)
    return 0
