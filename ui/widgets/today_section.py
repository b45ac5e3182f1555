"""One section of the Today page: a title with its count, a line of explanation, a small
table of rows (each row carries a key: a customer, complaint or campaign id), action
buttons that act on the selected row, and a link to the page the count comes from."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.record_table import record_table

STYLE = """
QFrame#todaySection { background: white; border: 1px solid #e1e6f0; border-radius: 8px; }
QLabel#sectionTitle { font-size: 15px; font-weight: bold; }
QLabel#sectionCount { font-size: 15px; font-weight: bold; color: #1a5fb4; }
"""
ROWS_SHOWN = 6  # the table's height, in rows, before it scrolls


class TodaySection(QFrame):
    """``activated()`` when a row is double-clicked."""

    activated = Signal()

    def __init__(self, key: str, title: str, headers: Sequence[str],
                 number: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.number = number
        self.setObjectName("todaySection")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(title)
        self.keys: list[int] = []
        self.title = QLabel(title)
        self.title.setObjectName("sectionTitle")
        self.count = QLabel("…")
        self.count.setObjectName("sectionCount")
        self.count.setAccessibleName(f"{key}-count")
        self.link = QPushButton(self)
        self.link.setObjectName(f"{key}-link")
        self.link.setFlat(True)
        self.link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.link.hide()
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.count)
        head.addStretch(1)
        head.addWidget(self.link)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.table = record_table(self, headers, name=f"{key}-table", alternating=False)
        self.table.itemDoubleClicked.connect(lambda _item: self.activated.emit())
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.table.setVisible(bool(headers))
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.hide()
        self.action_row = QHBoxLayout()
        self.action_row.addStretch(1)
        self._buttons: dict[str, QPushButton] = {}
        self._needs_row: set[str] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        layout.addLayout(self.action_row)

    def add_action(self, name: str, text: str, slot: Callable[[], None], *,
                   needs_row: bool = True) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"{self.key}-{name}")
        button.clicked.connect(lambda _checked=False: slot())
        self.action_row.insertWidget(self.action_row.count() - 1, button)
        self._buttons[name] = button
        if needs_row:
            self._needs_row.add(name)
        self._update_actions()
        return button

    def action_button(self, name: str) -> QPushButton:
        return self._buttons[name]

    def set_link(self, text: str, slot: Callable[[], None]) -> None:
        self.link.setText(text + " ›")
        self.link.clicked.connect(lambda _checked=False: slot())
        self.link.show()

    def set_rows(self, rows: Sequence[tuple[int, Sequence[str]]], *, count: int | None,
                 summary: str | None = None, empty: str = "") -> None:
        self.keys = [key for key, _ in rows]
        self.count.setText("" if count is None else self.number(count))
        self.summary.setText(summary or "")
        self.summary.setVisible(bool(summary))
        self.table.setRowCount(len(rows))
        for r, (_key, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        has_table = self.table.columnCount() > 0
        self.table.setVisible(has_table and bool(rows))
        shown = min(max(len(rows), 1), ROWS_SHOWN)
        self.table.setFixedHeight(self.table.horizontalHeader().height()
                                  + shown * self.table.verticalHeader().defaultSectionSize() + 4)
        self.empty.setText(empty)
        self.empty.setVisible(has_table and not rows and bool(empty))
        if rows:
            self.select(0)
        self._update_actions()

    def selected_key(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def select(self, row: int) -> None:
        index = self.table.model().index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def _update_actions(self) -> None:
        has = self.selected_key() is not None
        for name in self._needs_row:
            self._buttons[name].setEnabled(has)
