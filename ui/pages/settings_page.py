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
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopcrm.config import SECRET_NAMES, DefaultSettings, option
from shopcrm.errors import ShopError
from shopcrm.secrets import keyring_available
from shopcrm.services.messaging.sms_text import OPT_OUT_LINE
from ui.app_context import AppContext
from ui.display import isolate, ltr
from ui.pages.base import Page
from ui.pages.settings_sections import (
    BackupSection,
    DatabaseSection,
    ResultLabel,
    backup_service,
)
from ui.widgets.error_words import error_words
from ui.widgets.notice import Notice
from ui.widgets.option_edit import option_parser
from ui.widgets.setting_fields import Binding, SecretEdit, ValidatedEdit, combo

SECRETS = SECRET_NAMES
# text settings typed left to right (addresses, codes, numbers as text)
_LTR_TEXT = frozenset({"shop.phone", "sms.base_url", "sms.sender", "sms.quiet_hours",
                       "sms.test_mobile", "smtp.host", "smtp.user", "smtp.from", "backup.dir"})
# text settings shown with Persian digits in a Persian window
_DIGITS = frozenset({"shop.phone", "sms.sender", "sms.quiet_hours", "sms.test_mobile",
                     "survey.delay"})


class SettingsPage(BackupSection, DatabaseSection, Page):
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
        # Whether the computer has a system keyring is first asked on a worker after the first
        # paint (keyring's import scans the installed backends: ~0.3 s, which the window's
        # first paint waited for); the form is filled after the paint, when shown or idle.
        ctx.after_first_paint(self._ask_keyring)
        self.load_first(self.load)
        self.reload_backups()

    def _ask_keyring(self) -> None:
        self.ctx.workers.run(keyring_available)

    def title(self) -> str:
        return self.tr("Settings")

    def _build_loyalty(self) -> QGroupBox:
        """The loyalty club (shopcrm.services.loyalty.rules), rows from the registry."""
        box, f = self._group(self.tr("Loyalty club"))
        self.row(f, "loyalty.enabled", self.tr("Give points at every visit recorded"))
        self.row(f, "loyalty.points_per_visit", self.tr("Points per visit:"))
        unit = self.tr("Toman") if self.d.currency == "toman" else self.tr("Rial")
        self.row(f, "loyalty.points_per_amount",
                 self.tr("One point for every … {unit} spent (0 = none):").format(unit=unit))
        self.row(f, "loyalty.reward_points", self.tr("Points for a reward:"))
        self.row(f, "loyalty.reward_text", self.tr("The reward:"))
        self.row(f, "loyalty.expiry_days", self.tr("Points expire after (days, 0 = never):"))
        self.row(f, "loyalty.tiers", self.tr("VIP tiers (name:points:perk; …):"))
        self.row(f, "loyalty.referral_bonus", self.tr("Referral bonus for both (points):"))
        return box

    def _number_text(self, value: Any) -> str:
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return self.d.digits(text).replace(".", "٫") if self.d.rtl else text

    # -- building: each row's widget and check come from the option's registry entry ----
    def row(self, form: QFormLayout, name: str, label: str,
            choices: list[tuple[str, str]] | None = None) -> QWidget:
        """The row for setting ``name``: a combo for a choice (``choices`` are the values'
        words), a check box for yes/no, a password field for a secret, else a line edit
        checked as typed by the option's rule (numbers and codes left to right)."""
        kind = option(name).kind
        if kind == "choice":
            return self._combo(form, label, name, choices or [
                (value, value) for value in option(name).choices])
        if kind == "bool":
            return self._check(form, label, name)
        if kind == "secret":
            return self._secret(form, label, name)
        number = kind in ("whole", "decimal") or name in _LTR_TEXT
        return self._edit(form, label, name, number=number)

    def _edit(self, form: QFormLayout, label: str, name: str, *,
              number: bool = False) -> ValidatedEdit:
        edit = ValidatedEdit(option_parser(name, label), self.ctx.lang, self, ltr=number)
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
        opt = option(name)
        digits = opt.kind in ("whole", "decimal") or name in _DIGITS
        show = self._number_text if digits else str
        lang = self.ctx.lang  # a special value in the owner's word (survey.delay's next_morning)
        self.bindings[name] = Binding(name, edit, edit.value,
                                      lambda v: edit.setText(opt.word(v, lang) or show(v)),
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
        self.row(f, "shop.name", self.tr("Name:"))
        self.row(f, "shop.address", self.tr("Address:"))
        self.row(f, "shop.phone", self.tr("Phone:"))
        self.row(f, "shop.new_address", self.tr("New address (after a move):"))

        sms, f = self._group(self.tr("SMS"))
        self.row(f, "sms.provider", self.tr("Provider:"), [
            ("auto", self.tr("Kavenegar once an API key is set, else the test file")),
            ("kavenegar", self.tr("Kavenegar")),
            ("file", self.tr("Test file (nothing is sent)")), ("none", self.tr("No SMS"))])
        self.row(f, "sms.api_key", self.tr("API key:"))
        self.row(f, "sms.base_url", self.tr("Gateway address:"))
        self.row(f, "sms.sender", self.tr("Sender line:"))
        self.row(f, "sms.line", self.tr("Line type:"), [
            ("service", self.tr("Service line (adds the opt-out line {line})").format(
                line=isolate(OPT_OUT_LINE))),
            ("advertising", self.tr("Advertising line (sends in the daytime only)"))])
        self.row(f, "sms.quiet_hours", self.tr("Quiet hours:"))
        self.row(f, "sms.test_mobile", self.tr("Your mobile, for tests:"))
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

        self.keyring_ok = True  # known at the first load
        self.keyring_note = QLabel(self.tr(
            "This computer has no system keyring, so the API key and the email password "
            "cannot be kept there. You can keep them in a private settings file that only "
            "your user account can read."))
        self.keyring_note.setObjectName("hint")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(False)
        f.addRow("", self.keyring_note)
        self.row(f, "secrets.store", self.tr("Keep secrets in:"), [
            ("keyring", self.tr("The system keyring")),
            ("file", self.tr("A private settings file"))])

        mail, f = self._group(self.tr("Email (SMTP)"))
        self.row(f, "smtp.host", self.tr("Server:"))
        self.row(f, "smtp.port", self.tr("Port:"))
        self.row(f, "smtp.user", self.tr("User:"))
        self.row(f, "smtp.password", self.tr("Password:"))
        self.row(f, "smtp.security", self.tr("Security:"), [
            ("starttls", self.tr("STARTTLS (port 587)")), ("ssl", self.tr("SSL/TLS (port 465)")),
            ("none", self.tr("None (local servers only)"))])
        self.row(f, "smtp.from", self.tr("From address:"))
        self.test_smtp_button = QPushButton(self.tr("Test the connection"))
        self.test_smtp_button.setObjectName("testSmtp")
        self.test_smtp_button.clicked.connect(self.test_smtp)
        f.addRow("", self.test_smtp_button)
        self.smtp_result = self._result_label("smtpResult")
        f.addRow("", self.smtp_result)

        absence, f = self._group(self.tr("Who counts as slipping away"))
        self.row(f, "absence.min_visits", self.tr("Visits to be a regular:"))
        self.row(f, "absence.absent_days", self.tr("Absent after (days):"))
        self.row(f, "absence.overdue_factor", self.tr("Overdue at (× usual gap):"))
        self.row(f, "absence.overdue_min_days", self.tr("Overdue not before (days):"))
        self.row(f, "absence.contacted_days", self.tr("Recently contacted (days):"))

        loyalty = self._build_loyalty()
        survey, f = self._group(self.tr("After-visit survey"))
        self.row(f, "survey.enabled", self.tr("Ask for a score from 1 to 5 after each visit"))
        self.row(f, "survey.delay", self.tr("Send it:"))
        delay_hint = QLabel(self.tr("{word}, or a number of hours after the visit (like {n})")
                            .format(word=isolate(option("survey.delay").shown(
                                        "next_morning", self.ctx.lang)), n=self.d.digits("3")))
        delay_hint.setObjectName("hint")
        f.addRow("", delay_hint)
        self.row(f, "survey.text", self.tr("Message:"))

        display, f = self._group(self.tr("Language and display"))
        self.row(f, "ui.language", self.tr("Language:"), [("fa", "فارسی"), ("en", "English")])
        self.row(f, "ui.calendar", self.tr("Calendar:"), [
            ("jalali", self.tr("Persian (Jalali)")), ("gregorian", self.tr("Gregorian"))])
        self.row(f, "ui.currency", self.tr("Money in:"), [
            ("toman", self.tr("Toman")), ("rial", self.tr("Rial"))])
        restart = QLabel(self.tr("Language, calendar and money take effect the next time "
                                 "ShopCRM starts."))
        restart.setObjectName("hint")
        restart.setWordWrap(True)
        f.addRow("", restart)

        backups = self._build_backups()
        database = self._build_database()

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        for column, boxes in enumerate(((shop, sms, mail, loyalty),
                                        (absence, survey, display, backups, database))):
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
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)

    # -- loading and saving ------------------------------------------------------------
    def load(self) -> None:
        """Show the stored values (secrets: only whether one is saved)."""
        self._loading = True
        self.keyring_ok = keyring_available()
        self.keyring_note.setVisible(not self.keyring_ok)
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
            default = service.backup_dir(DefaultSettings())
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

