"""Helpers shared by the place tests."""

from __future__ import annotations

from typing import Any

from khaldun.places import PlaceResolver


def location(nlp: Any, places: PlaceResolver, text: str, trigger: str) -> Any:
    """The location of the event whose trigger is the word ``trigger`` of ``text``."""
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return places.for_document(doc).event_location(tok.sent, tok)
