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
for a 100k-row file. The services are ``shopcrm.services.excel`` (reading, mapping) and
``shopcrm.services.excel.importer`` (dry run, apply, undo); both are imported inside the
functions that need them, so opening the window does not load the spreadsheet readers.
"""

from __future__ import annotations

import functools
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import Cancelled, ShopError
from ui.app_context import AppContext
from ui.display import isolate
from ui.gc_pause import gc_paused
from ui.models.preview_table import COMBO_ROW, PreviewTableModel
from ui.widgets.notice import Notice
from ui.workers import Job

PREVIEW_ROWS = 50
SHOWN_ISSUES = 2_000
FILE_FILTER = "*.xlsx *.xlsm *.xls *.ods *.csv"
IGNORE = "ignore"
KEEP = ""  # an unrecognised column: its values are kept in the notes ("header: value")
STEPS = ("file", "columns", "check", "import")


# -- words ---------------------------------------------------------------------------------


def field_labels(kind: str) -> dict[str, str]:
    """The fields a column can feed, in the window's language, in a sensible order."""
    translate = QCoreApplication.translate
    if kind == "visits":
        words = {
            "mobile": translate("ImportFields", "Mobile"),
            "name": translate("ImportFields", "Name"),
            "date": translate("ImportFields", "Date"),
            "time": translate("ImportFields", "Time"),
            "amount": translate("ImportFields", "Amount"),
            "service": translate("ImportFields", "Service"),
            "staff": translate("ImportFields", "Staff"),
            "payment": translate("ImportFields", "Payment method"),
            "satisfaction": translate("ImportFields", "Satisfaction"),
            "note": translate("ImportFields", "Note"),
        }
        return words
    return {
        "name": translate("ImportFields", "Name"),
        "first_name": translate("ImportFields", "First name"),
        "last_name": translate("ImportFields", "Last name"),
        "mobile": translate("ImportFields", "Mobile"),
        "phone2": translate("ImportFields", "Second phone"),
        "email": translate("ImportFields", "Email"),
        "birthday": translate("ImportFields", "Birthday"),
        "gender": translate("ImportFields", "Gender"),
        "city": translate("ImportFields", "City"),
        "address": translate("ImportFields", "Address"),
        "notes": translate("ImportFields", "Notes"),
        "tags": translate("ImportFields", "Tags"),
        "referral": translate("ImportFields", "Referred by"),
        "last_visit": translate("ImportFields", "Last visit"),
        "visit_count": translate("ImportFields", "Number of visits"),
        "vip": translate("ImportFields", "VIP"),
    }


def failure_text(error: BaseException, lang: str) -> str | None:
    """One sentence for an error the owner can act on; None for a bug (shown as a report)."""
    if isinstance(error, ShopError):
        return describe(error, lang)
    if isinstance(error, OSError):
        return QCoreApplication.translate("ImportWizard", "The file cannot be read: {detail}"
                                          ).format(detail=error.strerror or str(error))
    return None


