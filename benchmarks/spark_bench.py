"""Throughput of the local engine and of Spark ``local[1]`` and ``local[2]`` on the same corpus, in one run (issue 13).

    python benchmarks/spark_bench.py             # 480 articles (the corpus and half of it again), ~6 minutes quiet (2 cores)
    python benchmarks/spark_bench.py --docs 160  # fewer
    python benchmarks/run.py --spark             # after the main benchmark (make bench)

The corpus is ``benchmarks/corpus.jsonl.gz`` (320 articles, ~112,000 words).
``--docs N`` above 320 repeats it with new ids (``ID~2``, ``ID~3``, ...: the
same texts, coded again as other articles), so that fixed start-up costs do
not dominate. Every engine reads the same JSONL file, in its own process, one
after the other, and each figure is words per second (whitespace-separated
words of the coded documents) over the same scope: **read the file, code
every article, write the output** (``khaldun extract``: the DuckDB store;
Spark: the three Parquet tables). Start-up is reported separately:

- **local, 1 worker** (``khaldun extract --workers 1``): start-up is loading
  the model and data (``Pipeline.warm_up``); the steady run is ``run_into``
  a new DuckDB store with them loaded.
- **local, 2 workers** (the process pool): start-up is the pool's first
  start (``PoolCoder.start``: the fork server, then both workers' model
  loads); the steady run is ``run_into`` (which starts a pool of its own)
  minus the time and CPU of a second start (workers only, as in ``run_into``).
- **Spark local[1] / local[2]**: start-up is the session's start plus a first
  job on a few articles (each Python worker loads the model once: Spark
  reuses workers, and the runner keeps the pipeline); the steady run is
  ``spark_extract`` of the whole file on those warm workers. The job's own
  accounting is printed beside it: core-seconds in ``Pipeline.outcomes``
  (parsing and coding) against the job's wall time x cores, reading, and
  models loaded during the job (0 when the workers were warm).

Beside the wall-clock figures, each engine's CPU time (user + system, of its
process and every descendant: Spark's JVM and Python workers, the pool's
workers) over the steady run, per 1,000 words: a per-core comparison that
the machine's other load does not distort.

Targets: Spark local[2] / local[1] >= 1.6, and Spark per core (local[1]) >=
0.8 of the local engine's rate (local, 1 worker). The ratio of the local
engine's own two runs (2 workers / 1) says what this machine allows.
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
DEFAULT_DOCS = 480
ENGINES = ("local-1", "local-2", "local[1]", "local[2]")


def write_input(path: Path, docs: int) -> int:
    """The first ``docs`` articles of the corpus repeated with new ids, as JSONL; returns how many copies it took."""
    lines = gzip.decompress(CORPUS.read_bytes()).decode("utf-8").splitlines()
    out: list[str] = []
    copy = 1
    while len(out) < docs:
        for line in lines[: docs - len(out)]:
            if copy == 1:
                out.append(line)
            else:
                rec = json.loads(line)
                rec["id"] = f"{rec['id']}~{copy}"
                out.append(json.dumps(rec, ensure_ascii=False))
        copy += 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return copy - 1


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and all its descendants so far, reaped ones included (Linux /proc).

    Spark's JVM, its Python daemon and workers, and the pool's fork server and
    workers are all descendants of the process that measures: the difference
    of two readings is what an engine spent, whatever else the machine runs.
    """
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    times: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parent[int(entry)] = int(fields[1])
        times[int(entry)] = sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    mine = {os.getpid()}
    grew = True
    while grew:
        more = {pid for pid, ppid in parent.items() if ppid in mine} - mine
        grew = bool(more)
        mine |= more
    return sum(times[pid] for pid in mine) / tick


def words_of(path: Path) -> tuple[int, int]:
    """(documents, words) as the readers give them (not timed)."""
    from khaldun.ingest import read_inputs
    from khaldun.records import Document

    docs = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
    return len(docs), sum(len(d.text.split()) for d in docs)


def local_run(workers: int, path: Path) -> dict[str, Any]:
    from khaldun.config import Settings
    from khaldun.pipeline import Pipeline, run_into
    from khaldun.store import DuckDBStore

    settings = Settings(workers=workers)
    start = time.perf_counter()
    again = again_cpu = 0.0
    if workers == 1:
        Pipeline(settings).warm_up()  # kept by this process for the run below
    else:
        from khaldun.runners.pool import PoolCoder

        with PoolCoder(settings) as pool:
            pool.start(wait=True)
        # run_into starts a pool of its own, with the fork server already running: that start is taken off its run
        cpu, t0 = cpu_seconds(), time.perf_counter()
        with PoolCoder(settings) as pool:
            pool.start(wait=True)
        again, again_cpu = time.perf_counter() - t0, cpu_seconds() - cpu
    startup = time.perf_counter() - start - again
    with tempfile.TemporaryDirectory() as tmp, DuckDBStore(Path(tmp) / "bench.duckdb") as store:
        cpu = cpu_seconds()
        start = time.perf_counter()
        summary = run_into(store, [str(path)], settings)
        total = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
        events = store.count("events")
    return {"engine": f"local-{workers}", "cores": workers, "startup_s": startup, "seconds": total - again, "total_s": total,
            "cpu_s": cpu - again_cpu, "documents": summary.documents, "events": events}


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
        first = spark_extract(spark, [str(warm)], f"{tmp}/warm-out", SparkOptions(partitions=cores))
        cpu = cpu_seconds()
        job = spark_extract(spark, [str(path)], f"{tmp}/out", SparkOptions())
        cpu = cpu_seconds() - cpu
        files = sum(1 for _ in Path(tmp, "out").rglob("*.parquet"))
    spark.stop()
    return {"engine": master, "cores": cores, "session_s": session_s, "first_job_s": first.seconds,
            "first_job_docs": first.documents, "first_job_loads": getattr(first, "worker_loads", -1),
            "first_job_load_s": getattr(first, "load_seconds", float("nan")),
            "startup_s": session_s + first.seconds, "seconds": job.seconds, "cpu_s": cpu, "documents": job.documents, "words": job.words,
            "events": job.events, "partitions": job.partitions,
            # figures of the runner's own accounting (absent from runners before it: -1 and NaN)
            "worker_loads": getattr(job, "worker_loads", -1), "load_seconds": getattr(job, "load_seconds", float("nan")),
            "read_seconds": getattr(job, "read_seconds", float("nan")),
            "coding_seconds": getattr(job, "coding_seconds", float("nan")),
            "parquet_files": files}


