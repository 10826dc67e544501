"""Shared fixtures: the spaCy model and the seed article's records, once per session.

The command-line helpers run the installed ``khaldun`` script as a real
subprocess, the way a user runs it; each such run loads the model (~3 s), so
tests batch their scenarios into as few runs as they can.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "examples" / "seed-article.txt"
EXAMPLES = REPO / "examples"
KHALDUN = Path(sys.executable).with_name("khaldun")


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy model, loaded once for the whole session."""
    from khaldun.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The shared seed article; tests that need it skip when ../shared is absent."""
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent")
    return SEED


@pytest.fixture(scope="session")
def seed_records(nlp: Any, seed_path: Path) -> list[dict[str, Any]]:
    """The seed article through the library pipeline once: its records as dicts."""
    from khaldun.pipeline import extract

    results, rejections, _ = extract([str(seed_path)])
    assert not rejections, rejections
    return [e.to_dict() for _, events in results for e in events]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    # A clean environment: no settings leak in from the developer's shell.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHALDUN_")}
    env.update(extra or {})
    return env


def run_khaldun(
    args: Sequence[str | os.PathLike[str]],
    *,
    cwd: str | os.PathLike[str] | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 180,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``khaldun`` command; never raises on a non-zero exit."""
    if not KHALDUN.exists():
        pytest.skip(f"the khaldun script is not installed next to {sys.executable}")
    proc = subprocess.run(
        [str(KHALDUN), *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=_env(env),
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


@pytest.fixture(scope="session")
def khaldun_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_khaldun`` as a fixture, for tests that prefer fixtures to imports."""
    return run_khaldun
