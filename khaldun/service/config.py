"""The service's own options: where its database is, its token, its limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from khaldun.config import Settings

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class ServiceConfig:
    """Everything :func:`khaldun.service.create_app` needs. Defaults are the safe ones."""

    db_path: str = "khaldun.duckdb"
    """DuckDB file the server owns (the single writer) for as long as it runs"""
    settings: Settings = field(default_factory=Settings)
    """the library's settings (model, coder, max_doc_chars, languages ...)"""
    token: str | None = field(default=None, repr=False)
    """bearer token that writes need (``KHALDUN_TOKEN``); ``None`` refuses every write"""
    max_body_bytes: int = 2_000_000
    """largest request body accepted (413 above)"""
    max_batch: int = 50
    """most documents in one ``POST /v1/documents``"""
    max_page: int = 1000
    """most events in one page of ``GET /v1/events``"""
    default_page: int = 100
    """events in a page when ``limit`` is not given"""
    max_rows: int = 500
    """most rows of an aggregate (dyads, timeline buckets, map points)"""
    cors_origins: tuple[str, ...] = ()
    """origins allowed to call the API from a browser; empty: CORS off"""
    warm_up: bool = True
    """load the model at start-up rather than on the first post"""
