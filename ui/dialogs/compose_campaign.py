"""The campaign composer: audience, channel, template, a live preview and the plan.

Every change (debounced) builds a ``CampaignRequest`` in the GUI thread and asks a reader
thread for a :class:`Snapshot`: ``CampaignService.plan`` (recipients, each exclusion
counted, parts; no network) and ``CampaignService.preview`` for one real customer of the
audience. The newest answer wins. The credit is asked separately (``account/info`` is a
network call) when the page wants it. "Send…" confirms with the plan's numbers and emits
``send_requested(request)``: the Campaigns page creates the campaign and sends it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.services.messaging.campaigns import (
    Audience,
    CampaignRequest,
    CampaignService,
    Plan,
    Preview,
)
from shopcrm.services.messaging.names import localise_placeholders, placeholder_word
from shopcrm.services.messaging.sms_text import sms_parts
from shopcrm.services.messaging.templates import PLACEHOLDERS, READY
from shopcrm.storage.readers import customer_names
from ui.app_context import AppContext
from ui.dialogs.plan_words import describe_plan
from ui.widgets.error_words import error_words
from ui.widgets.template_preview import TemplatePreview

PREVIEW_PEOPLE = 30
DEBOUNCE_MS = 300
_PERSIAN = re.compile(r"[\u0600-\u06ff]")
_SEPARATORS = re.compile(r"[,،;؛\n\t]+")


def split_mobiles(text: str) -> list[str]:
    """Pasted mobiles: one a line, or separated by commas or semicolons (Latin or Persian)."""
    return [p.strip() for p in _SEPARATORS.split(text) if p.strip()]


@dataclass
class Snapshot:
    """What the composer shows for one request (plain data from the reader thread)."""

    plan: Plan
    preview: Preview | None
    people: list[tuple[int, str]] = field(default_factory=list)


def take_snapshot(service: CampaignService, request: CampaignRequest,
                  preview_for: int | None) -> Snapshot:
    """The plan and one customer's preview (runs on a reader thread)."""
    plan = service.plan(request, credit=False)
    ids = list(dict.fromkeys(m.customer_id for m in plan.messages if m.customer_id))
    ids = ids[:PREVIEW_PEOPLE]
    names = customer_names(service.db, ids)
    people = [(cid, names.get(cid, "")) for cid in ids]
    channel = "sms" if plan.by_channel.get("sms") else "email"
    target = preview_for if preview_for in ids else (ids[0] if ids else None)
    if target is not None:
        preview = service.preview(request.text, customer_id=target, channel=channel,
                                  new_address=request.new_address)
    elif plan.sample:
        text = plan.sample.get(channel) or next(iter(plan.sample.values()))
        length = sms_parts(text)
        preview = Preview(None, None, channel, text, length.chars, length.parts,
                          length.unicode, [])
    else:
        preview = None
    return Snapshot(plan, preview, people)


