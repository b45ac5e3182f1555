"""A line edit for one registered setting: the value is checked as it is typed by the
option's own rule (``shopcrm.config.Option.check``), the same rule ``Settings.set`` and
``shopcrm settings set`` use, and a refusal is one sentence naming the field's label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shopcrm.config import option
from shopcrm.errors import InvalidInput
from shopcrm.setting_rules import required_text
from ui.widgets.setting_fields import ValidatedEdit


def option_parser(name: str, label: str, *, required: bool = False) -> Callable[[str], Any]:
    """``text -> value`` by the option's rule; its error names ``label``, not the key."""
    opt = option(name)
    shown = label.rstrip(":：").strip()

    def parse(text: str) -> Any:
        try:
            if required:
                required_text(name, text)
            return opt.check(text)
        except InvalidInput as exc:
            exc.data["key"] = f"«{shown}»" if any("\u0600" <= c <= "\u06ff" for c in shown) \
                else f"'{shown}'"
            raise

    return parse


class OptionField(QWidget):
    """An :class:`OptionEdit` with its error line under it, ready for a form row."""

    def __init__(self, name: str, label: str, lang: str, parent: QWidget | None = None, *,
                 required: bool = False, ltr: bool = False) -> None:
        super().__init__(parent)
        self.name = name
        self.edit = ValidatedEdit(option_parser(name, label, required=required), lang, self,
                                  ltr=ltr)
        self.edit.setObjectName(f"setup-{name}")
        self.error = QLabel(self)
        self.edit.attach_error_label(self.error)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.edit)
        column.addWidget(self.error)

    def value(self) -> Any:
        return self.edit.value()

    def is_valid(self) -> bool:
        return self.edit.is_valid()
