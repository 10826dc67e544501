"""Counts: killed, injured, arrested, abducted, crowd size.

``extract_counts(sentence, trigger)`` is what the event coder calls;
``parse_number("at least 1300")`` reads one written number. Conventions are in
``docs/counts.md``.
"""

from khaldun.counts.extract import Counts, extract_counts
from khaldun.counts.numbers import parse_number

__all__ = ["Counts", "extract_counts", "parse_number"]
