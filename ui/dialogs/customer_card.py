"""The customer card: every field, the visits, the contact history, and merge.

Opened with an id (edit) or None (a new customer). Fields are checked as they are typed;
Save writes on the database writer thread with the version the card was loaded at, so an
edit made elsewhere meanwhile is refused with a clear sentence (Conflict ``stale_edit``)
and the card reloads what is stored now. The header says why the customer is flagged
(absent or overdue, from ``shopcrm.domain.absence`` when present) and their usual gap.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.domain.dates import local_date_of, local_today
from shopcrm.error_text import describe
from shopcrm.errors import Conflict
from shopcrm.services.absence.contact_log import ContactEntry
from shopcrm.services.customers.duplicates import DuplicateCandidate, likely_duplicates
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerView
from shopcrm.services.customers.visits import VisitView
from shopcrm.storage.outbox_status import OutboxStatus
from ui.app_context import AppContext
from ui.dialogs.record_visit import payment_labels
from ui.display import isolate
from ui.widgets.complaints_panel import ComplaintsPanel
from ui.widgets.fields import CheckedLineEdit, DateEdit, EmailEdit, MobileEdit
from ui.widgets.form_buttons import save_buttons
from ui.widgets.notice import Notice
from ui.widgets.record_table import record_table


@dataclass(frozen=True)
class CardData:
    """Everything the card shows, read in one background job (plain data)."""

    customer: CustomerView
    visits: list[VisitView]
    contacts: list[ContactEntry]
    duplicates: list[DuplicateCandidate]
    tags: list[str]


def load_card(ctx: AppContext, customer_id: int) -> CardData:
    customer = ctx.customers.get(customer_id)
    return CardData(customer, ctx.visits.history(customer_id),
                    ctx.contact_log.history(customer_id),
                    likely_duplicates(ctx.db, customer_id),
                    [name for name, _ in ctx.customers.all_tags()])


def why_flagged(customer: CustomerView, settings, lang: str) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    """("absent"|"overdue", the one-line reason) by the absence rules, or None."""
    try:
        from shopcrm.domain import absence
    except ImportError:  # the absence rules are not in this build yet
        return None
    if customer.last_visit_at is None:
        return None
    rules = absence.AbsenceRules.from_settings(settings)
    days = (local_today() - local_date_of(customer.last_visit_at)).days
    line = absence.reason(customer.total_visits, days, customer.usual_gap_days, lang)
    if absence.is_absent(customer.total_visits, days, rules):
        return "absent", line
    if absence.is_overdue(customer.visit_days, customer.usual_gap_days, days, rules):
        return "overdue", line
    return None


class CustomerCard(QDialog):
    """``saved(customer_id)`` after each successful write from the card."""

    saved = Signal(int)

    def __init__(self, ctx: AppContext, customer_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.display = ctx.display
        self.customer_id = customer_id
        self.data: CardData | None = None
        self.setObjectName("customerCard")
        self.setMinimumSize(860, 600)
        self._build()
        if customer_id is None:
            self.setWindowTitle(self.tr("New customer"))
            self.name_label.setText(self.tr("New customer"))
            self._set_loaded_state(False)
            self.name.setFocus()
        else:
            self.setWindowTitle(self.tr("Customer card"))
            self.reload()

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        lang = self.ctx.lang
        self.name_label = QLabel()
        self.name_label.setObjectName("cardName")
        self.facts = QLabel()
        self.facts.setObjectName("hint")
        self.facts.setWordWrap(True)
        self.flag_line = QLabel()
        self.flag_line.setWordWrap(True)
        self.flag_line.hide()
        self.facts.hide()
        self.duplicate_notice = Notice(self)
        from ui.widgets.card_actions import CardActions

        self.card_actions = CardActions(self.ctx, self)
        self.card_actions.changed.connect(self._acted)
        self.card_actions.failed.connect(
            lambda text: self.notice.show_message(text, kind="error"))

        self.name: CheckedLineEdit = CheckedLineEdit(
            lambda t: t.strip(), lang, self, required=True,
            required_text=self.tr("The customer's name is required."))
        self.name.setObjectName("name")
        self.mobile = MobileEdit(lang, self)
        self.mobile.setObjectName("mobile")
        self.phone2 = QLineEdit(self)
        self.phone2.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.email = EmailEdit(lang, self)
        self.email.setObjectName("email")
        self.birthday = DateEdit(self.display, self)
        self.birthday.setObjectName("birthday")
        self.gender = QComboBox(self)
        self.gender.addItem("—", "")
        self.gender.addItem(self.tr("Female"), "female")
        self.gender.addItem(self.tr("Male"), "male")
        self.city = QLineEdit(self)
        self.referral = QLineEdit(self)
        self.referral.setPlaceholderText(self.tr("How they found the shop"))
        self.tags = QLineEdit(self)
        self.tags.setObjectName("tags")
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. bride, colour"))
        self.address = QPlainTextEdit(self)
        self.address.setFixedHeight(56)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.vip = QCheckBox(self.tr("VIP"), self)
        self.sms_opt_out = QCheckBox(self.tr("No SMS (opted out)"), self)
        self.email_opt_out = QCheckBox(self.tr("No email (opted out)"), self)
        self.opt_out_dates = QLabel()
        self.opt_out_dates.setObjectName("hint")

        errors = {}
        for field in (self.name, self.mobile, self.email, self.birthday.edit):
            label = QLabel()
            field.attach_error_label(label)
            errors[field] = label
            field.checked.connect(lambda _ok: self._update_save())

        left = QFormLayout()
        left.addRow(self.tr("Name"), self.name)
        left.addRow("", errors[self.name])
        left.addRow(self.tr("Mobile"), self.mobile)
        left.addRow("", errors[self.mobile])
        left.addRow(self.tr("Second phone"), self.phone2)
        left.addRow(self.tr("Email"), self.email)
        left.addRow("", errors[self.email])
        left.addRow(self.tr("Birthday"), self.birthday)
        left.addRow("", errors[self.birthday.edit])
        left.addRow(self.tr("Gender"), self.gender)
        left.addRow(self.tr("City"), self.city)
        right = QFormLayout()
        right.addRow(self.tr("Address"), self.address)
        right.addRow(self.tr("Referral"), self.referral)
        right.addRow(self.tr("Tags"), self.tags)
        right.addRow(self.tr("Notes"), self.notes)
        checks = QVBoxLayout()
        for widget in (self.vip, self.sms_opt_out, self.email_opt_out, self.opt_out_dates):
            checks.addWidget(widget)
        right.addRow("", checks)
        details = QWidget()
        columns = QHBoxLayout(details)
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)

        self.visit_table = record_table(self, [self.tr("Date"), self.tr("Service"),
                                               self.display.money_header(self.tr("Amount")),
                                               self.tr("Staff"), self.tr("Payment"),
                                               self.tr("Satisfaction"), self.tr("Note")])
        self.visit_table.itemDoubleClicked.connect(lambda _item: self.edit_visit())
        self.add_visit_button = QPushButton(self.tr("Add visit"))
        self.add_visit_button.clicked.connect(self.add_visit)
        self.edit_visit_button = QPushButton(self.tr("Edit"))
        self.edit_visit_button.clicked.connect(self.edit_visit)
        self.delete_visit_button = QPushButton(self.tr("Delete"))
        self.delete_visit_button.clicked.connect(self.delete_visit)
        visit_buttons = QHBoxLayout()
        visit_buttons.addWidget(self.add_visit_button)
        visit_buttons.addWidget(self.edit_visit_button)
        visit_buttons.addWidget(self.delete_visit_button)
        visit_buttons.addStretch(1)
        visits = QWidget()
        visits_layout = QVBoxLayout(visits)
        visits_layout.addWidget(self.visit_table, 1)
        visits_layout.addLayout(visit_buttons)

        self.contact_table = record_table(self, [self.tr("Date"), self.tr("Kind"),
                                                 self.tr("Summary"), self.tr("Status")])
        self.tabs = QTabWidget(self)
        self.tabs.addTab(details, self.tr("Details"))
        self.tabs.addTab(visits, self.tr("Visits"))
        self.tabs.addTab(self.contact_table, self.tr("Contact history"))
        from ui.widgets.loyalty_panel import LoyaltyPanel

        self.loyalty = LoyaltyPanel(self.ctx, self)  # points, redeem, referrals
        self.loyalty.changed.connect(self._reload_header)
        self.tabs.addTab(self.loyalty, self.tr("Loyalty"))
        self.complaints_panel = ComplaintsPanel(self.ctx, self)
        self.complaints_panel.changed.connect(self._complaints_changed)
        self.tabs.addTab(self.complaints_panel, self.tr("Complaints"))
        self.complaint_badge = QLabel()
        self.complaint_badge.setObjectName("complaintBadge")
        self.complaint_badge.hide()

        self.notice: Notice = Notice(self)
        self.buttons, self.save_button = save_buttons(self, self.save, self.tr("Save"),
                                                      self.tr("Close"), close=True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.facts)
        layout.addWidget(self.flag_line)
        layout.addWidget(self.complaint_badge)
        layout.addWidget(self.card_actions)
        layout.addWidget(self.duplicate_notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

    def _set_loaded_state(self, existing: bool) -> None:
        for index in (1, 2, self.tabs.indexOf(self.loyalty),
                      self.tabs.indexOf(self.complaints_panel)):
            self.tabs.setTabEnabled(index, existing)
        self._update_save()

    def _update_save(self) -> None:
        fields = (self.name, self.mobile, self.email, self.birthday.edit)
        self.save_button.setEnabled(all(f.is_valid() for f in fields))

    # -- loading -----------------------------------------------------------------------
    def reload(self, *_: object) -> None:
        if self.customer_id is None:
            return
        self.ctx.workers.run(load_card, self.ctx, self.customer_id, name="load-card",
                             on_done=self._loaded, on_error=self._failed)

    def _loaded(self, data: CardData) -> None:
        self.data = data
        self._fill(data.customer)
        self._fill_header(data)
        self._fill_visits(data.visits)
        self._fill_contacts(data.contacts)
        self.loyalty.load(data.customer.id)
        self.complaints_panel.set_customer(data.customer.id, data.visits)
        completer = QCompleter(data.tags, self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        self._set_loaded_state(True)
        c = data.customer
        self.card_actions.set_customer(c.id, c.name, mobile=c.mobile, sms_opt_out=c.sms_opt_out)

    def _fill(self, c: CustomerView) -> None:
        d = self.display
        self.name.setText(c.name)
        self.mobile.setText(d.digits(c.mobile) if c.mobile else (c.mobile_raw or ""))
        self.phone2.setText(c.phone2 or "")
        self.email.setText(c.email or "")
        self.birthday.set_date(c.birthday)
        self.gender.setCurrentIndex(max(0, self.gender.findData(c.gender or "")))
        self.city.setText(c.city or "")
        self.address.setPlainText(c.address or "")
        self.referral.setText(c.referral or "")
        self.tags.setText("، ".join(c.tags) if d.rtl else ", ".join(c.tags))
        self.notes.setPlainText(c.notes or "")
        self.vip.setChecked(c.vip)
        self.sms_opt_out.setChecked(c.sms_opt_out)
        self.email_opt_out.setChecked(c.email_opt_out)
        dates = []
        if c.sms_opt_out_at:
            dates.append(self.tr("SMS opt-out since {date}").format(date=d.date(c.sms_opt_out_at)))
        if c.email_opt_out_at:
            dates.append(self.tr("email opt-out since {date}").format(
                date=d.date(c.email_opt_out_at)))
        self.opt_out_dates.setText(self.display.separator().join(dates))

    def _reload_header(self) -> None:
        if self.customer_id is not None:
            self.ctx.book_changed("points")
            self.ctx.workers.run(load_card, self.ctx, self.customer_id, name="load-card",
                                 on_done=lambda data: self._fill_header(data),
                                 on_error=self._failed)

    def _fill_header(self, data: CardData) -> None:
        c, d = data.customer, self.display
        self.name_label.setText(c.name + ("  ★" if c.vip else ""))
        facts = [self.tr("{count} visits").format(count=d.number(c.total_visits)),
                 self.tr("spent {amount}").format(amount=d.money(c.total_spent, with_unit=True))]
        if c.first_visit_at:
            facts.append(self.tr("first visit {date}").format(date=d.date(c.first_visit_at)))
        if c.last_visit_at:
            facts.append(self.tr("last visit {date}").format(date=d.date(c.last_visit_at)))
        if c.usual_gap_days is not None:
            facts.append(self.tr("usually every {days} days").format(
                days=d.number(round(c.usual_gap_days))))
        if c.points_balance:
            facts.append(self.tr("{points} points").format(points=d.number(c.points_balance)))
        if c.mobile:
            facts.insert(0, d.mobile(c.mobile))
        self.facts.setText(self.display.separator().join(facts))
        self.facts.show()
        flagged = why_flagged(c, self.ctx.settings, self.ctx.lang)
        if flagged is None:
            self.flag_line.hide()
        else:
            kind, line = flagged
            title = self.tr("Absent") if kind == "absent" else self.tr("Overdue")
            self.flag_line.setText(f"<b>{title}:</b> {line}")
            self.flag_line.show()
        if data.duplicates:
            first = data.duplicates[0]
            why = self.tr("same email") if first.reason == "email" else self.tr("same name")
            if len(data.duplicates) == 1:
                text = self.tr("May be the same person as “{name}” ({why}).").format(
                    name=isolate(first.name), why=why)
            else:
                text = self.tr("{count} other customers may be the same person ({why}).").format(
                    count=d.number(len(data.duplicates)), why=why)
            self.duplicate_notice.show_message(text, action_text=self.tr("Merge…"),
                                               action=self.choose_merge)
        else:
            self.duplicate_notice.hide()

    def _fill_visits(self, visits: list[VisitView]) -> None:
        d = self.display
        labels = payment_labels(self)
        self.visit_table.setRowCount(len(visits))
        for row, v in enumerate(visits):
            cells = [d.datetime(v.at), v.service or "", d.money(v.amount), v.staff or "",
                     labels.get(v.payment_method or "", v.payment_method or ""),
                     "★" * (v.satisfaction or 0), v.note or ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.id)
                self.visit_table.setItem(row, column, item)

    def _fill_contacts(self, entries: list[ContactEntry]) -> None:
        d = self.display
        kinds = {"call": self.tr("Call"), "sms": self.tr("SMS"), "email": self.tr("Email"),
                 "in_person": self.tr("In person"), "complaint": self.tr("Complaint"),
                 "call_back": self.tr("To call back"),
                 "snooze": self.tr("Snoozed"), "note": self.tr("Note")}
        states = {"open": self.tr("open"), "resolved": self.tr("resolved"),
                  OutboxStatus.PENDING: self.tr("waiting"),
                  OutboxStatus.SENDING: self.tr("sending"), OutboxStatus.SENT: self.tr("sent"),
                  OutboxStatus.DELIVERED: self.tr("delivered"),
                  OutboxStatus.FAILED: self.tr("failed"),
                  OutboxStatus.INVALID: self.tr("invalid number"),
                  OutboxStatus.CANCELLED: self.tr("cancelled"),
                  OutboxStatus.UNKNOWN: self.tr("unknown"),
                  OutboxStatus.TEST: self.tr("test mode, not sent"),
                  "answered": self.tr("answered"), "no_answer": self.tr("no answer"),
                  "will_come": self.tr("will come"), "booked": self.tr("booked"),
                  "not_interested": self.tr("not interested"),
                  "wrong_number": self.tr("wrong number"),
                  "opted_out": self.tr("opted out of SMS"), "opted_in": self.tr("SMS back on"),
                  "already_opted_out": self.tr("was opted out already"),
                  "score_recorded": self.tr("survey score"),
                  "complaint_opened": self.tr("complaint opened"),
                  "listed": self.tr("reply to read")}
        self.contact_table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            status = e.delivery or e.status or e.outcome or ""
            summary = e.summary or ""
            if e.campaign:
                summary = f"{e.campaign}: {summary}"
            cells = [d.datetime(e.at), kinds.get(e.kind, e.kind), summary,
                     states.get(status, status)]
            for column, text in enumerate(cells):
                self.contact_table.setItem(row, column, QTableWidgetItem(text))
        self.tabs.setTabText(2, self.tr("Contact history ({count})").format(
            count=d.number(len(entries))))

    def _acted(self, what: str) -> None:
        words = {"sms": self.tr("SMS sent."), "call": self.tr("Call logged."),
                 "snooze": self.tr("Snoozed."), "complaint": self.tr("Complaint added.")}
        self.notice.show_message(words.get(what, ""), kind="ok", timeout_ms=4000)
        self.reload()
    def _complaints_changed(self, open_count: int, total: int) -> None:
        d = self.display
        self.tabs.setTabText(self.tabs.indexOf(self.complaints_panel),
                             self.tr("Complaints ({count})").format(count=d.number(total)))
        if open_count:
            self.complaint_badge.setText(self.tr("⚠ Open complaint ({count}): keep them out of "
                                                 "promotions until it is settled.").format(
                                                     count=d.number(open_count)))
            self.complaint_badge.show()
        else:
            self.complaint_badge.hide()

    # -- saving ------------------------------------------------------------------------
    def customer_input(self) -> CustomerInput:
        # "" clears a field; the services treat None as "leave as is".
        return CustomerInput(
            name=self.name.text().strip(), mobile=self.mobile.text().strip(),
            phone2=self.phone2.text().strip(), email=self.email.text().strip(),
            birthday=self.birthday.value() or "", gender=self.gender.currentData() or "",
            city=self.city.text(), address=self.address.toPlainText(),
            referral=self.referral.text(), notes=self.notes.toPlainText(),
            vip=self.vip.isChecked(), tags=[t for t in _split(self.tags.text()) if t])

    @Slot()
    def save(self) -> None:
        fields = (self.name, self.mobile, self.email, self.birthday.edit)
        problems = [f.error() for f in fields if not f.revalidate()]
        if problems:
            self.notice.show_message(problems[0], kind="error")
            return
        data = self.customer_input()
        sms, email = self.sms_opt_out.isChecked(), self.email_opt_out.isChecked()
        customers = self.ctx.customers
        if self.customer_id is None:
            def work() -> int:
                new_id = customers.add(data)
                if sms:
                    customers.set_opt_out(new_id, "sms", True)
                if email:
                    customers.set_opt_out(new_id, "email", True)
                return new_id
        else:
            customer_id = self.customer_id
            loaded = self.data.customer if self.data else None
            version = loaded.version if loaded else None

            def work() -> int:
                customers.edit(customer_id, data, expected_version=version)
                if loaded is None or loaded.sms_opt_out != sms:
                    customers.set_opt_out(customer_id, "sms", sms)
                if loaded is None or loaded.email_opt_out != email:
                    customers.set_opt_out(customer_id, "email", email)
                return customer_id
        self.save_button.setEnabled(False)
        self.ctx.workers.write(work, name="save-customer", on_done=self._saved,
                               on_error=self._failed)

    def _saved(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Customer card"))
        self.notice.show_message(self.tr("Saved."), kind="ok", timeout_ms=4000)
        self.ctx.book_changed("customers")
        self.saved.emit(customer_id)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._update_save()
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")
        if isinstance(error, Conflict) and error.code == "stale_edit":
            self.reload()  # show what is stored now; the sentence says to redo the change

    # -- visits ------------------------------------------------------------------------
    def _selected_visit(self) -> VisitView | None:
        selected = self.visit_table.selectionModel().selectedRows()
        row = selected[0].row() if selected else self.visit_table.currentRow()
        if self.data is None or not 0 <= row < len(self.data.visits):
            return None
        return self.data.visits[row]

    def select_visit(self, row: int) -> None:
        index = self.visit_table.model().index(row, 0)
        self.visit_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def add_visit(self) -> None:
        self._open_visit_editor(None)

    def edit_visit(self) -> None:
        visit = self._selected_visit()
        if visit is not None:
            self._open_visit_editor(visit)

    def _open_visit_editor(self, visit: VisitView | None):  # type: ignore[no-untyped-def]
        from ui.dialogs.visit_editor import VisitEditor

        if self.customer_id is None:
            return None
        editor = VisitEditor(self.ctx, self.customer_id, visit, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.reload)
        editor.open()
        self.visit_editor = editor
        return editor

    def delete_visit(self, *, confirm: bool = True) -> None:
        visit = self._selected_visit()
        if visit is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Delete visit"),
                self.tr("Delete the visit of {date}?").format(
                    date=self.display.datetime(visit.at)))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ctx.workers.write(self.ctx.visits.delete, visit.id, name="delete-visit",
                               on_done=self._visit_deleted, on_error=self._failed)

    def _visit_deleted(self, _result: object = None) -> None:
        self.ctx.book_changed("visits")
        self.reload()

    # -- merge -------------------------------------------------------------------------
    def choose_merge(self) -> None:
        if self.data is None or not self.data.duplicates:
            return
        menu = QMenu(self)
        for candidate in self.data.duplicates:
            text = self.tr("Merge “{name}” {mobile} ({visits} visits) into this card").format(
                name=isolate(candidate.name), mobile=self.display.mobile(candidate.mobile),
                visits=self.display.number(candidate.total_visits))
            menu.addAction(text, functools.partial(self.confirm_merge, candidate.id))
        menu.popup(self.duplicate_notice.mapToGlobal(self.duplicate_notice.rect().center()))
        self.merge_menu = menu

    def confirm_merge(self, other_id: int) -> None:
        answer = QMessageBox.question(
            self, self.tr("Merge customers"),
            self.tr("Move every visit, message and tag of the other customer into this card "
                    "and remove the other card? This cannot be undone."))
        if answer == QMessageBox.StandardButton.Yes:
            self.merge_with(other_id)

    def merge_with(self, other_id: int) -> None:
        if self.customer_id is None:
            return
        self.ctx.workers.write(self.ctx.customers.merge, self.customer_id, other_id,
                               name="merge", on_done=self._merged, on_error=self._failed)

    def _merged(self, view: CustomerView) -> None:
        self._saved(view.id)


def _split(text: str) -> list[str]:
    from shopcrm.services.customers.fields import split_tags

    return split_tags(text)
