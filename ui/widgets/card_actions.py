"""What the owner can do from a customer card: send an SMS, log a call with its outcome,
snooze the customer on the follow-up lists, add a complaint; and the loyalty points slot
(filled by the loyalty feature; hidden until then).

Each action writes on the writer thread through the services (``FollowUpService``,
``services.today.feeds.add_complaint``, ``services.today.single_sms``) and emits
``changed`` so the card reloads its contact history and status line."""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.today.feeds import add_complaint
from ui.app_context import AppContext
from ui.display import isolate

SNOOZE_CHOICES = (7, 14, 30, 90)


class ComplaintDialog(QDialog):
    """A simple complaint: what it is about (open until resolved)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDialog")
        self.setWindowTitle(self.tr("Add a complaint"))
        self.setMinimumWidth(420)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("complaintText")
        self.text.setPlaceholderText(self.tr("What went wrong?"))
        self.text.setFixedHeight(90)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Add"))
        self.ok.setEnabled(False)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip())))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Complaint of {name}").format(name=isolate(name))))
        layout.addWidget(self.text)
        layout.addWidget(box)


class CardActions(QWidget):
    """``changed(what)`` after an action wrote; ``failed(message)`` with the words of an
    error."""

    changed = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("cardActions")
        self.followup = FollowUpService(ctx.db)
        self.customer_id: int | None = None
        self.name = ""
        self.last_dialog: Any = None
        self.sms_button = self._button("sendSms", self.tr("Send SMS…"), self.send_sms)
        self.call_button = self._button("logCall", self.tr("Log a call…"), self.log_call)
        self.snooze_button = self._button("snooze", self.tr("Snooze…"), self.choose_snooze)
        self.complaint_button = self._button("addComplaint", self.tr("Add a complaint…"),
                                             self.add_complaint)
        # The loyalty feature fills this slot with the customer's points (set_points).
        self.points = QLabel(self)
        self.points.setObjectName("cardPoints")
        self.points.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.sms_button, self.call_button, self.snooze_button,
                       self.complaint_button):
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.points)
        self.set_customer(None, "")

    def _button(self, name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def set_customer(self, customer_id: int | None, name: str, *, mobile: str | None = None,
                     sms_opt_out: bool = False) -> None:
        self.customer_id, self.name = customer_id, name
        for button in (self.call_button, self.snooze_button, self.complaint_button):
            button.setEnabled(customer_id is not None)
        can_sms = customer_id is not None and bool(mobile) and not sms_opt_out
        self.sms_button.setEnabled(can_sms)
        self.sms_button.setToolTip("" if can_sms or customer_id is None else (
            self.tr("This customer opted out of SMS.") if sms_opt_out
            else self.tr("No mobile number.")))

    def set_points(self, text: str | None) -> None:
        """The loyalty slot: e.g. "120 points"; None hides it."""
        self.points.setText(text or "")
        self.points.setVisible(bool(text))

    # -- actions ---------------------------------------------------------------------
    def send_sms(self) -> Any:
        from ui.dialogs.send_sms_dialog import SendSmsDialog

        if self.customer_id is None:
            return None
        dialog = SendSmsDialog(self.ctx, self.customer_id, self.name, self)
        dialog.sent.connect(lambda _r: self.changed.emit("sms"))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def log_call(self) -> Any:
        from ui.dialogs.log_call_dialog import CallOutcomeDialog

        if self.customer_id is None:
            return None
        dialog = CallOutcomeDialog(self.name, self)
        cid = self.customer_id
        dialog.accepted.connect(lambda: self._write(
            functools.partial(self.followup.log, cid, "call", dialog.note(),
                              outcome=dialog.outcome()), "call"))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def choose_snooze(self) -> None:
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        menu.setObjectName("snoozeMenu")
        for days in SNOOZE_CHOICES:
            menu.addAction(self.tr("{days} days").format(days=self.ctx.display.number(days)),
                           functools.partial(self.snooze, days))
        menu.popup(self.snooze_button.mapToGlobal(self.snooze_button.rect().bottomLeft()))
        self.last_dialog = menu

    def snooze(self, days: int) -> None:
        if self.customer_id is not None:
            self._write(functools.partial(self.followup.snooze, self.customer_id, days),
                        "snooze")

    def add_complaint(self) -> Any:
        if self.customer_id is None:
            return None
        dialog = ComplaintDialog(self.name, self)
        cid = self.customer_id
        dialog.accepted.connect(lambda: self._write(
            functools.partial(add_complaint, self.ctx.db, cid, dialog.text.toPlainText()),
            "complaint"))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _write(self, work: Any, what: str) -> None:
        self.ctx.workers.write(work, name=f"card-{what}",
                               on_done=lambda _r: self._written(what),
                               on_error=lambda e: self.failed.emit(describe(e, self.ctx.lang)))

    def _written(self, what: str) -> None:
        self.ctx.book_changed("followup")
        self.changed.emit(what)
