"""The application factory: the API under ``/v1``, the dashboard at ``/``, OpenAPI at ``/docs``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from khaldun import __version__
from khaldun.service import errors
from khaldun.service.api import router
from khaldun.service.config import ServiceConfig
from khaldun.service.dashboard import dashboard, mount_static
from khaldun.service.security import Guard
from khaldun.service.writer import Writer
from khaldun.store import DuckDBStore

log = logging.getLogger(__name__)

DESCRIPTION = """\
Political event records coded from news text: who did what to whom, when, where, how many.

Reads are open. Writes (`POST /v1/documents`) need `Authorization: Bearer <token>`, the token the
server was started with (`KHALDUN_TOKEN`). Errors are JSON: `{"error": {"code": "K203", "reason":
"not_found", "message": "..."}}` with the stable K-code of `khaldun.errors` / `khaldun.service.errors`.
"""


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The khaldun service for ``config``: opens its database when it starts, closes it when it stops."""
    cfg = config or ServiceConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the server is the single writer of its database: it holds the file for its life (no other
        # process may open it meanwhile), and each request works on a cursor of that one connection
        store = DuckDBStore(cfg.db_path, lock_timeout=cfg.settings.lock_timeout, hold=True)
        writer = Writer(store, cfg.settings)
        app.state.store, app.state.writer = store, writer
        try:
            if cfg.warm_up:
                # in the writer thread: the model is loaded where it will be used, once
                await _warm(writer)
            yield
        finally:
            writer.close()
            store.close()

    app = FastAPI(
        title="khaldun",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by the dashboard module from vendored files, not a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.config = cfg
    errors.install(app)
    if cfg.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(cfg.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(Guard, max_body_bytes=cfg.max_body_bytes)
    app.include_router(router)
    app.include_router(dashboard)
    mount_static(app)
    return app


async def _warm(writer: Writer) -> None:
    import asyncio

    await asyncio.get_running_loop().run_in_executor(writer.executor, writer.warm_up)
