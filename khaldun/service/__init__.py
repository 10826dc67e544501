"""``khaldun serve``: a REST API for programs and a dashboard for people, safe by default.

:func:`create_app` builds the FastAPI application for a :class:`ServiceConfig`;
``khaldun serve`` runs it under uvicorn. See ``docs/service.md``.
"""

from khaldun.service.app import create_app
from khaldun.service.config import ServiceConfig

__all__ = ["ServiceConfig", "create_app"]
