"""The Settings page: shop profile, SMS, email, follow-up thresholds, display, backups and
the database, each field checked as it is typed (Persian digits welcome).

Save writes every changed value with ``Settings.set`` and ``Settings.save``: plain values
to the settings file, the SMS API key and the SMTP password to the system keyring (or the
private secrets file when the owner chose it because the computer has no keyring); a
secret is never shown back, only whether one is saved. Values set by environment
variables (``SHOPCRM_...``) are shown but locked: the environment wins at every start.

The test buttons ("send me a test SMS", credit, SMTP login, database connection) try what
is on the form, saved or not (``shopcrm.services.settings.checks.SettingsDraft``), on a
worker thread. Language, calendar, currency and the database take effect at the next
start, and the page says so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.domain.phones import normalize_mobile
from shopcrm.domain.text import fold_digits
from shopcrm.errors import ShopError
from shopcrm.services.customers.fields import normalise_email
from shopcrm.services.messaging.sms_text import OPT_OUT_LINE
from ui.app_context import AppContext
from ui.display import isolate, ltr
from ui.pages.base import Page
from ui.widgets.error_words import error_words
from ui.widgets.notice import Notice
from ui.widgets.setting_fields import Binding, SecretEdit, ValidatedEdit, combo

SECRETS = ("sms.api_key", "smtp.password")
_GROUPING = str.maketrans("", "", ",٬، ")


class SettingsPage(Page):
    key = "settings"
    icon_name = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.settings = ctx.settings
        self.d = ctx.display
        self.bindings: dict[str, Binding] = {}
        self.loaded: dict[str, Any] = {}
        self.secrets: dict[str, SecretEdit] = {}
        self._loading = False
        self._build()
        self.load()
        self.reload_backups()

    def title(self) -> str:
        return self.tr("Settings")

    # -- parsers (messages in the window's language) -------------------------------------
    def whole(self, low: int, high: int) -> Callable[[str], int]:
        def parse(text: str) -> int:
            folded = fold_digits(text).translate(_GROUPING).strip()
            if not folded.isdigit():
                raise ValueError(self.tr("Write a whole number."))
            value = int(folded)
            if not low <= value <= high:
                raise ValueError(self.tr("Write a number from {low} to {high}.").format(
                    low=self.d.number(low), high=self.d.number(high)))
            return value
        return parse

    def decimal(self, low: float, high: float) -> Callable[[str], float]:
        def parse(text: str) -> float:
            folded = fold_digits(text).replace("٫", ".").replace("/", ".").strip()
            try:
                value = float(folded)
            except ValueError:
                raise ValueError(self.tr("Write a number, like 2 or 1.5.")) from None
            if not low <= value <= high:
                raise ValueError(self.tr("Write a number from {low} to {high}.").format(
                    low=self.d.number(low), high=self.d.number(high)))
            return value
        return parse

    def text(self, required: bool = False) -> Callable[[str], str]:
        def parse(value: str) -> str:
            if required and not value.strip():
                raise ValueError(self.tr("This cannot be empty."))
            return value.strip()
        return parse

    def url(self, value: str) -> str:
        if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value.strip()):
            raise ValueError(self.tr("Write an address like https://api.kavenegar.com."))
        return value.strip().rstrip("/")

    def sender(self, value: str) -> str:
        folded = fold_digits(value).replace(" ", "").strip()
        if folded and not folded.isdigit():
            raise ValueError(self.tr("The sender line is a number, like 10004346."))
        return folded

    def quiet(self, value: str) -> str:
        from shopcrm.services.settings.checks import check_quiet_hours

        try:
            return check_quiet_hours(value) or "off"
        except ShopError:
            raise ValueError(self.tr("Write it like 21:00-08:00, or off.")) from None

    def mobile(self, value: str) -> str:
        return normalize_mobile(value) or ""

    def email(self, value: str) -> str:
        return normalise_email(value) or ""

    def _number_text(self, value: Any) -> str:
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return self.d.digits(text).replace(".", "٫") if self.d.rtl else text

    # -- building ----------------------------------------------------------------------
    def _edit(self, form: QFormLayout, label: str, name: str, parser: Callable[[str], Any], *,
              ltr: bool = False, number: bool = False) -> ValidatedEdit:
        edit = ValidatedEdit(parser, self.ctx.lang, self, ltr=ltr or number)
        edit.setObjectName(f"setting-{name}")
        error = QLabel(self)
        edit.attach_error_label(error)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(edit)
        column.addWidget(error)
        form.addRow(label, holder)
        show = self._number_text if number else str
        self.bindings[name] = Binding(name, edit, edit.value, lambda v: edit.setText(show(v)),
                                      edit.is_valid)
        edit.textChanged.connect(self._changed)
        return edit

    def _combo(self, form: QFormLayout, label: str, name: str,
               choices: list[tuple[str, str]]) -> QComboBox:
        box = combo(self, choices, name)
        form.addRow(label, box)
        self.bindings[name] = Binding(
            name, box, lambda: box.currentData(),
            lambda v: box.setCurrentIndex(max(box.findData(v), 0)), lambda: True)
        box.currentIndexChanged.connect(self._changed)
        return box

    def _check(self, form: QFormLayout, text: str, name: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(f"setting-{name}")
        form.addRow("", box)
        self.bindings[name] = Binding(name, box, box.isChecked, lambda v: box.setChecked(bool(v)),
                                      lambda: True)
        box.toggled.connect(self._changed)
        return box

    def _secret(self, form: QFormLayout, label: str, name: str) -> SecretEdit:
        edit = SecretEdit(self)
        edit.setObjectName(f"setting-{name}")
        edit.edit.setObjectName(f"secret-{name}")
        form.addRow(label, edit)
        self.secrets[name] = edit
        edit.changed.connect(self._changed)
        return edit

    @staticmethod
    def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _result_label(self, name: str) -> QLabel:
        """A line under a button for its outcome; hidden while it has nothing to say."""
        label = ResultLabel(self)
        label.setObjectName(name)
        return label

    def _build(self) -> None:
        heading = QLabel(self.tr("Settings"))
        heading.setObjectName("pageTitle")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.clicked.connect(self.load)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        self.notice = Notice(self)

        shop, f = self._group(self.tr("Shop"))
        self._edit(f, self.tr("Name:"), "shop.name", self.text(required=True))
        self._edit(f, self.tr("Address:"), "shop.address", self.text())
        self._edit(f, self.tr("Phone:"), "shop.phone", self.text(), ltr=True)
        self._edit(f, self.tr("New address (after a move):"), "shop.new_address", self.text())

        sms, f = self._group(self.tr("SMS"))
        self._combo(f, self.tr("Provider:"), "sms.provider", [
            ("kavenegar", self.tr("Kavenegar")),
            ("file", self.tr("Test file (nothing is sent)")), ("none", self.tr("No SMS"))])
        self._secret(f, self.tr("API key:"), "sms.api_key")
        self._edit(f, self.tr("Gateway address:"), "sms.base_url", self.url, ltr=True)
        self._edit(f, self.tr("Sender line:"), "sms.sender", self.sender, number=True)
        self._combo(f, self.tr("Line type:"), "sms.line", [
            ("service", self.tr("Service line (adds the opt-out line {line})").format(
                line=isolate(OPT_OUT_LINE))),
            ("advertising", self.tr("Advertising line (sends in the daytime only)"))])
        self._edit(f, self.tr("Quiet hours:"), "sms.quiet_hours", self.quiet, number=True)
        self._edit(f, self.tr("Your mobile, for tests:"), "sms.test_mobile", self.mobile,
                   number=True)
        self.test_sms_button = QPushButton(self.tr("Send me a test SMS"))
        self.test_sms_button.setObjectName("testSms")
        self.test_sms_button.clicked.connect(self.send_test_sms)
        self.credit_button = QPushButton(self.tr("Check credit"))
        self.credit_button.setObjectName("checkCredit")
        self.credit_button.clicked.connect(self.check_credit)
        row = QHBoxLayout()
        row.addWidget(self.test_sms_button)
        row.addWidget(self.credit_button)
        row.addStretch(1)
        f.addRow("", row)
        self.sms_result = self._result_label("smsResult")
        f.addRow("", self.sms_result)

        from shopcrm.secrets import keyring_available

        self.keyring_ok = keyring_available()
        self.keyring_note = QLabel(self.tr(
            "This computer has no system keyring, so the API key and the email password "
            "cannot be kept there. You can keep them in a private settings file that only "
            "your user account can read."))
        self.keyring_note.setObjectName("hint")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not self.keyring_ok)
        f.addRow("", self.keyring_note)
        self._combo(f, self.tr("Keep secrets in:"), "secrets.store", [
            ("keyring", self.tr("The system keyring")),
            ("file", self.tr("A private settings file"))])

        mail, f = self._group(self.tr("Email (SMTP)"))
        self._edit(f, self.tr("Server:"), "smtp.host", self.text(), ltr=True)
        self._edit(f, self.tr("Port:"), "smtp.port", self.whole(1, 65535), number=True)
        self._edit(f, self.tr("User:"), "smtp.user", self.text(), ltr=True)
        self._secret(f, self.tr("Password:"), "smtp.password")
        self._combo(f, self.tr("Security:"), "smtp.security", [
            ("starttls", self.tr("STARTTLS (port 587)")), ("ssl", self.tr("SSL/TLS (port 465)")),
            ("none", self.tr("None (local servers only)"))])
        self._edit(f, self.tr("From address:"), "smtp.from", self.email, ltr=True)
        self.test_smtp_button = QPushButton(self.tr("Test the connection"))
        self.test_smtp_button.setObjectName("testSmtp")
        self.test_smtp_button.clicked.connect(self.test_smtp)
        f.addRow("", self.test_smtp_button)
        self.smtp_result = self._result_label("smtpResult")
        f.addRow("", self.smtp_result)

        absence, f = self._group(self.tr("Who counts as slipping away"))
        self._edit(f, self.tr("Visits to be a regular:"), "absence.min_visits",
                   self.whole(1, 1000), number=True)
        self._edit(f, self.tr("Absent after (days):"), "absence.absent_days",
                   self.whole(1, 3650), number=True)
        self._edit(f, self.tr("Overdue at (× usual gap):"), "absence.overdue_factor",
                   self.decimal(1.0, 20.0), number=True)
        self._edit(f, self.tr("Overdue not before (days):"), "absence.overdue_min_days",
                   self.whole(0, 3650), number=True)
        self._edit(f, self.tr("Recently contacted (days):"), "absence.contacted_days",
                   self.whole(0, 365), number=True)

        display, f = self._group(self.tr("Language and display"))
        self._combo(f, self.tr("Language:"), "ui.language",
                    [("fa", "فارسی"), ("en", "English")])
        self._combo(f, self.tr("Calendar:"), "ui.calendar", [
            ("jalali", self.tr("Persian (Jalali)")), ("gregorian", self.tr("Gregorian"))])
        self._combo(f, self.tr("Money in:"), "ui.currency", [
            ("toman", self.tr("Toman")), ("rial", self.tr("Rial"))])
        restart = QLabel(self.tr("Language, calendar and money take effect the next time "
                                 "ShopCRM starts."))
        restart.setObjectName("hint")
        restart.setWordWrap(True)
        f.addRow("", restart)

        backups, f = self._group(self.tr("Backups"))
        self.backup_dir = self._edit(f, self.tr("Folder:"), "backup.dir", self.text(), ltr=True)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_backup_dir)
        f.addRow("", choose)
        self._edit(f, self.tr("Keep daily backups:"), "backup.keep_daily", self.whole(1, 365),
                   number=True)
        self._edit(f, self.tr("Keep weekly backups:"), "backup.keep_weekly",
                   self.whole(0, 520), number=True)
        self._check(f, self.tr("Back up every day and before risky steps"), "backup.auto")
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        f.addRow("", self.backup_button)
        self.backup_list = QTableWidget(0, 4, self)
        self.backup_list.setObjectName("backupList")
        self.backup_list.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"),
                                                    self.tr("Size"), self.tr("Checked")])
        self.backup_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_list.verticalHeader().setVisible(False)
        self.backup_list.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.backup_list.setMinimumHeight(130)
        f.addRow(self.backup_list)
        self.backups_ok = backup_service() is not None
        self.backup_button.setEnabled(self.backups_ok)
        self.backup_list.setVisible(self.backups_ok)

        database, f = self._group(self.tr("Database"))
        self.db_kind = combo(self, [("sqlite", self.tr("A file on this computer")),
                                    ("postgres", self.tr("A PostgreSQL server"))], "db-kind")
        self.db_kind.currentIndexChanged.connect(self._db_kind_changed)
        f.addRow(self.tr("Kind:"), self.db_kind)
        self.db_path = ltr_line_edit(self, "db-path")
        self.db_path.textChanged.connect(self._changed)
        choose_db = QPushButton(self.tr("Choose…"))
        choose_db.clicked.connect(self.choose_db_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.db_path, 1)
        path_row.addWidget(choose_db)
        self.db_path_label = QLabel(self.tr("File:"))
        f.addRow(self.db_path_label, path_row)
        self.db_url = ltr_line_edit(self, "db-url")
        self.db_url.setPlaceholderText("postgresql://user:password@host:5432/shop")
        self.db_url.textChanged.connect(self._changed)
        self.db_url_label = QLabel(self.tr("Server URL:"))
        f.addRow(self.db_url_label, self.db_url)
        self.db_check_button = QPushButton(self.tr("Check the connection"))
        self.db_check_button.clicked.connect(self.check_database)
        f.addRow("", self.db_check_button)
        self.db_result = self._result_label("dbResult")
        f.addRow("", self.db_result)
        note = QLabel(self.tr("A change of database takes effect the next time ShopCRM starts. "
                              "The book open now is:"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        f.addRow("", note)
        from shopcrm.services.settings.database_choice import display_url

        self.db_current = self._result_label("dbCurrent")
        self.db_current.setText("\u2066" + display_url(self.ctx.db.url) + "\u2069")
        f.addRow("", self.db_current)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        for column, boxes in enumerate(((shop, sms, mail), (absence, display, backups,
                                                            database))):
            holder = QVBoxLayout()
            for box in boxes:
                holder.addWidget(box)
            holder.addStretch(1)
            grid.addLayout(holder, 0, column)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget(self)
        body.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)

    # -- loading and saving ------------------------------------------------------------
    def load(self) -> None:
        """Show the stored values (secrets: only whether one is saved)."""
        self._loading = True
        where = (self.tr("the private settings file")
                 if self.settings.get("secrets.store") == "file" or not self.keyring_ok
                 else self.tr("the system keyring"))
        for name, binding in self.bindings.items():
            value = self.settings.get(name)
            self.loaded[name] = value
            binding.write(value)
            self._lock_if_env(name, binding.widget)
        for name, edit in self.secrets.items():
            source = self.settings.source(name)
            edit.set_stored(source in ("keyring", "env"), where if source != "env"
                            else self.tr("an environment variable"))
            self._lock_if_env(name, edit)
        service = backup_service()
        if service is not None:
            default = service.backup_dir(_Defaults())
            self.backup_dir.setPlaceholderText(self.tr("Default: {folder}").format(
                folder=ltr(str(default))))
        from shopcrm.services.settings.database_choice import chosen_url

        chosen = chosen_url(self.settings) or self.ctx.db.url
        self._show_database(chosen)
        self.loaded_db = self.database_text()
        self._loading = False
        self._changed()

    def _lock_if_env(self, name: str, widget: QWidget) -> None:
        from shopcrm.config import option

        env = self.settings.source(name) == "env"
        widget.setEnabled(not env)
        if env:
            widget.setToolTip(self.tr("Set by the environment variable {name}; change it "
                                      "there.").format(name=option(name).env_name))

    def dirty(self) -> list[str]:
        names = [n for n, b in self.bindings.items()
                 if b.widget.isEnabled() and b.valid() and b.read() != self.loaded.get(n)]
        names += [n for n, e in self.secrets.items() if e.isEnabled() and e.dirty]
        if self.database_text() != self.loaded_db:
            names.append("database")
        return names

    def invalid(self) -> list[str]:
        return [n for n, b in self.bindings.items() if b.widget.isEnabled() and not b.valid()]

    @Slot()
    def _changed(self) -> None:
        if self._loading or not hasattr(self, "loaded_db"):
            return
        self.save_button.setEnabled(bool(self.dirty()) and not self.invalid())
        self.revert_button.setEnabled(bool(self.dirty()))

    def form_values(self) -> dict[str, Any]:
        """What the form says now: valid plain values and the secrets typed."""
        values = {n: b.read() for n, b in self.bindings.items() if b.valid()}
        values.update({n: e.typed() for n, e in self.secrets.items() if e.typed()})
        return values

    def save(self) -> bool:
        if self.invalid():
            self.notice.show_message(self.tr("Some fields need fixing first."), kind="error")
            return False
        changed = self.dirty()
        settings = self.settings
        restart = {"ui.language", "ui.calendar", "ui.currency", "database"} & set(changed)
        try:
            if "secrets.store" in changed:
                settings.set("secrets.store", self.bindings["secrets.store"].read())
            for name in changed:
                if name in self.bindings and name != "secrets.store":
                    settings.set(name, self.bindings[name].read())
            settings.save()
            if "database" in changed:
                self._save_database()
            for name in SECRETS:
                value = self.secrets[name].value() if name in changed else None
                if value is not None:
                    settings.set(name, value)
        except ShopError as exc:
            self._save_failed(exc)
            return False
        self.load()
        text = self.tr("Settings saved.")
        if restart:
            text += " " + self.tr("Restart ShopCRM for the language, display or database "
                                  "change to take effect.")
        self.notice.show_message(text, kind="ok", timeout_ms=10_000)
        self.ctx.book_changed("settings")
        return True

    def _save_failed(self, error: ShopError) -> None:
        if error.code == "no_keyring":
            self.notice.show_message(
                self.tr("The secret was not saved: this computer has no system keyring. "
                        "Keep secrets in a private settings file instead?"), kind="error",
                action_text=self.tr("Use a private file"), action=self.use_private_file)
        else:
            self.notice.show_message(error_words(error, self.ctx.lang), kind="error")

    def use_private_file(self) -> None:
        box = self.bindings["secrets.store"].widget
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData("file"))
        self.save()

    # -- database ----------------------------------------------------------------------
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
        self.db_result.setText(self.tr("Connecting…"))
        self.ctx.workers.run(check_connection, url, name="db-check",
                             on_done=self._db_connected,
                             on_error=functools.partial(self._test_failed, self.db_result))

    def _db_connected(self, version: str) -> None:
        self.db_result.setText(self.tr("Connected (version {version}).").format(
            version="\u2066" + version.split(" on ")[0] + "\u2069"))

    def choose_db_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("The customer book file"), self.db_path.text(),
            self.tr("Customer book (*.sqlite3 *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.db_path.setText(path)

    # -- tests of the form's values ------------------------------------------------------
    def _draft(self):  # type: ignore[no-untyped-def]
        from shopcrm.services.settings.checks import SettingsDraft

        return SettingsDraft(self.settings, self.form_values())

    def send_test_sms(self) -> None:
        from shopcrm.services.settings.checks import send_test_sms

        mobile = self.bindings["sms.test_mobile"].read()
        if not mobile:
            self.sms_result.setText(self.tr("Type your mobile number first."))
            return
        self.sms_result.setText(self.tr("Sending…"))
        self.test_sms_button.setEnabled(False)
        self.ctx.workers.run(functools.partial(send_test_sms, lang=self.ctx.lang),
                             self._draft(), mobile, name="test-sms", on_done=self._test_sms_sent,
                             on_error=functools.partial(self._test_failed, self.sms_result))

    def _test_sms_sent(self, result: Any) -> None:
        self.test_sms_button.setEnabled(True)
        cost = (self.tr("cost {cost}").format(cost=self.d.money(result.cost, with_unit=True))
                if result.cost else self.tr("no cost reported"))
        self.sms_result.setText(self.tr("Test SMS sent to {mobile} ({parts} parts, {cost}).")
                                .format(mobile=self.d.mobile(result.receptor),
                                        parts=self.d.number(result.parts), cost=cost))

    def check_credit(self) -> None:
        from shopcrm.services.settings.checks import sms_credit

        self.sms_result.setText(self.tr("Asking for the credit…"))
        self.credit_button.setEnabled(False)
        self.ctx.workers.run(sms_credit, self._draft(), name="credit",
                             on_done=self._credit,
                             on_error=functools.partial(self._test_failed, self.sms_result))

    def _credit(self, credit: Any) -> None:
        self.credit_button.setEnabled(True)
        self.sms_result.setText(
            self.tr("Credit: {amount}").format(amount=self.d.money(credit.remaining,
                                                                     with_unit=True))
            if credit.remaining is not None else self.tr("Credit: not known (test provider)"))

    def test_smtp(self) -> None:
        from shopcrm.services.settings.checks import check_smtp

        self.smtp_result.setText(self.tr("Connecting…"))
        self.test_smtp_button.setEnabled(False)
        self.ctx.workers.run(check_smtp, self._draft(), name="smtp-test",
                             on_done=self._smtp_ok,
                             on_error=functools.partial(self._test_failed, self.smtp_result))

    def _smtp_ok(self, where: str) -> None:
        self.test_smtp_button.setEnabled(True)
        self.smtp_result.setText(self.tr("The mail server at {server} accepted the login.")
                                 .format(server="\u2066" + where + "\u2069"))

    def _test_failed(self, label: QLabel, error: BaseException) -> None:
        for button in (self.test_sms_button, self.credit_button, self.test_smtp_button):
            button.setEnabled(True)
        label.setText(error_words(error, self.ctx.lang))

    # -- backups -------------------------------------------------------------------------
    def choose_backup_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"),
                                                  self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def reload_backups(self) -> None:
        service = backup_service()
        if service is None:
            return
        book = self.ctx.db.sqlite_path  # this book's backups: others may share the folder
        self.ctx.workers.run(lambda: service.list_backups(self.settings, book=book),
                             name="backups", on_done=self._backups,
                             on_error=self._backups_failed)

    def _backups_failed(self, _error: BaseException) -> None:
        self._backups([])  # a missing or unreadable folder lists nothing

    def _backups(self, backups: list[Any]) -> None:
        reasons = {"manual": self.tr("by hand"), "daily": self.tr("daily"),
                   "import": self.tr("before an import"), "merge": self.tr("before a merge"),
                   "undo": self.tr("before an undo"), "restore": self.tr("before a restore"),
                   "migration": self.tr("before an upgrade")}
        self.backup_list.setRowCount(len(backups))
        for r, info in enumerate(backups):
            size = self.tr("{size} KB").format(size=self.d.number(max(1, info.size // 1024)))
            taken = info.taken_at  # the shop's local time (from the file name)
            cells = [self.d.date(taken.date()) + " " + self.d.digits(f"{taken:%H:%M}"),
                     reasons.get(info.reason, info.reason), size,
                     self.tr("yes") if info.verified else self.tr("no")]
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
        self.notice.show_message(self.tr("Backed up to {file}.").format(
            file="\u2066" + str(Path(info.path).name) + "\u2069"), kind="ok", timeout_ms=8000)
        self.reload_backups()

    def _backup_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.notice.show_message(error_words(error, self.ctx.lang), kind="error")


class _Defaults:
    """Settings that answer every option's default (the default backup folder)."""

    def get(self, name: str) -> Any:
        from shopcrm.config import option

        return option(name).default


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
