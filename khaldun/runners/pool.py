"""Code documents in worker processes on this machine, results in input order.

    with PoolCoder(settings, workers=2) as pool:
        for doc, result in pool.outcomes(docs):  # events, or a Rejection
            ...

Each worker process loads the spaCy model, lexicon, knowledge base and
gazetteer once (the pool initializer), then codes chunks of documents sent to
it. Documents go out in chunks of :data:`CHUNK_DOCS`; only event records come
back (a parsed ``Doc`` never crosses a process boundary, which is what makes
``nlp.pipe(n_process=2)`` itself scale poorly). At most ``2 x workers`` chunks
are in flight, so memory stays bounded on any input size and the input is read
on the caller's thread, in order: rejections reach their callback in input
order, as in one process.

Start method: ``forkserver`` (see docs/performance.md). ``fork`` of the main
process is not used: by the time the pool starts, the CLI holds an open DuckDB
connection and a progress-bar thread, and forking a process with threads can
deadlock a child on a lock held at fork time. The fork server is a clean,
single-threaded process started before any of that; it imports spaCy and
khaldun once (:data:`PRELOAD`) and every worker is forked from it, so a worker
starts in about the time it takes to load the model.

A small input (one chunk or less) is coded in this process: starting workers
would cost more than it saves, and the first event of a single article comes
as fast as with ``--workers 1``.

Faults: a document that raises or runs past ``doc_timeout`` is rejected
inside its worker, like in one process. A worker that dies (a crash in native
code, the out-of-memory killer) or hangs where the time limit cannot reach
(past ``doc_timeout`` per document of its chunk, plus :data:`GRACE_S`) is
replaced: the pool is restarted, that chunk is coded again one document at a
time with nothing else in flight, so that only the document that kills or
hangs a worker again is rejected (``coding_failed`` or ``timeout``), and the
chunks queued behind it are coded again in order. Workers that cannot start
at all (a missing model) are a :class:`~khaldun.errors.WorkerError`, not a
rejection of every document.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Self

from khaldun.config import Settings
from khaldun.errors import CodingError, DocumentTimeout, WorkerError
from khaldun.records import Document, Rejection

#: documents per task sent to a worker: small enough that the last chunks
#: finish together, big enough for spaCy to batch and to amortise a round trip
CHUNK_DOCS = 16
#: chunks queued per worker beyond the one it is coding
PREFETCH = 2
START_METHOD = "forkserver"
#: seconds a chunk may run past ``doc_timeout`` per document before its worker is deemed hung
GRACE_S = 30.0
#: modules the fork server imports once, so that forked workers start warm
PRELOAD = ["khaldun.runners.pool", "khaldun.pipeline", "khaldun.coding", "spacy"]

_pipeline: Any = None


def resolve_workers(workers: int) -> int:
    """The number of worker processes for the ``workers`` setting: 0 means one per CPU core."""
    if workers < 0:
        raise ValueError(f"workers must be 0 (all cores) or more, got {workers}")
    return workers or (os.cpu_count() or 1)


def peak_rss_kb() -> int:
    """Peak resident memory of this process (VmHWM), in KiB; 0 where /proc is absent."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def _init_worker(settings: Settings) -> None:
    """Pool initializer: load everything once per worker process."""
    global _pipeline
    from khaldun.pipeline import Pipeline

    _pipeline = Pipeline(settings)
    _pipeline.warm_up()
    # The model, knowledge base and gazetteer live as long as the worker: keep the
    # garbage collector from scanning their objects again on every collection.
    gc.collect()
    gc.freeze()


def _code_chunk(docs: list[Document]) -> tuple[list[Any], int, int]:
    """The outcome (events or rejection) of each document of one chunk, in order; with this worker's pid and peak RSS."""
    results = [result for _doc, result in _pipeline.outcomes(docs)]
    return results, os.getpid(), peak_rss_kb()


def _ready(pause: float) -> tuple[int, int]:
    time.sleep(pause)  # hold this worker so that the next warm-up task goes to another
    return os.getpid(), peak_rss_kb()


