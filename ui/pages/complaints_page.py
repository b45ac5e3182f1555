"""Complaints: every complaint in the book with the report (open, resolved, median days
to resolve, by service and by staff). Double-click opens the complaint to work on it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.retention.complaints import (
    ComplaintReport,
    ComplaintService,
    ComplaintView,
    GroupFigures,
)
from ui.app_context import AppContext
from ui.pages.base import Page
from ui.widgets.complaint_words import channel_words, severity_words, status_words
from ui.widgets.complaints_panel import OPEN_COLOUR
from ui.widgets.notice import Notice
from ui.widgets.record_table import record_table

SHOWN = 2_000


def load_complaints(service: ComplaintService,
                    open_only: bool) -> tuple[list[ComplaintView], ComplaintReport]:
    return service.list(open_only=open_only, limit=SHOWN), service.report()


class ComplaintsPage(Page):
    key = "complaints"
    icon_name = "complaints"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 service: ComplaintService | None = None) -> None:
        super().__init__(ctx, parent)
        self.service = service or ComplaintService(ctx.db)
        self.rows: list[ComplaintView] = []
        self.report: ComplaintReport | None = None
        heading = QLabel(self.tr("Complaints"))
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("complaintSummary")
        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.reload())
        self.edit_button = QPushButton(self.tr("Work on it…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.table = record_table(self, [
            self.tr("Opened"), self.tr("Customer"), self.tr("Mobile"), self.tr("Severity"),
            self.tr("Status"), self.tr("Came in by"), self.tr("Service"), self.tr("Staff"),
            self.tr("Complaint")])
        self.table.setObjectName("complaintsTable")
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        groups = [self.tr("Open"), self.tr("Resolved"), self.tr("Median days to resolve")]
        self.by_service = record_table(self, [self.tr("Service"), *groups])
        self.by_staff = record_table(self, [self.tr("Staff"), *groups])
        for table in (self.by_service, self.by_staff):
            table.setMaximumHeight(170)
        self.notice = Notice(self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_only)
        top.addWidget(self.edit_button)
        groups_row = QHBoxLayout()
        groups_row.addWidget(self.by_service)
        groups_row.addWidget(self.by_staff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(groups_row)
        self._update_buttons()
        self.follow_the_book()

    def title(self) -> str:
        return self.tr("Complaints")

    def reload(self) -> None:
        self._stale = False
        self.ctx.workers.run(load_complaints, self.service, self.open_only.isChecked(),
                             name="complaints-page", on_done=self._loaded,
                             on_error=self._failed)

    def _loaded(self, loaded: tuple[list[ComplaintView], ComplaintReport]) -> None:
        rows, report = loaded
        d = self.ctx.display
        severities, statuses, channels = severity_words(), status_words(), channel_words()
        self.rows, self.report = rows, report
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            cells = [d.datetime(c.opened_at), c.customer_name, d.mobile(c.mobile),
                     severities.get(c.severity, c.severity), statuses.get(c.status, c.status),
                     channels.get(c.channel, c.channel), c.service or "", c.staff or "", c.text]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4 and c.is_open:
                    item.setForeground(QColor(OPEN_COLOUR))
                self.table.setItem(r, column, item)
        median = ("—" if report.median_days_to_resolve is None
                  else d.number(round(report.median_days_to_resolve, 1)))
        self.summary.setText(self.tr(
            "{open} open ({progress} in progress) · {resolved} resolved · median {days} days "
            "to resolve").format(open=d.number(report.open), progress=d.number(report.in_progress),
                                 resolved=d.number(report.resolved), days=median))
        self._fill_groups(self.by_service, report.by_service)
        self._fill_groups(self.by_staff, report.by_staff)
        self._update_buttons()

    def _fill_groups(self, table: QTableWidget, groups: list[GroupFigures]) -> None:
        d = self.ctx.display
        table.setRowCount(len(groups))
        for r, g in enumerate(groups):
            cells = [g.name or "—", d.number(g.open), d.number(g.resolved),
                     "—" if g.median_days is None else d.number(round(g.median_days, 1))]
            for column, text in enumerate(cells):
                table.setItem(r, column, QTableWidgetItem(text))

    def _failed(self, error: BaseException) -> None:
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def selected(self) -> ComplaintView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def edit_selected(self):  # type: ignore[no-untyped-def]
        from ui.dialogs.complaint_form import ComplaintForm

        chosen = self.selected()
        if chosen is None:
            return None
        form = ComplaintForm(self.ctx, chosen.customer_id, complaint=chosen,
                             service=self.service, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        self.form = form
        return form
