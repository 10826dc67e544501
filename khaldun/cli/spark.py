"""``khaldun spark extract``: the pipeline on Apache Spark, inputs to partitioned Parquet."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khaldun.config import load_settings
from khaldun.errors import ConfigError, UsageError

HELP = """\
Code articles on Apache Spark and write partitioned Parquet (needs the `spark`
extra, `pip install khaldun[spark]`, and Java 17).

Inputs are those of `khaldun extract` (JSONL, text, CSV, HTML, feeds, WARC,
gzipped or not, folders read recursively): local paths, or URIs of any
Hadoop-compatible file system (hdfs://, s3a://, gs://, abfs://, file://).
Each executor's Python worker loads the model once and codes its partitions
with the same pipeline as `khaldun extract`: the same records, the same
rejections.

Output (a folder or a URI): `events/` partitioned by event_month (YYYY-MM of
the event date, `unknown` when undated) and input_id, `documents/` and
`rejected/` partitioned by input_id, columns as the DuckDB store's. An input
written again replaces its own partitions, so a job run twice stores each
input once; --resume skips the inputs the output already holds. Load the
output into DuckDB with `khaldun import DIR`.

On a cluster, run through spark-submit (see docs/scale.md):
  spark-submit --master yarn \\
    $(python -c 'import khaldun.runners.spark as m; print(m.__file__)') \\
    extract s3a://bucket/cc-news/ --output s3a://bucket/khaldun/
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("spark", help="code articles on Apache Spark into partitioned Parquet", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    inner = p.add_subparsers(dest="spark_command", metavar="COMMAND")
    e = inner.add_parser("extract", help="code inputs on Spark, write Parquet tables", description=HELP,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("paths", nargs="+", metavar="INPUT", help="files, folders or URIs (hdfs://, s3a://, file://)")
    e.add_argument("--output", "-o", required=True, metavar="DIR", help="output folder or URI")
    e.add_argument("--master", metavar="URL",
                   help="Spark master (default: what spark-submit set, else local[*]); local[2], yarn, k8s://...")
    e.add_argument("--partitions", type=int, metavar="N", help="partitions the documents are coded in (default: 4 per core)")
    e.add_argument("--resume", action="store_true", help="skip the inputs the output already holds (a failed job run again)")
    e.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting (repeatable)")
    e.add_argument("--max-doc-chars", type=int, metavar="N", help="reject documents longer than N characters (default 1,000,000)")
    e.add_argument("--text-column", metavar="NAME", help="CSV column holding the text (default: text)")
    e.add_argument("--batch-size", type=int, metavar="N", help="documents parsed per batch (default 64)")
    e.add_argument("--min-confidence", type=float, metavar="X", help="drop events below this confidence (0..1)")
    e.add_argument("--doc-timeout", type=float, metavar="S", help="reject a document that takes longer than S seconds (default 120)")
    e.add_argument("--coder", metavar="NAME", help="event coder by registered name (default rules.v1) or module:factory")
    e.add_argument("--config", metavar="FILE", help="settings file (default: khaldun.toml if present)")
    e.add_argument("--quiet", "-q", action="store_true", help="no summary on standard error")
    e.set_defaults(func=run_extract)
    p.set_defaults(func=lambda args: _help(p))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_extract(args: argparse.Namespace) -> int:
    try:
        from khaldun.runners.spark import SparkOptions, session, spark_extract
    except ImportError as exc:  # pyspark missing
        raise UsageError(f"khaldun spark needs the spark extra (pip install 'khaldun[spark]'): {exc}") from exc
    try:
        settings = load_settings(args.config).replace(
            max_doc_chars=args.max_doc_chars, csv_text_column=args.text_column, batch_size=args.batch_size,
            min_confidence=args.min_confidence, doc_timeout=args.doc_timeout, coder=args.coder,
        )
    except ConfigError as exc:
        raise UsageError(exc.message) from exc
    if args.partitions is not None and args.partitions <= 0:
        raise UsageError("--partitions must be positive")
    conf = {}
    for item in args.conf:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--conf takes KEY=VALUE, got {item!r}")
        conf[key.strip()] = value.strip()
    spark = session(args.master, conf=conf)
    try:
        summary = spark_extract(spark, args.paths, args.output,
                                SparkOptions(settings=settings, partitions=args.partitions or 0, resume=args.resume))
    finally:
        spark.stop()
    if not args.quiet:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejected_by_reason.items()))
        skipped = f", {summary.inputs_skipped} inputs already written (skipped)" if summary.inputs_skipped else ""
        print(
            f"khaldun: {summary.inputs} inputs{skipped}, {summary.documents} documents, {summary.rejected} rejected"
            f"{' (' + reasons + ')' if reasons else ''}, {summary.events} events in {summary.seconds:.1f} s; "
            f"written to {args.output}",
            file=sys.stderr,
        )
    return 0 if summary.documents or summary.inputs_skipped else 1
