"""Aggregates as a text table, CSV or JSON."""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import Any, TextIO

from khaldun.analysis.aggregates import Aggregate

OUTPUT_FORMATS = ("table", "csv", "json")


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def write_aggregate(agg: Aggregate, out: TextIO, fmt: str = "table") -> int:
    """Write ``agg``; returns the number of rows. The table and JSON say whether events or mentions were counted."""
    rows = [tuple(_plain(v) for v in r) for r in agg.rows]
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(agg.columns)
        w.writerows(rows)
    elif fmt == "json":
        json.dump({"title": agg.title, "counted": agg.level, "period": agg.period,
                   "rows": [dict(zip(agg.columns, r)) for r in rows]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        cells = [[("" if v is None else str(v)) for v in r] for r in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(agg.columns)]
        out.write(f"{agg.title} (counting {agg.level})\n")
        out.write("  ".join(c.ljust(w) for c, w in zip(agg.columns, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        out.writelines("  ".join(v.rjust(w) if v.lstrip("-").replace(".", "", 1).isdigit() else v.ljust(w)
                                for v, w in zip(r, widths)).rstrip() + "\n" for r in cells)
        if not cells:
            out.write("(nothing to count)\n")
    return len(rows)
