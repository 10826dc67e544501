"""The pipeline: documents in, event records out, and each document accounted for.

Stages, in order, each a module of its own: ``ingest`` (read and validate),
``nlp`` (spaCy parse), ``coding`` (a coder from :mod:`khaldun.coding.registry`;
it fills actors, dates, places and counts through the shared record assembly),
then ``store``. :class:`Pipeline` codes documents; :func:`run_into` is the
extract-to-store loop that the CLI, the API and the runners call.

Fault isolation: nothing one document does stops a run. An exception while
parsing or coding a document makes that document a rejection (``coding_failed``,
K060, with the exception type and where it was raised); a document that takes
longer than the ``doc_timeout`` setting is rejected as ``timeout`` (K061).
Every other document is coded as usual. The time limit is enforced with a
timer signal, so it applies where coding runs on a process's main thread (the
CLI, and every pool worker); a worker stuck where no signal reaches is stopped
by the pool (:mod:`khaldun.runners.pool`).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khaldun.config import Settings
from khaldun.errors import CodingError, DocumentTimeout, DuplicateDocument
from khaldun.records import Document, EventRecord, Rejection

if TYPE_CHECKING:
    from khaldun.store import Store

log = logging.getLogger(__name__)

Outcome = tuple[Document, "list[EventRecord] | Rejection"]
"""A document with its events, or with the rejection that says why it has none"""


@dataclass
class RunSummary:
    """What one run did, for the end-of-run summary and the API."""

    documents: int = 0
    """documents coded (and stored, when there is a store)"""
    rejected: int = 0
    events: int = 0
    seconds: float = 0.0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    """documents seen twice in the run (same id and text), coded once"""
    skipped: int = 0
    """documents already in the store with the same text, not coded again"""

    def add_rejection(self, rej: Rejection) -> None:
        self.rejected += 1
        self.rejected_by_reason[rej.reason] = self.rejected_by_reason.get(rej.reason, 0) + 1


def coding_rejection(doc: Document, exc: BaseException) -> Rejection:
    """The rejection of a document whose coding raised ``exc``: its type, where, and the traceback."""
    if isinstance(exc, CodingError):
        err = exc
    else:
        frames = traceback.extract_tb(exc.__traceback__)
        where = ""
        if frames:
            # where it was raised, and the last of our own frames on the way when that is a library's
            inner = frames[-1]
            ours = [f for f in frames if _short(f.filename).startswith("khaldun/") and not _short(f.filename).endswith("pipeline.py")]
            where = f" (raised in {inner.name}, {_short(inner.filename)}:{inner.lineno}"
            if ours and ours[-1] is not inner:
                where += f"; from {ours[-1].name}, {_short(ours[-1].filename)}:{ours[-1].lineno}"
            where += ")"
        detail = str(exc).splitlines()[0][:300] if str(exc) else ""
        err = CodingError(f"coding failed: {type(exc).__name__}{': ' + detail if detail else ''}{where}")
    return Rejection(
        origin=doc.origin or doc.doc_id,
        reason=err.reason,
        code=err.code,
        message=str(err),
        doc_id=doc.doc_id,
        detail="".join(traceback.format_exception(exc)) if not isinstance(exc, DocumentTimeout) else None,
    )


def _short(filename: str) -> str:
    """A source path from the package root (``khaldun/actors/resolver.py``), else the file name."""
    path = filename.replace("\\", "/")
    i = path.rfind("/khaldun/")
    return path[i + 1 :] if i >= 0 else Path(path).name


@contextmanager
def time_limit(seconds: float, what: str = "document") -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this block after ``seconds`` (no limit off the main thread or at 0)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"the {what} took longer than {seconds:g} s to parse and code (doc_timeout setting)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Pipeline:
    """Codes documents with one loaded model and the coder the settings name."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def warm_up(self) -> Any:
        """Load the model and every data file now rather than on the first document; returns the coder."""
        from khaldun.coding import get_coder
        from khaldun.nlp import load_model
        from khaldun.places import PlaceResolver

        load_model(self.settings.model)
        coder = get_coder(self.settings)
        PlaceResolver.default(self.settings.cache_dir).warm_up()
        return coder

    def outcomes(self, docs: Iterable[Document]) -> Iterator[Outcome]:
        """Each document with its events or its rejection, in input order (streamed in batches)."""
        it = iter(docs)
        chunk = max(1, self.settings.batch_size) * 4
        batch = list(islice(it, chunk))
        if not batch:
            return  # nothing readable: no need to spend seconds importing and loading the model
        from khaldun.coding import get_coder
        from khaldun.nlp import load_model

        nlp = load_model(self.settings.model)
        # the model, lexicons and knowledge base load before the first timed document, so a time
        # limit never cuts a loader short (tables built lazily later are assigned whole)
        coder = get_coder(self.settings)
        limit = self.settings.doc_timeout
        min_conf = self.settings.min_confidence
        while batch:
            parsed: Iterator[Any] | None = nlp.pipe((d.text for d in batch), batch_size=self.settings.batch_size)
            for i, doc in enumerate(batch):
                spacy_doc = None
                if parsed is not None:
                    try:
                        with time_limit(limit * (len(batch) - i), "batch"):
                            spacy_doc = next(parsed)
                    except Exception:  # noqa: BLE001
                        # spaCy parses a batch at a time: when one document breaks the batch (or
                        # holds it past the limit), the rest are parsed one by one, so that only
                        # that document fails
                        parsed = None
                try:
                    with time_limit(limit):
                        if spacy_doc is None:
                            spacy_doc = nlp(doc.text)
                        events = coder.code(doc, spacy_doc)
                except Exception as exc:  # noqa: BLE001 - one document must never stop a run
                    yield doc, coding_rejection(doc, exc)
                    continue
                yield doc, [e for e in events if e.confidence >= min_conf]
            batch = list(islice(it, chunk))

    def run(
        self,
        items: Iterable[Document | Rejection],
        *,
        on_document: Callable[[Document, list[EventRecord]], None] | None = None,
        on_rejection: Callable[[Rejection], None] | None = None,
        code: Callable[[Iterable[Document]], Iterable[Outcome]] | None = None,
    ) -> RunSummary:
        """Code a mixed stream of documents and rejections, calling back for each, in input order.

        ``code`` turns documents into outcomes in input order: :meth:`outcomes`
        (this process) unless a runner passes its own
        (:meth:`khaldun.runners.pool.PoolCoder.outcomes`). A document that
        cannot be coded reaches ``on_rejection``.
        """
        summary = RunSummary()
        start = time.perf_counter()
        seen: dict[str, str] = {}

        def reject(rej: Rejection) -> None:
            summary.add_rejection(rej)
            if on_rejection:
                on_rejection(rej)

        def documents() -> Iterator[Document]:
            for item in items:
                if isinstance(item, Document) and item.doc_id in seen:
                    if seen[item.doc_id] == item.content_hash:
                        summary.duplicates += 1  # the same article twice is coded once
                        continue
                    err = DuplicateDocument(
                        f"{item.origin}: id {item.doc_id!r} was already used for a different text in this run"
                    )
                    item = Rejection(origin=item.origin or "", reason=err.reason, code=err.code, message=str(err), doc_id=item.doc_id)
                if isinstance(item, Rejection):
                    reject(item)
                    continue
                seen[item.doc_id] = item.content_hash
                yield item

        for doc, result in (code or self.outcomes)(documents()):
            if isinstance(result, Rejection):
                if result.detail:
                    log.debug("%s: %s\n%s", result.origin, result.message, result.detail)
                reject(result)
                continue
            summary.documents += 1
            summary.events += len(result)
            if on_document:
                on_document(doc, result)
        summary.seconds = time.perf_counter() - start
        return summary


