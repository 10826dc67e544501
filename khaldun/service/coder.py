"""The server's coding process: documents are parsed and coded in one worker process the server owns.

Why a process. ``doc_timeout`` is enforced by a timer signal (:func:`khaldun.pipeline.time_limit`),
which only works on a process's main thread; a server codes on a thread of its
own, where no signal reaches. In the worker, :meth:`Pipeline.outcomes` runs on
the main thread, so a document past the limit is rejected as ``timeout`` (K061)
and the worker goes on. A document that holds the worker where no signal
reaches (native code, signals blocked), or kills it, costs the worker: past
``doc_timeout`` per document plus ``grace_s``, the server kills it, starts
another, and codes that request's documents again one at a time, so only the
guilty one is rejected (``timeout`` or ``coding_failed``). The store is written
by the server alone: only documents go out and event records come back.

The worker is forked from a fork server (a clean single-threaded process, as in
:mod:`khaldun.runners.pool`), never from the server with its threads and open
database. It loads the model once, when the server starts.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from khaldun.config import Settings
from khaldun.errors import CodingError, DocumentTimeout, KhaldunError, WorkerError
from khaldun.pipeline import Outcome, Pipeline
from khaldun.records import Document, Rejection

#: seconds a request's documents may run past ``doc_timeout`` each before the worker is deemed hung
GRACE_S = 30.0
#: modules the fork server imports once, so that a replacement worker starts warm
PRELOAD = ["khaldun.service.coder", "khaldun.pipeline", "khaldun.coding", "spacy"]

_pipeline: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _pipeline
    _pipeline = Pipeline(settings)
    _pipeline.warm_up()
    gc.collect()
    gc.freeze()  # the model and tables live as long as the worker: keep the collector off them


def _code(docs: list[Document]) -> list[Any]:
    assert _pipeline is not None
    return [result for _doc, result in _pipeline.outcomes(docs)]


def _ping() -> bool:
    return _pipeline is not None


def _reject(doc: Document, err: KhaldunError) -> Rejection:
    return Rejection(origin=doc.origin or doc.doc_id, reason=err.reason, code=err.code, message=str(err), doc_id=doc.doc_id)


class CodingProcess:
    """One worker process that codes documents for the server, with ``doc_timeout`` enforced.

    :meth:`outcomes` has the signature :func:`khaldun.pipeline.run_into` takes as ``code``.
    Calls are serialised (the server has one writer at a time anyway).
    """

    def __init__(self, settings: Settings, *, grace_s: float = GRACE_S, start_method: str = "forkserver") -> None:
        self.settings = settings
        self.grace_s = grace_s
        self.start_method = start_method
        self.restarts = 0
        """times the worker was replaced after it died or hung"""
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the worker and wait until it has loaded the model; a worker that cannot start is a :class:`WorkerError`."""
        if self._executor is not None:
            return
        ctx = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            ctx.set_forkserver_preload(PRELOAD)
        self._executor = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_worker, initargs=(self.settings,))
        try:
            self._executor.submit(_ping).result()
        except BrokenProcessPool as exc:
            self.close()
            raise WorkerError("the coding process dies as it starts (loading the model and data); "
                              "run `khaldun extract --workers 1` on a file to see the error") from exc

    def close(self) -> None:
        ex, self._executor = self._executor, None
        if ex is not None:
            ex.shutdown(wait=True, cancel_futures=True)

    def _restart(self, kill: bool) -> None:
        ex, self._executor = self._executor, None
        if ex is not None:
            if kill:
                for proc in list(getattr(ex, "_processes", {}).values()):
                    proc.kill()
            ex.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        self.start()

    def _deadline(self, n_docs: int) -> float | None:
        limit = self.settings.doc_timeout
        return limit * n_docs + self.grace_s if limit > 0 else None

    def _submit(self, docs: list[Document]) -> Future[Any]:
        self.start()
        assert self._executor is not None
        return self._executor.submit(_code, docs)

    def outcomes(self, docs: Iterable[Document]) -> Iterator[Outcome]:
        """Each document with its events or its rejection, in input order."""
        batch = list(docs)
        if not batch:
            return
        with self._lock:
            try:
                results = self._submit(batch).result(timeout=self._deadline(len(batch)))
            except (BrokenProcessPool, FutureTimeout) as exc:
                # the worker died or hung: replace it and code the documents one by one,
                # so that only the document that kills or hangs it again is rejected
                self._restart(kill=isinstance(exc, FutureTimeout))
                results = [self._alone(doc) for doc in batch]
        yield from zip(batch, results)

    def _alone(self, doc: Document) -> Any:
        try:
            return self._submit([doc]).result(timeout=self._deadline(1))[0]
        except BrokenProcessPool:
            self._restart(kill=False)
            return _reject(doc, CodingError(
                "coding failed: the process coding this document died (a crash in native code, or out of memory); "
                "the server started another"))
        except FutureTimeout:
            self._restart(kill=True)
            return _reject(doc, DocumentTimeout(
                f"the document held the coding process past the time limit ({self.settings.doc_timeout:g} s "
                f"+ {self.grace_s:g} s); it was stopped and replaced"))
