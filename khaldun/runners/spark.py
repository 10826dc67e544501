"""Run the pipeline on Apache Spark: inputs on any Hadoop-compatible path, partitioned Parquet out.

    from khaldun.runners.spark import SparkOptions, spark_extract
    summary = spark_extract(spark, ["s3a://bucket/cc-news/2024/01/"], "s3a://bucket/khaldun/", SparkOptions())

The job, stage by stage:

1. **List** (driver). A local path (or a shared file system mounted on every
   executor) is expanded exactly as ``khaldun extract`` expands it
   (:func:`khaldun.ingest.sources.expand`: same walk, same origins, same
   rejections of broken links). A URI with a scheme (``hdfs://``, ``s3a://``,
   ``gs://``, ``abfs://``, ``file://``) is listed through Hadoop's FileSystem,
   recursively, keeping the files the local readers read.
2. **Read** (executors, one task per input file). Local paths are streamed by
   the local readers (:func:`khaldun.ingest.read_inputs`); URIs arrive through
   ``binaryFiles`` and go through the same format readers. Either way each
   input becomes documents and rejections with the same reasons and origins
   as on one machine.
3. **Deduplicate** (a shuffle on ``doc_id``): as the local engine does within a
   run, the same article twice is coded once and an id reused for another text
   is rejected (``duplicate_id``), deciding by input order.
4. **Code** (executors, in the same Python worker and task as the
   deduplication's merge): each Python worker builds one
   :class:`~khaldun.pipeline.Pipeline` (the spaCy model, lexicons, knowledge
   base, gazetteer) the first time it codes and keeps it for every later task
   (:func:`worker_pipeline`; Spark reuses Python workers), then runs
   :meth:`Pipeline.outcomes`: the same coder, record assembly, fault isolation
   and time limit as ``khaldun extract``. So the records are the local
   engine's, field for field. The rows of all three tables come out as one
   DataFrame (:func:`coded_schema`), cached by Spark.
5. **Write** (Spark's own work over that cache, no Python): three Parquet
   tables under the output folder, typed from :mod:`khaldun.schema` (see
   :func:`spark_schema`): ``events`` partitioned by ``event_month``
   (``YYYY-MM`` of the event date, ``unknown`` when undated) then
   ``input_id``; ``documents`` and ``rejected`` partitioned by ``input_id``;
   one file per partition folder. The summary's counts are one aggregation
   over the same cache.

Idempotent by input file. ``input_id`` is a hash of the input's origin, and the
tables are written with dynamic partition overwrite: writing an input again
replaces exactly its partitions. A job that fails writes nothing (Spark commits
a job's files at its end); :func:`done_inputs` lists the inputs an output
already holds, and ``resume=True`` skips them. An input counts as held only
once all three tables are written: the job then writes a fourth, small table,
``inputs`` (one row per input: its origin and when it was finished), last. So a
job that fails between two tables leaves its inputs unmarked, and a resumed job
codes them again. A failed job resumed, or the same job run twice, leaves each
input's rows once. See ``docs/scale.md``.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from khaldun.config import Settings
from khaldun.errors import DuplicateDocument, InputError, UsageError
from khaldun.pipeline import Pipeline, RunSummary
from khaldun.records import Document, Rejection
from khaldun.schema import DOCUMENTS, EVENTS, REJECTED, LogicalType, Table

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

log = logging.getLogger(__name__)

#: the partition columns added to the shared layout
EVENT_MONTH = "event_month"
INPUT_ID = "input_id"
UNDATED = "unknown"
#: the tables of an output folder, each a subfolder
OUTPUT_TABLES: tuple[Table, ...] = (EVENTS, DOCUMENTS, REJECTED)
#: the folder written last, one ``input_id=`` partition per input whose three tables are complete
INPUTS = "inputs"


@dataclass(frozen=True)
class SparkOptions:
    """How a Spark extraction runs (the coding itself follows :class:`~khaldun.config.Settings`)."""

    settings: Settings = field(default_factory=Settings)
    partitions: int = 0
    """partitions documents are coded in; 0: four per core of the cluster (``defaultParallelism x 4``)"""
    resume: bool = False
    """skip the inputs the output already holds (a failed job started again)"""


@dataclass(frozen=True)
class InputFile:
    """One input of a job, as the driver lists it."""

    index: int
    """its position among the job's inputs: decides which of two copies of a document comes first"""
    origin: str
    """the name rejections and documents carry (as ``khaldun extract`` gives it)"""
    path: str | None
    """where an executor reads it: a local path, a URI (read through ``binaryFiles``), or None when listing failed"""
    remote: bool = False
    error: InputError | None = None

    @property
    def input_id(self) -> str:
        return input_id(self.origin)


