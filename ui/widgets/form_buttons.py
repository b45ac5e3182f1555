"""The Save row of a dialog that writes (Save and Cancel, or Save and Close) and the
form dialog's stack: the form, its notice, the buttons.

The words come from the dialog (``self.tr("Save")``), so each keeps its own translation
context, as before."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_Button = QDialogButtonBox.StandardButton


def save_buttons(dialog: QDialog, on_save: Callable[[], None], save: str, other: str, *,
                 close: bool = False) -> tuple[QDialogButtonBox, QPushButton]:
    """Save (runs ``on_save``) and Cancel, or Close with ``close``, both closing the
    dialog unsaved; returns the row and its Save button (enabled as the form allows)."""
    second = _Button.Close if close else _Button.Cancel
    buttons = QDialogButtonBox(_Button.Save | second)
    save_button = buttons.button(_Button.Save)
    save_button.setText(save)
    buttons.button(second).setText(other)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save_button


def stack_form(dialog: QDialog, form: QFormLayout, notice: QWidget,
               buttons: QDialogButtonBox) -> QVBoxLayout:
    """The dialog's layout: the form, the notice under it, the buttons last."""
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(notice)
    layout.addWidget(buttons)
    return layout
