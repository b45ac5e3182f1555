"""Record a complaint, or work on one: text, severity, channel, the visit it is about,
who handles it; for an existing complaint its status and how it was settled. The write
runs on the database writer thread; a refused value is said in one sentence."""

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
from shopcrm.services.customers.visits import VisitView
from shopcrm.services.retention.complaints import SEVERITIES, ComplaintService, ComplaintView
from ui.app_context import AppContext
from ui.widgets.complaint_words import channel_words, severity_words, status_words
from ui.widgets.form_buttons import save_buttons, stack_form
from ui.widgets.notice import Notice


class ComplaintForm(QDialog):
    """``saved(complaint_id)`` after the complaint is written."""

    saved = Signal(int)

    def __init__(self, ctx: AppContext, customer_id: int, *,
                 visits: list[VisitView] | None = None,
                 complaint: ComplaintView | None = None,
                 service: ComplaintService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.complaint = complaint
        self.service = service or ComplaintService(ctx.db)
        self.setObjectName("complaintForm")
        self.setWindowTitle(self.tr("Complaint") if complaint else self.tr("New complaint"))
        self.setMinimumWidth(460)
        d = ctx.display

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("complaintText")
        self.text.setPlaceholderText(self.tr("What went wrong, in the customer's words"))
        self.text.setFixedHeight(90)
        self.text_error = QLabel()
        self.text_error.setObjectName("error")
        self.severity = QComboBox(self)
        for key, word in severity_words().items():
            self.severity.addItem(word, key)
        self.severity.setCurrentIndex(SEVERITIES.index("medium"))
        self.channel = QComboBox(self)
        for key, word in channel_words().items():
            self.channel.addItem(word, key)
        self.visit = QComboBox(self)
        self.visit.addItem(self.tr("— no particular visit —"), None)
        for v in visits or []:
            label = ("، " if d.rtl else " · ").join(
                x for x in (d.datetime(v.at), v.service or "", v.staff or "") if x)
            self.visit.addItem(label, v.id)
        self.handled_by = QLineEdit(self)
        self.handled_by.setPlaceholderText(self.tr("Who takes care of it"))
        self.status = QComboBox(self)
        for key, word in status_words().items():
            self.status.addItem(word, key)
        self.resolution = QPlainTextEdit(self)
        self.resolution.setObjectName("resolution")
        self.resolution.setPlaceholderText(self.tr("How it was settled"))
        self.resolution.setFixedHeight(60)

        form = QFormLayout()
        form.addRow(self.tr("Complaint"), self.text)
        form.addRow("", self.text_error)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Came in by"), self.channel)
        form.addRow(self.tr("About the visit"), self.visit)
        form.addRow(self.tr("Handled by"), self.handled_by)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Resolution"), self.resolution)
        self.notice = Notice(self)
        self.buttons, self.save_button = save_buttons(self, self.save, self.tr("Save"),
                                                      self.tr("Cancel"))
        stack_form(self, form, self.notice, self.buttons)
        self.text.textChanged.connect(self._check)

        if complaint is None:
            form.setRowVisible(self.status, False)
            form.setRowVisible(self.resolution, False)
        else:
            self.text.setPlainText(complaint.text)
            self.text.setReadOnly(True)
            for combo, value in ((self.severity, complaint.severity),
                                 (self.channel, complaint.channel),
                                 (self.status, complaint.status),
                                 (self.visit, complaint.visit_id)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.setEnabled(combo is self.status)
            self.handled_by.setText(complaint.handled_by or "")
            self.resolution.setPlainText(complaint.resolution or "")
        self._check()

    def _check(self) -> bool:
        ok = bool(self.text.toPlainText().strip())
        self.text_error.setText("" if ok else self.tr("The complaint's text is required."))
        self.save_button.setEnabled(ok)
        return ok

    @Slot()
    def save(self) -> None:
        if not self._check():
            return
        if self.complaint is None:
            work = functools.partial(
                self.service.add, self.customer_id, self.text.toPlainText(),
                severity=self.severity.currentData(), channel=self.channel.currentData(),
                visit_id=self.visit.currentData(), handled_by=self.handled_by.text())
        else:
            work = functools.partial(
                self.service.set_status, self.complaint.id, self.status.currentData(),
                note=self.resolution.toPlainText(), handled_by=self.handled_by.text())
        self.save_button.setEnabled(False)
        self.ctx.workers.write(work, name="save-complaint", on_done=self._saved,
                               on_error=self._failed)

    def _saved(self, view: ComplaintView) -> None:
        self.ctx.book_changed("complaints")
        self.saved.emit(view.id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._check()
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

