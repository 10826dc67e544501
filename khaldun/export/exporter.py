"""``export()``: stored events to a file another tool reads (Parquet, CSV, JSONL, PLOVER, GDELT, ACLED).

The one function behind ``khaldun export``. What each format holds, column by
column: ``docs/exports.md``.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from khaldun.errors import UsageError
from khaldun.export.acled import write_acled
from khaldun.export.formats import write_records
from khaldun.export.gdelt import write_gdelt
from khaldun.export.parquet import table_of, write_parquet
from khaldun.export.plover import write_plover
from khaldun.export.rows import LEVELS, ExportItem, collect
from khaldun.store import EventQuery, Store

EXPORT_FORMATS = ("parquet", "csv", "jsonl", "plover", "gdelt", "acled")
"""What ``export`` writes: ``parquet`` (typed), ``csv`` and ``jsonl`` (khaldun's own), ``plover``, ``gdelt``, ``acled``."""

BINARY_FORMATS = frozenset({"parquet"})


def _check(fmt: str, level: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")


def _flat_csv(items: Sequence[ExportItem], out: TextIO) -> int:
    # the events level: merged_events' flat columns (the JSON ones, record and reasons, left to jsonl/parquet)
    table = table_of("events")
    names = [c.name for c in table.columns if c.type.name != "json"]
    writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in items:
        assert item.merged is not None
        row = table.row({**item.record, **item.merged.to_dict(), "record": item.record})
        writer.writerow({k: ";".join(v) if isinstance(v, list | tuple) else v for k, v in row.items() if k in names})
    return len(items)


def write_text(items: Sequence[ExportItem], fmt: str, out: TextIO, level: str = "mentions") -> int:
    """Write the items in a text format (every format but ``parquet``) to ``out``; returns how many."""
    _check(fmt, level)
    if fmt in BINARY_FORMATS:
        raise UsageError(f"{fmt} is a binary format: give a file path (-o FILE)")
    if fmt == "gdelt":
        return write_gdelt(items, out)
    if fmt == "acled":
        return write_acled(items, out)
    if fmt == "plover":
        return write_plover(items, out)
    if level == "events":
        if fmt == "jsonl":
            for item in items:
                assert item.merged is not None
                out.write(json.dumps(item.merged.to_dict(), ensure_ascii=False) + "\n")
            return len(items)
        return _flat_csv(items, out)
    return write_records((i.record for i in items), out, fmt)


def export(
    store: Store, fmt: str, level: str = "mentions", query: EventQuery | None = None, path: str | os.PathLike[str] = "-",
) -> int:
    """Export the stored events matching ``query`` to ``path`` in ``fmt``, one row per report or per merged event.

    ``level`` is ``mentions`` (a row per report, the default) or ``events``
    (a row per merged event: its representative record with the merge's
    figures; ``khaldun merge`` must have run). The file is written whole or
    not at all: to a temporary file beside ``path``, renamed at the end.
    Returns the number of rows written.
    """
    _check(fmt, level)
    items = collect(store, level, query)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: no folder {folder}")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        if fmt in BINARY_FORMATS:
            os.close(fd)
            n = write_parquet(items, tmp, level)
        else:
            with open(fd, "w", encoding="utf-8", newline="") as out:
                n = write_text(items, fmt, out, level)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
