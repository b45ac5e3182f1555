"""The Win-back page: who stopped coming, why, and what was done about it.

Three views: the **absent** regulars and the customers **overdue** by their own rhythm
(``AbsenceService``: priority, the reason line, days away, usual gap, spending, last
contact; a page of rows at a time as the owner scrolls), and **came back**: customers
contacted while absent who visited again (``shopcrm.services.absence.winback``). The lists hide
customers contacted in the last ``absence.contacted_days`` days unless the owner unticks
that, and snoozed customers until their snooze ends.

Actions on the selected rows: Message (the Campaigns page's composer through the
``message`` hook, with the win-back template), Log a call with a note, Snooze for N days
(``FollowUpService``; writes on the writer thread), Open the customer card.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.domain.text import fold_digits
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.followup import MAX_SNOOZE_DAYS, FollowUpService
from shopcrm.services.absence.lists import AbsenceService, FollowUpPage, FollowUpRow
from shopcrm.services.absence.winback_totals import CameBack, WinbackSummary, winback_summary
from ui.app_context import AppContext
from ui.display import isolate
from ui.models.followup_table import COLUMN_KEYS, FollowUpTableModel
from ui.pages.base import Page
from ui.widgets.error_words import error_words
from ui.widgets.fields import CheckedLineEdit
from ui.widgets.notice import Notice
from ui.widgets.tables import fit_headers, set_header_text, text_need
from ui.widgets.winback_line import WinbackWords

SNOOZE_CHOICES = (7, 14, 30, 90)
VIEWS = ("absent", "overdue", "came_back")


def list_total(fetch: Any, options: dict[str, Any]) -> int | None:
    """How many are on a list (its first page of nothing, with the total)."""
    return fetch(limit=0, **options).total


def parse_days(text: str) -> int:
    """Whole days, 1..366 (Persian digits fine)."""
    folded = fold_digits(text).strip()
    if not folded.isdigit() or not 1 <= int(folded) <= MAX_SNOOZE_DAYS:
        raise InvalidInput("bad_snooze_days", days=text.strip(), max=MAX_SNOOZE_DAYS)
    return int(folded)


class LogCallDialog(QDialog):
    """A note for the call (what was said); the page writes it."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log a call"))
        self.setMinimumWidth(420)
        who = ("، " if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
               else ", ").join(isolate(n) for n in names[:5])
        if len(names) > 5:
            who += " …"
        label = QLabel(self.tr("Call with {names}").format(names=who))
        label.setWordWrap(True)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("callNote")
        self.note.setPlaceholderText(self.tr("What was said (optional)"))
        self.note.setFixedHeight(90)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log the call"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(buttons)