class PoolCoder:
    """A pool of worker processes that code documents; started on first use."""

    def __init__(
        self,
        settings: Settings,
        workers: int | None = None,
        *,
        chunk_docs: int = CHUNK_DOCS,
        start_method: str = START_METHOD,
        grace_s: float = GRACE_S,
    ) -> None:
        self.settings = settings
        self.grace_s = grace_s
        self.workers = resolve_workers(settings.workers if workers is None else workers)
        self.chunk_docs = max(1, min(chunk_docs, settings.batch_size))
        self.start_method = start_method
        self.peak_rss_kb: dict[int, int] = {}
        """peak resident memory of each worker process seen so far (pid -> KiB)"""
        self.restarts = 0
        """times the pool was restarted after a worker died or hung"""
        self._executor: ProcessPoolExecutor | None = None

    # -- life cycle -------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, wait: bool = False) -> None:
        """Start the workers; with ``wait``, return once every one has loaded the model.

        Workers that die as they start (a missing model) are a :class:`WorkerError`.
        """
        if self._executor is None:
            ctx = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                ctx.set_forkserver_preload(PRELOAD)
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.settings,)
            )
        if wait:
            seen: set[int] = set()
            try:
                while len(seen) < self.workers:
                    for fut in [self._executor.submit(_ready, 0.2) for _ in range(self.workers)]:
                        pid, rss = fut.result()
                        seen.add(pid)
                        self.peak_rss_kb[pid] = max(rss, self.peak_rss_kb.get(pid, 0))
            except BrokenProcessPool as exc:
                self.close()
                raise WorkerError(
                    "worker processes die as they start (loading the model and data); "
                    "run with --workers 1 to see the error"
                ) from exc

    def close(self) -> None:
        """Stop the workers (pending chunks are cancelled)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _restart(self, kill: bool) -> None:
        """Replace every worker (killing them first when one hangs); the new ones must start."""
        ex, self._executor = self._executor, None
        if ex is not None:
            if kill:
                for proc in list(getattr(ex, "_processes", {}).values()):
                    proc.kill()
            ex.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        self.start(wait=True)

    # -- coding -----------------------------------------------------------------

    def outcomes(self, docs: Iterable[Document]) -> Iterator[tuple[Document, Any]]:
        """Each document with its events or its rejection, in input order, coded by the workers."""
        from khaldun.pipeline import Pipeline

        it = iter(docs)
        head = list(islice(it, self.chunk_docs + 1))
        if len(head) <= self.chunk_docs:
            yield from Pipeline(self.settings).outcomes(head)
            return
        self.start()
        chunks = _chunks(head, it, self.chunk_docs)
        again: deque[list[Document]] = deque()  # chunks to code again, before new ones
        pending: deque[tuple[list[Document], Future[Any]]] = deque()
        try:
            while True:
                while len(pending) < self.workers * (1 + PREFETCH):
                    chunk = again.popleft() if again else next(chunks, None)
                    if chunk is None:
                        break
                    assert self._executor is not None
                    pending.append((chunk, self._executor.submit(_code_chunk, chunk)))
                if not pending:
                    return
                chunk, fut = pending.popleft()
                try:
                    results = self._result(fut, len(chunk))
                except (BrokenProcessPool, FutureTimeout) as exc:
                    hung = isinstance(exc, FutureTimeout)
                    # every chunk in flight is lost with the pool: code them again, in order,
                    # after this one has been coded a document at a time
                    again.extendleft(reversed([c for c, _ in pending]))
                    pending.clear()
                    self._restart(kill=hung)
                    yield from self._one_by_one(chunk)
                    continue
                yield from zip(chunk, results)
        finally:
            for _chunk, f in pending:
                f.cancel()

    def code(self, docs: list[Document]) -> list[Any]:
        """Each document's events or rejection, in order, coded in a worker as one chunk (never in this process).

        For a caller that must never code on its own threads (``khaldun serve``, where no
        timer signal reaches): a chunk that kills or hangs its worker is coded again a
        document at a time, as in :meth:`outcomes`.
        """
        if not docs:
            return []
        self.start()
        assert self._executor is not None
        try:
            return self._result(self._executor.submit(_code_chunk, docs), len(docs))
        except (BrokenProcessPool, FutureTimeout) as exc:
            self._restart(kill=isinstance(exc, FutureTimeout))
            return [result for _doc, result in self._one_by_one(docs)]

    def _deadline(self, n_docs: int) -> float | None:
        limit = self.settings.doc_timeout
        return limit * n_docs + self.grace_s if limit > 0 else None

    def _result(self, fut: Future[Any], n_docs: int) -> list[Any]:
        results, pid, rss = fut.result(timeout=self._deadline(n_docs))
        self.peak_rss_kb[pid] = max(rss, self.peak_rss_kb.get(pid, 0))
        return results

    def _one_by_one(self, chunk: list[Document]) -> Iterator[tuple[Document, Any]]:
        """Code each document alone, nothing else in flight: the one that kills or hangs a worker is rejected."""
        for doc in chunk:
            assert self._executor is not None
            fut = self._executor.submit(_code_chunk, [doc])
            try:
                [result] = self._result(fut, 1)
            except BrokenProcessPool:
                err: CodingError = CodingError(
                    "coding failed: the worker process coding this document died "
                    "(a crash in native code, or out of memory); it was replaced and the others went on"
                )
                self._restart(kill=False)
                result = Rejection(origin=doc.origin or doc.doc_id, reason=err.reason, code=err.code, message=str(err), doc_id=doc.doc_id)
            except FutureTimeout:
                err = DocumentTimeout(
                    f"the document held its worker past the time limit ({self.settings.doc_timeout:g} s + {self.grace_s:g} s); "
                    "the worker was stopped and replaced"
                )
                self._restart(kill=True)
                result = Rejection(origin=doc.origin or doc.doc_id, reason=err.reason, code=err.code, message=str(err), doc_id=doc.doc_id)
            yield doc, result


def _chunks(head: list[Document], rest: Iterator[Document], size: int) -> Iterator[list[Document]]:
    buf = list(head)
    while True:
        while len(buf) >= size:
            yield buf[:size]
            buf = buf[size:]
        more = list(islice(rest, size))
        if not more:
            break
        buf.extend(more)
    if buf:
        yield buf
