"""The relocation notice, one button away: the new address, the counts, a confirmation.

Everyone in the book who has not opted out gets the ready "we have moved" text with the
new address (``CampaignService.relocation_request``). The counts come from the same plan
as any campaign, on a reader thread, as the address is typed.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shopcrm.services.messaging.campaigns import CampaignRequest, CampaignService
from ui.app_context import AppContext
from ui.dialogs.compose_campaign import Snapshot, take_snapshot
from ui.dialogs.plan_words import exclusion_words, left_out_lines, money_line, test_mode_line
from ui.widgets.error_words import error_words
from ui.widgets.template_preview import TemplatePreview


class RelocationDialog(QDialog):
    """``confirmed(request, remember_address)`` once the owner said yes."""

    confirmed = Signal(object, bool)
    planned = Signal()

    def __init__(self, ctx: AppContext, service: CampaignService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.snapshot: Snapshot | None = None
        self.request: CampaignRequest | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("Tell everyone the new address"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("Every customer who has not opted out gets the notice with the "
                               "new address, by SMS and email where they have them."))
        intro.setWordWrap(True)
        self.address = QPlainTextEdit(self)
        self.address.setObjectName("relocationAddress")
        self.address.setFixedHeight(64)
        self.address.setPlaceholderText(self.tr("The shop's new address"))
        self.address.setPlainText(str(ctx.settings.get("shop.new_address") or ""))
        self.channel = QComboBox(self)
        for key, text in (("both", self.tr("SMS and email")), ("sms", self.tr("SMS")),
                          ("email", self.tr("Email")),
                          ("prefer_email", self.tr("Email if they have one, else SMS"))):
            self.channel.addItem(text, key)
        self.remember = QCheckBox(self.tr("Keep it as the shop's new address in Settings"))
        self.remember.setChecked(True)
        self.preview = TemplatePreview(ctx.display, self)
        self.preview.customer_changed.connect(lambda _cid: self.refresh())
        self.counts = QLabel(self)
        self.counts.setObjectName("planSummary")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(self)
        self.send_button = self.buttons.addButton(self.tr("Send the notice…"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setEnabled(False)
        self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.ask)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("New address:"), self.address)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow("", self.remember)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.counts)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        self.address.textChanged.connect(self._changed)
        self.channel.currentIndexChanged.connect(self._changed)
        self.refresh()

    @Slot()
    def _changed(self) -> None:
        self.send_button.setEnabled(False)
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        try:
            request = self.service.relocation_request(
                self.address.toPlainText().strip(), channel=str(self.channel.currentData()))
        except Exception as exc:  # no address yet: say so, plan nothing
            self._failed(generation, exc)
            return
        self.ctx.workers.run(take_snapshot, self.service, request,
                             self.preview.current_customer(), name="relocation-plan",
                             on_done=functools.partial(self._planned, generation, request),
                             on_error=functools.partial(self._failed, generation))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.snapshot = None
        self.counts.setText(error_words(error, self.ctx.lang))
        self.preview.set_preview(None, "")
        self.send_button.setEnabled(False)
        self.planned.emit()

    def _planned(self, generation: int, request: CampaignRequest, snap: Snapshot) -> None:
        if generation != self._generation:
            return
        self.snapshot, self.request = snap, request
        d = self.ctx.display
        plan = snap.plan
        self.preview.set_candidates(snap.people, self.preview.current_customer())
        self.preview.set_preview(snap.preview, "")
        lines = [self.tr("{messages} messages to {customers} customers").format(
            messages=d.number(plan.recipients), customers=d.number(plan.customers))]
        if plan.by_channel:
            lines.append(self.tr("SMS: {sms} ({parts} parts) · Email: {email}").format(
                sms=d.number(plan.by_channel.get("sms", 0)), parts=d.number(plan.parts),
                email=d.number(plan.by_channel.get("email", 0))))
        if plan.excluded:
            words = exclusion_words()
            sep = "، " if d.rtl else ", "
            lines.append(self.tr("Left out: {list}").format(list=sep.join(
                f"{words.get(k, k)}: {d.number(v)}" for k, v in sorted(plan.excluded.items()))))
            if plan.excluded.get("already_sent") and plan.repeat_last is not None:
                lines.append(left_out_lines(plan, d)[-1])  # when the notice went out
        lines += [x for x in (money_line(plan, d), test_mode_line(plan)) if x]
        self.counts.setText("\n".join(lines))
        self.send_button.setEnabled(plan.recipients > 0)
        self.adjustSize()  # the preview and the counts arrived after the dialog was laid out
        self.planned.emit()

    def ask(self) -> None:
        if self.snapshot is None or self.request is None:
            return
        plan = self.snapshot.plan
        answer = QMessageBox.question(
            self, self.tr("Send the relocation notice"),
            self.tr("Send the new address to {customers} customers ({messages} messages)?")
            .format(customers=self.ctx.display.number(plan.customers),
                    messages=self.ctx.display.number(plan.recipients)))
        if answer == QMessageBox.StandardButton.Yes:
            self.send_now()

    def send_now(self) -> None:
        """Confirmed: hand the request over (tests call this instead of clicking Yes)."""
        if self.request is None:
            return
        self.confirmed.emit(self.request, self.remember.isChecked())
        self.accept()
