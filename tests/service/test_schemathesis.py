"""Schemathesis against the OpenAPI document of the real server: no request it generates gets a 500.

Bounded: a few dozen examples per operation, so the whole file runs in about a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.service.conftest import AUTH, Server

pytestmark = pytest.mark.slow

EXAMPLES = 25


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("st") / "st.duckdb", extra=["--max-batch", "3"])
    try:
        yield srv
    finally:
        srv.stop()


def _schema(server: Server) -> object:
    return schemathesis.openapi.from_url(server.url + "/openapi.json")


def test_no_request_gets_a_server_error(served: Server, tmp_path: Path) -> None:
    schema = _schema(served)
    failures: list[str] = []
    calls = 0
    for op in schema.get_all_operations():  # type: ignore[attr-defined]
        operation = op.ok()

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), derandomize=True)
        @given(case=operation.as_strategy())
        def check(case: object) -> None:
            nonlocal calls
            calls += 1
            case.call_and_validate(base_url=served.url, headers=AUTH, checks=[not_a_server_error], timeout=60)  # type: ignore[attr-defined]

        try:
            check()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, report them together
            failures.append(f"{operation.label}: {str(exc)[:800]}")
    assert calls > 100
    assert not failures, "\n".join(failures)
    assert "Traceback" not in (served.log.read_text() if served.log.exists() else "")
