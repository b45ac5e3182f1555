"""The trash: customers moved there from the customers page, restored or removed for good."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.customers.service import CustomerView
from ui.app_context import AppContext
from ui.pages.base import Page
from ui.widgets.notice import Notice
from ui.widgets.record_table import record_table

SHOWN = 2_000  # the newest in the trash; older ones stay there until emptied


class TrashPage(Page):
    key = "trash"
    icon_name = "trash"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[CustomerView] = []
        heading = QLabel(self.tr("Trash"))
        heading.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        hint = QLabel(self.tr("Customers moved to the trash keep their visits until the "
                              "trash is emptied. Restore brings them back as they were."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.table = record_table(self, [self.tr("Name"), self.tr("Mobile"), self.tr("Visits"),
                                         self.tr("Moved to trash")], name="trashTable",
                                  several=True, resize=QHeaderView.ResizeMode.Stretch)
        self.notice = Notice(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(self.tr("Empty the trash…"))
        self.empty_button.clicked.connect(self.ask_empty)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.restore_button)
        top.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        self._update_buttons()
        self.follow_the_book()

    def title(self) -> str:
        return self.tr("Trash")

    def reload(self) -> None:
        self._stale = False
        self.ctx.workers.run(self.ctx.customers.trash, name="trash", on_done=self._loaded,
                             on_error=self._failed)

    def _loaded(self, rows: list[CustomerView]) -> None:
        d = self.ctx.display
        self.rows = rows[:SHOWN]
        self.count_label.setText(self.tr("{count} customers").format(count=d.number(len(rows))))
        self.table.setRowCount(len(self.rows))
        for r, c in enumerate(self.rows):
            cells = [c.name, d.mobile(c.mobile), d.number(c.total_visits), d.date(c.deleted_at)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, column, item)
        self.empty_button.setEnabled(bool(rows))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[r].id for r in rows if r < len(self.rows)]

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return

        def work() -> int:
            for cid in ids:
                self.ctx.customers.restore(cid)
            return len(ids)

        self.ctx.workers.write(work, name="restore", on_done=self._restored,
                               on_error=self._failed)

    def _restored(self, count: int) -> None:
        self.ctx.book_changed("customers")
        self.notice.show_message(self.tr("{count} customers restored.").format(
            count=self.ctx.display.number(count)), kind="ok", timeout_ms=6000)

    def ask_empty(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Empty the trash"),
            self.tr("Remove every customer in the trash for good, with their visits and "
                    "contact history? This cannot be undone."))
        if answer == QMessageBox.StandardButton.Yes:
            self.empty()

    def empty(self) -> None:
        self.ctx.workers.write(self.ctx.customers.empty_trash, name="empty-trash",
                               on_done=lambda _n: self.ctx.book_changed("customers"),
                               on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")
