"""STUB (to be replaced by the places work): the interface the coder calls."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from khaldun.records import Place


class DocumentPlaces:
    def __init__(self, doc: Any, dateline: str | None, actor_countries: Iterable[str]) -> None:
        self.doc = doc

    def event_location(self, sentence: Any, trigger: Any) -> Place | None:
        """Where the event carried by ``trigger`` in ``sentence`` happened, or None."""
        return None


class PlaceResolver:
    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "PlaceResolver":
        return cls()

    def for_document(
        self, doc: Any, *, dateline: str | None = None, actor_countries: Iterable[str] = ()
    ) -> DocumentPlaces:
        return DocumentPlaces(doc, dateline, actor_countries)
