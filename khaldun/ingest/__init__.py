"""Ingestion: files, folders and streams in; documents and rejections out."""

from khaldun.ingest.readers import decode_bytes, make_document, read_inputs, read_stream, readable_name, rejection
from khaldun.ingest.sources import expand
from khaldun.ingest.text import dateline_place, normalise_date, split_date_prefix, split_dateline

__all__ = [
    "dateline_place",
    "decode_bytes",
    "expand",
    "make_document",
    "normalise_date",
    "read_inputs",
    "read_stream",
    "readable_name",
    "rejection",
    "split_date_prefix",
    "split_dateline",
]
