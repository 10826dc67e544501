"""``khaldun``: political event data from news text.

Each subcommand lives in its own module exposing ``add_parser(subparsers)``,
which registers the command and sets ``func(args) -> int``. Exit codes: 0 on
success, 1 when the work failed (no document could be read, a store error,
a failed import), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from khaldun import __version__
from khaldun.errors import KhaldunError, UsageError

COMMANDS = ("extract", "events", "export", "merge", "dyads", "timeline", "network", "eval", "kb", "serve", "spark", "import", "upgrade")

#: a command whose module has another name (``import`` is a Python keyword)
MODULES = {"import": "importer"}

DESCRIPTION = """\
khaldun turns news articles into political event data: who did what to whom,
when, where, how many, and according to whom. Every field is traced to the
words it came from. Runs offline on a CPU.

  khaldun extract article.txt            code an article, print its events, store them
  khaldun events --type ASSAULT          query stored events
  khaldun export -f gdelt -o ev.tsv      export stored events (Parquet, CSV, PLOVER, GDELT, ACLED)
  khaldun merge                          merge reports of the same event
  khaldun dyads --by month               events per actor pair and period
  khaldun timeline --plot t.png          events per period, by type or QuadClass
  khaldun network --graphml a.graphml    the actor graph
  khaldun eval gold.jsonl                measure quality on an annotated set
  khaldun kb import wikidata.json.gz     extend the actor knowledge base
  khaldun spark extract in/ --output out/  the same pipeline on Apache Spark, to Parquet
  khaldun import out/                    load Spark's Parquet output into DuckDB
  khaldun serve --db khaldun.duckdb      the REST API and the dashboard
  khaldun upgrade old.duckdb             upgrade a store written by an older khaldun

Run `khaldun COMMAND --help` for each command's options.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khaldun",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"khaldun {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"khaldun.cli.{MODULES.get(name, name)}")
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"khaldun: error: {exc}", file=sys.stderr)
        return 2
    except KhaldunError as exc:
        print(f"khaldun: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("khaldun: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