def input_id(origin: str) -> str:
    """The partition key of an input: a short, stable hash of its origin."""
    return hashlib.sha256(origin.encode("utf-8")).hexdigest()[:16]


# -- sessions -----------------------------------------------------------------


def session(master: str | None = None, app_name: str = "khaldun", conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession for khaldun: this interpreter on executors (local mode), dynamic partition overwrite.

    ``master`` None keeps what ``spark-submit`` set, else ``local[*]``.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        builder = builder.master("local[*]")
    settings = {
        "spark.sql.sources.partitionOverwriteMode": "dynamic",
        "spark.sql.session.timeZone": "UTC",
        # coding is CPU-bound: one Python worker per core, reused across tasks so each loads the model once
        "spark.python.worker.reuse": "true",
        # the deduplication's merge spills to disk once its worker's resident memory passes this; a worker
        # that holds the model is past Spark's default (512m) before it merges anything
        "spark.python.worker.memory": "2g",
        **(conf or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# -- listing (driver) -----------------------------------------------------------


def _is_uri(path: str) -> bool:
    head, sep, _ = path.partition("://")
    return bool(sep) and head.isalnum() and len(head) > 1


def list_inputs(spark: SparkSession, paths: Sequence[str]) -> list[InputFile]:
    """The input files of ``paths``, in order, with their origins; folders recursively."""
    from khaldun.ingest import expand, readable_name

    out: list[InputFile] = []
    for p in paths:
        if p == "-":
            raise UsageError("standard input cannot be read by a Spark job; give files, folders or URIs")
        if _is_uri(p):
            for uri in _hadoop_files(spark, p, readable_name):
                out.append(InputFile(len(out), uri, uri, remote=True))
            continue
        for origin, target in expand([p], readable_name):
            if isinstance(target, InputError):
                out.append(InputFile(len(out), origin, None, error=target))
            else:
                out.append(InputFile(len(out), origin, str(target)))
    return out


def _hadoop_files(spark: SparkSession, uri: str, wanted: Any) -> list[str]:
    """Files under ``uri`` through Hadoop's FileSystem (HDFS, S3A, GCS, ABFS, local), sorted, hidden ones left out."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hpath = jvm.org.apache.hadoop.fs.Path(uri)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(hpath):
        raise UsageError(f"{uri}: no such file or folder")
    found: list[str] = []
    if fs.getFileStatus(hpath).isFile():
        return [hpath.toString()]
    it = fs.listFiles(hpath, True)
    root = hpath.toUri().getPath().rstrip("/")
    while it.hasNext():
        status = it.next()
        p = status.getPath()
        rel = p.toUri().getPath()[len(root):].lstrip("/")
        if any(part.startswith(".") for part in rel.split("/")) or not wanted(p.getName()):
            continue
        found.append(p.toString())
    return sorted(found)


# -- reading (executors) ------------------------------------------------------------

Keyed = tuple[int, int, "Document | Rejection"]
"""(input index, position in the input, item)"""


def _read_local(item: InputFile, s: Settings) -> Iterator[Keyed]:
    from khaldun.ingest import read_inputs, rejection

    if item.error is not None or item.path is None:
        yield item.index, 0, rejection(item.origin, item.error or InputError(f"{item.origin}: cannot be listed"))
        return
    items = read_inputs(
        [item.path], max_chars=s.max_doc_chars, text_column=s.csv_text_column, languages=s.languages,
        max_decompressed_bytes=s.max_decompressed_bytes,
    )
    for i, it in enumerate(items):
        yield item.index, i, it


def _read_bytes(item: InputFile, data: bytes, s: Settings) -> Iterator[Keyed]:
    """The documents of one file's bytes, read as the local readers read the file at ``item.origin``."""
    from khaldun.ingest import read_stream

    items = read_stream(
        io.BytesIO(data), item.origin, max_chars=s.max_doc_chars, text_column=s.csv_text_column, languages=s.languages,
        max_decompressed_bytes=s.max_decompressed_bytes,
    )
    for i, it in enumerate(items):
        yield item.index, i, it


def _dedup_key(k: Keyed) -> tuple[Any, ...]:
    item = k[2]
    return ("d", item.doc_id) if isinstance(item, Document) else ("r", k[0], k[1])


def _first_wins(group: tuple[Any, Iterable[Keyed]]) -> Iterator[Keyed]:
    """One doc_id's copies: the first in input order is kept; another text under that id is rejected.

    What :meth:`Pipeline.run` does within a run on one machine. A rejection is alone in its group.
    """
    _, copies = group
    ordered = sorted(copies, key=lambda k: (k[0], k[1]))
    first = ordered[0]
    yield first
    kept = first[2]
    if isinstance(kept, Rejection):
        return
    for index, pos, doc in ordered[1:]:
        assert isinstance(doc, Document)
        if doc.content_hash == kept.content_hash:
            continue  # the same article twice is coded once
        err = DuplicateDocument(f"{doc.origin}: id {doc.doc_id!r} was already used for a different text in this run")
        yield index, pos, Rejection(origin=doc.origin or "", reason=err.reason, code=err.code, message=str(err), doc_id=doc.doc_id)


# -- coding (executors) ------------------------------------------------------------

_worker: tuple[Settings, Pipeline] | None = None


def worker_pipeline(settings: Settings) -> Pipeline:
    """This Python process's pipeline, built and warmed once and kept for every later task."""
    return _worker_pipeline(settings)[0]


def _worker_pipeline(settings: Settings) -> tuple[Pipeline, float]:
    """The pipeline, and the seconds spent loading it now (0.0 when this worker had it already)."""
    global _worker
    if _worker is not None and _worker[0] == settings:
        return _worker[1], 0.0
    start = time.perf_counter()
    pipeline = Pipeline(settings)
    pipeline.warm_up()
    # as in the process pool: the model and tables live as long as the worker, so the
    # garbage collector need not scan their objects again on every collection
    gc.collect()
    gc.freeze()
    _worker = (settings, pipeline)
    return pipeline, time.perf_counter() - start


@dataclass(frozen=True)
class _Probe:
    """Accumulators the executors add to, read by the driver when the job ends (see :class:`SparkSummary`)."""

    loads: Any
    load_seconds: Any
    read_seconds: Any
    coding_seconds: Any

    @classmethod
    def of(cls, sc: Any) -> _Probe:
        return cls(sc.accumulator(0), sc.accumulator(0.0), sc.accumulator(0.0), sc.accumulator(0.0))


Row = tuple[Any, ...]
"""a row of the job's one coded table (:func:`coded_schema`): table name, one struct per table, words, partition columns"""


def _timed_read(items: Iterable[Keyed], seconds: Any) -> Iterator[Keyed]:
    """``items``, adding the time spent producing them (reading and parsing the input) to ``seconds``."""
    it = iter(items)
    spent = 0.0
    try:
        while True:
            start = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                spent += time.perf_counter() - start
            yield item
    finally:
        seconds.add(spent)


def _code_partition(settings: Settings, keyed: Iterable[tuple[int, Document | Rejection, str]], probe: _Probe) -> Iterator[Row]:
    """The rows of one partition: documents coded by this worker's pipeline, rejections beside them."""
    from itertools import chain

    now = datetime.now(UTC).replace(tzinfo=None)
    ids: dict[str, str] = {}
    rejections: list[Row] = []

    def documents() -> Iterator[Document]:
        for _, item, iid in keyed:
            if isinstance(item, Rejection):
                rejections.append(_rejected_row(item, iid, now))
                continue
            ids[item.doc_id] = iid
            yield item

    docs = documents()
    first = next(docs, None)
    if first is not None:  # a partition of rejections only loads no model
        pipeline, loading = _worker_pipeline(settings)
        if loading:
            probe.loads.add(1)
            probe.load_seconds.add(loading)
        start = time.perf_counter()
        try:
            for doc, result in pipeline.outcomes(chain([first], docs)):
                iid = ids[doc.doc_id]
                if isinstance(result, Rejection):
                    yield _rejected_row(result, iid, now)
                    continue
                words = len(doc.text.split())
                yield (DOCUMENTS.name, None, _typed(DOCUMENTS, {**asdict(doc), "ingested_at": now}), None, words, None, iid)
                for e in result:
                    yield (EVENTS.name, _typed(EVENTS, e.to_dict()), None, None, None, (e.date or "")[:7] or UNDATED, iid)
        finally:
            probe.coding_seconds.add(time.perf_counter() - start)
    yield from rejections


def _rejected_row(rej: Rejection, iid: str, now: datetime) -> Row:
    return (REJECTED.name, None, None, _typed(REJECTED, {**asdict(rej), "rejected_at": now}), None, None, iid)


def _convert(type_: LogicalType, value: Any) -> Any:
    if value is None:
        return None
    if type_.name == "date":
        return date.fromisoformat(value) if isinstance(value, str) else value
    if type_.name == "timestamp":
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    if type_.name == "json":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if type_.name == "strings":
        return list(value)
    if type_.name == "float":
        return float(value)
    return value


def _typed(table: Table, rec: dict[str, Any]) -> tuple[Any, ...]:
    row = table.row(rec)
    return tuple(_convert(c.type, row[c.name]) for c in table.columns)


# -- schema ---------------------------------------------------------------------------


def _struct(table: Table) -> StructType:
    from pyspark.sql import types as T

    arrow = {
        "string": T.StringType(), "list<string>": T.ArrayType(T.StringType()), "int32": T.IntegerType(),
        "int64": T.LongType(), "float64": T.DoubleType(), "date32": T.DateType(), "timestamp[us]": T.TimestampNTZType(),
    }
    return T.StructType([T.StructField(c.name, arrow[c.type.arrow], nullable=True) for c in table.columns])


def coded_schema() -> StructType:
    """The one table a job's coding stage returns: each row one table's row, in that table's struct column.

    ``table`` names the table; ``events``, ``documents`` and ``rejected`` are
    structs typed as :func:`spark_schema` (one set, the others null); ``words``
    counts a document's words; ``event_month`` and ``input_id`` are the
    partition columns. One table, so that coding runs once, in the same Python
    worker as the deduplication, and the three writes and the counts are
    Spark's own (JVM) work over its cache.
    """
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("table", T.StringType(), nullable=False),
        *(T.StructField(t.name, _struct(t), nullable=True) for t in OUTPUT_TABLES),
        T.StructField("words", T.LongType(), nullable=True),
        T.StructField(EVENT_MONTH, T.StringType(), nullable=True),
        T.StructField(INPUT_ID, T.StringType(), nullable=False),
    ])


def spark_schema(table: Table) -> StructType:
    """The Spark schema of a flat table from :mod:`khaldun.schema`'s Arrow types, partition columns last.

    Parquet written with it reads back (pyarrow, DuckDB) with exactly the Arrow types of
    :class:`khaldun.schema.LogicalType` (``timestamp[us]`` without a zone: ``TimestampNTZType``).
    """
    from pyspark.sql import types as T

    fields = list(_struct(table).fields)
    fields += [T.StructField(name, T.StringType(), nullable=False) for name in partition_columns(table)]
    return T.StructType(fields)


def partition_columns(table: Table) -> tuple[str, ...]:
    return (EVENT_MONTH, INPUT_ID) if table.name == EVENTS.name else (INPUT_ID,)


# -- the job ---------------------------------------------------------------------------


@dataclass
class SparkSummary(RunSummary):
    """What a Spark job did: the run's figures, plus the inputs and words it read and where the time went.

    The ``*_seconds`` and ``worker_loads`` figures are summed over the
    executors' tasks (accumulators): a task Spark runs twice (a lost executor,
    a cache evicted) counts twice.
    """

    inputs: int = 0
    inputs_skipped: int = 0
    """inputs already in the output (``resume``), not read again"""
    words: int = 0
    """words in the coded documents (whitespace-separated), for throughput figures"""
    partitions: int = 0
    worker_loads: int = 0
    """Python workers that built a pipeline (loaded the model) in this job: 0 when all were warm"""
    load_seconds: float = 0.0
    """time those workers spent loading"""
    read_seconds: float = 0.0
    """time the read tasks spent reading and parsing the inputs into documents"""
    coding_seconds: float = 0.0
    """time the coding tasks spent in :meth:`Pipeline.outcomes` (parsing and coding), over all cores"""


def done_inputs(spark: SparkSession, output: str) -> set[str]:
    """The ``input_id`` s an output folder holds completely: those of its ``inputs`` table, written last.

    An input whose documents or rejections were written by a job that then failed
    before its end is not among them (its rows are rewritten when it is coded again).
    """
    done: set[str] = set()
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hpath = jvm.org.apache.hadoop.fs.Path(f"{output.rstrip('/')}/{INPUTS}")
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(hpath):
        return done
    for status in fs.listStatus(hpath):
        name = status.getPath().getName()
        if status.isDirectory() and name.startswith(f"{INPUT_ID}="):
            done.add(name.split("=", 1)[1])
    return done


def _mark_inputs(spark: SparkSession, inputs: Sequence[InputFile], output: str) -> None:
    """Write the ``inputs`` table's partitions for ``inputs``: the last write of a job, after its three tables."""
    from pyspark.sql import types as T

    schema = T.StructType([
        T.StructField("origin", T.StringType(), nullable=False),
        T.StructField("finished_at", T.TimestampType(), nullable=False),
        T.StructField(INPUT_ID, T.StringType(), nullable=False),
    ])
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [(f.origin, now, f.input_id) for f in inputs]
    df = spark.createDataFrame(rows, schema).repartition(INPUT_ID)
    df.write.mode("overwrite").partitionBy(INPUT_ID).parquet(f"{output.rstrip('/')}/{INPUTS}")


def spark_extract(spark: SparkSession, paths: Sequence[str], output: str, options: SparkOptions | None = None) -> SparkSummary:
    """Read, code and write ``paths`` into Parquet tables under ``output`` (a local folder or a URI)."""
    opts = options or SparkOptions()
    s = opts.settings
    start = time.perf_counter()
    sc = spark.sparkContext
    inputs = list_inputs(spark, paths)
    summary = SparkSummary(inputs=len(inputs))
    if opts.resume:
        done = done_inputs(spark, output)
        todo = [f for f in inputs if f.input_id not in done]
        summary.inputs_skipped = len(inputs) - len(todo)
        inputs = todo
    if not inputs:
        summary.seconds = time.perf_counter() - start
        return summary
    ids = {f.index: f.input_id for f in inputs}
    probe = _Probe.of(sc)
    local = [f for f in inputs if not f.remote]
    remote = [f for f in inputs if f.remote]
    parts = []
    if local:
        parts.append(sc.parallelize(local, len(local)).flatMap(lambda f: _timed_read(_read_local(f, s), probe.read_seconds)))
    if remote:
        by_uri = {f.path: f for f in remote}
        files = sc.binaryFiles(",".join(f.path for f in remote if f.path), minPartitions=len(remote))
        parts.append(files.flatMap(lambda kv: _timed_read(_read_bytes(by_uri[_match(kv[0], by_uri)], kv[1], s), probe.read_seconds)))
    read = parts[0] if len(parts) == 1 else sc.union(parts)
    # documents meet their copies by doc_id (one shuffle, which also spreads them evenly); rejections go
    # straight on. Deduplication, coding and the conversion to rows run in one Python worker per task.
    n = opts.partitions or sc.defaultParallelism * 4
    items = (
        read.keyBy(_dedup_key)
        .groupByKey(numPartitions=n)
        .flatMap(_first_wins)
        .map(lambda k: (k[0], k[2], ids[k[0]]))
    )
    coded = items.mapPartitions(lambda part: _code_partition(s, part, probe))
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    df = spark.createDataFrame(coded, coded_schema(), verifySchema=False).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for table in OUTPUT_TABLES:
            cols = partition_columns(table)
            rows = df.where(F.col("table") == table.name).select(f"{table.name}.*", *cols)
            # one task per output partition (event month x input): one file each, not one per coding task
            rows = rows.repartition(*cols)
            rows.write.mode("overwrite").partitionBy(*cols).parquet(f"{output.rstrip('/')}/{table.name}")
            log.info("%s written after %.1f s", table.name, time.perf_counter() - start)
        stats = (
            df.groupBy("table", F.col("rejected.reason").alias("reason"))
            .agg(F.count(F.lit(1)).alias("n"), F.sum("words").alias("words"))
            .collect()
        )
    finally:
        df.unpersist()
    # last: the inputs are complete only now (a resumed job skips exactly these)
    _mark_inputs(spark, inputs, output)
    for row in stats:
        if row["table"] == REJECTED.name:
            summary.rejected += row["n"]
            summary.rejected_by_reason[row["reason"]] = row["n"]
        elif row["table"] == DOCUMENTS.name:
            summary.documents += row["n"]
            summary.words += int(row["words"] or 0)
        else:
            summary.events += row["n"]
    summary.partitions = n
    summary.worker_loads = probe.loads.value
    summary.load_seconds = probe.load_seconds.value
    summary.read_seconds = probe.read_seconds.value
    summary.coding_seconds = probe.coding_seconds.value
    summary.seconds = time.perf_counter() - start
    return summary


def _match(key: str, by_uri: dict[str | None, InputFile]) -> str:
    """The listed URI ``binaryFiles`` means by ``key`` (it may spell ``file:///x`` as ``file:/x``)."""
    if key in by_uri:
        return key
    for uri in by_uri:
        if uri is not None and uri.split(":", 1)[1].lstrip("/") == key.split(":", 1)[1].lstrip("/"):
            return uri
    raise KeyError(key)


def main(argv: list[str] | None = None) -> int:
    """``spark-submit khaldun/runners/spark.py extract INPUT... --output DIR``: the CLI's ``spark`` command."""
    from khaldun.cli.main import main as cli

    return cli(["spark", *(sys.argv[1:] if argv is None else argv)])


__all__ = [
    "InputFile", "SparkOptions", "SparkSummary", "done_inputs", "input_id", "list_inputs", "session", "spark_extract",
    "spark_schema", "worker_pipeline",
]

if __name__ == "__main__":
    sys.exit(main())
