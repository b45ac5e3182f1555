"""The Excel page: every import of the book (file, time, counts) with Undo, and the doors to
the import wizard (Ctrl+I) and the export dialog (Ctrl+E).

The page fills the window's ``import`` and ``export`` hooks, so File > Import, File > Export
and the customers page's Export button work from anywhere. The list is read on a reader
thread when the page is first shown and after every import or undo; the import services
(and with them the spreadsheet readers) load only then, never at start-up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from ui.app_context import AppContext
from ui.display import isolate
from ui.pages.base import Page
from ui.widgets.notice import Notice
from ui.widgets.record_table import record_table

SHOWN = 500


def load_batches(db: Any) -> list[Any]:
    from shopcrm.services.excel.importer import list_batches

    return list_batches(db, limit=SHOWN)


class ImportsPage(Page):
    key = "imports"
    icon_name = "imports"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.display = ctx.display
        self.batches: list[Any] = []
        self._loading = False
        self.wizard: Any = None
        self.export_dialog: Any = None
        self.undo_flow: Any = None
        heading = QLabel(self.tr("Excel"))
        heading.setObjectName("pageTitle")
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.setToolTip(self.tr("Import customers or visits from a file "
                                              "(Ctrl+I)"))
        self.import_button.clicked.connect(self.open_wizard)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export customers, visits or lists to Excel "
                                              "(Ctrl+E)"))
        self.export_button.clicked.connect(lambda: self.open_export(None))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        hint = QLabel(self.tr(
            "Every import is kept here. Undo removes the customers and visits it added and "
            "restores what it changed; if some were edited since, you are asked first."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.notice = Notice(self)
        self.table = record_table(self, [
            self.tr("Import"), self.tr("File"), self.tr("What"), self.tr("When"),
            self.tr("New"), self.tr("Updated"), self.tr("Skipped and errors"),
            self.tr("Status")], name="importsTable", stretch=1)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QLabel(self.tr(
            "No imports yet. Import your Excel list of customers with the button above."))
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.undo_button = QPushButton(self.tr("Undo this import…"))
        self.undo_button.setObjectName("undoBatch")
        self.undo_button.clicked.connect(self.undo_selected)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(bottom)
        self.empty_label.hide()
        self._update_buttons()
        self.follow_the_book(changes={"import", "demo", "restore"})
        ctx.hooks.set("import", self.open_wizard)
        ctx.hooks.set("export", self.open_export)

    def title(self) -> str:
        return self.tr("Excel")

    def ready(self) -> bool:
        return not self._loading

    # -- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        self._loading = True
        self.ctx.workers.run(load_batches, self.ctx.db, name="import-batches",
                             on_done=self._loaded, on_error=self._failed)

    def _loaded(self, batches: list[Any]) -> None:
        self._loading = False
        selected = self.selected_batch()
        self.batches = batches
        self.table.setRowCount(len(batches))
        n = self.display.number
        for row, b in enumerate(batches):
            what = self.tr("Visits") if b.kind == "visits" else self.tr("Customers")
            status = (self.tr("Undone on {date}").format(date=self.display.datetime(b.undone_at))
                      if b.undone_at else self.tr("In the book"))
            cells = (n(b.id), isolate(b.file_name) + (f" · {isolate(b.sheet)}" if b.sheet
                                                      else ""),
                     what, self.display.datetime(b.created_at), n(b.inserted), n(b.updated),
                     f"{n(b.skipped)} / {n(b.errors)}", status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setToolTip(f"{b.file_name}\nSHA-256: {b.file_hash}")
                if b.undone_at:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(batches))
        self.empty_label.setVisible(not batches)
        self.undo_button.setVisible(bool(batches))
        if selected is not None:
            self.select_batch(selected.id)
        elif batches:
            self._select_row(0)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    def selected_batch(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.batches):
            return None
        return self.batches[rows[0].row()]

    def select_batch(self, batch_id: int) -> None:
        for row, b in enumerate(self.batches):
            if b.id == batch_id:
                self._select_row(row)
                return

    def _select_row(self, row: int) -> None:
        # Not QTableView.selectRow: right to left, it looks for the column at the viewport's
        # far edge and selects nothing when the columns do not reach it.
        selection = self.table.selectionModel()
        index = self.table.model().index(row, 0)
        selection.select(index, selection.SelectionFlag.ClearAndSelect
                         | selection.SelectionFlag.Rows)
        selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)

    def _update_buttons(self) -> None:
        batch = self.selected_batch()
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None
                                    and self.undo_flow is None)

    # -- actions ---------------------------------------------------------------------------
    @Slot()
    def open_wizard(self) -> Any:
        from ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self.window())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        self.wizard = wizard
        return wizard

    def open_export(self, spec: Any = None) -> Any:
        from ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.ctx, spec, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    @Slot()
    def undo_selected(self) -> Any:
        from ui.dialogs.import_wizard import UndoFlow

        batch = self.selected_batch()
        if batch is None or batch.undone_at is not None:
            return None
        flow = UndoFlow(self.ctx, batch.id, self)
        flow.finished.connect(self._undone)
        flow.failed.connect(self._undo_failed)
        self.undo_flow = flow
        self._update_buttons()
        flow.start()
        return flow

    def _undone(self, result: Any) -> None:
        self.undo_flow = None
        n = self.display.number
        self.notice.show_message(self.tr(
            "Import {batch} was undone. Customers removed: {removed} · restored: {restored} "
            "· visits removed: {visits}").format(batch=n(result.batch_id),
                                               removed=n(result.removed),
                                               restored=n(result.restored),
                                               visits=n(result.visits_removed)),
            kind="ok", timeout_ms=10_000)
        self._update_buttons()

    def _undo_failed(self, text: str) -> None:
        self.undo_flow = None
        self.notice.show_message(text)
        self._update_buttons()
