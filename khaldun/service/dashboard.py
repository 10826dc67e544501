"""The dashboard (``/``), its vendored files (``/static``), the world map data and the API docs page.

Everything is served from the package: no CDN, no tile server. Paths are fixed
here; no request names a file on the server (``/static`` is Starlette's
``StaticFiles`` over the package's own folder, which refuses to leave it).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(str(resources.files("khaldun.service").joinpath("static")))
WORLD = Path(str(resources.files("khaldun.data").joinpath("world", "countries-110m.geojson")))

dashboard = APIRouter(include_in_schema=False)


@dashboard.get("/")
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


@dashboard.get("/world.geojson")
def world() -> FileResponse:
    return FileResponse(WORLD, media_type="application/geo+json")


@dashboard.get("/docs")
def docs() -> FileResponse:
    # FastAPI's own page loads Swagger UI from a CDN and runs an inline script; this one is vendored
    return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")


def mount_static(app: object) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")  # type: ignore[attr-defined]
