"""``khaldun eval GOLD.jsonl``: score the pipeline on an annotated set.

Thin: parses options, calls :func:`khaldun.evaluation.evaluate`, prints
:func:`khaldun.evaluation.format_report` (or JSON with ``--json``). A
:class:`~khaldun.errors.KhaldunError` becomes its message on standard error
and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from khaldun.errors import ConfigError, KhaldunError, UsageError


def add_parser(subparsers: Any) -> None:
    """Register the ``eval`` subcommand on an ``argparse`` subparsers object."""
    from khaldun.evaluation.schemes import SCHEMES

    p = subparsers.add_parser(
        "eval",
        help="score khaldun on a gold JSONL file (../shared/eval format)",
        description="Run the pipeline on every sentence of a gold file and print per-field accuracy, "
        "precision, recall and F1 with the most frequent confusions.",
    )
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold file: one JSON object a line with text, dataset and gold")
    p.add_argument("--scheme", choices=sorted(SCHEMES), default=None,
                   help="label scheme to score with (default: from the records' dataset field)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="read only the first N records")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes coding the sentences (default: the settings', one per CPU core); "
                   "the figures do not depend on it")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--errors", type=int, default=0, metavar="N",
                   help="also print up to N wrong examples per field, with the events predicted")
    p.set_defaults(func=run)


def _settings(args: argparse.Namespace) -> Any:
    settings = getattr(args, "settings", None)
    if settings is None:
        from khaldun.config import load_settings

        settings = load_settings(getattr(args, "config", None))
    try:
        return settings.replace(workers=getattr(args, "workers", None))
    except ConfigError as exc:
        # a bad option value (--workers -1) is a usage error (exit 2); a bad settings file stays exit 1
        raise UsageError(exc.message) from exc


def run(args: argparse.Namespace) -> int:
    from khaldun.evaluation import evaluate, format_report

    settings = _settings(args)  # a bad --workers: usage error, exit 2
    try:
        report = evaluate(args.gold, settings, scheme=args.scheme, limit=args.limit)
    except KhaldunError as exc:
        print(f"khaldun eval: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.to_dict(max_errors=args.errors), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, max_errors=args.errors))
    return 0
