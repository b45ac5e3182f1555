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

Richer progress
---------------
Work with more to say than ``done`` of ``total`` yields a subclass of ``Progress`` (a
campaign's send: ``messaging.sender.SendProgress`` adds sent, failed, cost, status...).
Everything that drives long work reads it as a ``Progress``; only the code that asked for
that work reads the extra figures. Work whose last progress is also its result (a send
ends with where it stands) marks that item ``finished=True``: ``run_to_end`` hands it to
``progress`` like the others and returns it.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from shopcrm.errors import Cancelled

Cancel = threading.Event | Callable[[], bool] | None


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` steps (rows, customers, pages...); ``stage`` names the part of
    the work when it has several ("read", then "write" for an import)."""

    done: int
    total: int
    stage: str = ""
    finished: bool = False  # the work's last word, also its result (see "Richer progress")


def is_progress(item: object) -> bool:
    return isinstance(item, Progress)


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
    result (the last item that is not progress or is a ``finished`` one, or the
    generator's ``return`` value)."""
    result = None
    iterator = iter(work)
    try:
        while True:
            item = next(iterator)
            if not isinstance(item, Progress) or item.finished:
                result = item
            if isinstance(item, Progress) and progress is not None:
                progress(item)
    except StopIteration as stop:
        return stop.value if stop.value is not None else result


class ProgressBar:
    """The command line's progress bar (tqdm) on stderr: only on a terminal, never with
    ``--json`` (stdout stays one JSON document), closed by ``close()`` or ``with``.

    ``label(progress)`` gives the words before the bar (e.g. "checking", "writing" by an
    import's stage); ``unit`` names what is counted, in the command's language. In Persian
    (``lang="fa"``) tqdm's own figures (ASCII digits, English rate words) are left out: the
    bar's figures are the kit's numbers written by ``shopcrm.i18n`` (``۴۵٪ ۱۲٬۳۴۵/۲۰٬۰۰۰``).
    """

    def __init__(self, *, enabled: bool, unit: str = "rows",
                 label: Callable[[Any], str] | None = None,
                 stream: TextIO | None = None, lang: str = "en") -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.unit = unit
        self.label = label
        self.lang = lang
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
        self._bar.figures = self.figures(self._bar.n, int(item.total))
        self._bar.refresh()

    def figures(self, done: int, total: int) -> str:
        """``45% 12,345/20,000 rows`` in the bar's language (Persian digits in Persian)."""
        from shopcrm import i18n

        share = i18n.number(100 * done // total if total else 100, self.lang, "d")
        return (f"{share}{'٪' if self.lang == 'fa' else '%'} "
                f"{i18n.number(done, self.lang)}/{i18n.number(total, self.lang)} {self.unit}")

    def _open(self, item: Any, stage: object) -> None:
        self.close()
        self._stage = stage
        own: dict[str, Any] = {"unit": f" {self.unit}"}
        if self.lang == "fa":  # block characters: tqdm's ASCII bar draws digits (" 12…9#")
            own = {"bar_format": "{desc}: {bar}| {figures}", "ascii": False}
        self._bar = _figures_tqdm()(total=int(item.total), file=self.stream,
                                    desc=self.label(item) if self.label else None,
                                    leave=True, dynamic_ncols=True, mininterval=0.1, **own)

    def close(self) -> None:
        """End the bar (its last line stays); the next progress opens a new one."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@functools.cache
def _figures_tqdm() -> type:
    """tqdm with one more field for ``bar_format``: ``{figures}``, the bar's own numbers
    (tqdm is imported only when a bar is shown)."""
    from tqdm import tqdm

    class FiguresBar(tqdm):  # type: ignore[misc]
        figures = ""

        @property
        def format_dict(self) -> dict[str, Any]:
            return {**super().format_dict, "figures": self.figures}

    return FiguresBar
