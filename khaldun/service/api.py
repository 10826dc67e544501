"""The routes under ``/v1`` and ``/healthz``: thin skins over the library, the store and :mod:`.queries`."""

from __future__ import annotations

import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Security
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from khaldun import __version__
from khaldun.errors import MalformedJSON, UndecodableDocument
from khaldun.export import write_records
from khaldun.service import aggregates, queries
from khaldun.service.config import ServiceConfig
from khaldun.service.errors import UnsupportedMediaType
from khaldun.service.security import check_token
from khaldun.service.writer import Writer, document_from_text, documents_from_json
from khaldun.store import DuckDBStore, EventQuery

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="the server's KHALDUN_TOKEN")

Text = Annotated[str | None, Query(max_length=200)]
Date = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD", examples=["2023-10-07"])]
Id = Annotated[str, Path(max_length=200)]


def config(request: Request) -> ServiceConfig:
    return request.app.state.config


def store(request: Request) -> DuckDBStore:
    return request.app.state.store


def writer(request: Request) -> Writer:
    return request.app.state.writer


def event_query(
    type: Annotated[str | None, Query(max_length=40, description="PLOVER type (ASSAULT) or CAMEO code prefix (19)")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor country code (ISO3) or part of its name")] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="recipient country code or part of its name")] = None,
    country: Annotated[str | None, Query(max_length=3, description="actor, recipient or location in this country (ISO3)")] = None,
    since: Date = None,
    until: Date = None,
    doc: Annotated[str | None, Query(max_length=200, description="events of one document")] = None,
) -> EventQuery:
    """The filters of ``khaldun events``, as query parameters."""
    return EventQuery(event_type=type, actor=actor, recipient=recipient, country=country, since=since, until=until, doc_id=doc)


Filters = Annotated[EventQuery, Depends(event_query)]
Store = Annotated[DuckDBStore, Depends(store)]
Config = Annotated[ServiceConfig, Depends(config)]

ARTICLE_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string", "description": "the article's text"},
        "id": {"type": "string", "description": "document id (default: a hash of the text)"},
        "date": {"type": "string", "description": "publication date, YYYY-MM-DD (anchors 'on Saturday')"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "source": {"type": "string"},
    },
}


POST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        ARTICLE_SCHEMA,
                        {"type": "array", "items": ARTICLE_SCHEMA, "maxItems": 50},
                        {
                            "type": "object", "required": ["documents"],
                            "properties": {"documents": {"type": "array", "items": ARTICLE_SCHEMA}},
                        },
                    ]
                },
                "example": {"text": "Israeli jets struck Gaza on Saturday, killing 12 people.", "date": "2023-10-08", "title": "Strikes"},
            },
            "text/plain": {"schema": {"type": "string"}, "example": "Israeli jets struck Gaza on Saturday, killing 12 people."},
        },
    },
}

@router.get("/healthz", tags=["service"])
def healthz(request: Request, cfg: Config) -> dict[str, Any]:
    """Liveness: the version, whether the model is loaded, whether writes are enabled."""
    return {
        "status": "ok",
        "version": __version__,
        "model_loaded": writer(request).ready,
        "writes": "enabled" if cfg.token else "disabled (no KHALDUN_TOKEN)",
    }


@router.post("/v1/documents", status_code=201, tags=["documents"], openapi_extra=POST_BODY,
             responses={401: {"description": "no or wrong bearer token"}, 403: {"description": "writes disabled"},
                        413: {"description": "body or batch too large"}, 415: {"description": "neither JSON nor text"}})
