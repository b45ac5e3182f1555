"""Send an SMS to one customer from the card: a ready template or your own words, the
message exactly as it will arrive (this customer's name filled in, the opt-out line
added), its characters and parts, and the cost learned from what the gateway charged
lately. Sending is a one-recipient campaign (``services.today.single_sms``): outbox first,
exactly once, visible on the Campaigns page."""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.messaging.campaigns import CampaignService
from shopcrm.services.messaging.templates import READY
from shopcrm.services.today.single_sms import part_price, send_one
from ui.app_context import AppContext
from ui.display import isolate
from ui.widgets.notice import Notice


class SendSmsDialog(QDialog):
    """``sent(SingleSent)`` once the message went out (or was queued for the morning)."""

    sent = Signal(object)

    def __init__(self, ctx: AppContext, customer_id: int, name: str,
                 parent: QWidget | None = None, *, sms: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.sms = sms  # tests give a provider; normally the settings choose
        self.price: int | None = None
        self.preview_parts = 0
        self.preview_chars = 0
        self.setObjectName("sendSmsDialog")
        self.setWindowTitle(self.tr("SMS to {name}").format(name=isolate(name)))
        self.setMinimumWidth(520)
        self.template = QComboBox(self)
        self.template.setObjectName("smsTemplate")
        self.template.addItem(self.tr("Your own words"), "")
        for key, ready in READY.items():
            self.template.addItem(ready.title, key)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("smsText")
        self.text.setPlaceholderText(self.tr("Type the message; {first_name} is replaced by "
                                             "the customer's first name."))
        self.text.setFixedHeight(90)
        self.preview = QLabel(self)
        self.preview.setObjectName("smsPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("background: #f6f8fc; border: 1px solid #e1e6f0; "
                                   "border-radius: 6px; padding: 8px;")
        self.facts = QLabel(self)
        self.facts.setObjectName("smsFacts")
        self.notice = Notice(self)
        form = QFormLayout()
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("Message"), self.text)
        form.addRow(self.tr("As it arrives"), self.preview)
        form.addRow("", self.facts)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, self)
        self.send_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setObjectName("sendSms")
        self.send_button.setText(self.tr("Send"))
        self.send_button.setEnabled(False)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.accepted.connect(self.send)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(box)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(200)
        self._later.timeout.connect(self.update_preview)
        self.text.textChanged.connect(self._later.start)
        ctx.workers.run(part_price, ctx.db, name="sms-price", on_done=self._price,
                        on_error=lambda _e: None)
        index = self.template.findData("winback")
        self.template.setCurrentIndex(max(index, 0))

    def _template_chosen(self, _index: int) -> None:
        key = self.template.currentData()
        if key:
            self.text.setPlainText(READY[key].text)

    def _price(self, price: int | None) -> None:
        self.price = price
        self._show_facts()

    def update_preview(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.preview.setText("")
            self.facts.setText("")
            self.send_button.setEnabled(False)
            return
        service = CampaignService(self.ctx.db, self.ctx.settings)
        self.ctx.workers.run(functools.partial(service.preview, text,
                                               customer_id=self.customer_id),
                             name="sms-preview", on_done=self._previewed,
                             on_error=self._preview_failed)

    def _previewed(self, preview: Any) -> None:
        self.preview.setText(preview.text)
        self.preview_parts = preview.parts
        self.preview_chars = preview.chars
        self._show_facts()
        self.send_button.setEnabled(True)
        self.notice.hide()
        self.adjustSize()  # a longer message takes more lines

    def _show_facts(self) -> None:
        if not self.preview_parts:
            return
        d = self.ctx.display
        facts = self.tr("{chars} characters, {parts} parts").format(
            chars=d.number(self.preview_chars), parts=d.number(self.preview_parts))
        if self.price is None:
            facts += " · " + self.tr("cost: known after the first message is sent")
        else:
            facts += " · " + self.tr("about {cost}").format(
                cost=d.money(self.price * self.preview_parts, with_unit=True))
        self.facts.setText(facts)

    def _preview_failed(self, error: BaseException) -> None:
        self.send_button.setEnabled(False)
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    def send(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            return
        self.send_button.setEnabled(False)
        self.ctx.workers.write(functools.partial(send_one, self.ctx.db, self.ctx.settings,
                                                 self.customer_id, text, sms=self.sms),
                               name="send-one", on_done=self._sent, on_error=self._failed)

    def _sent(self, result: Any) -> None:
        self.sent_result = result  # not "result": that is QDialog.result()
        self.ctx.book_changed("messages")
        self.sent.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")
