"""Today, the home page: whom to call, whose birthday it is, who came back, what went wrong,
what is waiting, and the last backup -- each section with its count and one-click actions.

Everything shown comes from ``shopcrm.services.today.build_today`` (the same data as
``shopcrm today``), read on a worker; each count is the number of the page its link opens
(the Win-back lists, the birthday segment, the came-back list, the Campaigns page).
Actions write on the writer thread and the page reloads after ``book_changed``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.today import Today, build_today
from shopcrm.services.today import feeds as today_feeds
from ui.app_context import AppContext
from ui.pages.base import Page
from ui.widgets.notice import Notice
from ui.widgets.today_section import TodaySection
from ui.widgets.winback_line import WinbackWords

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

SNOOZE_DAYS = 7


def load_today(db: Any, settings: SettingsView) -> Today:
    return build_today(db, settings)


class TodayPage(Page):
    key = "today"
    icon_name = "calendar"
    last_dialog: QDialog  # the card or dialog opened last (set when one opens)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.d = ctx.display
        self.followup = FollowUpService(ctx.db)
        self.data: Today | None = None
        self._generation = 0
        self._loaded_generation = -1
        self._stale = False  # the first load is on its way (load_first)
        self._build()
        ctx.events.book_changed.connect(self._book_changed)
        self.load_first(self.reload)  # until then each count shows «…»

    def title(self) -> str:
        return self.tr("Today")

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        d = self.d
        self.heading = QLabel(self.tr("Today"))
        self.heading.setObjectName("pageTitle")
        self.run_button = QPushButton(self.tr("Do the day's work now"))
        self.run_button.setObjectName("runDaily")
        self.run_button.setToolTip(self.tr("Resume unfinished campaigns, check deliveries, "
                                           "greet today's birthdays and back up the book "
                                           "(what `shopcrm daily` does)"))
        self.run_button.clicked.connect(self.run_daily)
        self.schedule_button = QPushButton(self.tr("Run it every day…"))
        self.schedule_button.setObjectName("scheduleDaily")
        self.schedule_button.clicked.connect(self.open_schedule)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.run_button)
        top.addWidget(self.schedule_button)
        self.notice = Notice(self)

        self.call = TodaySection("call", self.tr("Call today"), [
            self.tr("Name"), self.tr("Why"), self.tr("Priority")], d.number, self)
        self.call.add_action("openCard", self.tr("Open card"), self._call_card)
        self.call.add_action("logCall", self.tr("Log a call…"), self._call_log)
        self.call.add_action("snooze", self.tr("Snooze {days} days").format(
            days=self.d.number(SNOOZE_DAYS)), self._call_snooze)
        self.call.add_action("message", self.tr("Message…"), self._call_message)
        self.call.set_link(self.tr("Open the Win-back lists"),
                           lambda: self._go("winback"))
        self.call.activated.connect(self._call_card)

        self.birthdays = TodaySection("birthdays", self.tr("Birthdays"), [
            self.tr("Name"), self.tr("Date"), self.tr("Turning")], d.number, self)
        self.birthdays.add_action("openCard", self.tr("Open card"),
                                  lambda: self._card_of(self.birthdays))
        self.birthdays.add_action("greet", self.tr("Greet today's birthdays"),
                                  lambda: self.run_step("birthdays"), needs_row=False)
        self.birthdays.activated.connect(lambda: self._card_of(self.birthdays))

        self.came_back = TodaySection("came_back", self.tr("Came back this week"), [
            self.tr("Name"), self.tr("Returned"), self.tr("Spent")], d.number, self)
        self.came_back.set_link(self.tr("Open the came-back list"),
                                lambda: self._go("winback", view="came_back"))
        self.came_back.add_action("openCard", self.tr("Open card"),
                                  lambda: self._card_of(self.came_back))
        self.came_back.activated.connect(lambda: self._card_of(self.came_back))

        self.complaints = TodaySection("complaints", self.tr("Open complaints"), [
            self.tr("Name"), self.tr("Date"), self.tr("Complaint")], d.number, self)
        self.complaints.add_action("resolve", self.tr("Mark resolved"), self._resolve)
        self.complaints.activated.connect(lambda: self._card_of(self.complaints))

        self.replies = TodaySection("replies", self.tr("Unread replies"), [
            self.tr("Name"), self.tr("Reply")], d.number, self)
        self.rewards = TodaySection("rewards", self.tr("Rewards reached"), [
            self.tr("Name"), self.tr("Reward")], d.number, self)
        for section in (self.replies, self.rewards):  # rows keyed by the customer's id
            section.activated.connect(functools.partial(self._card_of, section))
        self.messages = TodaySection("messages", self.tr("Messages that failed or are "
                                                         "unknown"),
                                     [self.tr("Campaign"), self.tr("Failed"),
                                      self.tr("Unknown")], d.number, self)
        self.messages.set_link(self.tr("Open Campaigns"), lambda: self._go("campaigns"))
        self.messages.add_action("sync", self.tr("Check deliveries now"),
                                 lambda: self.run_step("sync"), needs_row=False)

        self.backup = TodaySection("backup", self.tr("Last backup"), [], d.number, self)
        self.backup.add_action("backupNow", self.tr("Back up now"), self.backup_now,
                               needs_row=False)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.call, 0, 0, 1, 2)
        for i, section in enumerate((self.birthdays, self.came_back, self.complaints,
                                     self.messages, self.replies, self.rewards)):
            grid.addWidget(section, 1 + i // 2, i % 2)
        grid.addWidget(self.backup, 4, 0, 1, 2)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)

    # -- loading -----------------------------------------------------------------------
    def activated(self) -> None:
        if self._stale:
            self.reload()

    def ready(self) -> bool:
        return self._loaded_generation == self._generation

    def _book_changed(self, _what: str) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        self._stale = False
        self._generation += 1
        self.ctx.workers.run(load_today, self.ctx.db, self.ctx.settings, name="today",
                             on_done=functools.partial(self._loaded, self._generation),
                             on_error=self._failed)

    def _loaded(self, generation: int, data: Today) -> None:
        if generation != self._generation:
            return
        self._loaded_generation = generation
        self.data = data
        d = self.d
        self.heading.setText(self.tr("Today, {date}").format(date=d.long_date(data.day)))
        lang = self.ctx.lang
        call = data.call
        self.call.set_rows(
            [(r.id, [r.name, r.reason_fa if lang == "fa" else r.reason_en,
                     r.priority_fa if lang == "fa" else r.priority_en]) for r in call.rows],
            count=len(call.rows),
            summary=self.tr("On the Win-back lists: {absent} absent, {overdue} overdue (not "
                            "snoozed, not contacted lately).").format(
                absent=d.number(call.absent), overdue=d.number(call.overdue)),
            empty=self.tr("Nobody to call today."))
        self.birthdays.set_rows(  # a big book's week is thousands: each row made when shown
            [(b.id, functools.partial(self._birthday_cells, b)) for b in data.birthdays],
            count=len(data.birthdays),
            summary=self.tr("{today} today, {count} in the next 7 days.").format(
                today=d.number(data.birthdays_today), count=d.number(len(data.birthdays))),
            empty=self.tr("No birthdays in the next 7 days."))
        self.birthdays.action_button("greet").setEnabled(data.birthdays_today > 0)
        w = data.winback
        self.came_back.set_rows(
            [(r.customer_id, [r.name, d.date(r.returned_at), d.money(r.spent_since,
                                                                      with_unit=True)])
             for r in data.came_back], count=len(data.came_back),
            summary=WinbackWords(self).sentence(d, w),
            empty=self.tr("Nobody came back after a contact this week."))
        self.complaints.set_rows(
            [(c.id, [c.name, d.date(c.at), c.summary or ""]) for c in data.complaints],
            count=len(data.complaints), empty=self.tr("No open complaints."))
        self.complaint_customers = {c.id: c.customer_id for c in data.complaints}
        for section, rows, wired in ((self.replies, data.replies, today_feeds.REPLIES_WIRED),
                                     (self.rewards, data.rewards, today_feeds.REWARDS_WIRED)):
            section.set_rows([(int(r.get("customer_id") or 0),
                               [str(r.get("name", "")), str(r.get("text", ""))])
                              for r in rows], count=len(rows),
                             empty=self.tr("Nothing waiting.") if wired else
                             self.tr("Arrives with the retention tools (not wired yet)."))
        self.messages.set_rows(
            [(m.campaign_id, [m.name, d.number(m.failed), d.number(m.unknown)])
             for m in data.messages], count=data.failed_messages,
            empty=self.tr("No failed messages in the last 7 days."))
        if data.backup_kind == "server":
            text = self.tr("The book is on PostgreSQL: its server keeps the backups.")
            self.backup.action_button("backupNow").setEnabled(False)
        elif data.backup is None:
            text = self.tr("No backup yet.")
        else:
            text = self.tr("{date} ({age} days ago)").format(
                date=d.date(data.backup.taken_at.date()), age=d.number(data.backup.age_days))
        self.backup.set_rows([], count=None, summary=text)

    def _birthday_cells(self, b: Any) -> list[str]:
        return [b.name, self._greeting(b), self.d.number(b.turning)]

    def _greeting(self, b: Any) -> str:
        when = self.d.date(b.greeting_date)
        return self.tr("{date} (today)").format(date=when) if b.days_until == 0 else when

    def _failed(self, error: BaseException) -> None:
        self._loaded_generation = self._generation
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    # -- actions -----------------------------------------------------------------------
    def _go(self, key: str, **options: Any) -> None:
        window = self.window()
        page = window.show_page(key) if hasattr(window, "show_page") else None
        view = options.get("view")
        if page is not None and view and hasattr(page, "show_view"):
            page.show_view(view)

    def open_card(self, customer_id: int) -> Any:
        from ui.dialogs.customer_card import CustomerCard

        card = CustomerCard(self.ctx, customer_id, self)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.open()
        self.last_dialog = card
        return card

    def selected_customer_id(self) -> int | None:
        """The customer selected in the call list (Ctrl+R records a visit for them)."""
        return self.call.selected_key()

    def _card_of(self, section: TodaySection) -> None:
        key = section.selected_key()
        if key is None:
            return
        if section is self.complaints:
            key = self.complaint_customers.get(key)
        if key:  # 0: a row without a customer
            self.open_card(key)

    def _call_card(self) -> None:
        self._card_of(self.call)

    def _call_log(self) -> None:
        from ui.dialogs.log_call_dialog import CallOutcomeDialog

        cid = self.call.selected_key()
        if cid is None or self.data is None:
            return
        name = next(r.name for r in self.data.call.rows if r.id == cid)
        dialog = CallOutcomeDialog(name, self)
        dialog.accepted.connect(lambda: self.log_call(cid, dialog.outcome(), dialog.note()))
        dialog.open()
        self.last_dialog = dialog

    def log_call(self, customer_id: int, outcome: str | None, note: str = "") -> None:
        self.ctx.workers.write(functools.partial(self.followup.log, customer_id, "call", note,
                                                 outcome=outcome), name="log-call",
                               on_error=self._failed,
                               on_done=lambda _r: self._done(self.tr("Call logged.")))

    def _call_snooze(self) -> None:
        cid = self.call.selected_key()
        if cid is not None:
            self.ctx.workers.write(self.followup.snooze, cid, SNOOZE_DAYS, name="snooze",
                                   on_error=self._failed,
                                   on_done=lambda _r: self._done(self.tr("Snoozed.")))

    def _call_message(self) -> None:
        hook = self.ctx.hooks.get("message")
        cid = self.call.selected_key()
        if hook is not None and cid is not None:
            hook([cid], template="winback")

    def _resolve(self) -> None:
        interaction_id = self.complaints.selected_key()
        if interaction_id is not None:
            self.ctx.workers.write(today_feeds.resolve_complaint, self.ctx.db, interaction_id,
                                   name="resolve", on_error=self._failed,
                                   on_done=lambda _r: self._done(self.tr("Marked resolved.")))

    def backup_now(self) -> None:
        from shopcrm.services.backup.backups import backup_now

        self.ctx.workers.write(backup_now, self.ctx.db, self.ctx.settings, name="backup",
                               on_error=self._failed,
                               on_done=lambda _r: self._done(self.tr("Backup written.")))

    def run_daily(self) -> None:
        from shopcrm.services.today.daily import run_daily

        self.run_button.setEnabled(False)
        self.ctx.workers.write(run_daily, self.ctx.db, self.ctx.settings, name="daily",
                               on_error=self._daily_failed, on_done=self._daily_done)

    def run_step(self, name: str) -> None:
        """One step of the daily run (greetings, delivery statuses), on the writer."""
        from shopcrm.services.today.daily import run_step

        self.ctx.workers.write(run_step, self.ctx.db, self.ctx.settings, name,
                               name=f"daily-{name}", on_error=self._failed,
                               on_done=self._step_done)

    def _step_done(self, step: Any) -> None:
        from shopcrm.cli.daily import step_line

        self.last_step = step
        self.notice.show_message(step_line(step, self.ctx.lang).lstrip("- "),
                                 kind="error" if step.status == "failed" else "ok")
        self.ctx.book_changed("daily")

    def _daily_done(self, result: Any) -> None:
        from shopcrm.cli.daily import step_line

        self.run_button.setEnabled(True)
        self.last_daily = result
        lines = [step_line(step, self.ctx.lang) for step in result.steps]
        self.notice.show_message("\n".join(lines), kind="ok")
        self.ctx.book_changed("daily")

    def _daily_failed(self, error: BaseException) -> None:
        self.run_button.setEnabled(True)
        self._failed(error)

    def open_schedule(self) -> Any:
        from ui.dialogs.schedule_dialog import ScheduleDialog

        dialog = ScheduleDialog(self.ctx, self)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _done(self, text: str) -> None:
        self.notice.show_message(text, kind="ok", timeout_ms=4000)
        self.ctx.book_changed("followup")
