"""The service's errors, and the one place where every error becomes an HTTP answer.

The service adds these codes to :mod:`khaldun.errors` (codes are stable: add, never edit)::

    KhaldunError
    └── ServiceError                  K200  a request the service refuses
        ├── Unauthorized              K201  a write without the right bearer token   -> 401
        ├── WritesDisabled            K202  a write when no token is configured      -> 403
        ├── NotFound                  K203  no such event, merged event or page      -> 404
        ├── PayloadTooLarge           K204  body or batch over the service's limits  -> 413
        ├── UnsupportedMediaType      K205  a body neither JSON nor text/plain       -> 415
        └── BadRequest                K206  a body that is not what the route takes  -> 422

Every error answers ``{"error": {"code": "K201", "reason": "unauthorized", "message": "..."}}``.
:data:`STATUS` maps the library's errors too: a bad filter (:class:`~khaldun.errors.UsageError`)
is 422, a held database (:class:`~khaldun.errors.StoreLocked`) 503, and so on.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from khaldun.errors import (
    ConfigError,
    InputError,
    KhaldunError,
    ModelError,
    StoreError,
    StoreLocked,
    UsageError,
    WorkerError,
)

log = logging.getLogger(__name__)


class ServiceError(KhaldunError):
    """A request the service refuses."""

    code = "K200"
    reason = "service"


class Unauthorized(ServiceError):
    code = "K201"
    reason = "unauthorized"


class WritesDisabled(ServiceError):
    code = "K202"
    reason = "writes_disabled"


class NotFound(ServiceError, LookupError):
    code = "K203"
    reason = "not_found"


class PayloadTooLarge(ServiceError):
    code = "K204"
    reason = "too_large"


class UnsupportedMediaType(ServiceError):
    code = "K205"
    reason = "unsupported_media_type"


class BadRequest(ServiceError, ValueError):
    code = "K206"
    reason = "bad_request"


#: error class -> HTTP status; the most specific class listed wins (checked in method order)
STATUS: dict[type[BaseException], int] = {
    Unauthorized: 401,
    WritesDisabled: 403,
    NotFound: 404,
    PayloadTooLarge: 413,
    UnsupportedMediaType: 415,
    BadRequest: 422,
    UsageError: 422,
    InputError: 422,
    ConfigError: 500,
    StoreLocked: 503,
    ModelError: 503,
    WorkerError: 503,
    StoreError: 500,
    KhaldunError: 500,
}


def status_of(exc: BaseException) -> int:
    """The HTTP status of ``exc``: that of the nearest class in :data:`STATUS`."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(code: str, reason: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "reason": reason, "message": message, **extra}}


def _headers(exc: BaseException) -> dict[str, str] | None:
    if isinstance(exc, Unauthorized):
        return {"WWW-Authenticate": 'Bearer realm="khaldun"'}
    if isinstance(exc, StoreLocked):
        return {"Retry-After": "5"}
    return None


def khaldun_response(exc: KhaldunError) -> JSONResponse:
    status = status_of(exc)
    if status >= 500:
        log.error("%s", exc, exc_info=exc)
    return JSONResponse(error_body(exc.code, exc.reason, exc.message), status_code=status, headers=_headers(exc))


def install(app: FastAPI) -> None:
    """Route every error the app can meet through :func:`khaldun_response` (one place)."""

    @app.exception_handler(KhaldunError)
    async def on_khaldun(request: Request, exc: KhaldunError) -> JSONResponse:
        return khaldun_response(exc)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'path', 'body'))}: {e.get('msg', '')}"
            for e in exc.errors()
        ]
        err = UsageError("invalid request: " + "; ".join(problems))
        return JSONResponse(error_body(err.code, err.reason, err.message, problems=problems), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        err: ServiceError
        if exc.status_code == 404:
            err = NotFound(f"no such path: {request.url.path}")
        else:
            err = ServiceError(str(exc.detail))
        return JSONResponse(error_body(err.code, err.reason, err.message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(error_body("K000", "internal", "internal error; see the server log"), status_code=500)
