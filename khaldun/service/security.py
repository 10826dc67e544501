"""Who may write, how much a request may carry, and the headers every answer wears.

- Writes need ``Authorization: Bearer <token>`` matching the configured token,
  compared in constant time (:func:`hmac.compare_digest`). Without a configured
  token every write is refused, saying how to set one. The token is never logged
  nor echoed.
- Bodies over ``max_body_bytes`` are refused (413) before they are read whole.
- Every answer carries ``nosniff``, ``no-referrer`` and ``frame-ancestors 'none'``;
  pages carry a Content-Security-Policy that lets them load only this server's
  own files, so the dashboard can reach nothing on the internet.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khaldun.service.errors import PayloadTooLarge, Unauthorized, WritesDisabled, error_body

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"content-security-policy", CSP.encode()),
]


def check_token(configured: str | None, given: str | None) -> None:
    """Raise unless ``given`` (the bearer credentials of the request) is the ``configured`` token."""
    if not configured:
        raise WritesDisabled(
            "writes are disabled: this server has no token. Start it with one, e.g. "
            "`KHALDUN_TOKEN=$(python -c 'import secrets; print(secrets.token_urlsafe(24))') khaldun serve`, "
            "and send `Authorization: Bearer <token>`"
        )
    if given is None or not hmac.compare_digest(given.encode(), configured.encode()):
        raise Unauthorized("this request needs the header `Authorization: Bearer <token>` with the server's KHALDUN_TOKEN")


class Guard:
    """ASGI middleware: body-size limit and security headers, below every route."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, limit)
            return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise PayloadTooLarge(f"the request body is over the limit of {limit:,} bytes")
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in {h for h, _ in HEADERS}]
                message = {**message, "headers": headers + HEADERS}
            await send(message)

        try:
            await self.app(scope, limited, with_headers)
        except PayloadTooLarge:
            # read outside a route (the error handlers answer it inside one)
            if not started:
                await _refuse(send, limit)


async def _refuse(send: Send, limit: int) -> None:
    import json

    err = PayloadTooLarge(f"the request body is over the limit of {limit:,} bytes")
    body = json.dumps(error_body(err.code, err.reason, err.message)).encode()
    await send({
        "type": "http.response.start", "status": 413,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *HEADERS],
    })
    await send({"type": "http.response.body", "body": body})
