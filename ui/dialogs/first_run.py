"""The first start: a short setup in the window for an empty book whose shop has no name.

Five pages: the shop (name, address, phone), money (toman or rial), SMS (Kavenegar with its
API key and line, or test mode — nothing is sent, messages are written to a file — or no
SMS), email (optional SMTP), and how to begin (the demo book, the owner's Excel list, or an
empty book). Every field is checked as it is typed by the setting's own rule (the registry
in ``shopcrm.config``), and Finish saves exactly as the Settings page does: plain values to
the settings file, the API key and the email password to the system keyring (or, on a
computer without one, the private secrets file, which the SMS page says beforehand).

``FirstRunWizard.start_choice()`` is "demo", "import" or "empty" after Finish; the main
window then loads the demo, opens the import wizard, or remembers that the owner declined.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shopcrm.errors import ShopError, StorageError
from ui.app_context import AppContext
from ui.widgets.error_words import error_words
from ui.widgets.option_edit import OptionField

START_CHOICES = ("demo", "import", "empty")
DEMO_SIZE = 3_000  # customers in the demo book the last page offers


def needs_setup(ctx: AppContext) -> bool:
    """An empty book (never declined) in a shop that has not been named yet."""
    from ui.dialogs.demo_offer import should_offer

    return not ctx.settings.shop.named and should_offer(ctx)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def _intro(page: QWizardPage, layout: QVBoxLayout, text: str) -> QLabel:
    """The page's opening sentences, wrapped inside the page (QWizard's own subtitle clips
    its line at the left edge in a right-to-left window). A right-to-left mark starts the
    paragraph so one that opens with a Latin word (ShopCRM) still reads right to left."""
    label = QLabel(("\u200f" + text) if page.isRightToLeft() else text, page)
    label.setObjectName("intro")
    label.setWordWrap(True)
    layout.insertWidget(0, label)
    layout.insertSpacing(1, 8)
    return label


def _radios(page: QWizardPage, layout: QVBoxLayout, choices: list[tuple[str, str]],
            name: str) -> QButtonGroup:
    group = QButtonGroup(page)
    for i, (value, text) in enumerate(choices):
        button = QRadioButton(text, page)
        button.setObjectName(f"setup-{name}-{value}")
        button.setProperty("value", value)
        group.addButton(button, i)
        layout.addWidget(button)
    group.buttons()[0].setChecked(True)
    group.buttonToggled.connect(lambda *_: page.completeChanged.emit())
    return group


def _checked(group: QButtonGroup) -> str:
    button = group.checkedButton()
    return str(button.property("value")) if button is not None else ""


class _FormPage(QWizardPage):
    """A page of option fields; Next waits until every field on it reads."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.fields: dict[str, OptionField] = {}
        self.column = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.column.addLayout(self.form)

    def field_row(self, name: str, label: str, *, required: bool = False,
                  ltr: bool = False) -> OptionField:
        widget = OptionField(name, label, self.w.ctx.lang, self, required=required, ltr=ltr)
        widget.edit.checked.connect(lambda _ok: self.completeChanged.emit())
        self.form.addRow(label, widget)
        self.fields[name] = widget
        return widget

    def isComplete(self) -> bool:
        return all(f.is_valid() for f in self.fields.values() if f.isEnabled())