def run_into(
    store: Store | None,
    inputs: Iterable[str | Path] | Iterable[Document | Rejection],
    settings: Settings | None = None,
    *,
    recode: bool = False,
    on_events: Callable[[Document, list[EventRecord]], None] | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
    progress: Callable[[int], None] | None = None,
    code: Callable[[Iterable[Document]], Iterable[Outcome]] | None = None,
) -> RunSummary:
    """Read, code and store: the extract-to-store loop every front end calls.

    ``inputs`` are paths (files, folders, ``-``) or already-read documents and
    rejections. Each document ends up exactly once in ``store`` (with its
    events) or in its ``rejected`` table: documents and rejections are written
    together, ``settings.write_batch`` documents per transaction, so a run killed at
    any point and run again stores what one clean run stores. Documents the
    store already holds with the same text are skipped without coding them
    (``recode=True`` codes and replaces them). ``store=None`` stores nothing.

    ``on_events`` sees each coded document in input order (to print its
    events), ``on_rejection`` each rejection, ``progress`` the number of
    inputs done since its last call. ``code`` turns documents into outcomes
    (see :meth:`Pipeline.run`) instead of the runner ``settings.workers`` picks:
    the server's own worker process, for one.
    """
    s = settings or Settings()
    items = _as_items(inputs, s)
    n_skipped = 0

    def skip() -> None:
        nonlocal n_skipped
        n_skipped += 1
        if progress:
            progress(1)

    if store is not None and not recode:
        items = _unstored(items, store, s.write_batch, skip)
    pending: list[tuple[Document, list[EventRecord]]] = []
    rejected: list[Rejection] = []

    def flush() -> None:
        if store is not None and (pending or rejected):
            _write(store, pending, rejected, on_rejection, summary_fixes)
        pending.clear()
        rejected.clear()

    def document(doc: Document, events: list[EventRecord]) -> None:
        if store is not None:
            pending.append((doc, events))
        if on_events:
            on_events(doc, events)
        if progress:
            progress(1)
        if len(pending) >= s.write_batch:
            flush()

    def rejection(rej: Rejection) -> None:
        if store is not None:
            rejected.append(rej)
        if on_rejection:
            on_rejection(rej)
        if progress:
            progress(1)
        if len(rejected) >= s.write_batch:
            flush()

    from khaldun.runners import run_pipeline

    summary_fixes: list[Rejection] = []
    if code is not None:
        summary = Pipeline(s).run(items, on_document=document, on_rejection=rejection, code=code)
    else:
        summary = run_pipeline(items, s, on_document=document, on_rejection=rejection)
    flush()
    summary.skipped = n_skipped
    for rej in summary_fixes:  # documents coded, then refused by the store: rejected, not read
        summary.documents -= 1
        summary.add_rejection(rej)
    return summary


