"""Background work: the one pattern for long jobs, and the one database writer thread.

A long job is a *service function that yields progress and honours a cancel flag*
(``shopcrm.services.customers.demo.generate_demo`` is the model): it yields objects with ``done``
and ``total`` attributes while it works, and its result last (any other object, or the
generator's ``return`` value). The window runs it with::

    job = ctx.workers.run_generator(
        lambda cancel: generate_demo(db, 20_000, cancel=cancel),
        on_progress=bar.set_progress,      # (done, total), in the GUI thread
        on_done=self._demo_loaded,         # (result), in the GUI thread
        on_error=self._show_error,         # (exception), in the GUI thread
    )
    job.cancel()                           # sets the threading.Event given to the generator

Short tasks use ``workers.run(fn, *args, on_done=..., on_error=...)`` (reads, on a small
pool) and ``workers.write(fn, *args, ...)`` (anything that writes the database: every
write goes through one single-thread pool, so writes never contend with each other;
Anki's task manager and Picard's ``run_task`` are the models). Long jobs that write
(``run_generator(..., writer=True)``, the default) queue on that same thread.

Rules for the function that runs in the worker:
- take and return ids and plain data (dataclasses, numbers, strings), never ORM objects or
  widgets; open its own short session (the services do);
- never touch a widget: the callbacks run in the GUI thread, after the job.

Tests choose the mode: ``Workers(immediate=True)`` runs every task at once in the calling
thread (callbacks included), so logic tests need no waiting; the threaded default is
waited for with ``qtbot.waitSignal(job.finished)`` or ``workers.wait_idle()``.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from shopcrm.longwork import run_to_end

log = logging.getLogger("shopcrm.ui.workers")

PROGRESS_INTERVAL = 0.05  # seconds between progress signals (a 100k-row job stays light)


def receiver_alive(callback: Callable[..., Any] | None) -> bool:
    """False when ``callback`` is a method of a QObject (a dialog...) already destroyed:
    a job that outlives the window that asked for it drops its result quietly."""
    target = getattr(callback, "func", callback)  # functools.partial
    owner = getattr(target, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class Job(QObject):
    """One task: its signals, its cancel flag and its outcome. Lives in the GUI thread.

    ``progress(done, total)``, ``finished(result)`` and ``failed(exception)`` are emitted in
    the GUI thread; exactly one of ``finished`` or ``failed`` ends every job.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    # Emitted from the worker thread; queued to this object's (GUI) thread.
    _progress_from_worker = Signal(int, int)
    _finished_from_worker = Signal(object)
    _failed_from_worker = Signal(object, str)

    def __init__(self, name: str, *, on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 on_end: Callable[[Job], None] | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.on_done, self.on_error, self._on_end = on_done, on_error, on_end
        self.cancel_event = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.traceback = ""
        self.last_progress: tuple[int, int] | None = None
        self._progress_from_worker.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._finished_from_worker.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._failed_from_worker.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        """Ask the job to stop; it ends at its next check (``finished`` still comes)."""
        self.cancel_event.set()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.done:
            self.last_progress = (done, total)
            self.progress.emit(done, total)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.done, self.result = True, result
        try:
            if self._on_end is not None:
                self._on_end(self)  # the callbacks run first: waiters see their effects
        finally:
            self.finished.emit(result)

    @Slot(object, str)
    def _on_failed(self, error: BaseException, trace: str) -> None:
        self.done, self.error, self.traceback = True, error, trace
        try:
            if self._on_end is not None:
                self._on_end(self)
        finally:
            self.failed.emit(error)


class _Runnable(QRunnable):
    """Runs ``body(job)`` on a pool thread and reports through the job's signals."""

    def __init__(self, job: Job, body: Callable[[Job, Callable[[int, int], None]], Any],
                 immediate: bool) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps the reference (see Workers._running)
        self.job = job
        self.body = body
        self.immediate = immediate
        self._last_emit = 0.0

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.immediate:
            self.job._on_progress(done, total)
        elif done >= total or now - self._last_emit >= PROGRESS_INTERVAL:
            self._last_emit = now
            self.job._progress_from_worker.emit(done, total)

    def run(self) -> None:
        try:
            result = self.body(self.job, self._report)
        except BaseException as exc:  # reported to the GUI thread, never lost
            trace = traceback.format_exc()
            if self.immediate:
                self.job._on_failed(exc, trace)
            else:
                self.job._failed_from_worker.emit(exc, trace)
            return
        if self.immediate:
            self.job._on_finished(result)
        else:
            self.job._finished_from_worker.emit(result)


class PoolTask(QRunnable):
    """``fn(*args)`` queued on the reader pool (``Workers.submit``): a ``Task`` of the
    long-work kit. ``result()`` waits for it; a task no thread has started yet is taken
    off the queue and run by the thread asking, so a reader that waits for its own
    sub-tasks can never wait on a pool it fills itself."""

    def __init__(self, pool: QThreadPool | None, fn: Callable[..., Any],
                 args: tuple[Any, ...], forget: Callable[[PoolTask], None]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.pool, self.fn, self.args, self._forget = pool, fn, args, forget
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None
        self._cancelled = False

    def run(self) -> None:
        try:
            self._value = self.fn(*self.args)
        except BaseException as exc:  # handed to whoever asks for the result
            self._error = exc
        finally:
            self._done.set()
            self._forget(self)

    def result(self) -> Any:
        if not self._done.is_set() and self.pool is not None and self.pool.tryTake(self):
            self.run()  # not started yet: run it here
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> bool:
        """Take it off the queue if no thread has started it (True), else False."""
        if self.pool is not None and not self._done.is_set() and self.pool.tryTake(self):
            self._cancelled = True
            self._done.set()
            self._forget(self)
            return True
        return False


def drive(generator: Iterator[Any], report: Callable[[int, int], None]) -> Any:
    """Consume long work (the kit's ``run_to_end``): report each ``Progress`` as
    ``(done, total)``; return the result (a send's last, ``finished`` progress included)."""
    return run_to_end(generator, lambda item: report(int(item.done), int(item.total)))


class Workers(QObject):
    """The pools: a few reader threads and the single database writer thread.

    ``unhandled(job, exception)`` is emitted for a failed job that had no ``on_error``;
    the main window shows it as an error dialog.
    """

    unhandled = Signal(object, object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, immediate: bool = False,
                 readers: int = 2) -> None:
        super().__init__(parent)
        self.immediate = immediate
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._writer.setExpiryTimeout(-1)  # the writer thread stays for the whole session
        self._running: dict[Job, _Runnable] = {}
        self._ended_jobs: list[Job] = []
        self._tasks: set[PoolTask] = set()  # submitted tasks, kept alive until they end

    # -- starting work -----------------------------------------------------------------
    def run(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, writer: bool = False,
            name: str = "") -> Job:
        """Run ``fn(*args)`` off the GUI thread (a reader, or the writer).

        Keyword arguments of ``fn`` go through ``functools.partial``, so they never clash
        with this method's own (``name`` is the job's name, for logs).
        """
        return self._start(lambda job, report: fn(*args), on_done, on_error,
                           None, writer, name or getattr(fn, "__name__", "task"))

    def submit(self, fn: Callable[..., Any], *args: Any) -> PoolTask:
        """Start ``fn(*args)`` on a reader thread and return its task (the long-work kit's
        ``Parallel``: ``build_report(..., parallel=workers.submit)``). Shut down with the
        window's other workers; immediate mode runs it at once."""
        task = PoolTask(None if self.immediate else self._readers, fn, args,
                        self._tasks.discard)
        if self.immediate:
            task.run()
        else:
            self._tasks.add(task)
            self._readers.start(task)
        return task

    def write(self, fn: Callable[..., Any], *args: Any,
              on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None,
              name: str = "") -> Job:
        """Run a database write on the one writer thread."""
        return self.run(fn, *args, on_done=on_done, on_error=on_error, writer=True, name=name)

    def run_generator(self, make: Callable[[threading.Event], Iterator[Any]], *,
                      on_progress: Callable[[int, int], None] | None = None,
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None,
                      writer: bool = True, name: str = "job") -> Job:
        """Run a progress generator; ``make(cancel_event)`` creates it in the worker."""

        def body(job: Job, report: Callable[[int, int], None]) -> Any:
            return drive(make(job.cancel_event), report)

        return self._start(body, on_done, on_error, on_progress, writer, name)

    def _start(self, body: Callable[[Job, Callable[[int, int], None]], Any],
               on_done: Callable[[Any], None] | None,
               on_error: Callable[[BaseException], None] | None,
               on_progress: Callable[[int, int], None] | None, writer: bool, name: str) -> Job:
        job = Job(name, on_done=on_done, on_error=on_error, on_end=self._ended)
        if on_progress is not None:
            job.progress.connect(on_progress)
        runnable = _Runnable(job, body, self.immediate)
        self._running[job] = runnable
        if self.immediate:
            runnable.run()
        else:
            (self._writer if writer else self._readers).start(runnable)
        return job

    def _ended(self, job: Job) -> None:
        """In the GUI thread, once per job: its callback, then forget the job."""
        self._running.pop(job, None)
        # Keep the job alive until the event that ended it is fully delivered: a QObject
        # must not be destroyed inside its own slot.
        self._ended_jobs.append(job)
        QTimer.singleShot(0, self._ended_jobs.clear)
        try:
            if job.error is None:
                if job.on_done is not None and receiver_alive(job.on_done):
                    job.on_done(job.result)
            elif job.on_error is not None:
                if receiver_alive(job.on_error):
                    job.on_error(job.error)
            else:
                log.error("job %s failed:\n%s", job.objectName(), job.traceback)
                self.unhandled.emit(job, job.error)
        finally:
            job.on_done = job.on_error = None
            if not self._running:
                self.idle.emit()

    # -- waiting and stopping ----------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._running)

    def when_idle(self, fn: Callable[[], None], *, quiet_ms: int = 500) -> None:
        """Call ``fn`` in the GUI thread once no job has run for ``quiet_ms``.

        Work the owner did not ask for (the start-up file check, the daily backup) waits
        until the first page is filled and the pools are quiet, so it never holds up the
        window's own reads.
        """
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(quiet_ms)

        def fire() -> None:
            if self.busy:
                self.idle.connect(restart, Qt.ConnectionType.SingleShotConnection)
                return
            timer.deleteLater()
            fn()

        def restart() -> None:
            timer.start()

        timer.timeout.connect(fire)
        timer.start()

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Turn the event loop until every job has ended (and its callbacks ran)."""
        deadline = QDeadlineTimer(timeout_ms)
        while self._running:
            if deadline.hasExpired():
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)
        return True

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel every job and wait for the threads (at exit)."""
        for job in list(self._running):
            job.cancel()
        ok = self._readers.waitForDone(timeout_ms) and self._writer.waitForDone(timeout_ms)
        QCoreApplication.processEvents()
        return ok


class ProgressDialog(QDialog):
    """A progress bar with Cancel for one job; closes itself when the job ends."""

    def __init__(self, job: Job, title: str, text: str, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(420)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        job.progress.connect(self.set_progress)
        job.finished.connect(self._ended)
        job.failed.connect(self._ended)
        if job.last_progress:
            self.set_progress(*job.last_progress)
        if job.done:  # an immediate job ended before the dialog existed
            QTimer.singleShot(0, self._ended)

    @Slot(int, int)
    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    @Slot()
    def cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping…"))

    def reject(self) -> None:  # Esc and the window's close button cancel, too
        if not self.job.done:
            self.cancel()
            return
        super().reject()

    @Slot()
    def _ended(self, *_: object) -> None:
        self.done(QDialog.DialogCode.Accepted if self.job.error is None
                  else QDialog.DialogCode.Rejected)
