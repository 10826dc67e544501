"""Counts: killed, injured, arrested, abducted, crowd size."""

from khaldun.counts.extract import Counts, extract_counts

__all__ = ["Counts", "extract_counts"]
