"""Writing event records out: JSON lines, JSON, CSV and a readable table."""

from khaldun.export.formats import FORMATS, flatten, write_records

__all__ = ["FORMATS", "flatten", "write_records"]
