"""``khaldun upgrade``: bring a store written by an older khaldun to this version's layout, in place."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.config import load_settings

HELP = """\
Upgrade a DuckDB store written by an older khaldun to this version's layout, in
place and keeping every event: the tables and columns it lacks are added (new
event columns filled from each event's stored record where it has the field,
else NULL), the roll-ups counted again, the layout version bumped last, all in
one transaction. Opening the file for writing (extract, merge, import, serve)
does the same; the reading commands (events, export, dyads, ...) refuse an
older file and name this command. See docs/store.md.

  khaldun upgrade old.duckdb
  khaldun upgrade --dry-run old.duckdb     say what it would do, change nothing
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("upgrade", help="upgrade a store written by an older khaldun, in place", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", nargs="?", help="DuckDB file to upgrade (default: khaldun.duckdb, or the db_path setting)")
    p.add_argument("--dry-run", action="store_true", help="say what the upgrade would add, change nothing")
    p.add_argument("--config", metavar="FILE", help="settings file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.store import DuckDBStore
    from khaldun.store.duckdb_store import layout

    settings = load_settings(args.config).replace(db_path=args.file)
    path = settings.db_path

    def waiting(message: str) -> None:
        print(f"khaldun: {message}", file=sys.stderr)

    # read first, without changing anything: a missing file is not created, another DuckDB file not taken over
    version, upgrade = layout(path, lock_timeout=settings.lock_timeout, on_wait=waiting)
    if upgrade is None:
        print(f"khaldun: {path} is in store layout {version}, this version's: nothing to do", file=sys.stderr)
        return 0
    if args.dry_run:
        print(f"khaldun: {path} is in store layout {version}; upgrading it to {upgrade.to_version} would add "
              f"{upgrade.changes()}", file=sys.stderr)
        return 0
    with DuckDBStore(path, lock_timeout=settings.lock_timeout, on_wait=waiting) as store:
        done = store.upgraded
    if done is None:  # another process upgraded it between the look and the upgrade
        print(f"khaldun: {path} was upgraded meanwhile: nothing to do", file=sys.stderr)
    else:
        print(f"khaldun: {done.summary()}", file=sys.stderr)
    return 0
