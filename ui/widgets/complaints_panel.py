"""The complaints of one customer, for the customer card: the history with status and
resolution, a new complaint, and working on a chosen one. ``changed(open, total)`` after
each load, so the card can badge an open complaint."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.customers.visits import VisitView
from shopcrm.services.retention.complaints import ComplaintService, ComplaintView
from ui.app_context import AppContext
from ui.widgets.complaint_words import channel_words, severity_words, status_words
from ui.widgets.notice import Notice

OPEN_COLOUR = "#a61b1b"


class ComplaintsPanel(QWidget):
    changed = Signal(int, int)  # open (incl. in progress), total

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 service: ComplaintService | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service or ComplaintService(ctx.db)
        self.customer_id: int | None = None
        self.visits: list[VisitView] = []
        self.rows: list[ComplaintView] = []
        self.setObjectName("complaintsPanel")
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("complaintsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Opened"), self.tr("Severity"), self.tr("Status"), self.tr("Came in by"),
            self.tr("Visit"), self.tr("Complaint"), self.tr("Resolution")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.new_button = QPushButton(self.tr("New complaint…"))
        self.new_button.setObjectName("newComplaint")
        self.new_button.clicked.connect(self.new_complaint)
        self.edit_button = QPushButton(self.tr("Work on it…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.notice = Notice(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_customer(self, customer_id: int, visits: list[VisitView]) -> None:
        self.customer_id = customer_id
        self.visits = list(visits)
        self.reload()

    def reload(self) -> None:
        if self.customer_id is None:
            return
        customer_id = self.customer_id
        self.ctx.workers.run(lambda: self.service.list(customer_id=customer_id),
                             name="complaints", on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[ComplaintView]) -> None:
        d = self.ctx.display
        severities, statuses, channels = severity_words(), status_words(), channel_words()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            visit = ("، " if d.rtl else " · ").join(
                x for x in (d.date(c.visit_at), c.service or "") if x)
            cells = [d.datetime(c.opened_at), severities.get(c.severity, c.severity),
                     statuses.get(c.status, c.status), channels.get(c.channel, c.channel),
                     visit, c.text, c.resolution or ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                if column == 2 and c.is_open:
                    item.setForeground(QColor(OPEN_COLOUR))
                self.table.setItem(r, column, item)
        self._update_buttons()
        self.changed.emit(sum(1 for c in rows if c.is_open), len(rows))

    def _failed(self, error: BaseException) -> None:
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self.customer_id is not None)
        self.edit_button.setEnabled(self.selected() is not None)

    def selected(self) -> ComplaintView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def new_complaint(self):  # type: ignore[no-untyped-def]
        return self._open_form(None)

    def edit_selected(self):  # type: ignore[no-untyped-def]
        chosen = self.selected()
        return self._open_form(chosen) if chosen is not None else None

    def _open_form(self, complaint: ComplaintView | None):  # type: ignore[no-untyped-def]
        from ui.dialogs.complaint_form import ComplaintForm

        if self.customer_id is None:
            return None
        form = ComplaintForm(self.ctx, self.customer_id, visits=self.visits,
                             complaint=complaint, service=self.service, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda _id: self.reload())
        form.open()
        self.form = form
        return form
