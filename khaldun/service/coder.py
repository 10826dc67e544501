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

The worker is the one worker of a :class:`khaldun.runners.pool.PoolCoder`
(forked from a fork server, a clean single-threaded process, never from the
server with its threads and open database), whose restart logic it shares;
unlike the pool's ``outcomes``, every document is coded in the worker, however
few. It loads the model once, when the server starts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from khaldun.config import Settings
from khaldun.pipeline import Outcome
from khaldun.records import Document
from khaldun.runners.pool import GRACE_S, PoolCoder

__all__ = ["GRACE_S", "CodingProcess"]


class CodingProcess:
    """One worker process that codes documents for the server, with ``doc_timeout`` enforced.

    :meth:`outcomes` has the signature :func:`khaldun.pipeline.run_into` takes as ``code``.
    Calls are serialised (the server has one writer at a time anyway).
    """

    def __init__(self, settings: Settings, *, grace_s: float = GRACE_S, start_method: str = "forkserver") -> None:
        self.settings = settings
        self._pool = PoolCoder(settings, workers=1, grace_s=grace_s, start_method=start_method)
        self._lock = threading.Lock()

    @property
    def restarts(self) -> int:
        """times the worker was replaced after it died or hung"""
        return self._pool.restarts

    def start(self) -> None:
        """Start the worker and wait until it has loaded the model; a worker that cannot start is a
        :class:`~khaldun.errors.WorkerError`."""
        self._pool.start(wait=True)

    def close(self) -> None:
        self._pool.close()

    def outcomes(self, docs: Iterable[Document]) -> Iterator[Outcome]:
        """Each document with its events or its rejection, in input order."""
        batch = list(docs)
        if not batch:
            return
        with self._lock:
            results = self._pool.code(batch)
        yield from zip(batch, results)
