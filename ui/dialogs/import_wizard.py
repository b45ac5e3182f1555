"""The import wizard (Ctrl+I): an owner's workbook into the book, checked first, undoable.

Four steps, each answering one question:

1. **File**: which file (.xlsx/.xlsm/.xls/.ods/.csv), what it holds (customers or visits),
   which sheet (the one that looks like the list is chosen) and on which row its header is
   (found by itself; the owner may say otherwise).
2. **Columns**: the first rows as the file has them, with each column's field in a combo
   box right above its values. Recognised headers (Persian or English) come filled in; a
   mapping remembered for the same headers is applied (and said so); what the owner
   changes is remembered after the import. The duplicate policy (skip, fill, overwrite)
   or, for visits, whether to create missing customers.
3. **Check**: a dry run (nothing written) says what would be added, updated, merged and
   skipped, and lists every problem: row, column, value and reason in the window's language;
   the bad rows can be saved to an .xlsx copy with a reason column, to fix and re-import.
4. **Import**: the same run for real on the database writer thread, with progress and
   Cancel (a cancelled import leaves the book as it was), then the batch with Undo.

Every file read and every run happens on a worker (``ui.workers``): the window never waits
for a 100k-row file. The parts: ``import_work`` (what runs on the worker, the field words,
undo), ``import_columns`` (step 2) and ``import_check`` (step 3), mixed into the wizard;
this module holds the dialog, steps 1 and 4 and the navigation. The services are
``shopcrm.services.excel`` (reading, mapping) and ``shopcrm.services.excel.importer`` (dry
run, apply, undo); both are imported inside the functions that need them, so opening the
window does not load the spreadsheet readers.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import Cancelled
from ui.app_context import AppContext
from ui.dialogs.import_check import ImportCheckStep
from ui.dialogs.import_columns import ImportColumnsStep
from ui.dialogs.import_work import (
    FILE_FILTER,
    IGNORE,
    KEEP,
    STEPS,
    ImportOptions,
    LoadedSheet,
    UndoFlow,
    _State,
    failure_text,
    field_labels,
    open_sheet,
    run_import,
    save_bad_rows,
    show_unexpected,
)
from ui.display import isolate
from ui.widgets.notice import Notice
from ui.workers import Job


class ImportWizard(ImportColumnsStep, ImportCheckStep, QDialog):
    """``imported(ImportReport)`` after an import is applied; ``undone(UndoResult)``."""

    imported = Signal(object)
    undone = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.display = ctx.display
        self.state = _State()
        self.job: Job | None = None
        self.combos: dict[int, QComboBox] = {}
        self.undo_flow: UndoFlow | None = None
        self._load_generation = 0
        self._loading: Job | None = None
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import from Excel"))
        self.resize(1040, 660)
        self.step_label = QLabel()
        self.step_label.setObjectName("pageTitle")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_step())
        self.stack.addWidget(self._columns_step())
        self.stack.addWidget(self._check_step())
        self.stack.addWidget(self._import_step())
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show_step(0)

    # -- step 1: the file ------------------------------------------------------------------
    def _file_step(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr(
            "Choose the Excel or CSV file of your customers (or of their visits). Nothing "
            "is written until you have seen what the import will do."))
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.path_edit.setPlaceholderText(self.tr("The file's path, or choose it"))
        self.path_edit.editingFinished.connect(self._path_edited)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        self.customers_radio = QRadioButton(self.tr("A list of customers"))
        self.visits_radio = QRadioButton(self.tr("A list of visits (date, amount, service…)"))
        self.customers_radio.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.customers_radio)
        self.kind_group.addButton(self.visits_radio)
        self.kind_group.buttonClicked.connect(lambda _b: self.load_file())
        kinds = QVBoxLayout()
        kinds.addWidget(self.customers_radio)
        kinds.addWidget(self.visits_radio)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setMinimumWidth(260)
        self.sheet_combo.activated.connect(lambda _i: self.load_file(keep_sheet=True))
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("headerRow")
        self.header_spin.setRange(0, 0)
        self.header_spin.setSpecialValueText(self.tr("found by itself"))
        self.header_spin.setMinimumWidth(140)
        self.header_apply = QPushButton(self.tr("Read again from this row"))
        self.header_apply.clicked.connect(lambda: self.load_file(keep_sheet=True,
                                                                 keep_header=True))
        header_row = QHBoxLayout()
        header_row.addWidget(self.header_spin)
        header_row.addWidget(self.header_apply)
        header_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.tr("It holds:"), kinds)
        form.addRow(self.tr("Sheet:"), self.sheet_combo)
        form.addRow(self.tr("Header row:"), header_row)
        self.load_bar = QProgressBar()
        self.load_bar.setRange(0, 0)
        self.load_bar.setMaximumHeight(10)
        self.load_bar.setTextVisible(False)
        self.load_bar.hide()
        self.file_notice = Notice(page)
        self.file_summary = QLabel()
        self.file_summary.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.load_bar)
        layout.addWidget(self.file_notice)
        layout.addWidget(self.file_summary)
        layout.addStretch(1)
        return page

    @property
    def kind(self) -> str:
        return "visits" if self.visits_radio.isChecked() else "customers"

    @Slot()
    def choose_file(self) -> None:
        settings = self.ctx.window_settings()
        start = settings.value("import/folder") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), str(start),
            self.tr("Spreadsheets ({patterns})").format(patterns=FILE_FILTER) + ";;"
            + self.tr("All files (*)"))
        if path:
            settings.setValue("import/folder", str(Path(path).parent))
            self.path_edit.setText(path)
            self.load_file()

    @Slot()
    def _path_edited(self) -> None:
        loaded = self.state.loaded
        if self.path_edit.text().strip() and (loaded is None or
                                              loaded.path != self._typed_path()):
            self.load_file()

    def _typed_path(self) -> str:
        return self.path_edit.text().strip().strip('"')

    def load_file(self, *, keep_sheet: bool = False, keep_header: bool = False) -> Job | None:
        """Read the chosen file (on a reader thread); the columns step follows it."""
        path = self._typed_path()
        if not path:
            return None
        sheet = self.sheet_combo.currentText() if keep_sheet else None
        header = (self.header_spin.value() or None) if keep_header else None
        self._load_generation += 1
        generation = self._load_generation
        self._loading = None
        self.file_notice.hide()
        self.load_bar.show()
        self.file_summary.setText(self.tr("Reading the file…"))
        self.next_button.setEnabled(False)
        self.state = _State()
        job = self.ctx.workers.run(open_sheet, self.ctx.db, path, self.kind, sheet, header,
                                   name="import-open",
                                   on_done=functools.partial(self._loaded, generation),
                                   on_error=functools.partial(self._load_failed, generation))
        self._loading = job
        return job

    def _loaded(self, generation: int, loaded: LoadedSheet) -> None:
        if generation != self._load_generation:
            return
        self.load_bar.hide()
        self.state = _State(loaded=loaded)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(loaded.sheets)
        self.sheet_combo.setCurrentText(loaded.sheet)
        self.header_spin.setRange(0, max(loaded.last_row, 1))
        self.header_spin.setValue(loaded.header_row or 0)
        rows = self.display.number(loaded.data_rows)
        header = (self.tr("the header is on row {row}").format(
            row=self.display.number(loaded.header_row)) if loaded.header_row
            else self.tr("no header row: columns are named by their letters"))
        self.file_summary.setText(self.tr("{rows} rows to read in sheet “{sheet}”; {header}."
                                          ).format(rows=rows, sheet=isolate(loaded.sheet),
                                                   header=header))
        self._fill_columns(loaded)
        self._update_buttons()

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._load_generation:
            return
        self.load_bar.hide()
        self.file_summary.setText("")
        text = failure_text(error, self.ctx.lang)
        if text is None:
            show_unexpected(self, error)
            text = describe(error, self.ctx.lang)
        self.file_notice.show_message(text, kind="error")
        self._update_buttons()

    # -- step 4: the import ----------------------------------------------------------------
    def _import_step(self) -> QWidget:
        page = QWidget()
        self.import_label = QLabel()
        self.import_label.setObjectName("importSummary")
        self.import_label.setWordWrap(True)
        self.import_bar = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel the import"))
        self.cancel_button.clicked.connect(self.cancel_import)
        self.undo_button = QPushButton(self.tr("Undo this import"))
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self.undo)
        self.import_notice = Notice(page)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.import_label)
        layout.addWidget(self.import_bar)
        layout.addLayout(row)
        layout.addWidget(self.import_notice)
        layout.addStretch(1)
        return page

    def start_import(self) -> Job | None:
        """The import for real, on the database writer thread, with progress and Cancel."""
        if self.state.loaded is None:
            return None
        options = self.state.options or self.options()
        self._show_step(3)
        self.import_label.setText(self.tr("Importing… The window stays usable; Cancel "
                                          "leaves the book as it was."))
        self.import_bar.setRange(0, 0)
        self.import_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.undo_button.hide()
        self.import_notice.hide()
        db, settings, lang = self.ctx.db, self.ctx.settings, self.ctx.lang
        self.job = self.ctx.workers.run_generator(
            lambda cancel: run_import(db, settings, options, dry_run=False, lang=lang,
                                      cancel=cancel),
            on_progress=self._import_progress, on_done=self._imported,
            on_error=self._import_failed, writer=True, name="import")
        self._update_buttons()
        return self._running(self.job)

    def _import_progress(self, done: int, total: int) -> None:
        self.import_bar.setRange(0, total)
        self.import_bar.setValue(done)

    @Slot()
    def cancel_import(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.import_label.setText(self.tr("Stopping…"))

    def _imported(self, report: Any) -> None:
        self.job = None
        self.state.applied = report
        self.import_bar.hide()
        self.cancel_button.hide()
        self.undo_button.show()
        self.undo_button.setEnabled(True)
        self.import_label.setText(self.tr("Import {batch} is done.\n{summary}").format(
            batch=self.display.number(report.batch_id),
            summary=self.summary_text(report, dry_run=False)))
        self.ctx.book_changed("import")
        self.imported.emit(report)
        self._update_buttons()

    def _import_failed(self, error: BaseException) -> None:
        self.job = None
        self.import_bar.hide()
        self.cancel_button.hide()
        if isinstance(error, Cancelled):
            self.import_label.setText(self.tr("The import was cancelled; the book is as it "
                                              "was."))
        else:
            text = failure_text(error, self.ctx.lang)
            if text is None:
                show_unexpected(self, error)
                text = describe(error, self.ctx.lang)
            self.import_label.setText(self.tr("Nothing was imported: {reason}").format(
                reason=text))
        self._update_buttons()

    @Slot()
    def undo(self) -> UndoFlow | None:
        report = self.state.applied
        if report is None or report.batch_id is None:
            return None
        self.undo_button.setEnabled(False)
        self.undo_flow = UndoFlow(self.ctx, report.batch_id, self)
        self.undo_flow.finished.connect(self._undone)
        self.undo_flow.failed.connect(self._undo_failed)
        self.undo_flow.start()
        return self.undo_flow

    def _undone(self, result: Any) -> None:
        self.state.applied = None
        self.undo_button.hide()
        self.import_notice.show_message(self.tr(
            "The import was undone. Customers removed: {removed} · restored: {restored} · "
            "visits removed: {visits}").format(removed=self.display.number(result.removed),
                                               restored=self.display.number(result.restored),
                                               visits=self.display.number(
                                                   result.visits_removed)), kind="ok")
        self.undone.emit(result)
        self._update_buttons()

    def _undo_failed(self, text: str) -> None:
        self.undo_button.setEnabled(True)
        self.import_notice.show_message(text)

    # -- navigation ------------------------------------------------------------------------
    def _running(self, job: Job) -> Job:
        """Forget a job that already ended (the test pool runs it inside ``run_generator``,
        callbacks included, before its caller stores it)."""
        if job.done:
            self.job = None
            self._update_buttons()
        return job

    def step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    def _show_step(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        titles = (self.tr("1. The file"), self.tr("2. The columns"),
                  self.tr("3. The check (nothing is written yet)"), self.tr("4. The import"))
        self.step_label.setText(titles[index])
        self._update_buttons()

    @Slot()
    def next(self) -> None:
        index = self.stack.currentIndex()
        if index == 0:
            if self.state.loaded is None:
                if self._loading is None or self._loading.done:
                    self._loading = self.load_file()
                return
            self._show_step(1)
        elif index == 1:
            self._show_step(2)
            self.start_check()
        elif index == 2:
            self.start_import()
        else:
            self.accept()

    @Slot()
    def back(self) -> None:
        index = self.stack.currentIndex()
        if index == 3:
            self._show_step(1)
        elif index > 0:
            self._show_step(index - 1)

    def _update_buttons(self) -> None:
        index = self.stack.currentIndex()
        running = self.job is not None
        loaded = self.state.loaded is not None
        self.back_button.setVisible(index > 0)
        self.back_button.setEnabled(not running and self.state.applied is None)
        texts = (self.tr("Next"), self.tr("Check (dry run)"), self.tr("Import"),
                 self.tr("Finish"))
        self.next_button.setText(texts[index])
        if index == 0:
            ok = loaded or bool(self._typed_path())
        elif index == 1:
            ok = loaded
        elif index == 2:
            report = self.state.report
            ok = report is not None and (report.inserted + report.updated
                                         + report.visits_inserted) > 0
        else:
            ok = not running
        self.next_button.setEnabled(ok and not running)
        self.close_button.setEnabled(not running)
        self.save_bad_button.setEnabled(self.bad_rows() > 0 and not running)

    def reject(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            return
        super().reject()

__all__ = ["IGNORE", "KEEP", "ImportOptions", "ImportWizard", "LoadedSheet",
           "UndoFlow", "failure_text", "field_labels", "open_sheet", "run_import",
           "save_bad_rows", "show_unexpected"]
