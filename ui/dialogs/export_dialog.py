"""Export to Excel (Ctrl+E, the customers page's Export button, the Excel page).

The owner picks what to export -- the customers shown now (the customers page's search and
filter), only the selected ones, every customer, the visits, the absent or overdue list, or
one campaign's results -- and where to save it. The file is written on a reader thread
(``shopcrm.services.excel.exporter``, or ``export_selection`` for a selection) with progress
and Cancel; a cancelled or failed export leaves no half-written file. A failure reads as
one sentence: a read-only folder and a full disk are named as such.
"""

from __future__ import annotations

import errno
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import Cancelled, ShopError
from shopcrm.services.excel.file_names import export_file_name
from ui.app_context import AppContext
from ui.display import isolate
from ui.widgets.notice import Notice
from ui.workers import Job

if TYPE_CHECKING:
    from shopcrm.config import SettingsView
    from shopcrm.services.excel.sheet import ExportResult

WHATS = ("view", "selected", "all", "visits", "absent", "overdue", "campaign")
FILE_STEMS = {"view": "customers", "selected": "customers", "all": "customers",
              "visits": "visits", "absent": "absent", "overdue": "overdue",
              "campaign": "campaign"}


@dataclass(frozen=True)
class ExportRequest:
    """What to export and where (plain data for the worker)."""

    what: str  # one of WHATS
    path: str
    search: str | None = None
    segment: str | None = None
    ids: tuple[int, ...] = ()
    campaign_id: int | None = None


def run_export(db: Any, settings: SettingsView, request: ExportRequest, lang: str,
               cancel: Any):  # type: ignore[no-untyped-def]
    """The export as a progress generator ending with the ``ExportResult``."""
    from shopcrm.services.excel import exporter as excel_export

    if request.what == "selected":
        from shopcrm.services.excel.export_selection import export_customer_ids

        return export_customer_ids(db, request.path, request.ids, lang=lang, cancel=cancel,
                                   settings=settings)
    if request.what in ("view", "all"):
        return excel_export.export(db, request.path, "customers", segment=request.segment,
                                   search=request.search, settings=settings, lang=lang,
                                   cancel=cancel)
    return excel_export.export(db, request.path, request.what,
                               campaign_id=request.campaign_id, settings=settings, lang=lang,
                               cancel=cancel)


def count_view(db: Any, settings: SettingsView, search: str | None, segment: str | None) -> int:
    from shopcrm.services.absence.segments import segment_filter
    from shopcrm.services.customers.views import view_count

    return view_count(db, settings, segment_filter, query=search or "", segment=segment)


def list_campaigns(db: Any) -> list[tuple[int, str, Any]]:
    from shopcrm.storage.readers import recent_campaigns

    return list(recent_campaigns(db, limit=200))


def _os_error(error: BaseException | None) -> OSError | None:
    """The operating system's error behind ``error`` (itself, or along its causes)."""
    for _ in range(6):
        if error is None:
            return None
        if isinstance(error, OSError) and error.errno is not None:
            return error
        error = error.__cause__ or error.__context__
    return None


def export_failure_text(error: BaseException, lang: str) -> str | None:
    """One sentence for a failed export; None for a bug (shown as a copyable report)."""
    translate = QCoreApplication.translate
    if isinstance(error, Cancelled):
        return translate("ExportDialog", "The export was cancelled; no file was written.")
    os_error = _os_error(error)
    if os_error is not None:
        if os_error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return translate(
                "ExportDialog", "The disk is full: the file was not written. Free some space "
                "or choose another drive, then export again.")
        if os_error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return translate(
                "ExportDialog", "This folder cannot be written to (it is read-only, or the "
                "file is open in Excel). Choose another folder, such as Documents.")
        return translate("ExportDialog", "The file was not written: {detail}").format(
            detail=os_error.strerror or str(os_error))
    if isinstance(error, ShopError):
        return describe(error, lang)
    return None


