"""The Spark runner in real local mode: the same records as ``khaldun extract``, as partitioned Parquet.

One SparkSession (``local[2]``) for the session; the spaCy model loads once per
Python worker. The JSONL test codes the whole benchmark corpus (320 articles of
about 350 words) plus inputs of every reading-time rejection; the WARC tests
run the command itself, on a path and on a ``file://`` URI (Hadoop's reader).
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khaldun.export.parquet import arrow_type
from khaldun.pipeline import extract
from khaldun.records import EventRecord

pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra: pip install 'khaldun[spark]')")
if shutil.which("java") is None:
    pytest.skip("Java is not installed (make test installs openjdk-17-jre-headless where apt-get is available)", allow_module_level=True)

from khaldun.runners.spark import INPUT_ID, SparkOptions, done_inputs, input_id, list_inputs, session, spark_extract
from khaldun.schema import DOCUMENTS, EVENTS, REJECTED
from khaldun.store import DuckDBStore
from khaldun.store.parquet import import_output

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "benchmarks" / "corpus.jsonl.gz"


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    s = session("local[2]", conf={"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "4"})
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def parquet(folder: Path, table: str) -> list[dict[str, Any]]:
    import duckdb

    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM read_parquet('{folder / table}/**/*.parquet', hive_partitioning = true)")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((json.loads(r["record"]) for r in rows), key=lambda r: r["event_id"])


def local(paths: list[str]) -> tuple[list[dict[str, Any]], set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """What ``khaldun extract`` gives: events, (doc_id, content_hash, origin), (origin, reason, code, message)."""
    results, rejections, _ = extract(paths)
    events = sorted((e.to_dict() for _, evs in results for e in evs), key=lambda r: r["event_id"])
    docs = {(d.doc_id, d.content_hash, d.origin) for d, _ in results}
    return events, docs, {(r.origin, r.reason, r.code, r.message) for r in rejections}


@pytest.fixture(scope="session")
def jsonl_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spark-in")
    lines = gzip.decompress(CORPUS.read_bytes()).decode("utf-8").splitlines()
    first = json.loads(lines[0])
    extra = [
        "{not json",
        json.dumps({"id": "empty-1", "text": "   "}),
        json.dumps({"id": "no-text", "title": "no text here"}),
        lines[0],  # the same article twice: coded once
        json.dumps({**first, "text": first["text"] + " A different ending."}),  # its id for another text: duplicate_id
    ]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines[:160] + extra[:3] + lines[160:] + extra[3:]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def jsonl_run(spark: Any, jsonl_input: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("spark-out") / "out"
    summary = spark_extract(spark, [str(jsonl_input)], str(out))
    return out, summary


def test_jsonl_gives_the_local_engines_records_rejections_and_documents(jsonl_input: Path, jsonl_run: tuple[Path, Any]) -> None:
    out, summary = jsonl_run
    events, docs, rejections = local([str(jsonl_input)])
    assert len(docs) >= 320 and len(events) > 1000
    got = records(parquet(out, "events"))
    assert [r["event_id"] for r in got] == [r["event_id"] for r in events]
    assert got == events
    assert {(d["doc_id"], d["content_hash"], d["origin"]) for d in parquet(out, "documents")} == docs
    assert {(r["origin"], r["reason"], r["code"], r["message"]) for r in parquet(out, "rejected")} == rejections
    assert {r[1] for r in rejections} == {"malformed_json", "empty", "no_text", "duplicate_id"}
    assert (summary.documents, summary.events, summary.rejected) == (len(docs), len(events), len(rejections))
    # the model loads once per Python worker (at most one per core), not once per task or partition
    assert 1 <= summary.worker_loads <= 2 < summary.partitions
    assert summary.coding_seconds > 0 and summary.read_seconds > 0


def test_parquet_is_partitioned_by_event_month_and_typed_as_the_shared_layout(jsonl_input: Path, jsonl_run: tuple[Path, Any]) -> None:
    import pyarrow.dataset as ds

    out, _ = jsonl_run
    months = sorted(p.name for p in (out / "events").iterdir() if p.is_dir())
    assert months and all(m.startswith("event_month=") for m in months)
    for m in months:
        assert [p.name for p in (out / "events" / m).iterdir() if p.is_dir()] == [f"{INPUT_ID}={input_id(str(jsonl_input))}"]
    # one file per partition folder, not one per coding task
    folders = [p for p in out.rglob(f"{INPUT_ID}=*") if p.is_dir()]
    # the events' month folders, then documents/, rejected/ and the inputs/ marker written last
    assert len(folders) == len(months) + 3 and (out / "inputs" / f"{INPUT_ID}={input_id(str(jsonl_input))}").is_dir()
    assert all(len(list(f.glob("*.parquet"))) == 1 for f in folders)
    rows = parquet(out, "events")
    assert all(r["event_month"] == (r["date"].strftime("%Y-%m") if r["date"] else "unknown") for r in rows)
    for table in (EVENTS, DOCUMENTS, REJECTED):
        schema = ds.dataset(out / table.name, format="parquet").schema
        got = [(f.name, f.type) for f in schema][: len(table.columns)]
        assert got == [(c.name, arrow_type(c)) for c in table.columns]


def test_import_loads_the_output_into_duckdb_and_events_and_exports_work_on_it(
    jsonl_input: Path, jsonl_run: tuple[Path, Any], tmp_path: Path, khaldun_cli: Any
) -> None:
    run_khaldun = khaldun_cli
    out, _ = jsonl_run
    events, docs, rejections = local([str(jsonl_input)])
    db = tmp_path / "imported.duckdb"
    proc = run_khaldun(["import", out, "--db", db])
    assert proc.returncode == 0, proc.stderr
    with DuckDBStore(db, read_only=True) as store:
        assert sorted((e.to_dict() for e in store.events()), key=lambda r: r["event_id"]) == events
        assert store.count("documents") == len(docs)
        assert {(r["origin"], r["reason"], r["code"], r["message"]) for r in store.rejected()} == rejections
    # importing again stores nothing twice
    with DuckDBStore(db) as store:
        import_output(store, str(out))
        assert (store.count("documents"), store.count("events"), store.count("rejected")) == (len(docs), len(events), len(rejections))
    proc = run_khaldun(["events", "--db", db, "--type", "ASSAULT", "--format", "jsonl"])
    assert proc.returncode == 0, proc.stderr
    assault = [json.loads(line) for line in proc.stdout.splitlines()]
    assert assault and assault == [e for e in _by_date(events) if e["event_type"] == "ASSAULT"]
    proc = run_khaldun(["events", "--db", db, "--format", "csv", "-o", tmp_path / "events.csv"])
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").count("\n") >= len(events) + 1


def _by_date(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    with DuckDBStore() as store:  # the store's order: oldest first, then document, sentence, id
        from collections import defaultdict

        from khaldun.records import Document

        by_doc: dict[str, list[EventRecord]] = defaultdict(list)
        for e in events:
            by_doc[e["doc_id"]].append(EventRecord.from_dict(e))
        store.write([(Document(doc_id=d, text=d, content_hash=d), evs) for d, evs in by_doc.items()])
        return [e.to_dict() for e in store.events()]


def test_resume_skips_the_inputs_already_written(spark: Any, jsonl_input: Path, jsonl_run: tuple[Path, Any]) -> None:
    out, first = jsonl_run
    before = len(parquet(out, "events"))
    again = spark_extract(spark, [str(jsonl_input)], str(out), SparkOptions(resume=True))
    assert (again.inputs, again.inputs_skipped, again.documents) == (1, 1, 0)
    assert len(parquet(out, "events")) == before == first.events


def test_an_input_is_held_only_once_its_marker_is_written_last(spark: Any, tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    lines = gzip.decompress(CORPUS.read_bytes()).decode("utf-8").splitlines()[:4]
    small.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    first = spark_extract(spark, [str(small)], str(out))
    assert first.documents == 4 and first.rejected == 1 and first.events > 0
    held = {f.input_id for f in list_inputs(spark, [str(small)])}
    assert len(held) == 1 and done_inputs(spark, str(out)) == held
    events = records(parquet(out, "events"))
    # a job that failed after its documents and rejections but before its end: tables there, no marker
    shutil.rmtree(out / "inputs")
    assert (out / "documents").is_dir() and done_inputs(spark, str(out)) == set()
    again = spark_extract(spark, [str(small)], str(out), SparkOptions(resume=True))
    assert (again.inputs_skipped, again.documents, again.events) == (0, first.documents, first.events)
    # coded again into its own partitions: every row once, and the input is held again
    assert records(parquet(out, "events")) == events and len(parquet(out, "rejected")) == 1
    assert done_inputs(spark, str(out)) == held


# -- WARC, through the command ---------------------------------------------------


def _warc(path: Path, articles: list[dict[str, Any]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for i, a in enumerate(articles):
            paragraphs = "".join(f"<p>{p}</p>" for p in a["text"].split(". ") if p)
            html = (
                f"<html><head><title>{a['title']}</title>"
                f"<meta property=\"article:published_time\" content=\"{a['doc_date']}\"></head>"
                f"<body><article><h1>{a['title']}</h1>{paragraphs}</article></body></html>"
            ).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"https://news.example/{i}", "response", payload=io.BytesIO(html), http_headers=headers)
            writer.write_record(rec)
        # a page with no text: rejected, as on one machine
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/empty", "response",
                                                      payload=io.BytesIO(b"<html><body></body></html>"), http_headers=headers))


@pytest.fixture(scope="session")
def warc_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("warc")
    articles = [json.loads(line) for line in gzip.decompress(CORPUS.read_bytes()).decode("utf-8").splitlines()[:6]]
    _warc(folder / "news.warc.gz", articles)
    return folder / "news.warc.gz"


def test_warc_through_the_command_on_a_path_and_a_uri(warc_input: Path, tmp_path: Path, khaldun_cli: Any) -> None:
    run_khaldun = khaldun_cli
    events, docs, rejections = local([str(warc_input)])
    # the page with no text is rejected by the local readers (as empty once its markup is stripped)
    assert len(docs) == 6 and events and len(rejections) == 1 and {r[1] for r in rejections} <= {"no_text", "empty"}
    out = tmp_path / "out"
    args = ["spark", "extract", "--master", "local[2]", "--conf", "spark.ui.enabled=false"]
    proc = run_khaldun([*args, warc_input, "--output", out], env={"PYSPARK_PYTHON": sys.executable}, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert records(parquet(out, "events")) == events
    assert {(d["doc_id"], d["content_hash"], d["origin"]) for d in parquet(out, "documents")} == docs
    assert {(r["origin"], r["reason"], r["code"], r["message"]) for r in parquet(out, "rejected")} == rejections
    # the same job again (a failed job rerun without --resume) leaves each row once
    uri = warc_input.as_uri()
    proc = run_khaldun([*args, warc_input, uri, "--output", out], env={"PYSPARK_PYTHON": sys.executable}, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # the URI is read by Hadoop's reader (binaryFiles) and gives the same documents, with the URI as origin;
    # as within any one run, the second copy of each article is coded once, so only rejections name the URI
    assert records(parquet(out, "events")) == events
    got = {(r["origin"], r["reason"]) for r in parquet(out, "rejected")}
    assert got == {(o, r) for o, r, _, _ in rejections} | {(o.replace(str(warc_input), uri.replace("file:///", "file:/")), r)
                                                           for o, r, _, _ in rejections}
