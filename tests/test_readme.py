"""README.md's snippets run as written: the Python example, every `khaldun` shell line, and `make demo`.

Shell lines run in a scratch folder laid out like the repository (``examples/``
and a ``../shared`` beside it); the files a line names as stand-ins
(``article.txt``, ``articles/``, ``reports/``, ``feed.jsonl.gz``) are made there from the
bundled examples.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
SEED = REPO.parent / "shared" / "examples" / "seed-article.txt"


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.DOTALL)


def shell_lines() -> list[str]:
    """Every README shell line that runs khaldun (comments dropped), in order."""
    out = []
    for block in blocks("sh"):
        for line in block.splitlines():
            cmd = line.split("  #", 1)[0].strip()
            if re.search(r"(^|[|/]\s*|\s)khaldun (extract|events|merge|export|dyads|timeline|network|upgrade)\b", cmd):
                out.append(cmd)
    return out


def makefile_recipe(target: str) -> list[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert m, f"no {target} target in the Makefile"
    return [line.strip() for line in m.group(1).splitlines() if line.strip() and not line.strip().startswith("@")]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    work = root / "main"
    work.mkdir()
    shared = root / "shared" / "examples"
    shared.mkdir(parents=True)
    if SEED.is_file():
        shutil.copy(SEED, shared / "seed-article.txt")
    else:  # ../shared absent: a stand-in so the line still runs
        shutil.copy(REPO / "examples" / "border-clash.txt", shared / "seed-article.txt")
    shutil.copytree(REPO / "examples", work / "examples")
    (work / "articles").mkdir()
    shutil.copy(REPO / "examples" / "harbor-talks.txt", work / "articles" / "harbor-talks.txt")
    shutil.copytree(REPO / "examples", work / "reports")  # the merging section's folder of reports
    (work / "feed.jsonl.gz").write_bytes(gzip.compress((REPO / "examples" / "wire.jsonl").read_bytes()))
    shutil.copy(REPO / "examples" / "border-clash.txt", work / "article.txt")
    (work / ".venv").symlink_to(BIN.parent)  # for the quick start's `.venv/bin/khaldun`
    # what `make demo` leaves, for the lines that read demo.duckdb
    subprocess.run([str(BIN / "khaldun"), "extract", "examples/", "--db", "demo.duckdb", "-q", "-o", os.devnull], cwd=work, check=True)
    return work


def run_shell(cmd: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHALDUN_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(["bash", "-o", "pipefail", "-c", cmd], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def test_the_readme_has_the_snippets_this_test_runs() -> None:
    lines = shell_lines()
    assert any(line.startswith("khaldun extract") for line in lines)
    assert any(line.startswith("khaldun events") for line in lines)
    assert any(line.endswith("khaldun extract -") for line in lines)
    assert blocks("python")


@pytest.mark.slow
def test_every_shell_line_runs(scratch: Path) -> None:
    lines = shell_lines()
    # extracting first fills ./khaldun.duckdb, which the events lines then query
    ordered = [c for c in lines if "extract" in c] + [c for c in lines if "extract" not in c]
    for cmd in ordered:
        res = run_shell(cmd, scratch)
        assert res.returncode == 0, f"README line failed: {cmd}\n{res.stderr}"
        assert "Traceback" not in res.stderr
    assert (scratch / "khaldun.duckdb").is_file()
    for named in re.findall(r"-o (\S+)", " ".join(lines)):
        assert (scratch / named).is_file(), f"{named} was not written"


@pytest.mark.slow
def test_make_demo_and_the_quick_start_query(scratch: Path) -> None:
    for line in makefile_recipe("demo"):
        cmd = line.replace("$(BIN)", str(BIN))
        res = run_shell(cmd, scratch)
        assert res.returncode == 0, f"make demo line failed: {cmd}\n{res.stderr}"
    assert (scratch / "demo.duckdb").is_file()
    m = re.search(r"`(\.venv/bin/khaldun events --db demo\.duckdb[^`]*)`", README)
    assert m, "the quick start no longer shows a query of demo.duckdb"
    res = run_shell(m.group(1), scratch)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("date")


@pytest.mark.slow
def test_the_python_example_runs(nlp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    first, into = [b for b in blocks("python") if "khaldun" in b]
    shutil.copy(REPO / "examples" / "border-clash.txt", tmp_path / "article.txt")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(first, "README.md", "exec"), {"__name__": "__readme__"})  # noqa: S102 - running the README is the point
    printed = capsys.readouterr().out.splitlines()
    assert printed, "the example printed no events"
    assert not (tmp_path / "khaldun.duckdb").exists()  # the library stores nothing by itself
    exec(compile(into, "README.md", "exec"), {"__name__": "__readme__"})  # noqa: S102
    documents, reasons, events = capsys.readouterr().out.split(" ", 2)
    n_inputs = sum(1 for p in (REPO / "examples").glob("*.txt")) + sum(
        1 for p in (REPO / "examples").glob("*.jsonl") for line in p.read_text().splitlines() if line.strip())
    assert int(documents) == n_inputs and reasons == "{}" and int(events) > 0
    assert (tmp_path / "events.duckdb").exists()
