"""``python app.py --screenshots DIR``: a PNG of each page and the main dialogs.

Each page of the main window is shown at 1366x768 on the current book and saved as
``<lang>-<page key>.png``; then the customer card (the customer with the most visits),
the record-a-visit dialog with that customer's mobile typed in, a new customer card and
the empty-book offer, each at its own size. ``app.py`` runs one process per language
(the translator and the text direction are set once per process).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow

SIZE = (1366, 768)


def settle(window: MainWindow, rounds: int = 5) -> None:
    """Let background queries finish and the widgets repaint."""
    for _ in range(rounds):
        window.ctx.workers.wait_idle(60_000)
        for page in window.pages:
            deadline = 200
            while not page.ready() and deadline:
                window.ctx.workers.wait_idle(60_000)
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
                deadline -= 1
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()


def _save(widget: QWidget, path: Path) -> Path:
    image = widget.grab()
    if image.isNull() or not image.save(str(path), "PNG"):
        raise OSError(f"cannot save the screenshot {path}")
    return path


def take_screenshots(window: MainWindow, out_dir: Path, lang: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    ctx = window.ctx
    window.resize(*SIZE)
    window.show()
    settle(window)
    saved: list[Path] = []
    for page in window.pages:
        window.show_page(page.key)
        settle(window)
        saved.append(_save(window, out_dir / f"{lang}-{page.key}.png"))
    window.show_page(window.pages[0].key)
    settle(window)

    from shopcrm.services.customers.views import view_ids
    from ui.dialogs.customer_card import CustomerCard
    from ui.dialogs.demo_offer import DemoOfferDialog
    from ui.dialogs.record_visit import RecordVisitDialog

    # The card of a regular who stopped coming shows every part: the "why flagged" line,
    # the usual gap, a long visit history.
    best = (view_ids(ctx.db, ctx.settings, ctx.segment_filter, segment="absent",
                     order="visits", descending=True)[:1]
            or view_ids(ctx.db, ctx.settings, None, order="visits", descending=True)[:1])
    dialogs: list[tuple[str, QWidget]] = []
    if best:
        card = CustomerCard(ctx, best[0], window)
        dialogs.append(("customer-card", card))
        visits = CustomerCard(ctx, best[0], window)
        visits.tabs.setCurrentIndex(1)
        dialogs.append(("customer-card-visits", visits))
        mobile = ctx.customers.get(best[0]).mobile
        record = RecordVisitDialog(ctx, window, mobile=mobile)
        record.amount.setText("450000")
        record.amount._regroup("450000")
        record.service.setText(ctx.visits.history(best[0], limit=1)[0].service or ""
                               if ctx.visits.history(best[0], limit=1) else "")
        dialogs.append(("record-visit", record))
    new_record = RecordVisitDialog(ctx, window)
    new_record.mobile.setText(ctx.display.digits("0935 000 1122"))
    dialogs.append(("record-visit-new", new_record))
    dialogs.append(("new-customer", CustomerCard(ctx, None, window)))
    dialogs.append(("demo-offer", DemoOfferDialog(ctx, window)))
    from ui.dialogs.excel_samples import excel_dialogs

    dialogs.extend(excel_dialogs(ctx, window))
    for name, dialog in dialogs:
        dialog.show()
        settle(window)
        saved.append(_save(dialog, out_dir / f"{lang}-{name}.png"))
        dialog.hide()
        dialog.deleteLater()
    return saved
