"""Code documents in worker processes on this machine, results in input order.

    with PoolCoder(settings, workers=2) as pool:
        for doc, events in pool.code_documents(docs):
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
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Self

from khaldun.config import Settings
from khaldun.errors import WorkerError
from khaldun.records import Document, EventRecord

#: documents per task sent to a worker: small enough that the last chunks
#: finish together, big enough for spaCy to batch and to amortise a round trip
CHUNK_DOCS = 16
#: chunks queued per worker beyond the one it is coding
PREFETCH = 2
START_METHOD = "forkserver"
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


def _code_chunk(docs: list[Document]) -> tuple[list[list[EventRecord]], int, int]:
    """Events of each document of one chunk, in order; with this worker's pid and peak RSS."""
    events = [ev for _doc, ev in _pipeline.code_documents(docs)]
    return events, os.getpid(), peak_rss_kb()


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
    ) -> None:
        self.settings = settings
        self.workers = resolve_workers(settings.workers if workers is None else workers)
        self.chunk_docs = max(1, min(chunk_docs, settings.batch_size))
        self.start_method = start_method
        self.peak_rss_kb: dict[int, int] = {}
        """peak resident memory of each worker process seen so far (pid -> KiB)"""
        self._executor: ProcessPoolExecutor | None = None

    # -- life cycle -------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, wait: bool = False) -> None:
        """Start the workers; with ``wait``, return once every one has loaded the model."""
        if self._executor is None:
            ctx = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                ctx.set_forkserver_preload(PRELOAD)
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.settings,)
            )
        if wait:
            while len(self.peak_rss_kb) < self.workers:
                for fut in [self._executor.submit(_ready, 0.2) for _ in range(self.workers)]:
                    pid, rss = fut.result()
                    self.peak_rss_kb[pid] = max(rss, self.peak_rss_kb.get(pid, 0))

    def close(self) -> None:
        """Stop the workers (pending chunks are cancelled)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    # -- coding -----------------------------------------------------------------

    def code_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[EventRecord]]]:
        """Each document with its events, in input order, coded by the workers."""
        from khaldun.pipeline import Pipeline

        it = iter(docs)
        head = list(islice(it, self.chunk_docs + 1))
        if len(head) <= self.chunk_docs:
            yield from Pipeline(self.settings).code_documents(head)
            return
        self.start()
        assert self._executor is not None
        pending: deque[tuple[list[Document], Future[Any]]] = deque()
        chunks = _chunks(head, it, self.chunk_docs)
        try:
            for chunk in chunks:
                pending.append((chunk, self._executor.submit(_code_chunk, chunk)))
                if len(pending) >= self.workers * (1 + PREFETCH):
                    yield from self._collect(*pending.popleft())
            while pending:
                yield from self._collect(*pending.popleft())
        finally:
            for _chunk, fut in pending:
                fut.cancel()

    def _collect(self, chunk: list[Document], fut: Future[Any]) -> Iterator[tuple[Document, list[EventRecord]]]:
        try:
            events, pid, rss = fut.result()
        except BrokenProcessPool as exc:
            first = chunk[0].origin if chunk else "?"
            raise WorkerError(
                f"a worker process died while coding the documents from {first} on "
                f"(out of memory?); try fewer --workers or a smaller --batch-size"
            ) from exc
        self.peak_rss_kb[pid] = max(rss, self.peak_rss_kb.get(pid, 0))
        yield from zip(chunk, events)


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