class ExportDialog(QDialog):
    """``exported(ExportResult)`` after a file is written."""

    exported = Signal(object)

    def __init__(self, ctx: AppContext, spec: Any = None, parent: QWidget | None = None, *,
                 what: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.display = ctx.display
        self.spec = spec
        self.job: Job | None = None
        self.export_result: ExportResult | None = None  # the last file written
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export to Excel"))
        self.setMinimumWidth(620)
        intro = QLabel(self.tr("What to export:"))
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        view_search = (spec.query or None) if spec is not None else None
        view_segment = spec.segment if spec is not None and spec.segment != "all" else None
        self.view_filter = (view_search, view_segment)
        filtered = view_search is not None or view_segment is not None
        if filtered:
            self._radio(choices, "view", self.tr("The customers shown now ({view})").format(
                view=self.view_text(view_search, view_segment)))
        selected = tuple(spec.selected_ids) if spec is not None else ()
        if selected:
            self._radio(choices, "selected", self.tr("Only the {count} selected customers"
                                                     ).format(count=self.display.number(
                                                         len(selected))))
        self._radio(choices, "all", self.tr("All customers"))
        self._radio(choices, "visits", self.tr("All visits"))
        self._radio(choices, "absent", self.tr("Absent regulars (the win-back list)"))
        self._radio(choices, "overdue", self.tr("Customers overdue by their own rhythm"))
        campaign_row = QHBoxLayout()
        self._radio(campaign_row, "campaign", self.tr("The results of a campaign:"))
        self.campaign_combo = QComboBox()
        self.campaign_combo.setObjectName("campaignCombo")
        self.campaign_combo.setMinimumWidth(240)
        self.campaign_combo.activated.connect(lambda _i: self.radios["campaign"].setChecked(True))
        campaign_row.addWidget(self.campaign_combo, 1)
        choices.addLayout(campaign_row)
        self.selected_ids = selected
        start = what if what in self.radios else (
            "selected" if len(selected) > 1 else "view" if filtered else "all")
        self.radios[start].setChecked(True)
        self.group.buttonToggled.connect(lambda *_: self._what_changed())

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.path_edit.textChanged.connect(lambda _t: self._update_buttons())
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.browse_button.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel(self.tr("Save as:")))
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.bar = QProgressBar()
        self.bar.hide()
        self.notice = Notice(self)
        self.open_file_button = QPushButton(self.tr("Open the file"))
        self.open_file_button.clicked.connect(lambda: self._open_written(folder=False))
        self.open_folder_button = QPushButton(self.tr("Show the folder"))
        self.open_folder_button.clicked.connect(lambda: self._open_written(folder=True))
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choices)
        layout.addSpacing(8)
        layout.addLayout(path_row)
        layout.addWidget(self.bar)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self._set_default_path()
        self._show_result(False)
        self._update_buttons()
        ctx.workers.run(list_campaigns, ctx.db, name="export-campaigns",
                        on_done=self._campaigns_loaded, on_error=lambda _e: None)
        if filtered:
            ctx.workers.run(count_view, ctx.db, ctx.settings, view_search, view_segment,
                            name="export-count", on_done=self._view_counted,
                            on_error=lambda _e: None)

    def _radio(self, layout: Any, what: str, text: str) -> QRadioButton:
        radio = QRadioButton(text)
        radio.setObjectName(f"export-{what}")
        self.group.addButton(radio)
        self.radios[what] = radio
        layout.addWidget(radio)
        return radio

    def view_text(self, search: str | None, segment: str | None) -> str:
        parts = []
        if search:
            parts.append(self.tr("search “{text}”").format(text=isolate(search)))
        if segment:
            parts.append(self.segment_text(segment))
        return "، ".join(parts) if self.ctx.lang == "fa" else ", ".join(parts)

    def segment_text(self, segment: str) -> str:
        kind, _, arg = segment.partition(":")
        if kind == "tag":
            return self.tr("tag “{tag}”").format(tag=isolate(arg))
        if kind == "rfm":
            return self.ctx.rfm_segments.get(arg, arg)
        return {"regular": self.tr("regulars"), "absent": self.tr("absent"),
                "overdue": self.tr("overdue"), "vip": self.tr("VIP"),
                "birthday": self.tr("birthdays this week"), "new": self.tr("new"),
                "opted-out": self.tr("opted out")}.get(kind, segment)

    def what(self) -> str:
        for key, radio in self.radios.items():
            if radio.isChecked():
                return key
        return "all"

    def choose(self, what: str) -> None:
        self.radios[what].setChecked(True)

    # -- loading ---------------------------------------------------------------------------
    def _campaigns_loaded(self, campaigns: list[tuple[int, str, Any]]) -> None:
        self.campaign_combo.clear()
        for cid, name, created in campaigns:
            self.campaign_combo.addItem(f"{isolate(name)} · {self.display.date(created)}", cid)
        has = bool(campaigns)
        self.campaign_combo.setEnabled(has)
        self.radios["campaign"].setEnabled(has)
        if not has:
            self.campaign_combo.addItem(self.tr("No campaign yet"))
        self._update_buttons()

    def _view_counted(self, count: int) -> None:
        radio = self.radios.get("view")
        if radio is not None:
            search, segment = self.view_filter
            radio.setText(self.tr("The {count} customers shown now ({view})").format(
                count=self.display.number(count), view=self.view_text(search, segment)))

    # -- the file --------------------------------------------------------------------------
    def _folder(self) -> str:
        saved = self.ctx.window_settings().value("export/folder")
        if saved and Path(str(saved)).is_dir():
            return str(saved)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return documents if documents and Path(documents).is_dir() else str(Path.home())

    def _file_name(self) -> str:
        return export_file_name(FILE_STEMS[self.what()], self.ctx.lang)

    def _set_default_path(self) -> None:
        self._default_path = str(Path(self._folder()) / self._file_name())
        self.path_edit.setText(self._default_path)

    def _what_changed(self) -> None:
        if self.path_edit.text() == self._default_path:
            self._set_default_path()
        self._update_buttons()

    @Slot()
    def choose_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the export as"),
                                              self.path_edit.text() or self._default_path,
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.path_edit.setText(path)

    def request(self) -> ExportRequest:
        what = self.what()
        path = self.path_edit.text().strip().strip('"')
        if what == "view":
            search, segment = self.view_filter
            return ExportRequest(what, path, search=search, segment=segment)
        if what == "selected":
            return ExportRequest(what, path, ids=self.selected_ids)
        if what == "campaign":
            return ExportRequest(what, path, campaign_id=self.campaign_combo.currentData())
        return ExportRequest(what, path)

    # -- running ---------------------------------------------------------------------------
    @Slot()
    def start(self) -> Job | None:
        request = self.request()
        if not request.path or self.job is not None:
            return None
        if not request.path.lower().endswith(".xlsx"):
            request = ExportRequest(request.what, request.path + ".xlsx", request.search,
                                    request.segment, request.ids, request.campaign_id)
            self.path_edit.setText(request.path)
        self.ctx.window_settings().setValue("export/folder", str(Path(request.path).parent))
        self.notice.hide()
        self._show_result(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        db, settings, lang = self.ctx.db, self.ctx.settings, self.ctx.lang
        self.job = self.ctx.workers.run_generator(
            lambda cancel: run_export(db, settings, request, lang, cancel),
            on_progress=self._progress, on_done=self._done,
            on_error=functools.partial(self._failed, request), writer=False, name="export")
        job = self.job
        if job.done:  # the test pool ran it, callbacks included, before it was stored
            self.job = None
        self._update_buttons()
        return job

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def _done(self, result: ExportResult) -> None:
        self.job = None
        self.export_result = result
        self.bar.hide()
        self.notice.show_message(self.tr("Saved to {file} (rows: {rows}).").format(
            rows=self.display.number(result.rows), file=isolate(Path(result.path).name)),
            kind="ok")
        self._show_result(True)
        self.exported.emit(result)
        self._update_buttons()

    def _failed(self, request: ExportRequest, error: BaseException) -> None:
        self.job = None
        self.bar.hide()
        text = export_failure_text(error, self.ctx.lang)
        if text is None:
            from ui.dialogs.import_wizard import show_unexpected

            show_unexpected(self, error)
            text = describe(error, self.ctx.lang)
        self.notice.show_message(text, kind="info" if isinstance(error, Cancelled)
                                 else "error")
        self._update_buttons()

    def _show_result(self, shown: bool) -> None:
        self.open_file_button.setVisible(shown)
        self.open_folder_button.setVisible(shown)

    def _open_written(self, *, folder: bool) -> None:
        """Open the last file written, or its folder (the buttons show only after one)."""
        if self.export_result is None:
            return
        path = self.export_result.path
        self._open(str(Path(path).parent) if folder else path)

    def _open(self, path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _update_buttons(self) -> None:
        running = self.job is not None
        self.export_button.setEnabled(not running and bool(self.path_edit.text().strip())
                                      and (self.what() != "campaign"
                                           or self.campaign_combo.currentData() is not None))
        self.cancel_button.setText(self.tr("Stop") if running else self.tr("Close"))
        for radio in self.radios.values():
            radio.setEnabled(not running and (radio is not self.radios["campaign"]
                                              or self.campaign_combo.currentData()
                                              is not None))
        self.browse_button.setEnabled(not running)
        self.path_edit.setEnabled(not running)

    def reject(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            return
        super().reject()