def one(engine: str, path: Path) -> dict[str, Any]:
    if engine.startswith("local-"):
        return local_run(int(engine.split("-")[1]), path)
    return spark_run(engine, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=DEFAULT_DOCS,
                    help=f"number of articles (default {DEFAULT_DOCS}; above 320 the corpus repeats with new ids)")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    ap.add_argument("--one", metavar="ENGINE", help=argparse.SUPPRESS)  # internal: one engine in this process
    ap.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.input)))
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
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        copies = write_input(path, args.docs)
        n_docs, words = words_of(path)
        repeat = f", the corpus {copies} times with new ids" if copies > 1 else ""
        print(f"spark benchmark: {n_docs} articles{repeat}, {words:,} words; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        print(f"  {'engine':<18}{'start-up':>10}{'steady':>10}{'words/s':>10}{'per core':>10}{'CPU s/1k words':>16}{'events':>8}",
              flush=True)
        for engine in ENGINES:
            env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
            proc = subprocess.run([sys.executable, __file__, "--one", engine, "--input", str(path)],
                                  capture_output=True, text=True, env=env, check=False)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            r["words"] = words
            r["wps"] = words / r["seconds"]
            runs[engine] = r
            label = {"local-1": "local, 1 worker", "local-2": "local, 2 workers"}.get(engine, f"Spark {engine}")
            print(f"  {label:<18}{r['startup_s']:>8.1f} s{r['seconds']:>8.1f} s{r['wps']:>10,.0f}{r['wps'] / r['cores']:>10,.0f}"
                  f"{1000 * r['cpu_s'] / words:>16.3f}{r['events']:>8,}", flush=True)
            if "coding_seconds" in r:
                busy = r["seconds"] * r["cores"]
                print(f"      start-up: session {r['session_s']:.1f} s, first job ({r['first_job_docs']} articles, "
                      f"{r['first_job_loads']} model loads of {r['first_job_load_s'] / max(1, r['first_job_loads']):.1f} s) "
                      f"{r['first_job_s']:.1f} s", flush=True)
                print(f"      steady job: coding {r['coding_seconds']:.1f} of {busy:.1f} core-s ({r['coding_seconds'] / busy:.0%}), "
                      f"reading {r['read_seconds']:.1f} s, {r['worker_loads']} model loads, {r['partitions']} partitions, "
                      f"{r['parquet_files']} Parquet files; coding alone {words / r['coding_seconds']:,.0f} words/s per core",
                      flush=True)
    local_wps = runs["local-1"]["wps"]
    scaling = runs["local[2]"]["wps"] / runs["local[1]"]["wps"]
    per_core = runs["local[1]"]["wps"] / local_wps
    per_core_2 = runs["local[2]"]["wps"] / runs["local-2"]["wps"]
    local_scaling = runs["local-2"]["wps"] / local_wps
    cpu_ratio = runs["local-1"]["cpu_s"] / runs["local[1]"]["cpu_s"]
    same = len({r["events"] for r in runs.values()}) == 1 and len({r["documents"] for r in runs.values()}) == 1
    print()
    print(f"Spark local[2] / local[1]                       {scaling:.2f}x  >= {TARGETS['scaling']}x  "
          f"{'ok' if scaling >= TARGETS['scaling'] else 'MISSED'}   (local engine, 2 workers / 1: {local_scaling:.2f}x)")
    print(f"Spark per core / local engine (local[1] / 1)    {per_core:.2f}   >= {TARGETS['per_core']}   "
          f"{'ok' if per_core >= TARGETS['per_core'] else 'MISSED'}")
    print(f"Spark local[2] / local engine with 2 workers    {per_core_2:.2f}")
    print(f"CPU per word, local engine / Spark local[1]     {cpu_ratio:.2f}   (the per-core ratio, whatever the machine's load)")
    counts = ", ".join(f"{k} {r['events']:,}" for k, r in runs.items())
    print(f"events: {counts} ({'same' if same else 'DIFFERENT'})")
    if args.json:
        args.json.write_text(json.dumps({"articles": n_docs, "copies": copies, "words": words, "runs": runs,
                                         "scaling": scaling, "per_core": per_core, "per_core_local2": per_core_2,
                                         "local_scaling": local_scaling, "cpu_ratio": cpu_ratio, "load_average": os.getloadavg()}, indent=2) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
