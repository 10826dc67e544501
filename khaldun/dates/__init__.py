"""Dates: time expressions resolved against the publication date, by news conventions."""

from khaldun.dates.anchor import Anchored, anchor
from khaldun.dates.expressions import TimeExpression, parse_expression
from khaldun.dates.resolver import (
    DateResolution,
    resolve_date_text,
    resolve_event_date,
    time_expressions,
)
from khaldun.dates.tense import tense_of

__all__ = [
    "Anchored",
    "DateResolution",
    "TimeExpression",
    "anchor",
    "parse_expression",
    "resolve_date_text",
    "resolve_event_date",
    "tense_of",
    "time_expressions",
]
