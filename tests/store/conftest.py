"""Store fixtures: every backend of the contract suite, and real coded records.

A backend is a name in ``BACKENDS`` and a way to open it in ``open_store``.
A test a backend cannot pass yet carries ``@pytest.mark.notimpl(["name"],
reason=...)`` (it must then fail with ``NotImplementedError``, and an
unexpected pass is reported); one it never will, ``@pytest.mark.never``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khaldun.store import DuckDBStore, Store

REPO = Path(__file__).resolve().parents[2]

BACKENDS = [
    "duckdb-memory",
    "duckdb-file",
    "duckdb-held",  # a file held open for the store's life, a cursor per call (the server's)
    # a later backend joins here, e.g. "parquet" (Parquet output), "spark-import" (a Spark runner's output)
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "notimpl(backends, reason): the backends do not implement this yet")
    config.addinivalue_line("markers", "never(backends, reason): the backends cannot do this by design")


def open_store(backend: str, folder: Path) -> Store:
    if backend == "duckdb-memory":
        return DuckDBStore()
    if backend == "duckdb-file":
        return DuckDBStore(folder / "contract.duckdb", lock_timeout=10)
    if backend == "duckdb-held":
        return DuckDBStore(folder / "contract.duckdb", lock_timeout=10, hold=True)
    raise NotImplementedError(backend)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend = request.param
    for mark in request.node.iter_markers("notimpl"):
        if backend in mark.args[0]:
            request.applymarker(pytest.mark.xfail(raises=NotImplementedError, strict=True, reason=mark.kwargs["reason"]))
    for mark in request.node.iter_markers("never"):
        if backend in mark.args[0]:
            pytest.skip(mark.kwargs["reason"])
    s = open_store(backend, tmp_path)
    with s:
        yield s


@pytest.fixture(scope="session")
def coded(nlp: Any) -> list[tuple[Any, list[Any]]]:
    """Documents and events of the bundled examples (and the seed article), through the real pipeline."""
    from khaldun.pipeline import extract

    seed = REPO.parent / "shared" / "examples" / "seed-article.txt"
    paths = [str(REPO / "examples")] + ([str(seed)] if seed.is_file() else [])
    results, rejections, _ = extract(paths)
    assert not rejections, rejections
    assert sum(len(evs) for _, evs in results) >= 10
    return results
