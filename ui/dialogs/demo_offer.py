"""The empty-book offer: load a demo book (made-up customers and two years of visits) to
try things out, with a progress bar and Cancel while ``generate_demo`` runs on the writer
thread. Declining is remembered per book, so the owner is asked once."""

from __future__ import annotations

import functools

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from shopcrm.services.customers.demo import DemoResult, generate_demo
from ui.app_context import AppContext
from ui.workers import Job, ProgressDialog

DEMO_CUSTOMERS = 3_000


class DemoOfferDialog(QDialog):
    """``loaded(DemoResult)`` when the demo book is in (also after a Cancel part-way)."""

    loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 customers: int = DEMO_CUSTOMERS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customers = customers
        self.job: Job | None = None
        self.progress: ProgressDialog | None = None
        self.setObjectName("demoOffer")
        self.setWindowTitle(self.tr("Your customer book is empty"))
        text = QLabel(self.tr(
            "There are no customers in this book yet. Would you like to load a demo book "
            "with {count} made-up customers and two years of visits, to see how ShopCRM "
            "works? You can add your own customers or import your Excel list at any time."
        ).format(count=ctx.display.number(customers)))
        text.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.load_button = self.buttons.addButton(self.tr("Load the demo book"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.empty_button = self.buttons.addButton(self.tr("Start with an empty book"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.load_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.decline)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    @Slot()
    def start(self) -> None:
        make = functools.partial(_demo, self.ctx, self.customers)
        self.job = self.ctx.workers.run_generator(make, name="demo", on_done=self._done,
                                                  on_error=self._failed)
        self.progress = ProgressDialog(self.job, self.tr("Loading the demo book"),
                                       self.tr("Adding made-up customers and their visits…"),
                                       self.parentWidget())
        self.progress.setObjectName("demoProgress")
        self.accept()
        self.progress.open()

    @Slot()
    def decline(self) -> None:
        settings = self.ctx.window_settings()
        settings.setValue(declined_key(self.ctx), True)
        self.reject()

    def _done(self, result: DemoResult) -> None:
        self.ctx.book_changed("demo")
        self.loaded.emit(result)

    def _failed(self, error: BaseException) -> None:
        from ui.dialogs.error_dialog import show_error

        self.ctx.book_changed("demo")
        show_error(self.parentWidget(), error, self.ctx.lang)


def _demo(ctx: AppContext, customers: int, cancel):  # type: ignore[no-untyped-def]
    # only into an empty book: a customer added since the offer was made stops it
    return generate_demo(ctx.db, customers, cancel=cancel, only_if_empty=True)


def declined_key(ctx: AppContext) -> str:
    import hashlib

    return "demo/declined-" + hashlib.sha1(ctx.db.url.encode()).hexdigest()[:12]


def should_offer(ctx: AppContext) -> bool:
    if ctx.window_settings().value(declined_key(ctx), False, type=bool):
        return False
    return not ctx.customers.has_customers(include_deleted=True)
