"""Quality gate: khaldun must score at least the pinned floors on every shared gold set.

``tests/quality_floors.json`` pins, for each file of ``../shared/eval`` (or
``$KHALDUN_EVAL_DIR``), the SHA-256 of the file and the floor of each metric.
Sets that are absent are skipped; a set whose digest changed fails with a
message saying to re-measure. Floors only rise: ``scripts/raise_floors.py``
never lowers them, and ``test_floors_never_lowered`` checks every committed
version of the file against the one before it. See ``docs/evaluation.md``.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from pathlib import Path

import pytest

from khaldun.evaluation.floors import (
    check_report,
    load_floors,
    lowered_floors,
    sets,
    validate_floors,
)

ROOT = Path(__file__).resolve().parent.parent
FLOORS_PATH = ROOT / "tests" / "quality_floors.json"
EVAL_DIR = Path(os.environ.get("KHALDUN_EVAL_DIR", ROOT.parent / "shared" / "eval"))
FLOORS = load_floors(FLOORS_PATH)


@pytest.fixture(scope="session")
def eval_reports():
    """Each gold set coded once per test session, on demand."""
    from khaldun.config import Settings
    from khaldun.evaluation import evaluate

    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = evaluate(EVAL_DIR / name, Settings(), scheme=FLOORS[name].get("scheme"))
        return cache[name]

    return get


@pytest.mark.eval
@pytest.mark.slow
@pytest.mark.parametrize("name", sets(FLOORS))
def test_quality_floor(name, eval_reports):
    if not (EVAL_DIR / name).is_file():
        pytest.skip(f"{EVAL_DIR / name} is not here")
    report = eval_reports(name)
    # every text of every set is coded (worker processes, as in `khaldun extract`): none fails, none times out
    assert report.n_failed == 0, f"{name}: {report.n_failed} texts failed in coding or timed out"
    failures = check_report(report, FLOORS[name])
    assert not failures, f"{name} fell below its quality floors:\n  " + "\n  ".join(failures)


def test_floors_file_covers_known_metrics():
    from khaldun.evaluation.schemes import get_scheme

    for name in sets(FLOORS):
        scheme = get_scheme(FLOORS[name]["scheme"])
        fields = {f.name for f in scheme.fields}
        for metric in FLOORS[name]["floors"]:
            assert metric.split(".")[0] in fields, f"{name}: {metric} is not a field of {scheme.name}"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_floors_never_lowered():
    """Oldest committed version first, then the working file: no step may lower a floor."""
    try:
        rel = FLOORS_PATH.relative_to(ROOT).as_posix()
        commits = _git("log", "--reverse", "--format=%H", "--", rel).split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    versions = []
    for commit in commits:
        try:
            versions.append((commit[:10], validate_floors(json.loads(_git("show", f"{commit}:{rel}")))))
        except subprocess.CalledProcessError:
            continue  # the commit deleted the file
    versions.append(("working tree", FLOORS))
    for (_, before), (label, after) in itertools.pairwise(versions):
        problems = lowered_floors(before, after)
        assert not problems, f"{label} lowers quality floors:\n  " + "\n  ".join(problems)
