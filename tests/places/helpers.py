"""Helpers shared by the place tests."""

from __future__ import annotations

from typing import Any

from khaldun.actors import ActorResolver
from khaldun.actors.resolver import domestic_countries
from khaldun.places import PlaceResolver


def location(nlp: Any, places: PlaceResolver, text: str, trigger: str) -> Any:
    """The location of the event whose trigger is the word ``trigger`` of ``text``."""
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return places.for_document(doc).event_location(tok.sent, tok)


def document_places(nlp: Any, places: PlaceResolver, actors: ActorResolver, text: str) -> Any:
    """The document's places, with the countries its domestic bodies name (as the coder passes them)."""
    doc = nlp(text)
    named = domestic_countries(actors.for_document(doc, None))
    return places.for_document(doc, named_countries=named)
