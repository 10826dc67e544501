"""A coder plug-in that misbehaves on purpose, for the fault-isolation tests.

It codes with the real rule coder, except for documents that carry a marker:
``@@RAISE@@`` raises, ``@@SLOW@@`` sleeps (a signal can cut it short),
``@@HANG@@`` sleeps with the timer signal blocked (nothing in the worker can
stop it), ``@@HUGE@@`` gives events with a toll no store column holds,
``@@CRASH@@`` ends its process at once, as a crash in native code
or the out-of-memory killer would. Chosen with the ``coder`` setting as
``runners.faulty_coder:make`` (tests/ is on the path under pytest; the CLI
tests set PYTHONPATH).
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from typing import Any

from khaldun.coding.coder import from_settings
from khaldun.records import Count


class FaultyCoder:
    def __init__(self, settings: Any) -> None:
        self.inner = from_settings(settings)

    def code(self, document: Any, parsed: Any) -> list[Any]:
        text = document.text
        if "@@RAISE@@" in text:
            raise RuntimeError("this document breaks the coder")
        if "@@SLOW@@" in text:
            time.sleep(60)
        if "@@HANG@@" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            try:
                time.sleep(60)
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
        if "@@CRASH@@" in text:
            os._exit(70)
        events = self.inner.code(document, parsed)
        if "@@HUGE@@" in text:
            events = [replace(e, fatalities=Count(value=10**12)) for e in events]
        return events


def make(settings: Any) -> FaultyCoder:
    return FaultyCoder(settings)
