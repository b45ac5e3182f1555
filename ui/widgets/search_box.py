"""A search field that waits for a pause in typing (150 ms) before it asks."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """``search(text)`` fires once typing pauses; Enter fires it at once."""

    search = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self.textChanged.connect(self._restart)
        self.returnPressed.connect(self._fire)

    @Slot()
    def _restart(self) -> None:
        self._timer.start()

    @Slot()
    def _fire(self) -> None:
        self._timer.stop()
        self.search.emit(self.text())

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
