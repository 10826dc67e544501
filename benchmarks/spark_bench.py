"""Throughput of the local engine, Spark ``local[1]`` and Spark ``local[2]`` on the same corpus, in one run (issue 13).

    python benchmarks/spark_bench.py            # the whole corpus (320 articles)
    python benchmarks/spark_bench.py --docs 64  # fewer
    python benchmarks/run.py --spark            # after the main benchmark (make bench)

Each figure is words per second (whitespace-separated words of the coded
documents) over the same articles, read from one JSONL file:

- **local, 1 process**: ``Pipeline.outcomes`` in this process with the model
  loaded (the ``khaldun extract --workers 1`` path), records serialised;
- **Spark local[1] / local[2]**: ``spark_extract`` from the JSONL to Parquet on
  disk (read, deduplicate, code, write three tables), each master in its own
  process and JVM. Timed is a job on workers that have loaded the model (a
  warm-up job first, as on a cluster that codes file after file); the first,
  cold job's time is reported beside it, with the session's start.

Targets: local[2] / local[1] >= 1.6, and Spark per core (local[1]) >= 0.8 of
the local engine's rate.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl.gz"
TARGETS = {"scaling": 1.6, "per_core": 0.8}


def write_input(folder: Path, docs: int | None) -> Path:
    lines = gzip.decompress(CORPUS.read_bytes()).decode("utf-8").splitlines()
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines[:docs] if docs else lines) + "\n", encoding="utf-8")
    return path


def local_engine(path: Path) -> dict[str, Any]:
    from khaldun.config import Settings
    from khaldun.ingest import read_inputs
    from khaldun.pipeline import Pipeline
    from khaldun.records import Document, Rejection

    settings = Settings(workers=1)
    docs = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
    pipeline = Pipeline(settings)
    pipeline.warm_up()
    list(pipeline.outcomes(docs[:4]))  # first-call costs out of the timing
    start = time.perf_counter()
    events = 0
    for _, result in pipeline.outcomes(docs):
        if not isinstance(result, Rejection):
            events += len(result)
            for e in result:
                e.to_json()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "words": sum(len(d.text.split()) for d in docs), "events": events}


def spark_run(master: str, path: Path) -> dict[str, Any]:
    from khaldun.runners.spark import SparkOptions, session, spark_extract

    start = time.perf_counter()
    spark = session(master, "khaldun-bench", conf={"spark.ui.enabled": "false"})
    spark.sparkContext.setLogLevel("ERROR")
    session_s = time.perf_counter() - start
    cores = spark.sparkContext.defaultParallelism
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[: 4 * cores]), encoding="utf-8")
        cold = spark_extract(spark, [str(warm)], f"{tmp}/warm-out", SparkOptions(partitions=cores))
        summary = spark_extract(spark, [str(path)], f"{tmp}/out", SparkOptions())
    spark.stop()
    return {"master": master, "cores": cores, "session_s": session_s, "cold_job_s": cold.seconds, "cold_job_docs": cold.documents,
            "seconds": summary.seconds, "words": summary.words, "events": summary.events, "partitions": summary.partitions}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, help="number of articles (default: all 320)")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    ap.add_argument("--one", metavar="MASTER", help=argparse.SUPPRESS)  # internal: one Spark run in this process
    ap.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(spark_run(args.one, args.input)))
        return 0
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("spark benchmark skipped: pyspark is not installed (pip install 'khaldun[spark]')")
        return 0
    from shutil import which

    if which("java") is None:
        print("spark benchmark skipped: Java is not installed (apt-get install openjdk-17-jre-headless)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = write_input(Path(tmp), args.docs)
        print(f"spark benchmark: {path.read_text().count(chr(10))} articles, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
              flush=True)
        loc = local_engine(path)
        print(f"  local, 1 process   {loc['seconds']:6.1f} s  {loc['words'] / loc['seconds']:7,.0f} words/s", flush=True)
        runs = {}
        for master in ("local[1]", "local[2]"):
            env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
            proc = subprocess.run([sys.executable, __file__, "--one", master, "--input", str(path)],
                                  capture_output=True, text=True, env=env, check=False)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            runs[master] = r
            print(f"  Spark {master:<12} {r['seconds']:6.1f} s  {r['words'] / r['seconds']:7,.0f} words/s  "
                  f"(session start {r['session_s']:.1f} s, cold first job of {r['cold_job_docs']} articles {r['cold_job_s']:.1f} s)",
                  flush=True)
    local_wps = loc["words"] / loc["seconds"]
    wps = {m: r["words"] / r["seconds"] for m, r in runs.items()}
    scaling = wps["local[2]"] / wps["local[1]"]
    per_core = wps["local[1]"] / local_wps
    per_core_2 = wps["local[2]"] / 2 / local_wps
    same = loc["events"] == runs["local[1]"]["events"] == runs["local[2]"]["events"]
    print()
    print(f"Spark local[2] / local[1]                  {scaling:.2f}x  >= {TARGETS['scaling']}x  {'ok' if scaling >= TARGETS['scaling'] else 'MISSED'}")
    print(f"Spark per core / local engine (local[1])   {per_core:.2f}   >= {TARGETS['per_core']}   {'ok' if per_core >= TARGETS['per_core'] else 'MISSED'}")
    print(f"Spark per core / local engine (local[2])   {per_core_2:.2f}")
    print(f"events: local {loc['events']:,}, local[1] {runs['local[1]']['events']:,}, local[2] {runs['local[2]']['events']:,}"
          f" ({'same' if same else 'DIFFERENT'})")
    if args.json:
        args.json.write_text(json.dumps({"local": loc, "spark": runs, "words_per_second": {"local_1": local_wps, **wps},
                                         "scaling": scaling, "per_core": per_core, "per_core_local2": per_core_2,
                                         "load_average": os.getloadavg()}, indent=2) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
