"""Fields of the Settings page: each bound to one setting, checked as it is typed.

A :class:`Binding` ties a widget to a setting name: ``read()`` is the value on the form (the
option's type, Persian digits folded), ``write(value)`` shows a stored one, ``valid()``
says whether Save may take it. :class:`ValidatedEdit` is a line edit whose parser returns
the value or raises ``ValueError`` with the sentence to show (or a ``ShopError``, put into
words by ``error_text``). Secrets use :class:`SecretEdit`: a password field that is never
filled with the stored value; typing a new one replaces it, "Forget" removes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from shopcrm.error_text import describe
from shopcrm.errors import ShopError

Parser = Callable[[str], Any]


@dataclass
class Binding:
    name: str
    widget: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    valid: Callable[[], bool]
    secret: bool = False


class ValidatedEdit(QLineEdit):
    """``checked(ok)`` after each change; ``value()`` the parsed value, ``error()`` why not."""

    checked = Signal(bool)

    def __init__(self, parser: Parser, lang: str, parent: QWidget | None = None, *,
                 ltr: bool = False) -> None:
        super().__init__(parent)
        self.parser = parser
        self.lang = lang
        self.error_label: QLabel | None = None
        self._value: Any = None
        self._error = ""
        if ltr:
            self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.textChanged.connect(self._check)
        self._check("")  # setText("") later emits nothing: the empty value is parsed now

    def attach_error_label(self, label: QLabel) -> None:
        self.error_label = label
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setVisible(bool(self._error))

    def value(self) -> Any:
        return self._value

    def error(self) -> str:
        return self._error

    def is_valid(self) -> bool:
        return not self._error

    @Slot(str)
    def _check(self, text: str) -> None:
        self._error, self._value = "", None
        try:
            self._value = self.parser(text)
        except ShopError as exc:
            self._error = describe(exc, self.lang)
        except ValueError as exc:
            self._error = str(exc)
        self.setProperty("invalid", bool(self._error))
        self.style().unpolish(self)
        self.style().polish(self)
        self.setToolTip(self._error)
        if self.error_label is not None:
            self.error_label.setText(self._error)
            self.error_label.setVisible(bool(self._error))
        self.checked.emit(not self._error)


class SecretEdit(QWidget):
    """A password field for a secret kept in the keyring; ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.textChanged.connect(lambda _t: self._edited())
        self.forget_button = QToolButton(self)
        self.forget_button.setText(self.tr("Forget"))
        self.forget_button.setToolTip(self.tr("Remove the saved secret when you save"))
        self.forget_button.setCheckable(True)
        self.forget_button.toggled.connect(lambda _on: self._edited())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.forget_button)
        self.stored = False

    def _edited(self) -> None:
        if self.forget_button.isChecked() and self.edit.text():
            self.forget_button.setChecked(False)
        self.changed.emit()

    def set_stored(self, stored: bool, where: str) -> None:
        """Say whether a secret is saved (never show it)."""
        self.stored = stored
        self.edit.clear()
        self.forget_button.setChecked(False)
        self.forget_button.setVisible(stored)
        self.edit.setPlaceholderText(
            self.tr("Saved in {where}; type a new one to replace it").format(where=where)
            if stored else self.tr("Not set"))

    def typed(self) -> str:
        return self.edit.text()

    @property
    def dirty(self) -> bool:
        return bool(self.edit.text()) or self.forget_button.isChecked()

    def value(self) -> str | None:
        """The new secret, "" to remove it, None to keep it."""
        if self.edit.text():
            return self.edit.text()
        return "" if self.forget_button.isChecked() else None


def combo(parent: QWidget, choices: list[tuple[str, str]], name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(f"setting-{name}")
    for value, text in choices:
        box.addItem(text, value)
    return box
