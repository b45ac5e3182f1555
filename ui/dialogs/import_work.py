"""What the import wizard runs and remembers, apart from its widgets: the field words, the
sheet opened and mapped, the dry run and the import, the bad rows saved, and the undo
conversation. The functions run on a worker (plain data in, plain data out)."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import ShopError
from shopcrm.longwork import Progress
from ui.app_context import AppContext
from ui.display import isolate
from ui.gc_pause import gc_paused
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


def run_import(db: Any, settings: SettingsView, options: ImportOptions, *, dry_run: bool, lang: str,
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
                # one bar for the whole run: reading the file, then writing (when applying)
                yield Progress(int((stage + min(share, 1.0)) * 1000), stages * 1000)
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


def _undo(db: Any, batch_id: int, force: bool, settings: SettingsView) -> Any:
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


# -- the wizard's parts, as mypy sees them ----------------------------------------------------

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QDialog, QSpinBox

    from shopcrm.config import SettingsView
    from ui.display import Display
    from ui.models.preview_table import PreviewTableModel

    class WizardParts(QDialog):
        """What the steps mixed into ``ImportWizard`` use of it (for type checking only;
        at run time the mixins derive from ``object``)."""

        ctx: AppContext
        display: Display
        state: _State
        job: Job | None
        combos: dict[int, QComboBox]
        header_spin: QSpinBox
        model: PreviewTableModel

        def options(self) -> ImportOptions: ...
        def _running(self, job: Job) -> Job: ...
        def _update_buttons(self) -> None: ...
        def _show_step(self, index: int) -> None: ...
else:
    WizardParts = object
