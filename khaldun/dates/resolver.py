"""STUB (to be replaced by the dates work): the interface the coder calls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class DateResolution:
    date: str | None
    precision: str
    text: str | None


def resolve_event_date(sentence: Any, trigger: Any, doc_date: str | None, *, future: bool = False) -> DateResolution:
    """The date of the event carried by ``trigger``, resolved against ``doc_date``."""
    return DateResolution(doc_date, "unknown", None)
