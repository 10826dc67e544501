"""``khaldun extract`` then ``khaldun events``, end to end, as real subprocesses on real DuckDB files.

Each extract run loads the model (~3 s), so the scenarios are batched: one
module-scoped pair of runs over the bundled examples (and the seed article when
../shared is present) serves the end-to-end, identity, dedup and query tests.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from khaldun.errors import REJECTION_REASONS
from khaldun.schema import validation_errors

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEED = REPO.parent / "shared" / "examples" / "seed-article.txt"
ARTICLE = "date 2024-03-08 Police in Mombasa arrested 14 protesters on Friday, a police spokesman said."

Run = Callable[..., subprocess.CompletedProcess[str]]


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def table(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# -- the examples (and the seed), twice into one database ----------------------


@pytest.fixture(scope="module")
def e2e(tmp_path_factory: pytest.TempPathFactory, khaldun_cli: Run) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("e2e")
    db = tmp / "x.duckdb"
    paths = [str(EXAMPLES)] + ([str(SEED)] if SEED.is_file() else [])
    first = khaldun_cli(["extract", *paths, "--format", "jsonl", "--db", db], cwd=tmp)
    # --recode: code again what the database holds (without it the second run skips them all)
    second = khaldun_cli(["extract", *paths, "--format", "jsonl", "--db", db, "--recode"], cwd=tmp)
    return {"db": db, "tmp": tmp, "first": first, "second": second, "seed": SEED.is_file()}


def test_extract_succeeds_and_summarises(e2e: dict[str, Any]) -> None:
    for run in (e2e["first"], e2e["second"]):
        assert run.returncode == 0, run.stderr
        n_docs = 6 if e2e["seed"] else 5
        assert re.search(rf"khaldun: {n_docs} documents read, 0 rejected, \d+ events, .* stored in .*x\.duckdb", run.stderr), run.stderr
    assert not (e2e["tmp"] / "khaldun.duckdb").exists()  # --db was honoured


def test_every_record_is_schema_valid(e2e: dict[str, Any]) -> None:
    records = jsonl(e2e["first"].stdout)
    assert records
    for rec in records:
        assert validation_errors(rec) == [], rec


def test_the_same_input_gives_the_same_event_ids(e2e: dict[str, Any]) -> None:
    first, second = jsonl(e2e["first"].stdout), jsonl(e2e["second"].stdout)
    assert [r["event_id"] for r in first] == [r["event_id"] for r in second]
    assert first == second
    assert len({r["event_id"] for r in first}) == len(first)


def test_the_same_articles_twice_are_stored_once(e2e: dict[str, Any]) -> None:
    db, records = e2e["db"], jsonl(e2e["first"].stdout)
    n_docs = 6 if e2e["seed"] else 5
    assert table(db, "SELECT count(*), count(DISTINCT content_hash) FROM documents") == [(n_docs, n_docs)]
    assert table(db, "SELECT count(*) FROM events") == [(len(records),)]


def test_jsonl_ids_become_doc_ids_and_text_files_get_content_hashes(e2e: dict[str, Any]) -> None:
    records = jsonl(e2e["first"].stdout)
    doc_ids = {r["doc_id"] for r in records}
    assert {"wire-001", "wire-002", "wire-003"} <= doc_ids
    stored = dict(table(e2e["db"], "SELECT origin, doc_id FROM documents"))
    assert stored[str(EXAMPLES / "wire.jsonl") + ":1"] == "wire-001"
    harbor = stored[str(EXAMPLES / "harbor-talks.txt")]
    assert re.fullmatch(r"[0-9a-f]{16}", harbor)
    row = table(e2e["db"], f"SELECT doc_date, dateline FROM documents WHERE doc_id = '{harbor}'")
    assert [(str(d), line) for d, line in row] == [("2024-03-09", "NAIROBI, Kenya (Khaldun Wire)")]
    assert all(r["doc_date"] == "2024-02-14" for r in records if r["doc_id"] == "wire-001")


def test_the_seed_article_gives_schema_valid_events(e2e: dict[str, Any]) -> None:
    if not e2e["seed"]:
        pytest.skip("../shared is absent")
    origin = str(SEED)
    (seed_id,) = [d for (o, d) in table(e2e["db"], "SELECT origin, doc_id FROM documents") if o == origin]
    seed = [r for r in jsonl(e2e["first"].stdout) if r["doc_id"] == seed_id]
    assert seed
    assert all(validation_errors(r) == [] for r in seed)


# -- khaldun events against that database ----------------------------------------


def query(e2e: dict[str, Any], run: Run, *args: str) -> list[dict[str, Any]]:
    res = run(["events", "--db", e2e["db"], "--format", "jsonl", *args])
    assert res.returncode == 0, res.stderr
    return jsonl(res.stdout)


@pytest.fixture
def query_here(e2e: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> Callable[..., list[dict[str, Any]]]:
    """``khaldun events`` through the CLI's own ``main`` in this process: the same
    code as the script without ~0.4 s of start-up per query (the subprocess runs
    above cover the process boundary)."""
    from khaldun.cli.main import main

    def run(*args: str) -> list[dict[str, Any]]:
        capsys.readouterr()
        assert main(["events", "--db", str(e2e["db"]), "--format", "jsonl", *args]) == 0
        return jsonl(capsys.readouterr().out)

    return run


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["event_id"] for r in records]


def _who(a: dict[str, Any] | None, x: str) -> bool:
    return bool(a) and ((a.get("country") or "").upper() == x.upper() or x.lower() in ((a.get("name") or a.get("text") or "").lower()))


def test_events_returns_everything_stored_exactly(e2e: dict[str, Any], khaldun_cli: Run) -> None:
    stored = query(e2e, khaldun_cli)
    assert sorted(ids(stored)) == sorted(ids(jsonl(e2e["first"].stdout)))
    by_id = {r["event_id"]: r for r in jsonl(e2e["first"].stdout)}
    assert all(r == by_id[r["event_id"]] for r in stored)
    dates = [r["date"] for r in stored if r["date"]]
    assert dates == sorted(dates)


def test_events_filters_match_their_meaning(query_here: Callable[..., list[dict[str, Any]]]) -> None:
    every = query_here()
    assert every

    def expect(pred: Callable[[dict[str, Any]], bool]) -> list[str]:
        return [r["event_id"] for r in every if pred(r)]

    types = sorted({r["event_type"] for r in every if r["event_type"]})
    some_type = types[0]
    assert ids(query_here("--type", some_type)) == expect(lambda r: r["event_type"] == some_type)
    assert ids(query_here("--type", some_type.lower())) == expect(lambda r: r["event_type"] == some_type)
    root = every[0]["cameo_root"]
    assert ids(query_here("--type", root)) == expect(lambda r: r["cameo_code"].startswith(root))

    actor_country = next(r["actor"]["country"] for r in every if r["actor"] and r["actor"]["country"])
    got = ids(query_here("--actor", actor_country))
    assert got and got == expect(lambda r: _who(r["actor"], actor_country))
    rec_name = next((r["recipient"]["name"] or r["recipient"]["text"]) for r in every if r["recipient"])
    part = rec_name.split()[0]
    assert ids(query_here("--recipient", part)) == expect(lambda r: _who(r["recipient"], part))

    place_country = next(r["location"]["country"] for r in every if r["location"] and r["location"]["country"])
    assert ids(query_here("--country", place_country)) == expect(
        lambda r: any((x or {}).get("country") == place_country for x in (r["actor"], r["recipient"], r["location"]))
    )

    dates = sorted({r["date"] for r in every if r["date"]})
    mid = dates[len(dates) // 2]
    assert ids(query_here("--since", mid)) == expect(lambda r: bool(r["date"]) and r["date"] >= mid)
    assert ids(query_here("--until", mid)) == expect(lambda r: bool(r["date"]) and r["date"] <= mid)
    assert ids(query_here("--doc", "wire-002")) == expect(lambda r: r["doc_id"] == "wire-002")
    assert ids(query_here("--limit", "2")) == ids(every)[:2]
    assert ids(query_here("--type", some_type, "--since", mid)) == expect(
        lambda r: r["event_type"] == some_type and bool(r["date"]) and r["date"] >= mid
    )


def test_events_formats(e2e: dict[str, Any], khaldun_cli: Run, capsys: pytest.CaptureFixture[str]) -> None:
    from khaldun.cli.main import main

    every = query(e2e, khaldun_cli)

    def events(*args: str) -> str:
        capsys.readouterr()
        assert main(["events", "--db", str(e2e["db"]), *args]) == 0
        return capsys.readouterr().out

    assert json.loads(events("--format", "json")) == every
    rows = list(csv.DictReader(io.StringIO(events("--format", "csv"), newline="")))
    assert [r["event_id"] for r in rows] == ids(every)
    text = events()  # a table by default
    assert text.startswith("date") and len(text.splitlines()) == len(every) + 2
    out = e2e["tmp"] / "out.csv"
    res = khaldun_cli(["events", "--db", e2e["db"], "--format", "csv", "-o", out, "--limit", "1"])
    assert res.returncode == 0 and f"1 events written to {out}" in res.stderr
    assert len(list(csv.DictReader(out.open(newline="")))) == 1


def test_events_errors(tmp_path: Path, khaldun_cli: Run, e2e: dict[str, Any]) -> None:
    res = khaldun_cli(["events", "--db", tmp_path / "nope.duckdb"], cwd=tmp_path)
    assert res.returncode == 1
    assert "[K040] no database at" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "nope.duckdb").exists()
    res = khaldun_cli(["events"], cwd=tmp_path)  # default khaldun.duckdb, absent
    assert res.returncode == 1 and "khaldun.duckdb" in res.stderr
    for bad in (["--since", "last week"], ["--format", "xml"], ["-o", str(tmp_path / "no-such-folder" / "x.csv")]):
        res = khaldun_cli(["events", "--db", e2e["db"], *bad])
        assert res.returncode == 2, (bad, res.stderr)
        assert "Traceback" not in res.stderr


# -- rejections -----------------------------------------------------------------


@pytest.fixture(scope="module")
def rejects(tmp_path_factory: pytest.TempPathFactory, khaldun_cli: Run, write_bad_inputs: Callable[[Path], dict[str, str]]) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("rejects")
    expected = write_bad_inputs(tmp)
    (tmp / "good.txt").write_text(ARTICLE)
    db = tmp / "r.duckdb"
    args = ["extract", tmp, tmp / "missing.txt", "--max-doc-chars", "200", "--format", "json"]
    res = khaldun_cli([*args, "--db", db])
    strict = khaldun_cli([*args, "--no-db", "--strict"])
    return {"tmp": tmp, "db": db, "expected": expected, "res": res, "strict": strict}


def test_rejections_are_reported_stored_and_do_not_stop_the_batch(rejects: dict[str, Any]) -> None:
    res, expected = rejects["res"], rejects["expected"]
    assert res.returncode == 0, res.stderr
    for reason, origin in expected.items():
        code = REJECTION_REASONS[reason]
        assert f"khaldun: rejected {origin}: {reason} [{code}]" in res.stderr, (reason, res.stderr)
    counts = ", ".join(f"{r} 1" for r in sorted(expected))
    assert f"khaldun: 3 documents read, {len(expected)} rejected ({counts})" in res.stderr
    stored = table(rejects["db"], "SELECT reason, code, origin FROM rejected ORDER BY reason")
    assert stored == sorted((r, REJECTION_REASONS[r], o) for r, o in expected.items())
    assert table(rejects["db"], "SELECT count(*) FROM documents") == [(3,)]
    assert all(validation_errors(r) == [] for r in json.loads(res.stdout))


def test_strict_fails_on_any_rejection(rejects: dict[str, Any]) -> None:
    strict = rejects["strict"]
    assert strict.returncode == 1
    assert f"3 documents read, {len(rejects['expected'])} rejected" in strict.stderr and "not stored" in strict.stderr
    assert json.loads(strict.stdout) == json.loads(rejects["res"].stdout)  # output is still written


def test_nothing_readable_exits_1(tmp_path: Path, khaldun_cli: Run) -> None:
    (tmp_path / "empty.txt").write_text("")
    res = khaldun_cli(["extract", tmp_path / "empty.txt", tmp_path / "missing.txt", "--no-db"], cwd=tmp_path)
    assert res.returncode == 1
    assert "0 documents read, 2 rejected (empty 1, unreadable 1)" in res.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--format", "xml", "a.txt"],
        ["--max-doc-chars", "lots", "a.txt"],
        ["--db", "x.duckdb", "--no-db", "a.txt"],
        ["--max-doc-chars", "0", "a.txt"],
        ["--min-confidence", "3", "a.txt"],
        ["--no-db", "-o", "no-such-folder/out.jsonl", "a.txt"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, khaldun_cli: Run, args: list[str]) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    res = khaldun_cli(["extract", *args], cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "x.duckdb").exists() and not (tmp_path / "khaldun.duckdb").exists()


# -- defaults and settings through the command line --------------------------------


def test_standard_input_into_khaldun_duckdb_in_the_current_folder(tmp_path: Path, khaldun_cli: Run) -> None:
    res = khaldun_cli(["extract", "-", "--format", "jsonl"], cwd=tmp_path, stdin=ARTICLE.encode())
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "khaldun.duckdb").is_file()
    assert "stored in khaldun.duckdb" in res.stderr
    records = jsonl(res.stdout)
    assert records and all(r["doc_date"] == "2024-03-08" for r in records)
    stored = khaldun_cli(["events", "--format", "jsonl"], cwd=tmp_path)  # reads ./khaldun.duckdb
    assert stored.returncode == 0 and jsonl(stored.stdout) == records
    assert table(tmp_path / "khaldun.duckdb", "SELECT origin FROM documents") == [("<stdin>",)]


def test_settings_file_environment_and_options_in_order(tmp_path: Path, khaldun_cli: Run) -> None:
    (tmp_path / "khaldun.toml").write_text('db_path = "from-file.duckdb"\nmax_doc_chars = 20\ncsv_text_column = "body"\n')
    (tmp_path / "in.csv").write_text(f'id,body\nc1,"{ARTICLE}"\n')
    env = {"KHALDUN_MAX_DOC_CHARS": "100000"}
    res = khaldun_cli(["extract", "in.csv", "--format", "csv", "-o", "out.csv"], cwd=tmp_path, env=env)
    # the file names the column and the database; the environment lifts the size limit
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""  # -o: events go to the file
    assert (tmp_path / "from-file.duckdb").is_file() and not (tmp_path / "khaldun.duckdb").exists()
    rows = list(csv.DictReader((tmp_path / "out.csv").open(newline="")))
    assert rows and {r["doc_id"] for r in rows} == {"c1"} and all(r["schema_version"] == "1" for r in rows)
    res = khaldun_cli(["extract", "in.csv", "--db", "cli.duckdb", "--max-doc-chars", "30", "-q"], cwd=tmp_path, env=env)
    # options beat both: the document is now too large, and nothing is said (-q)
    assert res.returncode == 1 and res.stderr == ""
    assert table(tmp_path / "cli.duckdb", "SELECT reason FROM rejected") == [("too_large",)]