class ShopPage(_FormPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Your shop"))
        self.intro = _intro(self, self.column, self.tr(
            "The name signs every message your customers receive; the address and phone go "
            "into the messages that mention them."))
        self.name = self.field_row("shop.name", self.tr("Name:"), required=True)
        self.address = self.field_row("shop.address", self.tr("Address:"))
        self.phone = self.field_row("shop.phone", self.tr("Phone:"), ltr=True)
        # First keystroke: Next waits for a name (an empty one is refused quietly).
        self.name.edit.textChanged.connect(lambda _t: self.completeChanged.emit())

    def initializePage(self) -> None:
        self.name.error.hide()  # no red line before the owner has typed anything

    def isComplete(self) -> bool:
        return bool(self.name.edit.text().strip()) and super().isComplete()


class MoneyPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Money"))
        column = QVBoxLayout(self)
        self.intro = _intro(self, column, self.tr(
            "Which unit do you write prices in? Every amount is typed and shown in it: "
            "visits, lists, reports, charts, the command line and Excel files."))
        self.group = _radios(self, column, [
            ("toman", self.tr("Toman (850,000 toman for a colouring)")),
            ("rial", self.tr("Rial (8,500,000 rial for the same colouring)"))], "currency")
        column.addWidget(_hint(self.tr("You can change it later in Settings; amounts already "
                                         "recorded keep their value.")))
        column.addStretch(1)

    def currency(self) -> str:
        return _checked(self.group)


class SmsPage(_FormPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Text messages (SMS)"))
        self.intro = _intro(self, self.column, self.tr(
            "ShopCRM sends SMS through Kavenegar. Without an account yet, choose test mode: "
            "nothing is sent, and each message is written to a file so you can read it."))
        choices = QVBoxLayout()
        self.column.insertLayout(2, choices)  # after the intro
        self.group = _radios(self, choices, [
            ("file", self.tr("Test mode — nothing is sent, messages are written to a file")),
            ("kavenegar", self.tr("Send through my Kavenegar account")),
            ("none", self.tr("No SMS"))], "sms")
        self.api_key = QLineEdit(self)
        self.api_key.setObjectName("setup-sms.api_key")
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.api_key.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.form.addRow(self.tr("API key:"), self.api_key)
        self.sender_line = self.field_row("sms.sender", self.tr("Sender line:"), ltr=True)
        self.sender_line.edit.setPlaceholderText(wizard.ctx.display.digits("10004346"))
        self.where = _hint(wizard.secret_place_text())
        self.column.addWidget(self.where)
        self.column.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self._kind_changed())
        self._kind_changed()

    def provider(self) -> str:
        return _checked(self.group)

    def _kind_changed(self) -> None:
        real = self.provider() == "kavenegar"
        for widget in (self.api_key, self.sender_line, self.where):
            widget.setEnabled(real)
        self.where.setVisible(real)

    def isComplete(self) -> bool:
        if self.provider() != "kavenegar":
            return True
        return bool(self.api_key.text().strip()) and super().isComplete()


class EmailPage(_FormPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Email (optional)"))
        self.intro = _intro(self, self.column, self.tr(
            "To email customers too, give your mail server. Leave the server empty to skip "
            "this; you can add it later in Settings."))
        self.host = self.field_row("smtp.host", self.tr("Server:"), ltr=True)
        self.port = self.field_row("smtp.port", self.tr("Port:"), ltr=True)
        self.port.edit.setText(wizard.ctx.display.digits("587"))
        self.user = self.field_row("smtp.user", self.tr("User:"), ltr=True)
        self.password = QLineEdit(self)
        self.password.setObjectName("setup-smtp.password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.form.addRow(self.tr("Password:"), self.password)
        self.security = QComboBox(self)
        self.security.setObjectName("setup-smtp.security")
        for value, text in (("starttls", self.tr("STARTTLS (port 587)")),
                            ("ssl", self.tr("SSL/TLS (port 465)")),
                            ("none", self.tr("None (local servers only)"))):
            self.security.addItem(text, value)
        self.form.addRow(self.tr("Security:"), self.security)
        self.from_address = self.field_row("smtp.from", self.tr("From address:"), ltr=True)
        self.column.addStretch(1)

    def used(self) -> bool:
        return bool(self.host.edit.text().strip())


class StartPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("How would you like to begin?"))
        column = QVBoxLayout(self)
        self.intro = _intro(self, column, self.tr("Your customer book is empty."))
        self.group = _radios(self, column, [
            ("demo", self.tr("Load a demo book with made-up customers, to look around")),
            ("import", self.tr("Import my customer list from Excel")),
            ("empty", self.tr("Start with an empty book"))], "start")
        if not wizard.ctx.hooks.has("import"):
            self.group.buttons()[1].setEnabled(False)
        column.addStretch(1)

    def choice(self) -> str:
        return _checked(self.group)


class FirstRunWizard(QWizard):
    """The first-run setup; values are saved on Finish (see the module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("Welcome to ShopCRM"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        from shopcrm.secrets import keyring_available

        self.keyring_ok = keyring_available()
        self.shop = ShopPage(self)
        self.money = MoneyPage(self)
        self.sms = SmsPage(self)
        self.email = EmailPage(self)
        self.start = StartPage(self)
        for page in (self.shop, self.money, self.sms, self.email, self.start):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Later"))
        self.setMinimumSize(640, 480)
        self.saved_error: str = ""

    def secret_place_text(self) -> str:
        if self.keyring_ok:
            return self.tr("The API key is kept in the system keyring, never in a file.")
        return self.tr("This computer has no system keyring, so the API key and the email "
                       "password will be kept in a private settings file that only your user "
                       "account can read.")

    def values(self) -> dict[str, Any]:
        """The plain (non-secret) settings the pages hold, each already checked."""
        values: dict[str, Any] = {
            "shop.name": self.shop.name.value(), "shop.address": self.shop.address.value(),
            "shop.phone": self.shop.phone.value(), "ui.currency": self.money.currency(),
            "sms.provider": self.sms.provider(),
        }
        if self.sms.provider() == "kavenegar":
            values["sms.sender"] = self.sms.sender_line.value()
        if self.email.used():
            for name, field in self.email.fields.items():
                values[name] = field.value()
            values["smtp.security"] = self.email.security.currentData()
        return values

    def secrets(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.sms.provider() == "kavenegar" and self.sms.api_key.text().strip():
            out["sms.api_key"] = self.sms.api_key.text().strip()
        if self.email.used() and self.email.password.text():
            out["smtp.password"] = self.email.password.text()
        return out

    def save(self) -> None:
        """Store everything like the Settings page does (secrets never in the file)."""
        settings = self.ctx.settings
        for name, value in self.values().items():
            settings.set(name, value)
        secrets = self.secrets()
        if secrets and not self.keyring_ok:
            settings.set("secrets.store", "file")
        settings.save()
        for name, value in secrets.items():
            settings.set(name, value)
        self.ctx.display.set_currency(settings.currency)

    def start_choice(self) -> str:
        return self.start.choice()

    @Slot()
    def accept(self) -> None:
        try:
            self.save()
        except (ShopError, StorageError) as exc:
            self.saved_error = error_words(exc, self.ctx.lang)
            from ui.dialogs.error_dialog import show_error

            show_error(self, exc, self.ctx.lang)
            return
        self.ctx.book_changed("settings")
        super().accept()


def open_first_run(ctx: AppContext, window: QWidget) -> FirstRunWizard:
    """Open the setup over ``window``; after Finish, begin the way the owner chose."""
    wizard = FirstRunWizard(ctx, window)
    wizard.accepted.connect(lambda: begin(ctx, window, wizard.start_choice()))
    wizard.open()
    return wizard


def begin(ctx: AppContext, window: QWidget, choice: str) -> None:
    """Load the demo book, open the Excel import, or remember that the book stays empty."""
    from ui.dialogs.demo_offer import DemoOfferDialog, declined_key

    if choice == "demo":
        offer = DemoOfferDialog(ctx, window, customers=DEMO_SIZE)
        offer.start()
        window.demo_offer = offer  # type: ignore[attr-defined]  # kept alive, seen by tests
    elif choice == "import" and ctx.hooks.has("import"):
        hook = ctx.hooks.get("import")
        assert hook is not None
        hook()
    else:
        ctx.window_settings().setValue(declined_key(ctx), True)
