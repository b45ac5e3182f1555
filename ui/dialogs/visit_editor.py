"""Add or edit one visit from the customer card (date and time, amount, service, staff,
payment, satisfaction, note). The write runs on the database writer thread."""

from __future__ import annotations

import functools

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.customers.visits import PAYMENT_METHODS, VisitInput, VisitView, visit_time
from ui.app_context import AppContext
from ui.dialogs.record_visit import payment_labels
from ui.widgets.fields import AmountEdit, DateEdit
from ui.widgets.form_buttons import save_buttons, stack_form
from ui.widgets.notice import Notice


class VisitEditor(QDialog):
    """``saved(visit_id)`` after the visit is written. Service and staff are picked from
    the lists learned from past visits, or typed."""

    saved = Signal(int)

    def __init__(self, ctx: AppContext, customer_id: int, visit: VisitView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.visit = visit
        display = ctx.display
        self.setWindowTitle(self.tr("Edit visit") if visit else self.tr("Add a visit"))
        self.setObjectName("visitEditor")
        self.when = DateEdit(display, self, with_time=True, check=visit_time)
        self.when.edit.setPlaceholderText(self.tr("now"))
        self.when_error = QLabel()
        self.when.edit.attach_error_label(self.when_error)
        self.amount = AmountEdit(display, self)
        self.amount_error = QLabel()
        self.amount.attach_error_label(self.amount_error)
        self.service = QLineEdit(self)
        self.service.setObjectName("service")
        self.staff = QLineEdit(self)
        self.staff.setObjectName("staff")
        ctx.workers.run(lambda: (ctx.counter.recent_services(), ctx.counter.recent_staff()),
                        name="visit-lists", on_done=self._lists_loaded,
                        on_error=lambda _e: None)
        self.payment = QComboBox(self)
        self.payment.addItem("—", None)
        labels = payment_labels(self)
        for method in PAYMENT_METHODS:
            self.payment.addItem(labels[method], method)
        self.satisfaction = QComboBox(self)
        self.satisfaction.addItem("—", None)
        for score in range(5, 0, -1):
            self.satisfaction.addItem("★" * score, score)
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(70)
        unit = self.tr("Toman") if display.currency == "toman" else self.tr("Rial")
        form = QFormLayout()
        form.addRow(self.tr("Date and time"), self.when)
        form.addRow("", self.when_error)
        form.addRow(self.tr("Amount ({unit})").format(unit=unit), self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("Service"), self.service)
        form.addRow(self.tr("Staff"), self.staff)
        form.addRow(self.tr("Payment"), self.payment)
        form.addRow(self.tr("Satisfaction"), self.satisfaction)
        form.addRow(self.tr("Note"), self.note)
        self.notice = Notice(self)
        buttons, _save = save_buttons(self, self.save, self.tr("Save"), self.tr("Cancel"))
        stack_form(self, form, self.notice, buttons)
        if visit is not None:
            self._fill(visit)

    def _lists_loaded(self, lists: tuple[list[str], list[str]]) -> None:
        from ui.widgets.pick_list import attach_pick_list

        for edit, words in zip((self.service, self.staff), lists, strict=True):
            attach_pick_list(edit, words)

    def _fill(self, visit: VisitView) -> None:
        display = self.ctx.display
        self.when.setText(display.datetime_input(visit.at))
        self.amount.set_rials(visit.amount)
        self.service.setText(visit.service or "")
        self.staff.setText(visit.staff or "")
        self.payment.setCurrentIndex(max(0, self.payment.findData(visit.payment_method)))
        self.satisfaction.setCurrentIndex(max(0, self.satisfaction.findData(visit.satisfaction)))
        self.note.setPlainText(visit.note or "")

    def visit_input(self) -> VisitInput:
        # On edit, an empty field clears the value ("" is "clear", None "leave as is").
        return VisitInput(
            at=self.when.value(),
            amount=self.amount.value() if self.amount.value() is not None else "",
            service=self.service.text().strip(), staff=self.staff.text().strip(),
            payment_method=self.payment.currentData() or "",
            satisfaction=self.satisfaction.currentData() or "",
            note=self.note.toPlainText().strip())

    @Slot()
    def save(self) -> None:
        problems = [f.error() for f in (self.when.edit, self.amount) if not f.revalidate()]
        if problems:
            self.notice.show_message(problems[0], kind="error")
            return
        data = self.visit_input()
        if self.visit is None:
            work = functools.partial(self.ctx.visits.add, self.customer_id, data)
        else:
            visit_id = self.visit.id
            work = functools.partial(lambda: self.ctx.visits.edit(visit_id, data).id)
        self.ctx.workers.write(work, name="save-visit", on_done=self._saved,
                               on_error=self._failed)

    def _saved(self, visit_id: int) -> None:
        self.ctx.book_changed("visits")
        self.saved.emit(visit_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")
