"""Service fixtures: the app in-process (TestClient) and the real server in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from khaldun.service import ServiceConfig, create_app

TOKEN = "test-token-1234"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "Israeli jets struck a refugee camp in Gaza on Saturday, killing at least 12 people, the health ministry said. "
    "Egypt condemned the strikes."
)


def client_for(db: Path | str, **options: Any) -> TestClient:
    return TestClient(create_app(ServiceConfig(db_path=str(db), **options)))


@pytest.fixture
def bare(tmp_path: Path) -> Iterator[TestClient]:
    """The app on an empty file database, no model loaded, with a token."""
    with client_for(tmp_path / "k.duckdb", token=TOKEN, warm_up=False) as c:
        yield c


@pytest.fixture(scope="session")
def coded(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[TestClient]:
    """The app with the model loaded and the seed article posted once (shared by the session's tests)."""
    db = tmp_path_factory.mktemp("svc") / "k.duckdb"
    with client_for(db, token=TOKEN) as c:
        res = c.post("/v1/documents", json={"text": seed_path.read_text(encoding="utf-8"), "id": "seed", "date": "2023-10-15"}, headers=AUTH)
        assert res.status_code == 201, res.text
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``khaldun serve`` as a user runs it, on a free loopback port."""

    def __init__(self, db: Path, token: str | None = TOKEN, extra: list[str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("KHALDUN_TOKEN", None)
        if token:
            env["KHALDUN_TOKEN"] = token
        self.log = db.with_suffix(".log")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("khaldun")), "serve", "--db", str(db), "--port", str(self.port),
             "--log-level", "warning", *(extra or [])],
            stdout=self.log.open("w"), stderr=subprocess.STDOUT, env=env,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start in 90 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(tmp_path / "served.duckdb")
    try:
        yield srv
    finally:
        srv.stop()
