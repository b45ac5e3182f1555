"""A notice bar inside a page or dialog: one sentence, maybe an action (Undo), a close."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class Notice(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.action_button = QPushButton(self)
        self.action_button.setAutoDefault(False)  # Enter in a dialog never triggers it
        self.action_button.hide()
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], object] | None = None  # what it returns is not used
        self.action_button.clicked.connect(self._run_action)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, *, kind: str = "info", action_text: str = "",
                     action: Callable[[], object] | None = None, timeout_ms: int = 0) -> None:
        self.label.setText(text)
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(action is not None)
        self._timer.stop()
        if timeout_ms:
            self._timer.start(timeout_ms)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    @Slot()
    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()
