"""``khaldun extract``: read articles, code their events, print and store them."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import Any

from khaldun.config import load_settings
from khaldun.errors import ConfigError, UsageError
from khaldun.export import FORMATS, open_output, write_records
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

Exit status: 0 when at least one document was read, 1 when none could be
(or, with --strict, when any input was rejected), 2 for usage errors.
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
    p.add_argument("--config", metavar="FILE", help="settings file (default: khaldun.toml if present)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary on standard error")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from khaldun.ingest import read_inputs
    from khaldun.runners import run_pipeline

    base = load_settings(args.config)
    try:
        settings = base.replace(
            db_path=args.db,
            max_doc_chars=args.max_doc_chars,
            csv_text_column=args.text_column,
            batch_size=args.batch_size,
            workers=args.workers,
            min_confidence=args.min_confidence,
        )
    except ConfigError as exc:
        # a bad option value is a usage error (exit 2); a bad settings file stays exit 1
        raise UsageError(exc.message) from exc
    if args.no_db and args.db:
        raise UsageError("--db and --no-db contradict each other")
    items = read_inputs(args.paths, max_chars=settings.max_doc_chars, text_column=settings.csv_text_column)
    show_progress = not args.quiet and sys.stderr.isatty()
    with ExitStack() as stack:
        store = None
        if not args.no_db:
            from khaldun.store import DuckDBStore

            store = stack.enter_context(DuckDBStore(settings.db_path))
        out = stack.enter_context(open_output(args.output)) if args.output else sys.stdout
        pending: list[tuple[Document, list[EventRecord]]] = []
        rejected: list[Rejection] = []
        printed: list[dict[str, Any]] = []

        def flush() -> None:
            if store is not None and (pending or rejected):
                store.add(pending, rejected)
            pending.clear()
            rejected.clear()

        def on_document(doc: Document, events: list[EventRecord]) -> None:
            pending.append((doc, events))
            rows = [e.to_dict() for e in events]
            if args.format == "jsonl":
                write_records(rows, out, args.format)
            else:
                printed.extend(rows)
            if len(pending) >= 256:
                flush()

        def on_rejection(rej: Rejection) -> None:
            rejected.append(rej)
            if not args.quiet:
                print(f"khaldun: rejected {rej.origin}: {rej.reason} [{rej.code}] {rej.message.split('] ', 1)[-1]}", file=sys.stderr)

        progress = None
        if show_progress:
            from tqdm import tqdm

            progress = stack.enter_context(tqdm(desc="documents", unit="doc", file=sys.stderr, delay=1.0, leave=False))

        def on_document_progress(doc: Document, events: list[EventRecord]) -> None:
            on_document(doc, events)
            if progress is not None:
                progress.update(1)

        summary = run_pipeline(items, settings, on_document=on_document_progress, on_rejection=on_rejection)
        flush()
        if args.format not in ("jsonl",):
            write_records(printed, out, args.format)
    if not args.quiet:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejected_by_reason.items()))
        where = "not stored" if args.no_db else f"stored in {settings.db_path}"
        print(
            f"khaldun: {summary.documents} documents read, {summary.rejected} rejected"
            f"{' (' + reasons + ')' if reasons else ''}, {summary.events} events, "
            f"{summary.seconds:.1f} s; {where}",
            file=sys.stderr,
        )
    if summary.documents == 0:
        return 1
    if args.strict and summary.rejected:
        return 1
    return 0
