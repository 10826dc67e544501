"""STUB (to be replaced by the actors work): the interface the coder calls."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from khaldun.records import Actor


class DocumentActors:
    """Actor resolution inside one document (in-document linking lives here)."""

    def __init__(self, resolver: "ActorResolver", doc: Any, doc_date: str | None) -> None:
        self.resolver = resolver
        self.doc = doc
        self.doc_date = doc_date

    def resolve_all(self, span: Any, on_date: str | None = None) -> list[Actor]:
        """Every actor a phrase names (one per conjunct: "Brazil and the United States")."""
        text = span.text.strip()
        return [Actor(text=text, name=text)] if text else []

    def resolve(self, span: Any, on_date: str | None = None) -> Actor | None:
        found = self.resolve_all(span, on_date)
        return found[0] if found else None


class ActorResolver:
    """Loads the knowledge base once; hands out per-document resolvers."""

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "ActorResolver":
        return cls()

    def for_document(self, doc: Any, doc_date: str | None) -> DocumentActors:
        return DocumentActors(self, doc, doc_date)


def acled_inter(actor: Actor | None) -> int | None:
    """ACLED actor type code (1..8) of a resolved actor."""
    return None