async def post_documents(
    request: Request,
    cfg: Config,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    id: Text = None,
    date: Date = None,
    title: Text = None,
    source: Text = None,
    url: Annotated[str | None, Query(max_length=2000)] = None,
) -> JSONResponse:
    """Code and store one article or a batch; answer each document's events and each rejection's reason.

    A JSON body is an article (`{"text": ..., "id", "date", "title", "url", "source"}`), a list of
    them, or `{"documents": [...]}`. A `text/plain` body is one article, its metadata in the query
    string. A document stored before with the same text is not coded again (status `already_stored`).
    """
    check_token(cfg.token, credentials.credentials if credentials else None)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    s = cfg.settings
    if kind == "application/json" or kind.endswith("+json"):
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise MalformedJSON(f"request body: not JSON ({exc})") from exc
        items = documents_from_json(body, s, cfg.max_batch)
    elif kind == "text/plain":
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UndecodableDocument("request body: text/plain must be UTF-8") from exc
        items = [document_from_text(text, {"id": id, "date": date, "title": title, "source": source, "url": url}, s)]
    else:
        raise UnsupportedMediaType(f"send application/json or text/plain, not {kind or 'no Content-Type'!r}")
    # the answer is plain JSON already: rendered as it is, not validated and re-encoded as a response model
    return JSONResponse(await writer(request).submit(items), status_code=201)


@router.get("/v1/events", tags=["events"], responses={200: {"content": {"text/csv": {}}}})
def list_events(
    st: Store,
    cfg: Config,
    filters: Filters,
    limit: Annotated[int | None, Query(ge=1, le=1000, description="events per page (default 100)")] = None,
    cursor: Annotated[str | None, Query(max_length=1000, description="next_cursor of the previous page")] = None,
    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv")] = "json",
) -> Response:
    """Stored events matching the filters (combined with AND), oldest first, a page at a time."""
    size = min(limit or cfg.default_page, cfg.max_page)
    records, next_cursor = queries.events_page(st, filters, size, cursor)
    headers = {"X-Next-Cursor": next_cursor} if next_cursor else {}
    if format == "csv":
        out = io.StringIO()
        write_records(records, out, "csv")
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse({"events": records, "count": len(records), "next_cursor": next_cursor}, headers=headers)


@router.get("/v1/events/{event_id}", tags=["events"])
def get_event(st: Store, event_id: Id) -> dict[str, Any]:
    """One event with its evidence (sentence, trigger, offsets) and its document's text."""
    return queries.event_detail(st, event_id)


@router.get("/v1/merged/{merged_id}", tags=["events"])
def get_merged(st: Store, merged_id: Id) -> dict[str, Any]:
    """One merged event (the same event reported by several articles) with its mentions."""
    return aggregates.merged(st, merged_id)


Period = Annotated[Literal["day", "week", "month", "year"], Query(description="period of each row")]
Level = Annotated[Literal["auto", "events", "mentions"], Query(description="merged events, mentions, or auto (merged when merged)")]


@router.get("/v1/dyads", tags=["analysis"])
def dyads(
    st: Store, cfg: Config, filters: Filters, by: Period = "month", level: Level = "auto",
    top: Annotated[int, Query(ge=1, le=500, description="the most active actor pairs")] = 20,
) -> dict[str, Any]:
    """Events per (actor, recipient) pair per period, by QuadClass, with Goldstein totals (``khaldun dyads``)."""
    return aggregates.dyads(st, filters, by, level, top, cfg.max_rows)


@router.get("/v1/timeline", tags=["analysis"])
def timeline(
    st: Store, cfg: Config, filters: Filters, by: Period = "day", level: Level = "auto",
    split: Annotated[Literal["quad_class", "type", "root"], Query(description="series: QuadClass, PLOVER type or CAMEO root")] = "quad_class",
) -> dict[str, Any]:
    """Events per period and country, split by QuadClass, type or CAMEO root (``khaldun timeline``)."""
    return aggregates.timeline(st, filters, by, split, level, cfg.max_rows)


@router.get("/v1/places", tags=["analysis"])
def places(
    st: Store, cfg: Config, filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500, description="most places")] = 500,
) -> dict[str, Any]:
    """Places with events (name, country, lat, lon, count by QuadClass): the dashboard's map."""
    return {"places": queries.map_points(st, filters, min(limit, cfg.max_rows))}


@router.get("/v1/stats", tags=["analysis"])
def get_stats(st: Store) -> dict[str, Any]:
    """Counts: documents, events, rejections (by reason), merged events, events by QuadClass and type."""
    return queries.stats(st)
