"""Record a visit at the counter, keyboard first (Ctrl+R).

Type the mobile (Persian digits fine): the customer is found as you type, or the name field
appears for a new one. Amount (grouped by thousands as you type, in the display unit),
service and staff (completed from recent visits), Enter saves. The write runs on the
database writer thread; the customer is found or created and the visit added in one
transaction (``CounterService.record``).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import ShopError
from shopcrm.services.customers.counter import CounterCustomer, CounterResult
from shopcrm.services.customers.visits import PAYMENT_METHODS, VisitInput, visit_time
from ui.app_context import AppContext
from ui.display import isolate
from ui.widgets.fields import AmountEdit, DateEdit, MobileEdit
from ui.widgets.form_buttons import save_buttons, stack_form
from ui.widgets.notice import Notice


def payment_labels(_widget: QWidget | None = None) -> dict[str, str]:
    """The payment methods of ``shopcrm.services.customers.visits`` in the window's language."""
    translate = QCoreApplication.translate
    return {"cash": translate("Payment", "Cash"), "card": translate("Payment", "Card"),
            "transfer": translate("Payment", "Bank transfer"),
            "credit": translate("Payment", "On credit"),
            "other": translate("Payment", "Other")}


class RecordVisitDialog(QDialog):
    """``recorded(CounterResult)`` after the visit is saved."""

    recorded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 mobile: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.display = ctx.display
        self.found: CounterCustomer | None = None
        self.saved_visit: CounterResult | None = None  # set once the visit is recorded
        self.setWindowTitle(self.tr("Record a visit"))
        self.setObjectName("recordVisitDialog")
        self.setMinimumWidth(460)
        self._build()
        self.ctx.workers.run(self._completions, name="completions",
                             on_done=self._completions_loaded, on_error=lambda _e: None)
        if mobile:
            self.mobile.setText(self.display.digits(mobile))
            self.amount.setFocus()
        else:
            self.mobile.setFocus()

    def _build(self) -> None:
        lang = self.ctx.lang
        self.mobile = MobileEdit(lang, self, required=True,
                                 required_text=self.tr("Type the customer's mobile."))
        self.mobile.setObjectName("mobile")
        self.who = QLabel(self.tr("Type a mobile number: the customer is found as you type."))
        self.who.setObjectName("hint")
        self.who.setWordWrap(True)
        self.mobile_error = QLabel()
        self.mobile.attach_error_label(self.mobile_error)
        self.mobile.checked.connect(self._mobile_checked)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("Name of the new customer"))
        self.name_label = QLabel(self.tr("Name"))
        unit = self.tr("Toman") if self.display.currency == "toman" else self.tr("Rial")
        self.amount = AmountEdit(self.display, self)
        self.amount.setObjectName("amount")
        self.amount_error = QLabel()
        self.amount.attach_error_label(self.amount_error)
        self.service = QLineEdit(self)
        self.service.setObjectName("service")
        self.staff = QLineEdit(self)
        self.staff.setObjectName("staff")
        self.payment = QComboBox(self)
        self.payment.addItem("—", None)
        labels = payment_labels(self)
        for method in PAYMENT_METHODS:
            self.payment.addItem(labels[method], method)
        self.when = DateEdit(self.display, self, with_time=True,
                             check=visit_time)
        self.when.edit.setPlaceholderText(self.tr("now"))
        self.when_error = QLabel()
        self.when.edit.attach_error_label(self.when_error)

        form = QFormLayout()
        form.addRow(self.tr("Mobile"), self.mobile)
        form.addRow("", self.mobile_error)
        form.addRow("", self.who)
        form.addRow(self.name_label, self.name)
        form.addRow(self.tr("Amount ({unit})").format(unit=unit), self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("Service"), self.service)
        form.addRow(self.tr("Staff"), self.staff)
        form.addRow(self.tr("Payment"), self.payment)
        form.addRow(self.tr("Date and time"), self.when)
        form.addRow("", self.when_error)
        # loyalty: shown when the customer found has a reward waiting (spent with the visit)
        self.redeem = QCheckBox(self)
        self.redeem.setObjectName("redeemReward")
        self.redeem.hide()
        self.redeem_points = 0
        form.addRow("", self.redeem)
        self.form = form
        self._show_name(False)

        self.notice = Notice(self)
        self.buttons, self.save_button = save_buttons(self, self.save, self.tr("Save visit"),
                                                      self.tr("Cancel"))
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        stack_form(self, form, self.notice, self.buttons)

    def _show_name(self, visible: bool) -> None:
        self.name.setVisible(visible)
        self.name_label.setVisible(visible)

    # -- completions -------------------------------------------------------------------
    def _completions(self) -> tuple[list[str], list[str]]:
        return self.ctx.counter.recent_services(), self.ctx.counter.recent_staff()

    def _completions_loaded(self, lists: tuple[list[str], list[str]]) -> None:
        from ui.widgets.pick_list import attach_pick_list

        for edit, words in zip((self.service, self.staff), lists, strict=True):
            attach_pick_list(edit, words)

    # -- who is it ---------------------------------------------------------------------
    def _offer_reward(self) -> None:
        """Offer the reward when the customer found can pay for one (the club on)."""
        from shopcrm.services.loyalty.points import summary
        from shopcrm.services.loyalty.rules import LoyaltyRules

        self.redeem.setChecked(False)
        self.redeem.hide()
        self.redeem_points = 0
        if self.found is None or self.found.deleted:
            return
        try:
            rules = LoyaltyRules.from_settings(self.ctx.settings)
            standing = summary(self.ctx.db, self.found.id, rules, history=0)
        except ShopError:
            return
        if not standing.enabled or not standing.rewards_available:
            return
        self.redeem_points = standing.reward_points
        self.redeem.setText(self.tr("Redeem a reward now: {reward} ({points} of {balance} "
                                    "points)").format(
            reward=standing.reward_text or "—",
            points=self.display.number(standing.reward_points),
            balance=self.display.number(standing.balance)))
        self.redeem.show()

    @Slot(bool)
    def _mobile_checked(self, ok: bool) -> None:
        before = self.found.id if self.found is not None else None
        self.redeem.hide()
        self.found = None
        if not ok or self.mobile.value() is None:
            self.who.setText(self.tr("Type a mobile number: the customer is found as you type."))
            self._show_name(False)
            return
        try:
            self.found = self.ctx.counter.lookup(self.mobile.value())
        except ShopError as exc:
            self.who.setText(describe(exc, self.ctx.lang))
            return
        if self.found is None:
            self.who.setText(self.tr("New customer: type their name below."))
            self._show_name(True)
            return
        self._show_name(False)
        found = self.found
        if found.deleted:
            self.who.setText(self.tr("{name} is in the trash; restore them first.").format(
                name=isolate(found.name)))
            return
        last = self.display.date(found.last_visit_at) if found.last_visit_at else "—"
        self.who.setText(self.tr("{name} · {visits} visits · last visit {last}").format(
            name=isolate(found.name), visits=self.display.number(found.total_visits), last=last))
        checked = self.redeem.isChecked() and before == found.id  # a re-check keeps it
        self._offer_reward()
        self.redeem.setChecked(checked and not self.redeem.isHidden())

    # -- saving ------------------------------------------------------------------------
    def visit_input(self) -> VisitInput:
        at = self.when.value()
        return VisitInput(
            at=at, amount=self.amount.value(),
            service=self.service.text().strip() or None,
            staff=self.staff.text().strip() or None,
            payment_method=self.payment.currentData())

    @Slot()
    def save(self) -> None:
        problems = [f.error() for f in (self.mobile, self.amount, self.when.edit)
                    if not f.revalidate()]
        if self.found is None and self.mobile.is_valid() and not self.name.text().strip():
            problems.append(self.tr("Type the new customer's name."))
            self.name.setFocus()
        if problems:
            self.notice.show_message(problems[0], kind="error")
            return
        self.save_button.setEnabled(False)
        redeem = self.redeem_points if not self.redeem.isHidden() and self.redeem.isChecked() \
            else None
        record = functools.partial(self.ctx.counter.record, self.mobile.value(),
                                   self.visit_input(), name=self.name.text().strip() or None,
                                   redeem=redeem)
        self.ctx.workers.write(record, name="record-visit", on_done=self._saved,
                               on_error=self._failed)

    def _saved(self, result: CounterResult) -> None:
        self.saved_visit = result
        self.ctx.book_changed("visits")
        self.recorded.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")