def show_unexpected(parent: QWidget | None, error: BaseException) -> None:
    from ui.dialogs.error_dialog import ErrorReportDialog, mask_secrets

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    dialog = ErrorReportDialog(mask_secrets(text), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


# -- work done off the GUI thread (plain data in, plain data out) --------------------------


@dataclass
class LoadedSheet:
    """A sheet read and mapped, for the columns step (``table`` feeds the errors file)."""

    path: str
    kind: str
    sheets: list[str]
    sheet: str
    header_row: int | None
    headers: list[str]
    preview: list[tuple[int, list[Any]]]
    data_rows: int
    fields: dict[int, str]  # column -> field, as recognised or remembered
    ignored: set[int]
    mapping_source: str  # auto|remembered|none (nothing recognised: map by hand)
    table: Any = None
    last_row: int = 0
    suggested: dict[int, str] = field(default_factory=dict)  # column -> field it resembles
    notices: list[Any] = field(default_factory=list)  # FileNotice: how the file was read


def open_sheet(db: Any, path: str, kind: str, sheet: str | None,
               header_row: int | None) -> LoadedSheet:
    """Open ``path``, pick the sheet (guessed when None), locate and map the table."""
    from shopcrm.errors import InvalidInput
    from shopcrm.services.excel import open_workbook
    from shopcrm.services.excel.importer import open_import_table
    from shopcrm.services.excel.table import is_blank_row

    with gc_paused(), open_workbook(path) as workbook:
        sheets = list(workbook.sheet_names)
        if sheet is None or sheet not in sheets:
            sheet = (workbook.guess_customer_sheet() if kind == "customers"
                     else workbook.guess_visits_sheet())
        try:
            table, source = open_import_table(db, workbook, kind, sheet=sheet,
                                              header_row=header_row)
        except InvalidInput as exc:
            if exc.code not in ("import_no_columns", "import_no_visit_columns"):
                raise
            rows = workbook.read_sheet(sheet)
            index = (header_row - 1 if header_row else
                     next((i for i, r in enumerate(rows) if not is_blank_row(r)), 0))
            data = [(i + 1, rows[i]) for i in range(index + 1, len(rows))
                    if not is_blank_row(rows[i])]
            headers = [str(v).strip() if v not in (None, "") else "" for v in rows[index]]
            return LoadedSheet(path, kind, sheets, sheet, index + 1, headers,
                               data[:PREVIEW_ROWS], len(data), {}, set(), "none",
                               last_row=len(rows))
    mapping = table.mapping
    preview = [(i + 1, table.rows[i]) for i in table.data_indexes[:PREVIEW_ROWS]]
    return LoadedSheet(path, kind, sheets, sheet, table.header_row, list(mapping.headers),
                       preview, table.total_rows, dict(mapping.fields), set(mapping.ignored),
                       source, table, len(table.rows), dict(mapping.suggested),
                       [n for n in table.notices if n.code != "import_column_looks_like"])


@dataclass(frozen=True)
class ImportOptions:
    """What the owner chose: the same options serve the dry run and the import."""

    path: str
    kind: str
    sheet: str
    header_row: int | None
    mapping: dict[int, str] | None  # None: as recognised (or remembered)
    policy: str = "skip"
    create_customers: bool = False


@dataclass(frozen=True)
class Step:
    """Progress of a run on one bar: reading the file, then writing (when applying)."""

    done: int
    total: int


def run_import(db: Any, settings: Any, options: ImportOptions, *, dry_run: bool, lang: str,
               cancel: Any):  # type: ignore[no-untyped-def]
    """The import (or its dry run) as a progress generator ending with the report."""
    from shopcrm.services.excel.importer import ImportProgress, import_customers, import_visits

    common: dict[str, Any] = {"sheet": options.sheet, "mapping": options.mapping,
                              "header_row": options.header_row, "dry_run": dry_run,
                              "settings": settings, "cancel": cancel, "lang": lang}
    if options.kind == "visits":
        events = import_visits(db, options.path, create_customers=options.create_customers,
                               **common)
    else:
        events = import_customers(db, options.path, on_duplicate=options.policy, **common)
    stages = 1 if dry_run else 2
    with gc_paused():
        for event in events:
            if isinstance(event, ImportProgress):
                stage = 1 if event.stage == "write" else 0
                share = event.done / event.total if event.total else 1.0
                yield Step(int((stage + min(share, 1.0)) * 1000), stages * 1000)
            else:
                yield event


def save_bad_rows(report: Any, table: Any, path: str, lang: str) -> int:
    from shopcrm.services.excel.importer import write_errors_file

    return write_errors_file(report, table, path, lang)


# -- undo ----------------------------------------------------------------------------------


class UndoFlow(QObject):
    """Undo one import batch: on conflicts (customers edited, given visits or contacts, or
    trashed since), list them and ask; "Undo anyway" forces it. ``finished(result)`` with
    the ``UndoResult`` when something was undone, ``failed(text)`` otherwise."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, batch_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batch_id = batch_id
        self.parent_widget = parent
        self.box: QMessageBox | None = None
        self.conflicts: list[Any] = []

    def start(self, force: bool = False) -> Job:
        return self.ctx.workers.write(_undo, self.ctx.db, self.batch_id, force,
                                      self.ctx.settings, name="import-undo",
                                      on_done=self._done, on_error=self._failed)

    def _done(self, result: Any) -> None:
        if result.done:
            self.ctx.book_changed("import")
            self.finished.emit(result)
            return
        self.conflicts = list(result.conflicts)
        self.box = self.confirm_box(self.conflicts)
        self.box.open()

    def confirm_box(self, conflicts: list[Any]) -> QMessageBox:
        reasons = {
            "edited": self.tr("edited since the import"),
            "trashed": self.tr("moved to the trash since"),
            "new_visits": self.tr("has visits recorded since"),
            "contacts": self.tr("has calls or messages logged since"),
        }
        lines = [f"• {isolate(c.name)} {self.ctx.display.mobile(c.mobile)}: "
                 f"{reasons.get(c.reason, c.reason)}" for c in conflicts[:12]]
        if len(conflicts) > 12:
            lines.append(self.tr("…and {count} more.").format(
                count=self.ctx.display.number(len(conflicts) - 12)))
        box = QMessageBox(self.parent_widget)
        box.setObjectName("undoConflicts")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Undo the import"))
        box.setText(self.tr("{count} customers of this import changed after it. Undoing "
                            "removes or restores them anyway, and what changed since is "
                            "lost.").format(count=self.ctx.display.number(len(conflicts))))
        box.setInformativeText("\n".join(lines))
        self.force_button = box.addButton(self.tr("Undo anyway"),
                                          QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep the import"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(self._answered)
        return box

    def _answered(self, button: Any) -> None:
        if button is self.force_button:
            self.start(force=True)
        else:
            self.failed.emit(self.tr("The import was kept as it is."))

    def _failed(self, error: BaseException) -> None:
        text = failure_text(error, self.ctx.lang)
        if text is None:
            show_unexpected(self.parent_widget, error)
            text = describe(error, self.ctx.lang)
        self.failed.emit(text)


def _undo(db: Any, batch_id: int, force: bool, settings: Any) -> Any:
    from shopcrm.services.excel.importer import undo_import

    return undo_import(db, batch_id, force=force, settings=settings)


# -- the wizard ----------------------------------------------------------------------------


@dataclass
class _State:
    loaded: LoadedSheet | None = None
    choices: dict[int, str] = field(default_factory=dict)  # column -> field|ignore|""
    changed: bool = False  # the owner changed a column's field
    report: Any = None  # the dry run's ImportReport
    applied: Any = None  # the import's ImportReport
    options: ImportOptions | None = None


class ImportWizard(QDialog):
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

    # -- step 2: the columns ---------------------------------------------------------------
    def _columns_step(self) -> QWidget:
        page = QWidget()
        self.columns_intro = QLabel()
        self.columns_intro.setWordWrap(True)
        self.model = PreviewTableModel(self.display, self)
        self.model.combo_row_title = self.tr("Field")
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.model)
        self.preview.setWordWrap(False)
        self.preview.setAlternatingRowColors(True)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.verticalHeader().setDefaultSectionSize(28)
        self.preview.verticalHeader().setMinimumWidth(52)
        self.preview.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.horizontalHeader().setDefaultSectionSize(140)
        self.preview.horizontalHeader().setMinimumSectionSize(90)
        self.policy_combo = QComboBox()
        self.policy_combo.setObjectName("policyCombo")
        for policy, text in (
                ("skip", self.tr("Leave the customer as it is (skip)")),
                ("fill", self.tr("Fill only the customer's empty fields")),
                ("overwrite", self.tr("Replace the customer's fields with the file's"))):
            self.policy_combo.addItem(text, policy)
        self.policy_combo.currentIndexChanged.connect(lambda _i: self._options_changed())
        self.create_check = QCheckBox(self.tr("Create a customer for a mobile not in the book"))
        self.create_check.toggled.connect(lambda _on: self._options_changed())
        self.policy_label = QLabel(self.tr("When a row's customer is already in the book:"))
        options = QHBoxLayout()
        options.addWidget(self.policy_label)
        options.addWidget(self.policy_combo)
        options.addWidget(self.create_check)
        options.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.columns_intro)
        layout.addWidget(self.preview, 1)
        layout.addLayout(options)
        return page

    def _fill_columns(self, loaded: LoadedSheet) -> None:
        self.model.set_sheet(loaded.headers, loaded.preview)
        for combo in self.combos.values():
            combo.deleteLater()
        self.combos = {}
        labels = field_labels(loaded.kind)
        for column in range(self.model.columnCount()):
            choice = (loaded.fields.get(column)
                      or (IGNORE if column in loaded.ignored else KEEP))
            self.state.choices[column] = choice
            combo = QComboBox()
            combo.setObjectName(f"fieldCombo{column}")
            for key, text in labels.items():
                combo.addItem(text, key)
            combo.insertSeparator(combo.count())
            if choice == KEEP:
                combo.addItem(self.tr("Keep in the notes"), KEEP)
            combo.addItem(self.tr("Leave out"), IGNORE)
            combo.setCurrentIndex(max(combo.findData(choice), 0))
            maybe = loaded.suggested.get(column)
            if maybe is not None and choice == KEEP:  # offered, never taken by itself
                combo.setProperty("suggested", True)
                combo.setToolTip(self.tr("Maybe {field}? Choose it if it is.").format(
                    field=labels.get(maybe, maybe)))
            combo.currentIndexChanged.connect(
                lambda _i, c=column, box=combo: self._field_chosen(c, box.currentData()))
            self.preview.setIndexWidget(self.model.index(COMBO_ROW, column), combo)
            self.combos[column] = combo
        self.preview.verticalHeader().resizeSection(COMBO_ROW, 34)
        header = self.preview.horizontalHeader()
        for column, combo in self.combos.items():  # room for the field and the values
            wanted = max(self.preview.sizeHintForColumn(column), combo.sizeHint().width(),
                         header.sectionSizeFromContents(column).width())
            header.resizeSection(column, min(max(wanted + 8, 110), 260))
        self._update_field_labels()
        self._update_columns_intro()
        visits = loaded.kind == "visits"
        self.policy_label.setVisible(not visits)
        self.policy_combo.setVisible(not visits)
        self.create_check.setVisible(visits)

    def field_combo(self, column: int) -> QComboBox:
        return self.combos[column]

    def _field_chosen(self, column: int, choice: str) -> None:
        if self.state.choices.get(column) == choice:
            return
        self.state.choices[column] = choice
        self.state.changed = True
        self._options_changed()
        self._update_field_labels()
        self._update_columns_intro()

    def _options_changed(self) -> None:
        self.state.report = None
        self.model.set_issues([])

    def _update_field_labels(self) -> None:
        loaded = self.state.loaded
        labels = field_labels(loaded.kind if loaded else "customers")
        self.model.set_field_labels({c: labels.get(f, self.tr("Leave out") if f == IGNORE
                                                   else self.tr("Keep in the notes"))
                                     for c, f in self.state.choices.items()})

    def _update_columns_intro(self) -> None:
        loaded = self.state.loaded
        if loaded is None:
            return
        if self.state.changed:
            how = self.tr("You changed the fields; your choice is remembered for the next "
                          "file with these headers.")
        elif loaded.mapping_source == "remembered":
            how = self.tr("The fields you chose last time for these headers are applied.")
        elif loaded.mapping_source == "none":
            how = self.tr("No header was recognised: choose the field of each column.")
        else:
            how = self.tr("The fields were recognised from the headers; change any that "
                          "is wrong.")
        lines = [self.tr("Check the field of each column above its first rows. {how}")
                 .format(how=how)]
        lines += [describe(notice, self.ctx.lang) for notice in loaded.notices]
        labels = field_labels(loaded.kind)
        for column, maybe in sorted(loaded.suggested.items()):
            if self.state.choices.get(column) == KEEP:
                lines.append(self.tr(
                    "Column «{column}» may be the {field}, but it is not taken as such "
                    "unless you choose it above; until then its values go to the notes.")
                    .format(column=self.model.column_title(column),
                            field=labels.get(maybe, maybe)))
        self.columns_intro.setText("\n".join(lines))

    def options(self) -> ImportOptions:
        loaded = self.state.loaded
        assert loaded is not None
        mapping = None
        if self.state.changed or loaded.mapping_source == "none":
            mapping = {c: f for c, f in self.state.choices.items() if f != KEEP}
        header = self.header_spin.value() or None
        return ImportOptions(loaded.path, loaded.kind, loaded.sheet, header, mapping,
                             self.policy_combo.currentData() or "skip",
                             self.create_check.isChecked())

    # -- step 3: the check (dry run) -------------------------------------------------------
    def _check_step(self) -> QWidget:
        page = QWidget()
        self.check_summary = QLabel()
        self.check_summary.setObjectName("checkSummary")
        self.check_summary.setWordWrap(True)
        self.check_bar = QProgressBar()
        self.check_bar.hide()
        self.check_notice = Notice(page)
        self.issues_table = self._list_table(
            "issuesTable", [self.tr("Row"), self.tr("Column"), self.tr("Value"),
                            self.tr("Problem")])
        self.matches_table = self._list_table(
            "matchesTable", [self.tr("Row"), self.tr("Customer"), self.tr("What happens")])
        self.check_tabs = QTabWidget()
        self.check_tabs.addTab(self.issues_table, "")
        self.check_tabs.addTab(self.matches_table, "")
        self.save_bad_button = QPushButton(self.tr("Save the bad rows to .xlsx…"))
        self.save_bad_button.setObjectName("saveBadRows")
        self.save_bad_button.clicked.connect(self.choose_bad_rows_file)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_bad_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.check_summary)
        layout.addWidget(self.check_bar)
        layout.addWidget(self.check_notice)
        layout.addWidget(self.check_tabs, 1)
        layout.addLayout(row)
        return page

    def _list_table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def start_check(self) -> Job | None:
        """The dry run: what the import would do, nothing written (a reader thread)."""
        if self.state.loaded is None:
            return None
        options = self.options()
        self.state.options = options
        self.state.report = None
        self.check_summary.setText(self.tr("Checking every row…"))
        self.check_notice.hide()
        self.check_bar.setRange(0, 0)
        self.check_bar.show()
        self.issues_table.setRowCount(0)
        self.matches_table.setRowCount(0)
        self._update_buttons()
        db, settings, lang = self.ctx.db, self.ctx.settings, self.ctx.lang
        self.job = self.ctx.workers.run_generator(
            lambda cancel: run_import(db, settings, options, dry_run=True, lang=lang,
                                      cancel=cancel),
            on_progress=self._check_progress, on_done=self._checked,
            on_error=self._check_failed, writer=False, name="import-dry-run")
        return self._running(self.job)

    def _check_progress(self, done: int, total: int) -> None:
        self.check_bar.setRange(0, total)
        self.check_bar.setValue(done)

    def _checked(self, report: Any) -> None:
        self.job = None
        self.check_bar.hide()
        self.state.report = report
        self.check_summary.setText(self.summary_text(report, dry_run=True))
        self._fill_issues(report)
        self._fill_matches(report)
        self._mark_preview(report)
        if report.same_file_batches:
            self.check_notice.show_message(self.tr(
                "This file was imported before (import {batches}); importing it again "
                "adds only what is new.").format(batches="، ".join(
                    self.display.number(b) for b in report.same_file_batches)
                    if self.ctx.lang == "fa" else ", ".join(
                    str(b) for b in report.same_file_batches)))
        self._update_buttons()

    def _check_failed(self, error: BaseException) -> None:
        self.job = None
        self.check_bar.hide()
        self.check_summary.setText("")
        if isinstance(error, Cancelled):
            self.check_notice.show_message(self.tr("The check was stopped."))
        else:
            text = failure_text(error, self.ctx.lang)
            if text is None:
                show_unexpected(self, error)
                text = describe(error, self.ctx.lang)
            self.check_notice.show_message(text, kind="error")
        self._update_buttons()

    def summary_text(self, report: Any, *, dry_run: bool) -> str:
        n = self.display.number
        if report.kind == "visits":
            text = (self.tr("Rows read: {rows} · visits to add: {visits} · new customers: "
                            "{created} · rows skipped: {skipped} · rows with errors: {errors}")
                    if dry_run else
                    self.tr("Rows read: {rows} · visits added: {visits} · new customers: "
                            "{created} · rows skipped: {skipped} · rows with errors: {errors}"))
            return text.format(rows=n(report.total_rows), visits=n(report.inserted),
                               created=n(report.customers_created), skipped=n(report.skipped),
                               errors=n(report.error_rows))
        text = (self.tr("Rows read: {rows} · new customers: {inserted} · customers updated: "
                        "{updated} · repeated rows merged: {merged} · rows skipped: {skipped} · "
                        "rows with errors: {errors} · warnings: {warnings}") if dry_run else
                self.tr("Rows read: {rows} · new customers: {inserted} · customers updated: "
                        "{updated} · repeated rows merged: {merged} · rows skipped: {skipped} · "
                        "rows with errors: {errors}"))
        return text.format(rows=n(report.total_rows), inserted=n(report.inserted),
                           updated=n(report.updated), merged=n(report.merged),
                           skipped=n(report.skipped), errors=n(report.error_rows),
                           warnings=n(len(report.warnings)))

    def _fill_issues(self, report: Any) -> None:
        issues = sorted(report.issues, key=lambda i: (not i.is_error, i.row))
        shown = issues[:SHOWN_ISSUES]
        table = self.issues_table
        table.setRowCount(len(shown))
        for r, issue in enumerate(shown):
            cells = (self.display.number(issue.row), isolate(issue.column),
                     isolate(issue.value), describe(issue, self.ctx.lang))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if c else "")
                if issue.is_error:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(r, c, item)
        errors = sum(1 for i in issues if i.is_error)
        label = self.tr("Problems (errors: {errors}, warnings: {warnings})").format(
            errors=self.display.number(errors),
            warnings=self.display.number(len(issues) - errors))
        self.check_tabs.setTabText(0, label)
        if len(issues) > SHOWN_ISSUES:
            self.check_notice.show_message(self.tr(
                "The first {shown} of {count} problems are listed; save the bad rows to see "
                "all of them.").format(shown=self.display.number(SHOWN_ISSUES),
                                       count=self.display.number(len(issues))))

    def _fill_matches(self, report: Any) -> None:
        merges = report.merges[:SHOWN_ISSUES]
        table = self.matches_table
        table.setRowCount(len(merges))
        for r, outcome in enumerate(merges):
            cells = (self.display.number(outcome.row),
                     isolate(outcome.name) + (" " + self.display.mobile(outcome.mobile)
                                              if outcome.mobile else ""),
                     outcome.message(self.ctx.lang))
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        self.check_tabs.setTabText(1, self.tr("Already in the book or repeated ({count})"
                                              ).format(count=self.display.number(
                                                  len(report.merges))))

    def _mark_preview(self, report: Any) -> None:
        self.model.set_issues([(i.row, i.column_index, describe(i, self.ctx.lang), i.is_error)
                               for i in report.issues])

    def bad_rows(self) -> int:
        report = self.state.report
        if report is None:
            return 0
        from shopcrm.services.excel.importer import error_rows

        return len(error_rows(report))

    @Slot()
    def choose_bad_rows_file(self) -> None:
        loaded = self.state.loaded
        if loaded is None or self.state.report is None:
            return
        from shopcrm.services.excel.file_names import EXPORT_STEMS

        stem_fa = EXPORT_STEMS["bad_rows"][0]
        tail = f" - {stem_fa}.xlsx" if self.ctx.lang == "fa" else "-bad-rows.xlsx"
        suggested = Path(loaded.path).with_name(Path(loaded.path).stem + tail)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the bad rows"),
                                              str(suggested),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.save_bad_rows_to(path)

    def save_bad_rows_to(self, path: str) -> Job | None:
        loaded, report = self.state.loaded, self.state.report
        if loaded is None or report is None or loaded.table is None:
            return None
        return self.ctx.workers.run(
            save_bad_rows, report, loaded.table, path, self.ctx.lang, name="import-bad-rows",
            on_done=functools.partial(self._bad_rows_saved, path), on_error=self._check_failed)

    def _bad_rows_saved(self, path: str, count: int) -> None:
        self.check_notice.show_message(self.tr(
            "Rows saved to {file}: {count}, each with the reason; fix them there and import "
            "that file.").format(count=self.display.number(count),
                                 file=isolate(Path(path).name)), kind="ok")

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
