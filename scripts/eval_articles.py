"""Code the multi-event agency articles and print expected events found, forbidden events coded
and the misses grouped by cause (tests/fixtures/agency_articles.jsonl; docs/evaluation.md).

    python scripts/eval_articles.py [--fixtures FILE] [--events] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys

from khaldun.errors import KhaldunError
from khaldun.evaluation.articles import DEFAULT_ARTICLES, evaluate_articles, format_articles_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", default=str(DEFAULT_ARTICLES), help="the articles file (JSONL)")
    parser.add_argument("--events", action="store_true", help="also list every event coded, by article")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    try:
        report = evaluate_articles(args.fixtures)
    except KhaldunError as exc:
        print(f"eval_articles: [{exc.code}] {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.summary(), indent=2))
    else:
        print(format_articles_report(report, show_events=args.events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
