"""Export fixtures: real coded records in a real store, merged, once per session.

The store holds the bundled examples, the seed article and four wire reports
(three of one attack from three outlets, with URLs, and a meeting), coded by
the pipeline and merged by ``khaldun.merge``: every export is read back from
records the coder really produced.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khaldun.store import DuckDBStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEED = REPO.parent / "shared" / "examples" / "seed-article.txt"

REPORTS = [
    {"id": "r1", "source": "Reuters", "date": "2024-03-05", "url": "https://example.org/reuters/borno",
     "text": "Gunmen killed at least 6 soldiers in an attack on an army checkpoint near Maiduguri in Borno State on Monday, officials said."},
    {"id": "r2", "source": "Premium Times", "date": "2024-03-05", "url": "https://example.org/premium/borno",
     "text": "Suspected insurgents stormed a military checkpoint in Borno state, killing eight troops, residents said."},
    {"id": "r3", "source": "AFP", "date": "2024-03-06", "url": "https://example.org/afp/borno",
     "text": "Boko Haram militants attacked a military post outside Maiduguri on Monday night, killing 11 soldiers, the army said on Wednesday."},
    {"id": "r4", "source": "Reuters", "date": "2024-03-13", "url": "https://example.org/reuters/abuja",
     "text": "Nigerian President Bola Tinubu met Chadian President Mahamat Deby in Abuja on Tuesday to discuss border security."},
]
"""The issue's done-when case: one attack in three outlets' words over two days, and a meeting."""


@pytest.fixture(scope="session")
def store_path(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file of the coded and merged corpus (a file, so that the CLI can read it too)."""
    from khaldun.config import Settings
    from khaldun.merge import merge_store
    from khaldun.pipeline import run_into

    folder = tmp_path_factory.mktemp("export")
    reports = folder / "reports.jsonl"
    reports.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    inputs = [EXAMPLES, reports] + ([SEED] if SEED.is_file() else [])
    path = folder / "corpus.duckdb"
    with DuckDBStore(path) as store:
        summary = run_into(store, inputs, Settings(workers=1))
        assert summary.rejected == 0
        merge_store(store)
    return path


@pytest.fixture
def store(store_path: Path) -> DuckDBStore:
    return DuckDBStore(store_path, read_only=True)
