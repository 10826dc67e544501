"""Dates: time expressions resolved against the publication date."""

from khaldun.dates.resolver import DateResolution, resolve_event_date

__all__ = ["DateResolution", "resolve_event_date"]
