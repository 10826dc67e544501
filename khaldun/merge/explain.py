"""Merged events as text: a table of events, and one event's reports with why each joined."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from khaldun.merge.cluster import FOUNDER, outlet
from khaldun.records import Actor, Count, EventRecord, MergedEvent
from khaldun.schema import MERGED

MERGED_FORMATS = ("table", "jsonl", "json", "csv")


def _who(a: Actor | None) -> str:
    if a is None:
        return "-"
    code = "/".join(x for x in (a.country, a.sector) if x)
    return f"{a.name or a.text} ({code})" if code else (a.name or a.text)


def _count(c: Count | None, span: tuple[int, int] | None = None) -> str:
    if c is None:
        return ""
    q = {"at_least": ">=", "more_than": ">", "about": "~", "up_to": "<="}.get(c.qualifier, "")
    text = f"{q}{c.value}"
    if span and span[0] != span[1]:
        text += f" [{span[0]}-{span[1]}]"
    return text


def _cell(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "\u2026").ljust(width)


def flat_row(m: MergedEvent) -> dict[str, Any]:
    """The ``merged_events`` table's row of ``m`` (without the JSON columns), for CSV."""
    rec = m.record.to_dict()
    row = MERGED.row({**rec, **m.to_dict(), "record": rec})
    row.pop("record")
    row["reasons"] = json.dumps(row["reasons"], ensure_ascii=False)
    return {k: ";".join(v) if isinstance(v, list | tuple) else v for k, v in row.items()}


def write_merged(merged: Sequence[MergedEvent], out: TextIO, fmt: str = "table") -> int:
    """Write merged events as a table, JSON lines, a JSON array or CSV; returns how many."""
    if fmt == "jsonl":
        out.writelines(json.dumps(m.to_dict(), ensure_ascii=False) + "\n" for m in merged)
    elif fmt == "json":
        json.dump([m.to_dict() for m in merged], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=[c for c in MERGED.names if c != "record"], lineterminator="\n")
        writer.writeheader()
        for m in merged:
            writer.writerow(flat_row(m))
    else:
        cols = [("merged_id", 20), ("date", 10), ("event", 16), ("actor", 24), ("recipient", 24), ("where", 16),
                ("killed", 12), ("reports", 7), ("outlets", 7)]
        out.write("  ".join(n.ljust(w) for n, w in cols) + "\n" + "-" * (sum(w for _, w in cols) + 2 * len(cols)) + "\n")
        for m in merged:
            r = m.record
            where = (r.location.name or r.location.text) if r.location else "-"
            cells = [m.merged_id, r.date or "-", f"{r.event_type or 'STATEMENT'} {r.cameo_code}", _who(r.actor),
                     _who(r.recipient), where, _count(r.fatalities, m.count_ranges.get("fatalities")) or "-",
                     str(m.num_mentions), str(m.num_sources)]
            out.write("  ".join(_cell(c, w) for c, (_, w) in zip(cells, cols)).rstrip() + "\n")
        if not merged:
            out.write("(no merged events: run `khaldun merge` first)\n")
    return len(merged)


def write_mentions(
    merged: MergedEvent, mentions: Iterable[EventRecord], meta: Mapping[str, Mapping[str, Any]], out: TextIO
) -> int:
    """Every report of one merged event: outlet, publication date, evidence sentence, and why it joined."""
    r = merged.record
    ranges = ", ".join(f"{k} {lo}-{hi}" for k, (lo, hi) in merged.count_ranges.items())
    out.write(f"{merged.merged_id}: {r.event_type or 'STATEMENT'} {r.cameo_code} on {r.date or 'unknown date'}"
              f" - {_who(r.actor)} -> {_who(r.recipient)}")
    if r.location:
        out.write(f" at {r.location.name or r.location.text}")
    out.write(f"\n{merged.num_mentions} reports from {merged.num_sources} outlets ({', '.join(merged.sources)}), "
              f"first seen {merged.first_seen}, last seen {merged.last_seen}\n")
    if r.fatalities or ranges:
        out.write(f"killed {_count(r.fatalities) or '-'} (latest report){'; ranges: ' + ranges if ranges else ''}\n")
    n = 0
    for e in mentions:
        n += 1
        m = meta.get(e.doc_id) or {}
        out.write(f"\n[{n}] {e.event_id}  {outlet(e.doc_id, m)}, {m.get('doc_date') or e.doc_date or 'undated'}  "
                  f"(document {e.doc_id})\n")
        out.write(f"    {e.event_type or 'STATEMENT'} {e.cameo_code}, {e.date or '-'} ({e.date_precision})"
                  f"{', killed ' + _count(e.fatalities) if e.fatalities else ''}\n")
        out.write(f"    \"{e.evidence.sentence.strip()}\"\n")
        why = merged.reasons.get(e.event_id, ())
        out.write(f"    why: {'; '.join(why) if why else 'placed before reasons were kept'}\n"
                  if why != (FOUNDER,) else "    why: first report (founded the event)\n")
    return n
