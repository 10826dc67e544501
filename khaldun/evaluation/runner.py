"""Run the pipeline over a gold file and score it.

:func:`evaluate` reads a JSONL file in the ``../shared/eval`` shape, codes
every sentence with :class:`khaldun.pipeline.Pipeline`, hands each sentence's
events to the file's :class:`~khaldun.evaluation.schemes.Scheme` and returns
an :class:`EvalReport`. :func:`format_report` renders it for people.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khaldun.config import Settings
from khaldun.errors import InputError, UsageError
from khaldun.evaluation.metrics import METRIC_NAMES, FieldScore, FieldTally, render_item
from khaldun.evaluation.schemes import GoldRecord, Scheme, get_scheme, scheme_for_dataset
from khaldun.records import Document, EventRecord, Rejection

Progress = Callable[[int, int], None]
"""called with (sentences coded so far, total)"""

Predictor = Callable[[Sequence[Document]], Iterable[tuple[Document, list[EventRecord] | Rejection]]]
"""documents in, (document, events) out: :meth:`Pipeline.outcomes` (events or a rejection) or a stand-in for tests"""


@dataclass(frozen=True)
class ErrorExample:
    """One sentence where a field was wrong."""

    field: str
    id: str
    text: str
    gold: str
    predicted: str
    events: tuple[str, ...]
    """every event khaldun gave for the sentence, one line each"""

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "id": self.id, "text": self.text, "gold": self.gold,
                "predicted": self.predicted, "events": list(self.events)}


@dataclass(frozen=True)
class EvalReport:
    """The scores of one evaluation run."""

    gold_path: str
    sha256: str
    """digest of the gold file's bytes: the quality floors are pinned to it"""
    scheme: str
    dataset: str
    n_records: int
    """lines read (after ``limit``)"""
    n_scored: int
    n_rejected: int
    """sentences ingestion refused (too long, ...): scored as predicting nothing"""
    skipped: dict[str, int]
    """reason -> sentences not scored"""
    fields: tuple[FieldScore, ...]
    errors: tuple[ErrorExample, ...]
    """every wrong comparison, in file order"""
    n_events: int
    seconds: float
    settings: dict[str, Any] = field(default_factory=dict)
    n_failed: int = 0
    """sentences whose coding failed (``coding_failed``, ``timeout``): scored as predicting nothing"""

    def field(self, name: str) -> FieldScore:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"no field {name!r} in the {self.scheme} report")

    def metrics(self) -> dict[str, float]:
        """Flat ``field.metric`` -> value, the names the quality floors use."""
        out: dict[str, float] = {}
        for f in self.fields:
            for m in METRIC_NAMES:
                v = getattr(f, m)
                if v is not None:
                    out[f"{f.name}.{m}"] = float(v)
        return out

    def to_dict(self, max_errors: int | None = None) -> dict[str, Any]:
        """JSON-ready; ``max_errors`` keeps that many wrong examples per field (None: all)."""
        errors: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for e in self.errors:
            if max_errors is not None and seen.get(e.field, 0) >= max_errors:
                continue
            seen[e.field] = seen.get(e.field, 0) + 1
            errors.append(e.to_dict())
        return {
            "gold_path": self.gold_path,
            "sha256": self.sha256,
            "scheme": self.scheme,
            "dataset": self.dataset,
            "n_records": self.n_records,
            "n_scored": self.n_scored,
            "n_rejected": self.n_rejected,
            "n_failed": self.n_failed,
            "skipped": dict(self.skipped),
            "n_events": self.n_events,
            "seconds": round(self.seconds, 3),
            "fields": [f.to_dict() for f in self.fields],
            "errors": errors,
        }


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_gold(path: str | Path, limit: int | None = None) -> list[GoldRecord]:
    """The records of a gold JSONL file; a malformed line is a :class:`UsageError` naming it."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"gold file {p} does not exist")
    records: list[GoldRecord] = []
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(records) >= limit:
                break
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{p}:{lineno}: not JSON ({exc.msg})") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not isinstance(obj.get("gold"), dict):
                raise UsageError(f"{p}:{lineno}: a gold record needs 'text' (string) and 'gold' (object)")
            records.append(
                GoldRecord(
                    id=str(obj.get("id") or f"line-{lineno}"),
                    text=obj["text"],
                    doc_date=obj.get("doc_date"),
                    dataset=str(obj.get("dataset") or ""),
                    gold=obj["gold"],
                    line=lineno,
                )
            )
    if not records:
        raise UsageError(f"gold file {p} holds no records")
    return records


def describe_event(e: EventRecord) -> str:
    """One line per predicted event, for error listings."""
    actor = e.actor.country or e.actor.text if e.actor else "-"
    recipient = e.recipient.country or e.recipient.text if e.recipient else "-"
    flags = "" if (e.polarity, e.modality) == ("affirmed", "asserted") else f" [{e.polarity}/{e.modality}]"
    return (f"{e.cameo_code} {e.event_type or 'STATEMENT'} q{e.quad_class} {actor}->{recipient} "
            f"'{e.evidence.trigger}' conf={e.confidence:.2f}{flags}")


def evaluate(
    gold_path: str | Path,
    settings: Settings | None = None,
    scheme: str | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
    predict: Predictor | None = None,
) -> EvalReport:
    """Code every sentence of ``gold_path`` and score it with its scheme.

    ``scheme`` names a scheme (``plover_gsr``, ``petr2_gsr``,
    ``petrarch2_unittest``, ``conflibert_cameo``); by default it is picked from
    the records' ``dataset`` field. ``limit`` reads only the first N records.
    ``predict`` replaces the pipeline (tests pass hand-made events).
    """
    settings = settings or Settings()
    if limit is not None and limit <= 0:
        raise UsageError(f"limit must be positive, got {limit}")
    started = time.perf_counter()
    records = read_gold(gold_path, limit)
    chosen: Scheme = get_scheme(scheme) if scheme else scheme_for_dataset(records[0].dataset)

    skipped: dict[str, int] = {}
    docs: list[Document] = []
    by_doc: dict[str, GoldRecord] = {}
    rejected: list[GoldRecord] = []
    from khaldun.ingest.readers import make_document

    for rec in records:
        reason = chosen.skip_reason(rec)
        if reason is None and not rec.text.strip():
            reason = "empty text in the gold file"
        if reason is not None:
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        try:
            # the line number keeps ids unique even when a set repeats one
            doc = make_document(rec.text, f"{gold_path}:{rec.line}", settings.max_doc_chars,
                                doc_id=f"{rec.id}@{rec.line}", doc_date=rec.doc_date)
        except InputError:
            # khaldun refused the sentence, so it predicted nothing: scored as such
            rejected.append(rec)
            continue
        docs.append(doc)
        by_doc[doc.doc_id] = rec

    stack = contextlib.ExitStack()
    if predict is None:
        from khaldun.runners.pool import PoolCoder, resolve_workers

        if resolve_workers(settings.workers) > 1:
            # worker processes, as `khaldun extract`; each document is coded alone, so the figures
            # are the same whatever the number of workers
            predict = stack.enter_context(PoolCoder(settings)).outcomes
        else:
            from khaldun.pipeline import Pipeline

            predict = Pipeline(settings).outcomes

    tallies = {spec.name: FieldTally(spec.name, spec.kind, spec.labels) for spec in chosen.fields}
    errors: list[ErrorExample] = []
    n_events = 0
    done = 0
    failed: list[GoldRecord] = []

    def scored(doc: Any, result: Any) -> tuple[GoldRecord, Any]:
        if isinstance(result, Rejection):
            failed.append(by_doc[doc.doc_id])  # coding failed: scored as predicting nothing
            return by_doc[doc.doc_id], []
        return by_doc[doc.doc_id], result

    coded = (scored(doc, result) for doc, result in predict(docs))
    total = len(docs) + len(rejected)
    with stack:
        for rec, events in itertools.chain(((r, []) for r in rejected), coded):
            n_events += len(events)
            for comp in chosen.compare(rec, events):
                tally = tallies[comp.field]
                if comp.kind == "label":
                    ok = tally.add_label(comp.gold, comp.pred)
                    gold_s, pred_s = str(comp.gold), str(comp.pred)
                else:
                    ok = tally.add_set(comp.gold, comp.pred, comp.matcher)
                    gold_s = "{" + ", ".join(render_item(i) for i in comp.gold) + "}"
                    pred_s = "{" + ", ".join(render_item(i) for i in comp.pred) + "}"
                if not ok:
                    errors.append(ErrorExample(comp.field, rec.id, rec.text, gold_s, pred_s,
                                               tuple(describe_event(e) for e in events)))
            done += 1
            if progress is not None:
                progress(done, total)

    return EvalReport(
        gold_path=str(gold_path),
        sha256=file_sha256(gold_path),
        scheme=chosen.name,
        dataset=records[0].dataset,
        n_records=len(records),
        n_scored=done,
        n_rejected=len(rejected),
        skipped=skipped,
        fields=tuple(t.score() for t in tallies.values()),
        errors=tuple(errors),
        n_events=n_events,
        seconds=time.perf_counter() - started,
        n_failed=len(failed),
    )


def format_report(report: EvalReport, max_errors: int = 0, top_confusions: int = 5) -> str:
    """The report as text: one table of fields, then confusions, then wrong examples."""
    lines = [
        f"{report.gold_path}  scheme={report.scheme}  sha256={report.sha256[:12]}",
        (f"sentences: {report.n_records} read, {report.n_scored} scored, "
         f"{sum(report.skipped.values())} skipped, {report.n_rejected} refused by ingestion, {report.n_failed} failed in coding; {report.n_events} events predicted in {report.seconds:.1f}s"),
    ]
    for reason, n in sorted(report.skipped.items(), key=lambda kv: -kv[1]):
        lines.append(f"  skipped {n}: {reason}")
    lines.append("")
    header = f"{'field':<20}{'n':>6}{'acc':>8}{'prec':>8}{'rec':>8}{'f1':>8}{'macroF1':>9}{'wF1':>8}"
    lines += [header, "-" * len(header)]
    for f in report.fields:
        macro = f"{f.macro_f1:9.3f}" if f.macro_f1 is not None else f"{'':>9}"
        weighted = f"{f.weighted_f1:8.3f}" if f.weighted_f1 is not None else f"{'':>8}"
        lines.append(f"{f.name:<20}{f.n:>6}{f.accuracy:8.3f}{f.precision:8.3f}{f.recall:8.3f}{f.f1:8.3f}{macro}{weighted}")
    for f in report.fields:
        if not f.top_confusions or top_confusions <= 0:
            continue
        lines.append("")
        if f.kind == "label":
            lines.append(f"{f.name}: top confusions (gold -> predicted)")
            for g, p, n in f.top_confusions[:top_confusions]:
                lines.append(f"  {n:>4}  {g} -> {p}")
        else:
            missed = [(g, n) for g, p, n in f.top_confusions if p == "NONE"][:top_confusions]
            spurious = [(p, n) for g, p, n in f.top_confusions if g == "NONE"][:top_confusions]
            lines.append(f"{f.name}: most missed " + ", ".join(f"{g} ({n})" for g, n in missed))
            lines.append(f"{f.name}: most spurious " + ", ".join(f"{p} ({n})" for p, n in spurious))
    if max_errors > 0:
        shown: dict[str, int] = {}
        for e in report.errors:
            if shown.get(e.field, 0) >= max_errors:
                continue
            if not shown:
                lines += ["", "wrong examples"]
            shown[e.field] = shown.get(e.field, 0) + 1
            lines.append(f"- [{e.field}] {e.id}: gold {e.gold}, predicted {e.predicted}")
            lines.append(f"    {e.text}")
            for ev in e.events:
                lines.append(f"    event: {ev}")
    return "\n".join(lines)
