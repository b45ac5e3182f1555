"""The generator pattern on worker threads, the single writer thread, cancel, and a
window that keeps answering while a long job runs."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from PySide6.QtCore import QTimer

from shopcrm.errors import InvalidInput
from shopcrm.longwork import Progress
from shopcrm.services.customers.demo import DemoResult, generate_demo
from ui.workers import ProgressDialog, Workers


def counting(total: int, cancel: threading.Event, delay: float = 0.0):
    for i in range(1, total + 1):
        if cancel.is_set():
            return f"stopped at {i - 1}"
        if delay:
            time.sleep(delay)
        yield Progress(i, total)
    yield f"counted {total}"


@pytest.fixture
def workers(qapp):
    pool = Workers()
    yield pool
    pool.shutdown()


def test_a_generator_reports_progress_then_its_result(qtbot, workers):
    seen = []
    results = []
    job = workers.run_generator(lambda cancel: counting(5, cancel, 0.01),
                                on_progress=lambda d, t: seen.append((d, t)),
                                on_done=results.append)
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == ["counted 5"]
    assert results == ["counted 5"]
    assert seen and seen[-1] == (5, 5)
    assert not workers.busy


def test_cancel_reaches_the_generator(qtbot, workers):
    job = workers.run_generator(lambda cancel: counting(10_000, cancel, 0.001))
    qtbot.waitUntil(lambda: job.last_progress is not None, timeout=5000)
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        pass
    assert job.cancelled
    assert blocker.args[0].startswith("stopped at ")


def test_a_failure_reaches_on_error_in_the_gui_thread(qtbot, workers):
    errors = []
    gui = threading.get_ident()

    def boom():
        raise InvalidInput("bad_mobile", value="123")

    job = workers.run(boom, on_error=lambda e: errors.append((e, threading.get_ident())))
    with qtbot.waitSignal(job.failed, timeout=5000):
        pass
    [(error, thread)] = errors
    assert error.code == "bad_mobile" and thread == gui
    assert "InvalidInput" in job.traceback


def test_a_failure_without_on_error_is_reported_as_unhandled(qtbot, workers):
    with qtbot.waitSignal(workers.unhandled, timeout=5000) as blocker:
        workers.run(lambda: 1 / 0)
    assert isinstance(blocker.args[1], ZeroDivisionError)


def test_every_write_runs_on_one_thread_one_at_a_time(qtbot, workers):
    threads, active, overlap = [], [0], []

    def write(i):
        active[0] += 1
        overlap.append(active[0])
        threads.append(threading.get_ident())
        time.sleep(0.01)
        active[0] -= 1
        return i

    done = []
    for i in range(6):
        workers.write(write, i, on_done=done.append)
    assert workers.wait_idle(10_000)
    assert done == list(range(6))
    assert len(set(threads)) == 1 and threads[0] != threading.get_ident()
    assert max(overlap) == 1


def test_immediate_mode_runs_at_once_in_the_calling_thread(qapp):
    pool = Workers(immediate=True)
    results, progress = [], []
    job = pool.run_generator(lambda cancel: counting(3, cancel), on_progress=lambda d, t:
                             progress.append(d), on_done=results.append)
    assert job.done and results == ["counted 3"] and progress == [1, 2, 3]
    assert pool.run(lambda a, b: a + b, 2, 3).result == 5


def test_the_progress_dialog_follows_the_job_and_cancels_it(qtbot, workers):
    job = workers.run_generator(lambda cancel: counting(100_000, cancel, 0.0005))
    dialog = ProgressDialog(job, "Working", "Counting…")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 100_000, timeout=5000)
    dialog.cancel_button.click()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert job.cancelled and 0 < dialog.bar.value() < 100_000


@pytest.mark.slow
def test_the_event_loop_keeps_turning_during_a_20k_demo_book(qtbot, book):
    """A 10 ms timer keeps firing while generate_demo writes 20,000 customers."""
    pool = Workers()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    job = pool.run_generator(lambda cancel: generate_demo(book, 20_000, cancel=cancel))
    with qtbot.waitSignal(job.finished, timeout=120_000) as blocker:
        pass
    elapsed = time.perf_counter() - started
    timer.stop()
    pool.shutdown()
    assert blocker.args[0] == DemoResult(20_000, blocker.args[0].visits)
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    print(f"\n[event loop] {elapsed:.1f} s of demo, {len(ticks)} ticks, "
          f"longest gap {max(gaps) * 1000:.0f} ms")
    assert elapsed > 1.0
    assert len(ticks) >= elapsed / 0.010 * 0.3  # at least 30% of the ideal tick count
    assert max(gaps) < 0.25  # never frozen for a quarter of a second


def test_a_result_for_a_closed_dialog_is_dropped(qtbot, workers):
    from PySide6.QtWidgets import QDialog

    class Box(QDialog):
        def __init__(self):
            super().__init__()
            self.got = []

        def take(self, value):
            self.got.append(value)

    box = Box()
    gate = threading.Event()
    job = workers.run(lambda: gate.wait(5) and 42, on_done=box.take)
    box.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(box), timeout=2000)
    gate.set()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass  # no "C++ object already deleted" error on the way


def test_when_idle_waits_until_the_pools_are_quiet(qtbot, workers):
    """The start-up file check waits for the window's own reads (when_idle)."""
    ended: list[float] = []
    called: list[float] = []
    workers.run(lambda: time.sleep(0.4), on_done=lambda _r: ended.append(time.monotonic()),
                name="first page")
    workers.when_idle(lambda: called.append(time.monotonic()), quiet_ms=50)
    qtbot.waitUntil(lambda: bool(called), timeout=5000)
    assert ended and called[0] >= ended[0]


def test_a_reader_waiting_for_its_own_tasks_never_deadlocks(qtbot, qapp):
    """build_report on a reader submits two scans to the same two-thread pool and waits:
    a task no thread has started is run by the thread that asks for it."""
    pool = Workers(readers=2)
    try:
        blocker = threading.Event()
        pool.run(blocker.wait, 10, name="holds the other reader")

        def report() -> list[int]:
            tasks = [pool.submit(lambda n=n: n * n) for n in range(4)]
            return [t.result() for t in tasks]

        job = pool.run(report, name="report")
        qtbot.waitUntil(lambda: job.done, timeout=5000)
        assert job.result == [0, 1, 4, 9]
        blocker.set()
    finally:
        pool.shutdown()


def test_a_failed_task_raises_in_the_asking_thread(qapp):
    pool = Workers(readers=1)
    try:
        task = pool.submit(lambda: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            task.result()
    finally:
        pool.shutdown()
