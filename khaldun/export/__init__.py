"""Writing event records out: JSON lines, JSON, CSV and a readable table."""

from khaldun.export.formats import FORMATS, flatten, open_output, write_records

__all__ = ["FORMATS", "flatten", "open_output", "write_records"]
