"""A line edit that is also a pick list: the words learned from past visits (services,
staff) drop down from a button at its end, and typing filters them; any other text is
still accepted. Keeps ``QLineEdit``'s API (``text``/``setText``), so forms need no change.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QCompleter, QLineEdit, QStyle


def attach_pick_list(edit: QLineEdit, words: Sequence[str]) -> QCompleter:
    """Give ``edit`` the ``words`` as a completer and a drop-down button showing them all."""
    completer = QCompleter(QStringListModel(list(words), edit), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setMaxVisibleItems(12)
    edit.setCompleter(completer)
    old = edit.findChild(QAction, "pickListAction")
    if old is not None:
        edit.removeAction(old)
    if words:
        icon: QIcon = edit.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        action = edit.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        action.setObjectName("pickListAction")
        action.setToolTip(QCoreApplication.translate("PickList", "Pick from the list"))
        action.triggered.connect(lambda: show_all(edit))
    return completer


def show_all(edit: QLineEdit) -> None:
    """Drop the whole list down (the button, or Alt+Down)."""
    completer = edit.completer()
    if completer is None:
        return
    completer.setCompletionPrefix("")
    completer.complete()
