"""Output formats for event records (as dicts, the shape of ``EventRecord.to_dict()``).

- ``jsonl``: one record per line, exactly the spec's record.
- ``json``: a JSON array of records.
- ``csv``: one flat row per record (nested fields as ``actor_country`` etc.), the
  columns of :data:`khaldun.schema.EVENT_COLUMNS`, as in the store's events table.
- ``table``: a readable fixed-width table for people.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable
from typing import Any, TextIO

from khaldun.errors import UsageError
from khaldun.schema import EVENT_COLUMNS

FORMATS = ("table", "jsonl", "json", "csv")

CSV_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS)
"""The CSV header: the flat event layout of :mod:`khaldun.schema`, which the events table shares."""


def flatten(rec: dict[str, Any]) -> dict[str, Any]:
    """One flat CSV row (CSV_COLUMNS) from a nested record; lists such as ``context`` joined by ";"."""
    return {c.name: ";".join(v) if isinstance(v := c.get(rec), list | tuple) else v for c in EVENT_COLUMNS}


def _who(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    name = a.get("name") or a.get("text") or "?"
    code = "/".join(x for x in (a.get("country"), a.get("sector")) if x)
    return f"{name} ({code})" if code else name


def _count(c: dict[str, Any] | None, label: str) -> str:
    if not c:
        return ""
    q = {"at_least": ">=", "more_than": ">", "about": "~", "up_to": "<=", "exact": ""}.get(c.get("qualifier") or "", "")
    return f"{label}{q}{c.get('value')}"


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "\u2026"


def write_table(records: Iterable[dict[str, Any]], out: TextIO, width: int | None = None) -> int:
    width = width or shutil.get_terminal_size((160, 24)).columns
    cols = [("date", 10), ("event", 22), ("actor", 26), ("recipient", 26), ("where", 16), ("numbers", 16), ("how / source", 22)]
    fixed = sum(w for _, w in cols) + len(cols) * 2
    trig_w = max(12, width - fixed)
    header = "  ".join(name.ljust(w) for name, w in cols) + "  trigger"
    out.write(header + "\n" + "-" * min(width, len(header) + trig_w - 7) + "\n")
    n = 0
    for r in records:
        n += 1
        typ = r.get("event_type") or "STATEMENT"
        event = f"{typ}{'/' + r['mode'] if r.get('mode') else ''} {r.get('cameo_code')}"
        loc = r.get("location") or {}
        where = loc.get("name") or loc.get("text") or "-"
        if loc.get("country"):
            where = f"{where} ({loc['country']})"
        nums = " ".join(x for x in (_count(r.get("fatalities"), "k"), _count(r.get("injured"), "i"),
                                    _count(r.get("arrested"), "arr"), _count(r.get("abducted"), "abd"),
                                    _count(r.get("size"), "n")) if x)
        how = r.get("modality") or ""
        if r.get("polarity") == "negated":
            how = "NOT " + how
        if r.get("source"):
            how += f" ({r['source']})"
        date = r.get("date") or "-"
        cells = [date, event, _who(r.get("actor")), _who(r.get("recipient")), where, nums or "-", how]
        line = "  ".join(_cell(c, w).ljust(w) for c, (_, w) in zip(cells, cols))
        out.write(line + "  " + _cell((r.get("evidence") or {}).get("trigger") or "", trig_w) + "\n")
    if n == 0:
        out.write("(no events)\n")
    return n


def open_output(path: str) -> TextIO:
    """``path`` opened for writing records; a path that cannot be written is a :class:`UsageError`."""
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc


def write_records(records: Iterable[dict[str, Any]], out: TextIO, fmt: str = "jsonl") -> int:
    """Write records to ``out`` in ``fmt``; returns how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    n = 0
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        items = list(records)
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(items)
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
        w.writeheader()
        for r in records:
            w.writerow(flatten(r))
            n += 1
    else:
        n = write_table(records, out)
    return n
