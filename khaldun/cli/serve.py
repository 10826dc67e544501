"""``khaldun serve``: the REST API and the dashboard, under uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from typing import Any

from khaldun.config import load_settings
from khaldun.errors import UsageError

HELP = """\
Serve the API (/v1, OpenAPI at /docs) and the dashboard (/) for one database.

  KHALDUN_TOKEN=secret khaldun serve --db khaldun.duckdb
  khaldun serve --host 0.0.0.0 --port 8080      listen beyond this machine

Reads are open; writes (POST /v1/documents) need `Authorization: Bearer $KHALDUN_TOKEN`.
Without KHALDUN_TOKEN every write is refused. The server owns the database while it runs.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("serve", help="serve the API and the dashboard", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", metavar="PATH", help="DuckDB file to serve (default: khaldun.duckdb; created if missing)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow browser pages of ORIGIN to call the API (repeatable; default: CORS off)")
    p.add_argument("--max-batch", type=int, default=50, metavar="N", help="most documents per POST (default: 50)")
    p.add_argument("--max-body", type=int, default=2_000_000, metavar="BYTES", help="largest request body (default: 2000000)")
    p.add_argument("--config", metavar="FILE", help="settings file")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from khaldun.service import ServiceConfig, create_app

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be 1..65535, got {args.port}")
    if args.max_batch < 1 or args.max_body < 1:
        raise UsageError("--max-batch and --max-body must be positive")
    settings = load_settings(args.config).replace(db_path=args.db)
    token = os.environ.get("KHALDUN_TOKEN") or None
    config = ServiceConfig(
        db_path=settings.db_path, settings=settings, token=token, max_batch=args.max_batch,
        max_body_bytes=args.max_body, cors_origins=tuple(args.cors_origin),
    )
    from khaldun.store import DuckDBStore

    # a store of an older layout is upgraded (and said so) before the server opens it; a missing one is created
    DuckDBStore(settings.db_path, lock_timeout=settings.lock_timeout,
                on_upgrade=lambda message: print(f"khaldun: {message}", file=sys.stderr)).close()
    if not _loopback(args.host):
        print(f"khaldun: listening on {args.host}: reachable from other machines", file=sys.stderr)
    if token is None:
        print("khaldun: KHALDUN_TOKEN is not set: reads only, every write is refused", file=sys.stderr)
    print(f"khaldun: serving {settings.db_path} on http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    return 0


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
