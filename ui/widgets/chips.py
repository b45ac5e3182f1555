"""Filter chips: one segment at a time (all, regulars, absent, ...), plus a tag and an RFM
segment picked from small menus. The value is a segment name for ``segment_filter``."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QMenu, QToolButton, QWidget

from ui.widgets.flow_layout import FlowLayout


class FilterChips(QWidget):
    """``changed(segment)`` when the owner picks a chip; ``"all"`` shows everyone."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = FlowLayout(self, spacing=6)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        self._menus: dict[str, tuple[QToolButton, str, dict[str, str]]] = {}
        self.segment = "all"

    def _chip(self, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setProperty("chip", True)
        self._group.addButton(button)
        self._layout.addWidget(button)
        return button

    def add_chip(self, segment: str, text: str) -> QToolButton:
        button = self._chip(text)
        button.setObjectName(f"chip-{segment}")
        button.clicked.connect(lambda: self._pick(segment))
        self._buttons[segment] = button
        if segment == self.segment:
            button.setChecked(True)
        return button

    def add_menu_chip(self, prefix: str, text: str, choices: dict[str, str]) -> QToolButton:
        """A chip whose menu lists ``choices`` (value -> label); picks ``prefix:value``."""
        button = self._chip(f"{text} ▾")
        button.setObjectName(f"chip-{prefix}")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menus[prefix] = (button, text, {})
        self.set_menu_choices(prefix, choices)
        return button

    def set_menu_choices(self, prefix: str, choices: dict[str, str]) -> None:
        button, text, _ = self._menus[prefix]
        menu = QMenu(button)
        for value, label in choices.items():
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, v=value: self._pick(f"{prefix}:{v}"))
        button.setMenu(menu)
        button.setVisible(bool(choices))
        self._menus[prefix] = (button, text, dict(choices))

    def chip(self, segment: str) -> QToolButton | None:
        return self._buttons.get(segment) or (self._menus.get(segment) or (None,))[0]

    def select(self, segment: str) -> None:
        self._pick(segment)

    @Slot()
    def _pick(self, segment: str) -> None:
        prefix, _, value = segment.partition(":")
        for name, (button, text, choices) in self._menus.items():
            if name == prefix and value in choices:
                button.setText(f"{text}: {choices[value]} ▾")
                button.setChecked(True)
            else:
                button.setText(f"{text} ▾")
        if segment in self._buttons:
            self._buttons[segment].setChecked(True)
        if segment != self.segment:
            self.segment = segment
            self.changed.emit(segment)
