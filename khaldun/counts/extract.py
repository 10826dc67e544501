"""STUB (to be replaced by the counts work): the interface the coder calls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khaldun.records import Count


@dataclass(frozen=True, slots=True)
class Counts:
    fatalities: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    abducted: Count | None = None
    size: Count | None = None


def extract_counts(sentence: Any, trigger: Any = None) -> Counts:
    """People killed, injured, arrested, abducted and crowd size reported in ``sentence``."""
    return Counts()
