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


def _write_bad_inputs(folder: Path) -> dict[str, str]:
    """One input per rejection reason (too_large with a 200-character limit); returns {reason: origin}."""
    article = "Police arrested ten protesters in Nairobi on Friday, a spokesman said."
    (folder / "empty.txt").write_text("  \n\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03garbage\x00" * 20)
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners protested in Par\xeds.".encode("latin-1"))
    (folder / "huge.txt").write_text("Police arrested ten people. " * 20)  # 560 chars; limit set to 200
    (folder / "lines.jsonl").write_text('{"id": "good-1", "text": "' + article + '"}\n{"id": broken\n{"id": "nt", "body": "x"}\n')
    (folder / "cols.csv").write_text("id,body\n1,Police arrested ten protesters.\n")
    # the same id for two different texts: the reader yields both, the pipeline rejects the second
    (folder / "dups.jsonl").write_text(
        '{"id": "d1", "text": "' + article + '"}\n{"id": "d1", "text": "Rebels attacked a convoy near Goma."}\n'
    )
    return {
        "empty": str(folder / "empty.txt"),
        "binary": str(folder / "binary.txt"),
        "undecodable": str(folder / "latin1.txt"),
        "too_large": str(folder / "huge.txt"),
        "malformed_json": f"{folder / 'lines.jsonl'}:2",
        "no_text": f"{folder / 'lines.jsonl'}:3",
        "malformed_csv": str(folder / "cols.csv"),
        "unreadable": str(folder / "missing.txt"),
        "duplicate_id": f"{folder / 'dups.jsonl'}:2",
    }


@pytest.fixture(scope="session")
def write_bad_inputs() -> Callable[[Path], dict[str, str]]:
    """Writes one input per rejection reason into a folder (see ``_write_bad_inputs``)."""
    return _write_bad_inputs


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
        check=False,
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