class CampaignComposer(QWidget):
    """``send_requested(CampaignRequest)`` after the owner confirmed."""

    send_requested = Signal(object)
    resume_requested = Signal(int)  # the same message waits in this unfinished campaign
    planned = Signal()  # a new snapshot is shown (tests wait for it)
    text: QPlainTextEdit  # the message (made after the insert menu that writes into it)

    def __init__(self, ctx: AppContext, service: CampaignService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.display = ctx.display
        self.ids: list[int] = []
        self.search_source: Callable[[], str] | None = None
        self.snapshot: Snapshot | None = None
        self.error = ""
        self._generation = 0
        self._shown_generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._plan_when_shown = False
        self._build()
        self.set_template("winback")

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.audience = QComboBox(self)
        self.audience.setObjectName("audienceKind")
        self._audience_labels = {
            "ids": self.tr("Selected customers"), "segment": self.tr("A group of customers"),
            "search": self.tr("Customers matching a search"), "all": self.tr("Everyone"),
            "phones": self.tr("A list of mobile numbers"),
        }
        for kind in ("segment", "search", "all", "phones"):
            self.audience.addItem(self._audience_labels[kind], kind)
        self.audience.currentIndexChanged.connect(self._audience_changed)

        self.segment = QComboBox(self)
        self.segment.setObjectName("segment")
        from shopcrm.services.absence.segments import LABELS

        for name, (fa, en) in LABELS.items():
            if name != "all":
                self.segment.addItem(fa if self.display.lang == "fa" else en, name)
        for name, label in self.ctx.rfm_segments.items():
            self.segment.addItem(self.tr("RFM: {segment}").format(segment=label), f"rfm:{name}")
        self.segment.setCurrentIndex(max(self.segment.findData("absent"), 0))
        self.segment.currentIndexChanged.connect(self.changed)
        self.search = QLineEdit(self)
        self.search.setObjectName("audienceSearch")
        self.search.setPlaceholderText(self.tr("Name, mobile or notes"))
        self.search.textChanged.connect(self.changed)
        self.phones = QPlainTextEdit(self)
        self.phones.setObjectName("audiencePhones")
        self.phones.setPlaceholderText(self.tr("Paste mobile numbers, one a line or separated "
                                               "by commas (Persian digits are fine)"))
        self.phones.setFixedHeight(64)
        self.phones.textChanged.connect(self.changed)
        self.ids_label = QLabel(self)
        self.everyone_label = QLabel(self.tr("Every customer in the book who has not opted "
                                             "out."), self)
        self.everyone_label.setObjectName("hint")
        self.audience_stack = QStackedWidget(self)
        self.audience_stack.setSizePolicy(QSizePolicy.Policy.Preferred,
                                          QSizePolicy.Policy.Fixed)
        self._stack_index = {}
        for kind, widget in (("segment", self.segment), ("search", self.search),
                             ("all", self.everyone_label), ("phones", self.phones),
                             ("ids", self.ids_label)):
            self._stack_index[kind] = self.audience_stack.addWidget(widget)

        self.channel = QComboBox(self)
        self.channel.setObjectName("channel")
        for key, text in (("sms", self.tr("SMS")), ("email", self.tr("Email")),
                          ("both", self.tr("SMS and email")),
                          ("prefer_email", self.tr("Email if they have one, else SMS"))):
            self.channel.addItem(text, key)
        self.channel.currentIndexChanged.connect(self._channel_changed)

        self.template = QComboBox(self)
        self.template.setObjectName("template")
        self._template_names = {
            "winback": self.tr("Win-back: we miss you"), "birthday": self.tr("Birthday greeting"),
            "relocation": self.tr("We have moved (new address)"),
            "thanks": self.tr("Thank you for visiting"),
        }
        for key in READY:
            self.template.addItem(self._template_names.get(key, READY[key].title), key)
        self.template.addItem(self.tr("Free text"), "free")
        self.template.activated.connect(
            lambda i: self.set_template(str(self.template.itemData(i))))
        self.insert_button = QToolButton(self)
        self.insert_button.setObjectName("insertField")
        self.insert_button.setText(self.tr("Insert a field ▾"))  # Qt's arrow covered the text
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.insert_button)
        field_names = {
            "name": self.tr("Full name"), "first_name": self.tr("First name"),
            "shop": self.tr("Shop name"), "shop_address": self.tr("Shop address"),
            "shop_phone": self.tr("Shop phone"), "last_visit": self.tr("Last visit date"),
            "days_absent": self.tr("Days since the last visit"),
            "new_address": self.tr("New address"),
        }
        for key in PLACEHOLDERS:
            shown = placeholder_word(key, self.ctx.lang)  # {نام_کوچک} in Persian
            action = menu.addAction(f"{field_names.get(key, key)}  {shown}")
            action.triggered.connect(lambda _=False, k=shown: self.text.insertPlainText(k))
        self.insert_button.setMenu(menu)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(self.insert_button)

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("messageText")
        self.text.setFixedHeight(84)
        self.text.textChanged.connect(self.changed)
        self.text.textChanged.connect(self._text_direction)
        self.subject = QLineEdit(self)
        self.subject.setObjectName("subject")
        self.subject.textChanged.connect(self.changed)
        self.new_address = QLineEdit(self)
        self.new_address.setObjectName("newAddress")
        self.new_address.setText(str(self.ctx.settings.get("shop.new_address") or ""))
        self.new_address.textChanged.connect(self.changed)
        self.name = QLineEdit(self)
        self.name.setObjectName("campaignName")
        self.name.setPlaceholderText(self.tr("Optional; the template and date otherwise"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("To:"), self.audience)
        form.addRow("", self.audience_stack)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("Template:"), template_row)
        form.addRow(self.tr("Message:"), self.text)
        self.subject_label = QLabel(self.tr("Email subject:"))
        form.addRow(self.subject_label, self.subject)
        self.address_label = QLabel(self.tr("New address:"))
        form.addRow(self.address_label, self.new_address)
        form.addRow(self.tr("Campaign name:"), self.name)

        self.preview = TemplatePreview(self.display, self)
        self.preview.customer_changed.connect(lambda _cid: self.refresh())
        preview_box = QGroupBox(self.tr("Preview"), self)
        QVBoxLayout(preview_box).addWidget(self.preview)

        self.summary = QLabel(self)
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.again = QCheckBox(self.tr("Send again to those who got it"), self)
        self.again.setToolTip(self.tr("Also send to those who already got this message"))
        self.again.setObjectName("sendAgain")
        self.again.toggled.connect(self.changed)
        self.notice = QCheckBox(self.tr("A notice, not a promotion"), self)
        self.notice.setToolTip(self.tr("A notice also reaches customers with an open "
                                       "complaint"))
        self.notice.setObjectName("isNotice")
        self.notice.toggled.connect(self.changed)
        self.send_button = QPushButton(self.tr("Send…"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.ask_send)
        plan_box = QGroupBox(self.tr("Who gets it"), self)
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.addWidget(self.summary)
        plan_layout.addWidget(self.error_label)
        plan_layout.addWidget(self.notice)
        plan_layout.addWidget(self.again)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        plan_layout.addLayout(buttons)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(preview_box)
        right.addWidget(plan_box, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 5)
        layout.addLayout(right, 4)
        self._channel_changed()
        self._fit_audience()

    # -- inputs ------------------------------------------------------------------------
    def set_template(self, key: str) -> None:
        index = self.template.findData(key)
        if index >= 0:
            self.template.setCurrentIndex(index)
        if key in READY:
            self.text.setPlainText(localise_placeholders(READY[key].text, self.ctx.lang))
            self.subject.setText(READY[key].subject)
        self._show_address()
        self.changed()

    def set_audience_ids(self, ids: list[int], template: str | None = None) -> None:
        """The customers chosen on another page (the ``message`` hook)."""
        self.ids = list(dict.fromkeys(ids))
        if self.audience.findData("ids") < 0:
            self.audience.insertItem(0, self._audience_labels["ids"], "ids")
        self.ids_label.setText(self.tr("{count} customers chosen on another page").format(
            count=self.display.number(len(self.ids))))
        self.audience.setCurrentIndex(self.audience.findData("ids"))
        if template:
            self.set_template(template)
        self.changed()

    def set_audience(self, kind: str, value: str = "") -> None:
        index = self.audience.findData(kind)
        if index >= 0:
            self.audience.setCurrentIndex(index)
        if kind == "segment" and value:
            self.segment.setCurrentIndex(max(self.segment.findData(value), 0))
        elif kind == "search":
            self.search.setText(value)
        elif kind == "phones":
            self.phones.setPlainText(value)
        self.changed()

    @Slot()
    def _audience_changed(self) -> None:
        kind = str(self.audience.currentData())
        if kind == "search" and not self.search.text().strip() and self.search_source:
            self.search.setText(self.search_source())  # the customers page's search
        self.audience_stack.setCurrentIndex(self._stack_index[kind])
        self._fit_audience()
        self.changed()

    def _fit_audience(self) -> None:
        """The stack as tall as the widget it shows (not its tallest page)."""
        current = self.audience_stack.currentWidget()
        if current is not None:
            self.audience_stack.setFixedHeight(current.sizeHint().height())

    @Slot()
    def _text_direction(self) -> None:
        """A Persian message is typed right to left even in the English window."""
        persian = bool(_PERSIAN.search(self.text.toPlainText()))
        option = self.text.document().defaultTextOption()
        wanted = (Qt.LayoutDirection.RightToLeft if persian
                  else Qt.LayoutDirection.LeftToRight)
        if option.textDirection() != wanted:
            option.setTextDirection(wanted)
            self.text.document().setDefaultTextOption(option)

    @Slot()
    def _channel_changed(self) -> None:
        email = self.channel.currentData() != "sms"
        self.subject.setVisible(email)
        self.subject_label.setVisible(email)
        self.changed()

    def _show_address(self) -> None:
        uses = "{new_address}" in self.text.toPlainText() or "{نشانی_جدید}" in \
            self.text.toPlainText()
        self.new_address.setVisible(uses)
        self.address_label.setVisible(uses)

    def request(self) -> CampaignRequest:
        kind = str(self.audience.currentData())
        if kind == "ids":
            audience = Audience.ids(self.ids)
        elif kind == "segment":
            audience = Audience.segment(str(self.segment.currentData()))
        elif kind == "search":
            audience = Audience.search(self.search.text().strip())
        elif kind == "phones":
            audience = Audience.phones(split_mobiles(self.phones.toPlainText()))
        else:
            audience = Audience.everyone()
        key = str(self.template.currentData())
        ready_one = READY.get(key)
        text = self.text.toPlainText()
        kind_of = ready_one.kind if ready_one and text.strip() in (
            ready_one.text, localise_placeholders(ready_one.text, self.ctx.lang)) else "custom"
        if self.notice.isChecked() and kind_of not in ("relocation",):
            kind_of = "notice"
        return CampaignRequest(
            text=text, audience=audience, channel=str(self.channel.currentData()),
            name=self.name.text().strip() or None,
            subject=self.subject.text().strip() or None, kind=kind_of,
            new_address=self.new_address.text().strip() or None,
            again=self.again.isChecked())

    # -- planning ----------------------------------------------------------------------
    @Slot()
    def changed(self) -> None:
        """Something changed: plan again after a short pause in typing."""
        if hasattr(self, "send_button"):
            self._show_address()
            self.send_button.setEnabled(False)
            self._timer.start()

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._shown_generation != self._generation

    def flush(self) -> None:
        """Plan now instead of after the typing pause (screenshots, tests)."""
        if self._timer.isActive():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._plan_when_shown:
            self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        if not self.isVisible():  # a hidden composer plans nothing (every customer, at start-up)
            self._plan_when_shown = True
            return
        self._plan_when_shown = False
        self._generation += 1
        generation = self._generation
        kind = str(self.audience.currentData())
        if kind == "search" and not self.search.text().strip():
            self._show_error(self.tr("Type what to search for."), generation)
            return
        if kind == "phones" and not self.phones.toPlainText().strip():
            self._show_error(self.tr("Paste the mobile numbers."), generation)
            return
        request = self.request()
        self.ctx.workers.run(take_snapshot, self.service, request,
                             self.preview.current_customer(), name="campaign-plan",
                             on_done=functools.partial(self._planned, generation),
                             on_error=functools.partial(self._plan_failed, generation))

    def _plan_failed(self, generation: int, error: BaseException) -> None:
        self._show_error(error_words(error, self.ctx.lang), generation)

    def _show_error(self, text: str, generation: int) -> None:
        if generation != self._generation:
            return
        self._shown_generation = generation
        self.snapshot = None
        self.error = text
        self.error_label.setText(text)
        self.error_label.show()
        self.summary.setText("")
        self.preview.set_preview(None, "")
        self.send_button.setEnabled(False)
        self.send_button.setText(self.tr("Send…"))
        self.planned.emit()

    def _planned(self, generation: int, snap: Snapshot) -> None:
        if generation != self._generation:
            return
        self._shown_generation = generation
        self.snapshot = snap
        self.error = ""
        self.error_label.hide()
        self.preview.set_candidates(snap.people, self.preview.current_customer())
        self.preview.set_preview(snap.preview, self.tr("Nobody to preview for."))
        self.summary.setText(self.describe_plan(snap.plan))
        count = snap.plan.recipients
        self.send_button.setEnabled(count > 0)
        self.send_button.setText(self.tr("Send {count} messages…").format(
            count=self.display.number(count)) if count else self.tr("Send…"))
        self.planned.emit()

    def describe_plan(self, plan: Plan) -> str:
        return describe_plan(plan, self.display, again=self.again.isChecked())

    # -- sending -----------------------------------------------------------------------
    def ask_send(self) -> None:
        snap = self.snapshot
        if snap is None or not snap.plan.recipients or self.busy:
            return
        plan = snap.plan
        d = self.display
        if plan.unfinished and not self.again.isChecked():
            self.offer_resume(plan.unfinished[0])
            return
        text = self.tr("Send {messages} messages to {customers} customers now?").format(
            messages=d.number(plan.recipients), customers=d.number(plan.customers))
        if plan.test_file:
            text += "\n" + self.tr("Test mode: nothing leaves this computer; the messages are "
                                   "written to a file.")
        elif plan.parts:
            text += "\n" + self.tr("{parts} SMS parts, about {money}, are charged to the "
                                   "account.").format(parts=d.number(plan.parts),
                                                      money=d.money(plan.cost_estimate,
                                                                    with_unit=True))
        if plan.repeats:
            text += "\n" + self.tr("{count} customers get it a second time.").format(
                count=d.number(plan.repeats))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Send the campaign"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Send"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Not now"))
        self.confirm_box = box
        box.finished.connect(lambda result: self._confirmed(result, box))
        box.open()

    def offer_resume(self, campaign_id: int) -> None:
        """The same message waits in an unfinished campaign: resume that one instead."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resume the unfinished campaign"),
                          self.tr("Campaign #{id} with the same message is not finished. "
                                  "Resume it instead? Nobody gets the message twice.").format(
                              id=self.display.number(campaign_id)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Resume it"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Not now"))
        self.confirm_box = box
        box.finished.connect(lambda _r: self._resume_if_yes(box, campaign_id))
        box.open()

    def _resume_if_yes(self, box: QMessageBox, campaign_id: int) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.resume_requested.emit(campaign_id)

    def _confirmed(self, result: int, box: QMessageBox) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.send_requested.emit(self.request())
