"""Python's cyclic garbage collector paused while a big job runs on a worker.

A job that builds millions of small objects (an import of 100k rows, a page of charts)
makes each full collection walk all of them with the GIL held: the window froze for up
to a second every few seconds (measured: eight pauses of 0.2-0.8 s in a 20 s import of
100k rows; 0.1-1 s pauses while the Reports page drew its charts). Reference counting
still frees everything at once; only cycles wait until the last paused job ends.

``with gc_paused(): ...`` inside the job's function (the worker thread). Counted, so
overlapping jobs (a dry run beside an import) resume collection only when all are done.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator


class _GcPause:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = True

    @property
    def depth(self) -> int:
        return self._depth

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0 and self._was_enabled:
                    gc.enable()


gc_paused = _GcPause()
