"""One section of the Today page: a title with its count, a line of explanation, a small
table of rows (each row carries a key: a customer, complaint or campaign id), action
buttons that act on the selected row, and a link to the page the count comes from.

The table is a view over a plain list (``_Rows``), not one widget item per cell: a big
book's week of birthdays is a thousand rows or more, filled in one step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

STYLE = """
QFrame#todaySection { background: white; border: 1px solid #e1e6f0; border-radius: 8px; }
QLabel#sectionTitle { font-size: 15px; font-weight: bold; }
QLabel#sectionCount { font-size: 15px; font-weight: bold; color: #1a5fb4; }
"""
ROWS_SHOWN = 6  # the table's height, in rows, before it scrolls
MEASURED_ROWS = 50  # column widths follow the contents of this many rows, not all

Index = QModelIndex | QPersistentModelIndex
# A row's texts, or a function that makes them when the row is first shown (a long list
# is then not formatted in full before it appears).
Cells = Sequence[str] | Callable[[], Sequence[str]]


class _Rows(QAbstractTableModel):
    """The section's rows as text, read-only."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.cells: list[Cells] = []

    def set_cells(self, cells: list[Cells]) -> None:
        self.beginResetModel()
        self.cells = cells
        self.endResetModel()

    def row_texts(self, row: int) -> Sequence[str]:
        cells = self.cells[row]
        if callable(cells):
            cells = self.cells[row] = cells()
        return cells

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.row_texts(index.row())
        return str(row[index.column()]) if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


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
        self.rows = _Rows(headers, self)
        self.table = QTableView(self)
        self.table.setModel(self.rows)
        self.table.setObjectName(f"{key}-table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        self.table.doubleClicked.connect(lambda _index: self.activated.emit())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
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

    def set_rows(self, rows: Sequence[tuple[int, Cells]], *, count: int | None,
                 summary: str | None = None, empty: str = "") -> None:
        self.keys = [key for key, _ in rows]
        self.count.setText("" if count is None else self.number(count))
        self.summary.setText(summary or "")
        self.summary.setVisible(bool(summary))
        self.rows.set_cells([cells for _key, cells in rows])
        has_table = self.rows.columnCount() > 0
        self.table.setVisible(has_table and bool(rows))
        shown = min(max(len(rows), 1), ROWS_SHOWN)
        self.table.setFixedHeight(self.table.horizontalHeader().height()
                                  + shown * self.table.verticalHeader().defaultSectionSize() + 4)
        self.empty.setText(empty)
        self.empty.setVisible(has_table and not rows and bool(empty))
        if rows:
            self.select(0)
        self._update_actions()

    def cell(self, row: int, column: int) -> str:
        """The text shown in ``row``, ``column``."""
        return str(self.rows.index(row, column).data() or "")

    def selected_key(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def select(self, row: int) -> None:
        index = self.rows.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def _update_actions(self) -> None:
        has = self.selected_key() is not None
        for name in self._needs_row:
            self._buttons[name].setEnabled(has)
