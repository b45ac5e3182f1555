"""The Settings page's backup and database sections (split from ``settings_page``).

``BackupSection`` and ``DatabaseSection`` are mixins of :class:`ui.pages.settings_page.
SettingsPage`: they build their group box and carry its buttons' behaviour. Their words are
translated in the ``SettingsPage`` context (``translate("SettingsPage", ...)``), the context
``self.tr`` uses on the page, so the .ts keeps one context for the whole page.

What the sections use of the page (its context, settings, ``row``, ``_group``...) is named
in :class:`_SettingsPageParts`, their base for the type checker; at run time they are plain
mixins and the page supplies it all.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from shopcrm.errors import ShopError
from ui.widgets.error_words import error_words
from ui.widgets.setting_fields import combo

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from shopcrm.config import Settings
    from ui.display import Display
    from ui.pages.base import Page
    from ui.widgets.notice import Notice

    class _SettingsPageParts(Page):
        """What the sections use of :class:`ui.pages.settings_page.SettingsPage`."""

        settings: Settings
        d: Display
        notice: Notice

        def row(self, form: QFormLayout, name: str, label: str,
                choices: list[tuple[str, str]] | None = None) -> QWidget: ...

        @staticmethod
        def _group(title: str) -> tuple[QGroupBox, QFormLayout]: ...

        def _result_label(self, name: str) -> QLabel: ...

        def _changed(self) -> None: ...

        def _test_failed(self, label: QLabel, error: BaseException) -> None: ...
else:
    _SettingsPageParts = object


class BackupSection(_SettingsPageParts):
    """Backups: folder, how many to keep, "back up now" and the list of backups."""

    def _build_backups(self) -> QGroupBox:
        backups, f = self._group(translate("SettingsPage", "Backups"))
        backup_dir = self.row(f, "backup.dir", translate("SettingsPage", "Folder:"))
        assert isinstance(backup_dir, QLineEdit)  # a text setting's row is a line edit
        self.backup_dir = backup_dir
        choose = QPushButton(translate("SettingsPage", "Choose…"))
        choose.clicked.connect(self.choose_backup_dir)
        f.addRow("", choose)
        self.row(f, "backup.keep_daily", translate("SettingsPage", "Keep daily backups:"))
        self.row(f, "backup.keep_weekly", translate("SettingsPage", "Keep weekly backups:"))
        self.row(f, "backup.auto",
                 translate("SettingsPage", "Back up every day and before risky steps"))
        self.backup_button = QPushButton(translate("SettingsPage", "Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        f.addRow("", self.backup_button)
        self.backup_list = QTableWidget(0, 4, self)
        self.backup_list.setObjectName("backupList")
        self.backup_list.setHorizontalHeaderLabels([
            translate("SettingsPage", "Taken"), translate("SettingsPage", "Why"),
            translate("SettingsPage", "Size"), translate("SettingsPage", "Checked")])
        self.backup_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_list.verticalHeader().setVisible(False)
        self.backup_list.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.backup_list.setMinimumHeight(130)
        f.addRow(self.backup_list)
        self.backups_ok = backup_service() is not None
        self.backup_button.setEnabled(self.backups_ok)
        self.backup_list.setVisible(self.backups_ok)

        return backups

    def choose_backup_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("SettingsPage", "Backup folder"),
                                                  self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def reload_backups(self) -> None:
        service = backup_service()
        if service is None:
            return
        book = self.ctx.db.sqlite_path  # this book's backups: others may share the folder
        settings = self.settings
        self.ctx.workers.run(lambda: service.list_backups(settings, book=book),
                             name="backups", on_done=self._backups,
                             on_error=self._backups_failed)

    def _backups_failed(self, _error: BaseException) -> None:
        self._backups([])  # a missing or unreadable folder lists nothing

    def _backups(self, backups: list[Any]) -> None:
        reasons = {"manual": translate("SettingsPage", "by hand"),
                   "daily": translate("SettingsPage", "daily"),
                   "import": translate("SettingsPage", "before an import"),
                   "merge": translate("SettingsPage", "before a merge"),
                   "undo": translate("SettingsPage", "before an undo"),
                   "restore": translate("SettingsPage", "before a restore"),
                   "migration": translate("SettingsPage", "before an upgrade")}
        self.backup_list.setRowCount(len(backups))
        for r, info in enumerate(backups):
            size = translate("SettingsPage", "{size} KB").format(
                size=self.d.number(max(1, info.size // 1024)))
            taken = info.taken_at  # the shop's local time (from the file name)
            cells = [self.d.date(taken.date()) + " " + self.d.digits(f"{taken:%H:%M}"),
                     reasons.get(info.reason, info.reason), size,
                     translate("SettingsPage", "yes") if info.verified
                     else translate("SettingsPage", "no")]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(str(info.path))
                self.backup_list.setItem(r, c, item)

    def backup_now(self) -> None:
        service = backup_service()
        if service is None:
            return
        self.backup_button.setEnabled(False)
        self.ctx.workers.run(service.backup_now, self.ctx.db, self.settings, name="backup-now",
                             on_done=self._backed_up, on_error=self._backup_failed)

    def _backed_up(self, info: Any) -> None:
        self.backup_button.setEnabled(True)
        self.notice.show_message(translate("SettingsPage", "Backed up to {file}.").format(
            file="\u2066" + str(Path(info.path).name) + "\u2069"), kind="ok", timeout_ms=8000)
        self.reload_backups()

    def _backup_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.notice.show_message(error_words(error, self.ctx.lang), kind="error")



class DatabaseSection(_SettingsPageParts):
    """The database: a file on this computer or a PostgreSQL server, checked before saving."""

    def _build_database(self) -> QGroupBox:
        database, f = self._group(translate("SettingsPage", "Database"))
        self.db_kind = combo(self, [
            ("sqlite", translate("SettingsPage", "A file on this computer")),
            ("postgres", translate("SettingsPage", "A PostgreSQL server"))], "db-kind")
        self.db_kind.currentIndexChanged.connect(self._db_kind_changed)
        f.addRow(translate("SettingsPage", "Kind:"), self.db_kind)
        self.db_path = ltr_line_edit(self, "db-path")
        self.db_path.textChanged.connect(self._changed)
        choose_db = QPushButton(translate("SettingsPage", "Choose…"))
        choose_db.clicked.connect(self.choose_db_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.db_path, 1)
        path_row.addWidget(choose_db)
        self.db_path_label = QLabel(translate("SettingsPage", "File:"))
        f.addRow(self.db_path_label, path_row)
        self.db_url = ltr_line_edit(self, "db-url")
        self.db_url.setPlaceholderText("postgresql://user:password@host:5432/shop")
        self.db_url.textChanged.connect(self._changed)
        self.db_url_label = QLabel(translate("SettingsPage", "Server URL:"))
        f.addRow(self.db_url_label, self.db_url)
        self.db_check_button = QPushButton(translate("SettingsPage", "Check the connection"))
        self.db_check_button.clicked.connect(self.check_database)
        f.addRow("", self.db_check_button)
        self.db_result = self._result_label("dbResult")
        f.addRow("", self.db_result)
        note = QLabel(translate("SettingsPage", "A change of database takes effect the next "
                                "time ShopCRM starts. The book open now is:"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        f.addRow("", note)
        from shopcrm.services.settings.database_choice import display_url

        self.db_current = self._result_label("dbCurrent")
        self.db_current.setText("\u2066" + display_url(self.ctx.db.url) + "\u2069")
        f.addRow("", self.db_current)

        return database

    def _show_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            self.db_kind.setCurrentIndex(0)
            self.db_path.setText(parsed.database or "")
            self.db_url.clear()
        else:
            self.db_kind.setCurrentIndex(1)
            self.db_url.setText(parsed.render_as_string(hide_password=True).replace(
                "postgresql+psycopg://", "postgresql://"))
        self._db_kind_changed()

    @Slot()
    def _db_kind_changed(self) -> None:
        file = self.db_kind.currentData() == "sqlite"
        for widget in (self.db_path, self.db_path_label):
            widget.setVisible(file)
        for widget in (self.db_url, self.db_url_label):
            widget.setVisible(not file)
        self._changed()

    def database_text(self) -> str:
        return (self.db_path.text().strip() if self.db_kind.currentData() == "sqlite"
                else self.db_url.text().strip())

    def database_url(self) -> str:
        """The typed database as a URL (a password hidden as *** keeps the saved one)."""
        from sqlalchemy.engine import make_url

        from shopcrm.services.settings.database_choice import chosen_url, parse_choice

        url = parse_choice(self.database_text())
        parsed = make_url(url)
        if parsed.password == "***":
            saved = chosen_url(self.settings) or self.ctx.db.url
            parsed = parsed.set(password=make_url(saved).password or "")
            url = parsed.render_as_string(hide_password=False)
        return url

    def _save_database(self) -> None:
        from shopcrm.paths import default_db_path
        from shopcrm.services.settings.database_choice import clear_choice, save_choice

        url = self.database_url()
        if url == f"sqlite:///{default_db_path().resolve()}":
            clear_choice(self.settings)
        else:
            save_choice(url, self.settings)

    def check_database(self) -> None:
        from shopcrm.services.settings.database_choice import check_connection

        try:
            url = self.database_url()
        except ShopError as exc:
            self.db_result.setText(error_words(exc, self.ctx.lang))
            return
        self.db_result.setText(translate("SettingsPage", "Connecting…"))
        self.ctx.workers.run(check_connection, url, name="db-check",
                             on_done=self._db_connected,
                             on_error=functools.partial(self._test_failed, self.db_result))

    def _db_connected(self, version: str) -> None:
        self.db_result.setText(translate("SettingsPage", "Connected (version {version}).").format(
            version="\u2066" + version.split(" on ")[0] + "\u2069"))

    def choose_db_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("SettingsPage", "The customer book file"), self.db_path.text(),
            translate("SettingsPage", "Customer book (*.sqlite3 *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.db_path.setText(path)




def backup_service() -> Any:
    """``shopcrm.services.backup.backups`` when it is in the tree (None: the buttons stay off)."""
    try:
        from shopcrm.services.backup import backups as backup
    except ImportError:
        return None
    return backup


class ResultLabel(QLabel):
    """What a test button found; hidden while empty (no blank gap in the form)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


def ltr_line_edit(parent: QWidget, name: str) -> QLineEdit:
    """A plain left-to-right line edit (paths, URLs)."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return edit
