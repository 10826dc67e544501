"""Writing event records out.

- :mod:`khaldun.export.formats`: JSON lines, JSON, CSV and a readable table
  (what ``khaldun extract`` and ``khaldun events`` print);
- :func:`export`: stored events to a file another tool reads, as Parquet,
  CSV, JSONL, PLOVER JSON, the GDELT 2.0 event table or ACLED's columns,
  one row per report or per merged event (``khaldun export``; see
  ``docs/exports.md``).
"""

from khaldun.export.acled import ACLED_COLUMNS, acled_row
from khaldun.export.exporter import EXPORT_FORMATS, export, write_text
from khaldun.export.formats import FORMATS, flatten, open_output, write_records
from khaldun.export.gdelt import GDELT_COLUMNS, actor_code, gdelt_row
from khaldun.export.parquet import arrow_table, write_parquet
from khaldun.export.plover import plover_record
from khaldun.export.rows import LEVELS, ExportItem, collect

__all__ = [
    "ACLED_COLUMNS", "EXPORT_FORMATS", "FORMATS", "GDELT_COLUMNS", "LEVELS", "ExportItem", "acled_row", "actor_code",
    "arrow_table", "collect", "export", "flatten", "gdelt_row", "open_output", "plover_record", "write_parquet",
    "write_records", "write_text",
]
