"""``khaldun extract``: read articles, code their events, print and store them."""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import ExitStack
from typing import Any

from khaldun.config import load_settings
from khaldun.errors import ConfigError, UsageError
from khaldun.export import FORMATS, open_output, write_records
from khaldun.pipeline import RunSummary
from khaldun.records import Document, EventRecord, Rejection

HELP = """\
Code the events in news articles and print them.

Inputs: .txt files (an optional first line `date YYYY-MM-DD` gives the
publication date; an agency dateline such as `WASHINGTON (Reuters) -` is kept as
metadata), .jsonl/.json objects with `text` and optional `id`, `doc_date`
(or `date`, `published`, `publish_date`), `title`, `url`, `source`; .csv with a
text column; .html pages; RSS/Atom feeds (.xml, .rss, .atom); WARC archives;
any of these gzipped (.gz); folders (read recursively); `-` for standard input.

Documents and events are stored in a DuckDB file (khaldun.duckdb in the current
folder unless --db says otherwise; --no-db to skip). Inputs that cannot be read
are listed with a reason in the summary and stored in the `rejected` table; they
never stop the run.

Every input ends up exactly once as a coded document or as a rejection with a
reason. A document whose coding fails (`coding_failed`) or takes longer than
--doc-timeout seconds (`timeout`) is rejected and the run goes on; --verbose
prints the traceback. Documents in a language khaldun does not code are
rejected as `language`.

Documents and their events are stored in batches, one transaction each: a run
that is interrupted (even killed) and started again stores exactly what one
clean run stores. Documents already stored with the same text are skipped
without coding them again; --recode codes and replaces them. While another
khaldun process writes the same database, this one waits (up to the
lock_timeout setting) and says so.

Exit status: 0 when at least one document was read (or all were already
stored), 1 when none could be (or, with --strict, when any input was
rejected), 2 for usage errors.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("extract", help="code events in articles, print and store them", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write events to FILE instead of standard output")
    p.add_argument("--db", metavar="PATH", help="DuckDB file to store into (default: khaldun.duckdb, or the db_path setting)")
    p.add_argument("--no-db", action="store_true", help="do not store anything")
    p.add_argument("--strict", action="store_true", help="exit 1 if any input is rejected")
    p.add_argument("--max-doc-chars", type=int, metavar="N", help="reject documents longer than N characters (default 1,000,000)")
    p.add_argument("--text-column", metavar="NAME", help="CSV column holding the text (default: text)")
    p.add_argument("--batch-size", type=int, metavar="N", help="documents parsed per batch (default 64)")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: one per CPU core); output order is kept")
    p.add_argument("--min-confidence", type=float, metavar="X", help="drop events below this confidence (0..1)")
    p.add_argument("--recode", action="store_true", help="code documents the database already holds again (default: skip them)")
    p.add_argument("--doc-timeout", type=float, metavar="S",
                   help="reject a document that takes longer than S seconds to parse and code (default 120; 0: no limit)")
    p.add_argument("--coder", metavar="NAME", help="event coder by registered name (default rules.v1) or module:factory")
    p.add_argument("--config", metavar="FILE", help="settings file (default: khaldun.toml if present)")
    p.add_argument("--verbose", "-v", action="store_true", help="log what happens, with the traceback of each coding failure")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary on standard error")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.pipeline import run_into

    base = load_settings(args.config)
    try:
        settings = base.replace(
            db_path=args.db,
            max_doc_chars=args.max_doc_chars,
            csv_text_column=args.text_column,
            batch_size=args.batch_size,
            workers=args.workers,
            min_confidence=args.min_confidence,
            doc_timeout=args.doc_timeout,
            coder=args.coder,
        )
    except ConfigError as exc:
        # a bad option value is a usage error (exit 2); a bad settings file stays exit 1
        raise UsageError(exc.message) from exc
    if args.no_db and args.db:
        raise UsageError("--db and --no-db contradict each other")
    if args.no_db and args.recode:
        raise UsageError("--recode needs a database (it codes again what the database holds); drop --no-db")
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="khaldun: %(name)s: %(message)s", stream=sys.stderr)
        for noisy in ("urllib3", "trafilatura", "htmldate", "charset_normalizer", "filelock"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    show_progress = not args.quiet and sys.stderr.isatty()
    with ExitStack() as stack:
        store = None
        if not args.no_db:
            from khaldun.store import DuckDBStore

            def upgraded(message: str) -> None:
                print(f"khaldun: {message}", file=sys.stderr)  # even with --quiet: the file changed layout

            def waiting(message: str) -> None:
                if not args.quiet:
                    print(f"khaldun: {message}", file=sys.stderr)

            store = stack.enter_context(DuckDBStore(settings.db_path, lock_timeout=settings.lock_timeout, on_wait=waiting,
                                                    on_upgrade=upgraded))
        out = stack.enter_context(open_output(args.output)) if args.output else sys.stdout
        printed: list[dict[str, Any]] = []

        def on_events(doc: Document, events: list[EventRecord]) -> None:
            rows = [e.to_dict() for e in events]
            if args.format == "jsonl":
                write_records(rows, out, args.format)
            else:
                printed.extend(rows)

        def on_rejection(rej: Rejection) -> None:
            if not args.quiet:
                print(f"khaldun: rejected {rej.origin}: {rej.reason} [{rej.code}] {rej.message.split('] ', 1)[-1]}", file=sys.stderr)

        progress = None
        if show_progress:
            from tqdm import tqdm

            progress = stack.enter_context(tqdm(desc="inputs", unit="doc", file=sys.stderr, delay=1.0, leave=False))
        summary = run_into(
            store, args.paths, settings, recode=args.recode, on_events=on_events, on_rejection=on_rejection,
            progress=progress.update if progress is not None else None,
        )
        if args.format != "jsonl":
            write_records(printed, out, args.format)
    if not args.quiet:
        print(_summary_line(summary, "not stored" if args.no_db else f"stored in {settings.db_path}"), file=sys.stderr)
    if summary.documents == 0 and summary.skipped == 0:
        return 1
    if args.strict and summary.rejected:
        return 1
    return 0


def _summary_line(summary: RunSummary, where: str) -> str:
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejected_by_reason.items()))
    skipped = f", {summary.skipped} already stored (skipped; --recode to code them again)" if summary.skipped else ""
    return (
        f"khaldun: {summary.documents} documents read, {summary.rejected} rejected"
        f"{' (' + reasons + ')' if reasons else ''}{skipped}, {summary.events} events, "
        f"{summary.seconds:.1f} s; {where}"
    )