def _write(
    store: Store,
    results: list[tuple[Document, list[EventRecord]]],
    rejections: list[Rejection],
    on_rejection: Callable[[Rejection], None] | None,
    unstorable: list[Rejection],
) -> None:
    """Write one batch; if the store refuses it, write document by document so one bad record loses only its document."""
    from khaldun.errors import StoreError, StoreLocked

    try:
        store.write(results, rejections)
        return
    except StoreLocked:
        raise
    except StoreError:
        if not results:
            raise  # nothing to tell apart: the store itself fails
    kept: list[Rejection] = list(rejections)
    for doc, events in results:
        try:
            store.write([(doc, events)], [])
        except StoreLocked:
            raise
        except StoreError as exc:
            err = CodingError(f"coding failed: its events could not be stored ({exc.message})")
            rej = Rejection(origin=doc.origin or doc.doc_id, reason=err.reason, code=err.code, message=str(err), doc_id=doc.doc_id)
            log.warning("%s: %s", rej.origin, rej.message)
            kept.append(rej)
            unstorable.append(rej)
            if on_rejection:
                on_rejection(rej)
    if kept:
        store.write([], kept)


def _as_items(inputs: Iterable[Any], s: Settings) -> Iterator[Document | Rejection]:
    it = iter(inputs)
    first = next(it, None)
    if first is None:
        return iter(())
    from itertools import chain

    rest = chain([first], it)
    if isinstance(first, Document | Rejection):
        return rest
    from khaldun.ingest import read_inputs

    return read_inputs(
        rest,
        max_chars=s.max_doc_chars,
        text_column=s.csv_text_column,
        languages=s.languages,
        max_decompressed_bytes=s.max_decompressed_bytes,
    )


def _unstored(items: Iterator[Document | Rejection], store: Store, size: int, skip: Callable[[], None]) -> Iterator[Document | Rejection]:
    """``items`` without the documents the store holds already (same id and text), asking in batches."""
    while True:
        batch = list(islice(items, size))
        if not batch:
            return
        docs = {d.doc_id: d.content_hash for d in batch if isinstance(d, Document)}
        have = store.stored(docs) if docs else set()
        for item in batch:
            if isinstance(item, Document) and item.doc_id in have:
                skip()
                continue
            yield item


def extract(
    paths: Iterable[str],
    settings: Settings | None = None,
) -> tuple[list[tuple[Document, list[EventRecord]]], list[Rejection], RunSummary]:
    """Read ``paths`` and code every document, storing nothing: the one-call library entry point."""
    results: list[tuple[Document, list[EventRecord]]] = []
    rejections: list[Rejection] = []
    summary = run_into(None, paths, settings, on_events=lambda d, e: results.append((d, e)), on_rejection=rejections.append)
    return results, rejections, summary


__all__ = ["Outcome", "Pipeline", "RunSummary", "extract", "run_into", "time_limit"]
