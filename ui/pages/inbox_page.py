"""The inbox: customers' SMS replies to the line, and what was done about each.

"Check for replies" reads the line's inbox (Kavenegar ``sms/receive``) on a background
thread and acts on each new reply once (opt-outs, survey scores; see
``shopcrm.services.retention.inbox``). Replies the app handled arrive read; anything else
waits, unread, for the owner to read and answer. The navigation shows the unread count.
With the test (file) provider there is no inbox, and the page says so.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import ShopError
from shopcrm.services.retention.inbox import InboundView, InboxService, InboxSyncResult, sync_inbox
from ui.app_context import AppContext
from ui.pages.base import Page
from ui.widgets.notice import Notice
from ui.widgets.record_table import record_table

SHOWN = 1_000


def load_inbox(service: InboxService, unread_only: bool) -> tuple[list[InboundView], int]:
    return service.list(unread_only=unread_only, limit=SHOWN), service.unread_count()


class InboxPage(Page):
    key = "inbox"
    icon_name = "inbox"
    title_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 service: InboxService | None = None, sync=sync_inbox) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.service = service or InboxService(ctx.db)
        self._sync = sync
        self.rows: list[InboundView] = []
        self.unread = 0
        heading = QLabel(self.tr("Inbox"))
        heading.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        hint = QLabel(self.tr("Customers' replies to the SMS line. Opt-outs (11, لغو) and "
                              "survey scores are handled by themselves; anything else waits "
                              "here for you to read and answer."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.unread_only = QCheckBox(self.tr("Unread only"))
        self.unread_only.toggled.connect(lambda _on: self.reload())
        self.sync_button = QPushButton(self.tr("Check for replies"))
        self.sync_button.setObjectName("syncInbox")
        self.sync_button.clicked.connect(self.check_replies)
        self.read_button = QPushButton(self.tr("Mark read"))
        self.read_button.clicked.connect(self.mark_selected_read)
        self.complaint_button = QPushButton(self.tr("Make a complaint"))
        self.complaint_button.clicked.connect(self.complaint_from_selected)
        self.table = record_table(self, [
            self.tr("Received"), self.tr("Customer"), self.tr("From"), self.tr("Message"),
            self.tr("Kind"), self.tr("Done")], name="inboxTable", several=True, stretch=3)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.notice = Notice(self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.unread_only)
        top.addWidget(self.sync_button)
        actions = QHBoxLayout()
        actions.addWidget(self.read_button)
        actions.addWidget(self.complaint_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()
        self.follow_the_book(at_once={"inbox"})  # the count in the navigation
        self.load_first(self.reload)  # the unread count in the title comes with it

    def title(self) -> str:
        if self.unread:
            return self.tr("Inbox ({count})").format(count=self.ctx.display.number(self.unread))
        return self.tr("Inbox")

    def reload(self) -> None:
        self._stale = False
        self.ctx.workers.run(load_inbox, self.service, self.unread_only.isChecked(),
                             name="inbox", on_done=self._loaded, on_error=self._failed)

    def _loaded(self, loaded: tuple[list[InboundView], int]) -> None:
        rows, unread = loaded
        d = self.ctx.display
        kinds = {"optout": self.tr("opt-out"), "optin": self.tr("opt-in"),
                 "score": self.tr("survey score"), "other": self.tr("message")}
        done = {"opted_out": self.tr("opted out of SMS"),
                "already_opted_out": self.tr("was opted out already"),
                "opted_in": self.tr("SMS back on"), "score_recorded": self.tr("score recorded"),
                "complaint_opened": self.tr("complaint opened, to call back"),
                "listed": self.tr("for you to answer"),
                "not_in_book": self.tr("not in the book")}
        self.rows = rows
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, m in enumerate(rows):
            kind = kinds.get(m.classification or "", m.classification or "")
            if m.score:
                kind = f"{kind} {d.number(m.score)}"
            cells = [d.datetime(m.received_at), m.customer_name or "—",
                     d.mobile(m.mobile) if m.mobile else m.sender, m.text, kind,
                     done.get(m.action or "", m.action or "")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.id)
                if not m.read:
                    item.setFont(bold)
                self.table.setItem(r, column, item)
        self.count_label.setText(self.tr("{count} unread").format(count=d.number(unread)))
        if unread != self.unread:
            self.unread = unread
            self.title_changed.emit()
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.sync_button.setEnabled(True)
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.read_button.setEnabled(any(not m.read for m in chosen))
        self.complaint_button.setEnabled(len(chosen) == 1 and chosen[0].customer_id is not None)

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(self.table.model().index(row, 0),
                             QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)

    def selected(self) -> list[InboundView]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[r] for r in rows if r < len(self.rows)]

    # -- actions -----------------------------------------------------------------------
    def check_replies(self) -> None:
        self.sync_button.setEnabled(False)
        self.notice.hide()
        self.ctx.workers.run(functools.partial(self._sync, self.ctx.db, self.ctx.settings),
                             name="inbox-sync", on_done=self._synced, on_error=self._failed)

    def _synced(self, result: InboxSyncResult) -> None:
        self.sync_button.setEnabled(True)
        d = self.ctx.display
        if not result.available:
            self.notice.show_message(
                describe(ShopError(result.reason or "inbox_not_available"), self.ctx.lang),
                kind="info")
            return
        text = self.tr("{new} new replies: {out} opted out, {scores} survey scores, "
                       "{complaints} complaints opened, {listed} for you to read.").format(
            new=d.number(result.stored), out=d.number(result.opted_out),
            scores=d.number(result.scores), complaints=d.number(result.complaints_opened),
            listed=d.number(result.listed))
        self.notice.show_message(text, kind="ok")
        if result.acted:
            self.ctx.book_changed("inbox")
        else:
            self.reload()

    def mark_selected_read(self) -> None:
        ids = [m.id for m in self.selected() if not m.read]
        if ids:
            self.ctx.workers.write(self.service.mark_read, ids, name="inbox-read",
                                   on_done=lambda _n: self.reload(), on_error=self._failed)

    def complaint_from_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].customer_id is None:
            return
        self.ctx.workers.write(self.service.make_complaint, chosen[0].id, name="inbox-complaint",
                               on_done=self._complaint_made, on_error=self._failed)

    def _complaint_made(self, complaint_id: int) -> None:
        self.notice.show_message(self.tr("Complaint #{id} opened from the reply.").format(
            id=self.ctx.display.number(complaint_id)), kind="ok")
        self.ctx.book_changed("complaints")
        self.reload()
