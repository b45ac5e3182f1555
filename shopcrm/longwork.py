"""The one long-work kit: progress, cancel, running to the end, and the command line's bar.

Long work (import, export, the demo book, a campaign's send, backup, restore, building the
report) is a *generator*: it yields ``Progress`` items while it works and its result last
(any object that is not progress, or the generator's ``return`` value). The window drives
it on a worker thread (``ui.workers.Workers.run_generator``), the command line with
``run_to_end(work, progress=ProgressBar(...))``, tests with ``run_to_end(work)``.

The cancel protocol
-------------------
``cancel`` is a request from the owner, never a kill. It is a ``threading.Event`` (the
window's job, the command line's first Ctrl-C), a callable returning True to stop, or None
(never cancelled). The work looks at it between steps (``is_cancelled`` /
``check_cancel``), never in the middle of one, so what it leaves behind is always whole:

- work that is all or nothing (import, export, backup, restore, a report) raises
  ``shopcrm.errors.Cancelled`` and leaves nothing half-done: no partial file under the
  final name, no half-imported rows;
- work made of independent steps (the demo book's chunks, a campaign's messages) stops
  after the step in hand, keeps the finished steps, and ends normally with a result that
  says so (a send's progress has status ``paused``, reason ``stopped``).

Either way nothing is lost: an export is written again, a send is resumed.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TextIO, runtime_checkable

from shopcrm.errors import Cancelled

Cancel = threading.Event | Callable[[], bool] | None


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` steps (rows, customers, pages...); ``stage`` names the part of
    the work when it has several ("read", then "write" for an import)."""

    done: int
    total: int
    stage: str = ""


@runtime_checkable
class ProgressLike(Protocol):
    """Anything that reports ``done`` of ``total`` (``Progress``, a send's richer
    ``SendProgress``)."""

    @property
    def done(self) -> int: ...

    @property
    def total(self) -> int: ...


def is_progress(item: object) -> bool:
    return isinstance(item, Progress | ProgressLike)


def is_cancelled(cancel: Cancel) -> bool:
    """True once the owner asked to stop: ``cancel.is_set()`` or ``cancel()``."""
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def check_cancel(cancel: Cancel) -> None:
    """Raise ``Cancelled`` when the owner asked to stop (all-or-nothing work)."""
    if is_cancelled(cancel):
        raise Cancelled()


class Task(Protocol):
    """A piece of work started elsewhere: ``concurrent.futures.Future`` has this shape, and
    so do the window's reader tasks (``ui.workers.Workers.submit``)."""

    def result(self) -> Any: ...

    def cancel(self) -> bool: ...


# ``parallel(fn, *args)`` starts ``fn(*args)`` on another thread and returns its Task.
Parallel = Callable[..., Task]


class _Inline:
    """A Task run by whoever asks for its result, in that thread (no parallelism)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args
        self.cancelled = False

    def result(self) -> Any:
        return self.fn(*self.args)

    def cancel(self) -> bool:
        self.cancelled = True
        return True


def inline(fn: Callable[..., Any], *args: Any) -> Task:
    """The ``Parallel`` of a caller with no threads to offer: runs when asked."""
    return _Inline(fn, args)


def run_to_end(work: Iterable[Any], progress: Callable[[Any], Any] | None = None) -> Any:
    """Drive long work to its end: each progress item goes to ``progress``; returns the
    result (the last item that is not progress, or the generator's ``return`` value)."""
    result = None
    iterator = iter(work)
    try:
        while True:
            item = next(iterator)
            if is_progress(item) and not _is_result(item):
                if progress is not None:
                    progress(item)
            else:
                result = item
    except StopIteration as stop:
        return stop.value if stop.value is not None else result


def _is_result(item: object) -> bool:
    """A send's last progress (``finished``) is also its result."""
    return bool(getattr(item, "finished", False))


class ProgressBar:
    """The command line's progress bar (tqdm) on stderr: only on a terminal, never with
    ``--json`` (stdout stays one JSON document), closed by ``close()`` or ``with``.

    ``label(progress)`` gives the words before the bar (e.g. "checking", "writing" by an
    import's stage); ``unit`` names what is counted.
    """

    def __init__(self, *, enabled: bool, unit: str = "rows",
                 label: Callable[[Any], str] | None = None,
                 stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.unit = unit
        self.label = label
        self._bar: Any = None
        self._stage: object = None

    @classmethod
    def for_terminal(cls, as_json: bool, **kwargs: Any) -> ProgressBar:
        return cls(enabled=not as_json and sys.stderr.isatty(), **kwargs)

    def __call__(self, item: Any) -> None:
        if not self.enabled or not getattr(item, "total", 0):
            return
        stage = getattr(item, "stage", None)
        if self._bar is None or stage != self._stage:
            self._open(item, stage)
        elif self.label is not None:
            self._bar.set_description_str(self.label(item), refresh=False)
        self._bar.n = min(int(item.done), int(item.total))
        self._bar.refresh()

    def _open(self, item: Any, stage: object) -> None:
        from tqdm import tqdm

        self.close()
        self._stage = stage
        self._bar = tqdm(total=int(item.total), unit=f" {self.unit}", file=self.stream,
                         desc=self.label(item) if self.label else None, leave=True,
                         dynamic_ncols=True, mininterval=0.1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
