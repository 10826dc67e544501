"""``khaldun kb``: extend and query the actor knowledge base."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.config import load_settings
from khaldun.errors import KhaldunError

HELP = """\
Extend and query the actor knowledge base.

  khaldun kb import FILE [--kb-dir DIR]   read a Wikidata JSON dump (the
      one-entity-per-line format of Wikidata's latest-all.json, gzip or not):
      people with positions held (P39, with start/end dates) and organisations
      with their countries go to the user KB folder, which every later run reads.
  khaldun kb lookup NAME [--date YYYY-MM-DD]   resolve a phrase ("Iranian Foreign
      Minister", "Tehran", "Hamas") and print its country and sector.

The user KB folder is the kb_dir setting (khaldun.toml or $KHALDUN_KB_DIR), else
~/.local/share/khaldun/kb.
Exit status: 0 on success, 1 when the knowledge base could not be read or written.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("kb", help="extend or query the actor knowledge base", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    kb_sub = p.add_subparsers(dest="kb_command", metavar="COMMAND", required=True)
    imp = kb_sub.add_parser("import", help="import people and organisations from a Wikidata JSON dump")
    imp.add_argument("file", metavar="FILE", help="Wikidata JSON dump (.json or .json.gz)")
    imp.add_argument("--kb-dir", metavar="DIR", help="KB folder to write (default: the kb_dir setting, else ~/.local/share/khaldun/kb)")
    imp.set_defaults(func=run_import)
    look = kb_sub.add_parser("lookup", help="resolve a phrase to an actor")
    look.add_argument("name", metavar="NAME", help='a phrase, e.g. "Iranian Foreign Minister"')
    look.add_argument("--date", metavar="YYYY-MM-DD", help="resolve roles as of this date")
    look.add_argument("--kb-dir", metavar="DIR", help="an extra KB folder to read")
    look.set_defaults(func=run_lookup)


def run_import(args: argparse.Namespace) -> int:
    from khaldun.actors.wikidata import import_dump

    try:
        report = import_dump(args.file, args.kb_dir or load_settings().kb_dir)
    except KhaldunError as exc:
        print(f"khaldun kb import: {exc}", file=sys.stderr)
        return 1
    print(
        f"read {report.entities} entities from {report.path}: {report.people} people "
        f"({report.offices} positions held), {report.organizations} organisations, "
        f"{report.countries} new country items; {report.bad_lines} unreadable lines"
    )
    print(f"wrote to {report.kb_dir}")
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    from khaldun.actors import ActorResolver

    try:
        resolver = ActorResolver.load([args.kb_dir] if args.kb_dir else [], kb_dir=load_settings().kb_dir)
        actors = resolver.resolve_text(args.name, args.date)
    except KhaldunError as exc:
        print(f"khaldun kb lookup: {exc}", file=sys.stderr)
        return 1
    if not actors:
        print(f"no actor in {args.name!r}")
        return 1
    for a in actors:
        print(f"{a.text}\tname={a.name}\tcountry={a.country}\tsector={a.sector}\tkind={a.kind}\twikidata={a.wikidata}")
    return 0