class SnoozeDialog(QDialog):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze"))
        self.setMinimumWidth(360)
        self.days = CheckedLineEdit(parse_days, lang, self, required=True,
                                    required_text=self.tr("How many days?"))
        self.days.setObjectName("snoozeDays")
        self.days.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        error = QLabel(self)
        self.days.attach_error_label(error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Snooze"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.days.checked.connect(self.ok.setEnabled)
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Hide them from the lists for this many days:")))
        layout.addWidget(self.days)
        layout.addWidget(error)
        layout.addWidget(buttons)


class WinbackPage(Page):
    key = "winback"
    icon_name = "winback"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.absence = AbsenceService(ctx.db, ctx.settings)
        self.followup = FollowUpService(ctx.db)
        self.view = "absent"
        self.totals: dict[str, int | None] = {"absent": None, "overdue": None}
        self.came_back_rows: list[CameBack] = []
        self._generation = 0
        self._loaded_generation = -1
        self._stale = False
        self._build()
        ctx.events.book_changed.connect(self._book_changed)
        ctx.hooks.changed.connect(lambda _name: self._update_actions())
        self.when_shown(self.reload)

    def title(self) -> str:
        return self.tr("Win-back")

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(self.tr("Win-back"))
        heading.setObjectName("pageTitle")
        hint = QLabel(self.tr("Regulars who stopped coming, the most valuable and latest "
                              "first. Call or message them; snooze those you have dealt "
                              "with."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.view_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        views = QHBoxLayout()
        for key in VIEWS:
            button = QToolButton(self)
            button.setObjectName(f"view-{key}")
            button.setCheckable(True)
            button.setProperty("chip", True)
            button.clicked.connect(lambda _=False, k=key: self.show_view(k))
            group.addButton(button)
            views.addWidget(button)
            self.view_buttons[key] = button
        self.view_buttons["absent"].setChecked(True)
        views.addStretch(1)
        # came back after contact, in money (the one computation: winback_summary)
        self.winback_line = QLabel(self)
        self.winback_line.setObjectName("winbackTotals")
        self.winback_line.setWordWrap(True)
        days = int(self.ctx.settings.get("absence.contacted_days"))
        self.hide_contacted = QCheckBox(self.tr("Hide those contacted in the last {days} days")
                                        .format(days=self.ctx.display.number(days)))
        self.hide_contacted.setObjectName("hideContacted")
        self.hide_contacted.setChecked(True)
        self.hide_contacted.toggled.connect(lambda _on: self.reload())
        self._update_view_labels()

        self.notice = Notice(self)
        self.model = FollowUpTableModel(self.ctx.display, self)
        self.model.more_wanted.connect(self._load_more)
        self.table = QTableView(self)
        self.table.setObjectName("followupTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for key, width in (("priority", 62), ("name", 150), ("mobile", 118), ("days", 78),
                           ("gap", 88), ("visits", 62), ("spent", 105), ("last_visit", 92),
                           ("last_contact", 92)):
            header.resizeSection(COLUMN_KEYS.index(key), width)
        header.setSectionResizeMode(COLUMN_KEYS.index("reason"), QHeaderView.ResizeMode.Stretch)
        fit_headers(header)  # «مجموع خرید (تومان)» whole, not cut at the preset width
        self.table.doubleClicked.connect(lambda index: self.open_card(
            self.model.rows[index.row()].id))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda point: self.build_menu().popup(self.table.viewport().mapToGlobal(point)))

        self.back_table = QTableWidget(0, 8, self)
        self.back_table.setObjectName("cameBackTable")
        self.back_table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Mobile"), self.tr("Contacted"), self.tr("How"),
            self.tr("Days away then"), self.tr("Came back"), self.tr("Visits since"),
            self.ctx.display.money_header(self.tr("Spent since"))])
        self.back_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.back_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.back_table.verticalHeader().setVisible(False)
        self.back_table.setAlternatingRowColors(True)
        back_header = self.back_table.horizontalHeader()
        back_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        back_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.back_table.cellDoubleClicked.connect(
            lambda row, _c: self.open_card(self.came_back_rows[row].customer_id))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.back_table)

        self.selection_label = QLabel(self)
        self.message_button = QPushButton(self.tr("Message…"))
        self.message_button.setObjectName("messageButton")
        self.message_button.clicked.connect(self.message_selected)
        self.call_button = QPushButton(self.tr("Log a call…"))
        self.call_button.setObjectName("logCall")
        self.call_button.clicked.connect(self.ask_log_call)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setObjectName("snooze")
        self.snooze_button.setText(self.tr("Snooze ▾"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for days in SNOOZE_CHOICES:
            menu.addAction(self.tr("{days} days").format(days=self.ctx.display.number(days)),
                           functools.partial(self._snooze_selected, days))
        menu.addAction(self.tr("Other…"), self.ask_snooze)
        self.snooze_button.setMenu(menu)
        self.card_button = QPushButton(self.tr("Open card"))
        self.card_button.clicked.connect(lambda: self._open_first(self.selected_ids()))
        actions = QHBoxLayout()
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        for widget in (self.card_button, self.snooze_button, self.call_button,
                       self.message_button):
            actions.addWidget(widget)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addLayout(views)
        layout.addWidget(self.winback_line)
        layout.addWidget(self.hide_contacted)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)
        self._update_actions()

    def _update_view_labels(self) -> None:
        d = self.ctx.display
        names = {"absent": self.tr("Absent"), "overdue": self.tr("Overdue"),
                 "came_back": self.tr("Came back after contact")}
        for key, button in self.view_buttons.items():
            total = self.totals.get(key)
            button.setText(names[key] if total is None
                           else self.tr("{name} ({count})").format(name=names[key],
                                                                  count=d.number(total)))

    # -- loading -----------------------------------------------------------------------
    def show_view(self, view: str) -> None:
        self.view = view
        self.view_buttons[view].setChecked(True)
        self.stack.setCurrentIndex(1 if view == "came_back" else 0)
        self.hide_contacted.setVisible(view != "came_back")
        self.reload()

    def activated(self) -> None:
        if self._stale:
            self.reload()

    def ready(self) -> bool:
        return self._loaded_generation == self._generation

    def _options(self) -> dict[str, Any]:
        return {"include_contacted": not self.hide_contacted.isChecked()}

    def reload(self) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        options = self._options()  # read in the GUI thread; the workers get plain values
        self.ctx.workers.run(winback_summary, self.ctx.db, self.absence.rules(),
                             name="winback-summary",
                             on_done=functools.partial(self._summary, generation),
                             on_error=self._failed)
        if self.view != "came_back":
            fetch = self.absence.absent if self.view == "absent" else self.absence.overdue
            self.ctx.workers.run(functools.partial(fetch, limit=self.model.PAGE, words=True,
                                                   **options),
                                 name="followup",
                                 on_done=functools.partial(self._loaded, generation),
                                 on_error=self._failed)
        for other in ("absent", "overdue"):
            if other != self.view:
                fetch_other = self.absence.absent if other == "absent" else self.absence.overdue
                self.ctx.workers.run(list_total, fetch_other, options, name="followup-count",
                                     on_done=functools.partial(self._counted, other),
                                     on_error=self._count_failed)

    def _loaded(self, generation: int, page: FollowUpPage) -> None:
        if generation != self._generation:
            return
        self._loaded_generation = generation
        self.model.set_rows(page.rows, page.total)
        self._fit_columns(page.rows)
        self._counted(page.kind, page.total)
        self._update_actions()

    PRIORITY_MAX = 340  # px: the priority words are short; a longer text is cut, not the rest

    def _fit_columns(self, rows: list[FollowUpRow]) -> None:
        """Headers whole (the money header names a unit that may change) and the priority
        column as wide as the words of the rows loaded (only widened: the owner may have
        made it wider)."""
        header = self.table.horizontalHeader()
        fit_headers(header)
        column = COLUMN_KEYS.index("priority")
        need = min(text_need(self.table, (self.model.text("priority", r) for r in rows)),
                   self.PRIORITY_MAX)
        if header.sectionSize(column) < need:
            header.resizeSection(column, need)

    def _count_failed(self, _error: BaseException) -> None:
        """The other list's count is a nicety; the list itself reports its errors."""

    def _counted(self, kind: str, total: int | None) -> None:
        self.totals[kind] = total
        self._update_view_labels()

    @Slot(int)
    def _load_more(self, offset: int) -> None:
        generation = self._generation
        fetch = self.absence.absent if self.view == "absent" else self.absence.overdue

        self.ctx.workers.run(functools.partial(fetch, limit=self.model.PAGE, offset=offset,
                                               with_total=False, words=True,
                                               **self._options()),
                             name="followup-more",
                             on_done=functools.partial(self._more_loaded, generation),
                             on_error=self._failed)

    def _more_loaded(self, generation: int, page: FollowUpPage) -> None:
        if generation == self._generation:
            self.model.append(page.rows)
            self._fit_columns(page.rows)

    def _summary(self, generation: int, summary: WinbackSummary) -> None:
        if generation != self._generation:
            return
        self.summary = summary
        self.winback_line.setText(WinbackWords(self).sentence(self.ctx.display, summary))
        if self.view == "came_back":
            self._came_back(generation, summary.rows)

    def _came_back(self, generation: int, rows: list[CameBack]) -> None:
        if generation != self._generation:
            return
        self._loaded_generation = generation
        d = self.ctx.display
        kinds = {"call": self.tr("Call"), "sms": self.tr("SMS"), "email": self.tr("Email")}
        self.came_back_rows = rows
        self.totals["came_back"] = len(rows)
        self._update_view_labels()
        self.back_table.setRowCount(len(rows))
        set_header_text(self.back_table, 7,  # the unit may change (first run)
                        self.ctx.display.money_header(self.tr("Spent since")))
        for r, row in enumerate(rows):
            cells = [row.name, d.mobile(row.mobile), d.date(row.contacted_at),
                     kinds.get(row.contact_kind, row.contact_kind), d.number(row.days_absent),
                     self.tr("{date} ({days} days later)").format(
                         date=d.date(row.returned_at), days=d.number(row.days_to_return)),
                     d.number(row.visits_since), d.money(row.spent_since)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.back_table.setItem(r, c, item)
        self._update_actions()

    @Slot(str)
    def _book_changed(self, _what: str) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # -- selection and actions ---------------------------------------------------------
    def selected_ids(self) -> list[int]:
        if self.view == "came_back":
            rows = sorted({i.row() for i in self.back_table.selectionModel().selectedRows()})
            return [self.came_back_rows[r].customer_id for r in rows
                    if r < len(self.came_back_rows)]
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    def select_ids(self, ids: list[int]) -> None:
        from PySide6.QtCore import QItemSelectionModel

        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for r, row in enumerate(self.model.rows):
            if row.id in ids:
                selection.select(self.model.index(r, 0), flags)

    def _names(self, ids: list[int]) -> list[str]:
        by_id = {r.id: r.name for r in self.model.rows}
        by_id.update({r.customer_id: r.name for r in self.came_back_rows})
        return [by_id.get(i, "") for i in ids]

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        lists = self.view != "came_back"
        self.selection_label.setText(self.tr("{count} selected").format(
            count=self.ctx.display.number(len(ids))) if ids else "")
        has_hook = self.ctx.hooks.has("message")
        self.message_button.setEnabled(bool(ids) and has_hook)
        self.message_button.setToolTip("" if has_hook else
                                       self.tr("Messaging arrives with the Campaigns page."))
        self.call_button.setEnabled(bool(ids) and lists)
        self.snooze_button.setEnabled(bool(ids) and lists)
        self.card_button.setEnabled(bool(ids))

    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        ids = self.selected_ids()
        menu.addAction(self.tr("Open card"), functools.partial(self._open_first, ids))
        menu.addAction(self.tr("Message…"), self.message_selected).setEnabled(
            self.ctx.hooks.has("message"))
        menu.addAction(self.tr("Log a call…"), self.ask_log_call)
        snooze = menu.addMenu(self.tr("Snooze"))
        for days in SNOOZE_CHOICES:
            snooze.addAction(self.tr("{days} days").format(days=self.ctx.display.number(days)),
                             functools.partial(self.snooze, ids, days))
        return menu

    def _open_first(self, ids: list[int]) -> None:
        if ids:
            self.open_card(ids[0])

    def _snooze_selected(self, days: int) -> None:
        self.snooze(self.selected_ids(), days)

    def message_selected(self) -> None:
        hook = self.ctx.hooks.get("message")
        ids = self.selected_ids()
        if hook is not None and ids:
            hook(ids, template="winback")

    def open_card(self, customer_id: int) -> None:
        from ui.dialogs.customer_card import CustomerCard

        card = CustomerCard(self.ctx, customer_id, self)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.open()

    def ask_log_call(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        dialog = LogCallDialog(self._names(ids), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.log_call(ids, dialog.note.toPlainText()))
        dialog.open()
        self.last_dialog: QDialog = dialog  # the dialog open now (tests drive it)

    def log_call(self, ids: list[int], note: str = "") -> None:
        def work() -> int:
            for cid in ids:
                self.followup.log(cid, "call", note)
            return len(ids)

        self.ctx.workers.write(work, name="log-call", on_error=self._failed,
                               on_done=functools.partial(self._called, ids))

    def _called(self, ids: list[int], count: int) -> None:
        self._written(ids, self.tr("Call logged for {count} customers.").format(
            count=self.ctx.display.number(count)), hide=self.hide_contacted.isChecked())

    def ask_snooze(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        dialog = SnoozeDialog(self.ctx.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.snooze(ids, dialog.days.value()))
        dialog.open()
        self.last_dialog = dialog

    def snooze(self, ids: list[int], days: int) -> None:
        if not ids:
            return

        def work() -> int:
            for cid in ids:
                self.followup.snooze(cid, days)
            return len(ids)

        self.ctx.workers.write(work, name="snooze", on_error=self._failed,
                               on_done=functools.partial(self._snoozed, ids, days))

    def _snoozed(self, ids: list[int], days: int, count: int) -> None:
        self._written(ids, self.tr("{count} customers snoozed for {days} days.").format(
            count=self.ctx.display.number(count), days=self.ctx.display.number(days)),
            hide=True)

    def _written(self, ids: list[int], message: str, *, hide: bool) -> None:
        if hide:
            self.model.remove_ids(set(ids))
        self.notice.show_message(message, kind="ok", timeout_ms=6_000)
        self.ctx.book_changed("followup")

    def _failed(self, error: BaseException) -> None:
        self.notice.show_message(error_words(error, self.ctx.lang), kind="error")

    # -- state -------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("winback/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("winback/header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
            fit_headers(self.table.horizontalHeader())  # a state saved when they were cut
