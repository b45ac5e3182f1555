"""The window's first paint waits for no read of the book (issue 14): app.py holds
``ctx.first_paint`` while it builds the window; the shown page's first load runs right
after the first paint, hidden pages' loads when the workers are quiet or when shown, and
the counts shown meanwhile are the placeholder «…», never a number."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.main_window import MainWindow
from ui.models.customer_table import COLUMN_KEYS


def _held_window(qtbot, ctx) -> tuple[MainWindow, list[str]]:
    started: list[str] = []
    run = ctx.workers.run

    def spy(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(kwargs.get("name", ""))
        return run(fn, *args, **kwargs)

    ctx.workers.run = spy
    ctx.first_paint.hold()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window, started


@pytest.mark.demo(30)
def test_no_page_reads_the_book_before_the_first_paint(qtbot, threaded_ctx):
    window, started = _held_window(qtbot, threaded_ctx)
    today = window.page("today")
    assert today is not None
    page_reads = {"today", "customer-ids", "customer-flags", "tags", "inbox"}
    assert not page_reads & set(started)  # built, not yet painted: nothing read
    assert today.call.count.text() == "…" and not today.ready()
    customers = window.page("customers")
    # the remembered sort order, restored while the window is built, reads nothing yet
    customers.model.sort(COLUMN_KEYS.index("visits"), Qt.SortOrder.DescendingOrder)
    assert "customer-ids" not in started

    threaded_ctx.first_paint.watch(window)
    window.show()
    qtbot.waitUntil(lambda: "today" in started, timeout=5000)  # after the first paint
    assert threaded_ctx.first_paint.is_open
    qtbot.waitUntil(today.ready, timeout=20_000)
    assert today.call.count.text() == threaded_ctx.display.number(len(today.data.call.rows))
    # the hidden customers page loads once the workers are quiet, before it is shown,
    # once, in the order restored before
    qtbot.waitUntil(customers.ready, timeout=20_000)
    assert not customers.isVisible()
    assert started.count("customer-ids") == 1
    assert customers.spec().descending and customers.model.rowCount() == 30


@pytest.mark.demo(30)
def test_a_hidden_page_shown_early_loads_at_once_and_once(qtbot, threaded_ctx):
    window, started = _held_window(qtbot, threaded_ctx)
    threaded_ctx.first_paint.watch(window)
    window.show()
    qtbot.waitUntil(lambda: threaded_ctx.first_paint.is_open, timeout=5000)
    window.show_page("customers")  # before the workers are quiet
    customers = window.page("customers")
    qtbot.waitUntil(customers.ready, timeout=20_000)
    threaded_ctx.workers.wait_idle()
    qtbot.wait(700)  # past the quiet time: the idle load must not run a second time
    assert started.count("customer-ids") == 1


def test_not_held_runs_at_once(ctx):
    ran: list[int] = []
    ctx.after_first_paint(lambda: ran.append(1))
    assert ran == [1] and ctx.first_paint.is_open
