"""Helpers shared by the coding tests."""

from __future__ import annotations

from typing import Any


def top(records: list[dict[str, Any]]) -> tuple[str, str] | None:
    """ACLED type and sub-type of the most confident ACLED-typed record (earliest on ties), as the
    ACLED evaluation picks it; None when no record has an ACLED type."""
    typed = [r for r in records if r["acled_event_type"]]
    if not typed:
        return None
    best = min(typed, key=lambda r: (-r["confidence"], r["evidence"]["start"]))
    return best["acled_event_type"], best["acled_sub_event_type"]
