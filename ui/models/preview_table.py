"""The first rows of a sheet as the file holds them, for the import wizard's mapping step.

Row 0 is a blank row the wizard covers with one field combo box per column (so each choice
sits right above the values it names); the data rows follow, each headed by its row number
as the spreadsheet shows it. After a dry run, ``set_issues`` marks the cells (or whole rows)
with a problem: a tinted background and the reason as a tooltip.

Cells show the file's text: a number typed as ``9121234567.0`` reads ``9121234567``, a date
reads as a date in the window's calendar, and every value is a bidi isolate, so ``+98 912``
or a Latin name never turns around inside the right-to-left table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.display import Display, isolate

Index = QModelIndex | QPersistentModelIndex

ERROR_BRUSH = QBrush(QColor("#fde2e1"))
WARNING_BRUSH = QBrush(QColor("#fff1d6"))
COMBO_ROW = 0
MAX_CELL_TEXT = 120


def column_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB" (the spreadsheet's own column names)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_text(value: Any, display: Display) -> str:
    """A raw cell as the owner would recognise it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"
    if isinstance(value, datetime):
        day = display.date(value.date()) if display.calendar != "gregorian" else (
            value.date().isoformat())
        return day if value.time() == time() else f"{day} {value:%H:%M}"
    if isinstance(value, date):
        return display.date(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT - 1] + "…"


class PreviewTableModel(QAbstractTableModel):
    """``set_sheet(headers, rows)``: ``rows`` are ``(row number, values)`` pairs."""

    def __init__(self, display: Display, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.display = display
        self.headers: list[str] = []
        self.rows: list[tuple[int, list[str]]] = []
        self.width = 0
        self.field_labels: dict[int, str] = {}
        self.issues: dict[tuple[int, int | None], tuple[str, bool]] = {}
        self.combo_row_title = ""

    # -- content -----------------------------------------------------------------------
    def set_sheet(self, headers: Sequence[str], rows: Sequence[tuple[int, Sequence[Any]]]
                  ) -> None:
        self.beginResetModel()
        self.width = max([len(headers), *(len(v) for _, v in rows)], default=0)
        self.headers = [*headers, *[""] * (self.width - len(headers))]
        self.rows = [(number, [cell_text(v, self.display) for v in values])
                     for number, values in rows]
        self.issues = {}
        self.endResetModel()

    def set_field_labels(self, labels: dict[int, str]) -> None:
        """The field each column feeds, for the header's tooltip."""
        self.field_labels = dict(labels)
        if self.width:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.width - 1)

    def set_issues(self, issues: Sequence[tuple[int, int | None, str, bool]]) -> None:
        """``(row number, column index or None, reason, is_error)`` for each problem."""
        self.issues = {}
        for row, column, reason, is_error in issues:
            key = (row, column)
            old = self.issues.get(key)
            if old is not None:
                reason = f"{old[0]}\n{reason}"
                is_error = is_error or old[1]
            self.issues[key] = (reason, is_error)
        if self.rows and self.width:
            self.dataChanged.emit(self.index(1, 0),
                                  self.index(len(self.rows), self.width - 1))

    def column_title(self, column: int) -> str:
        text = self.headers[column] if column < len(self.headers) else ""
        return text or column_letter(column)

    def row_number(self, row: int) -> int | None:
        """The sheet's row number shown on model row ``row`` (None for the combo row)."""
        return self.rows[row - 1][0] if 1 <= row <= len(self.rows) else None

    # -- the model ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or not self.width else len(self.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.width

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or index.row() == COMBO_ROW:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _issue(self, row: int, column: int) -> tuple[str, bool] | None:
        number = self.row_number(row)
        if number is None:
            return None
        return self.issues.get((number, column)) or self.issues.get((number, None))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() == COMBO_ROW:
            return None
        row, column = index.row(), index.column()
        values = self.rows[row - 1][1]
        text = values[column] if column < len(values) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return isolate(text)
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            issue = self._issue(row, column)
            if issue is None:
                return text if role == Qt.ItemDataRole.ToolTipRole and len(text) > 30 else None
            if role == Qt.ItemDataRole.ToolTipRole:
                return issue[0]
            return ERROR_BRUSH if issue[1] else WARNING_BRUSH
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return isolate(self.column_title(section))
            if role == Qt.ItemDataRole.ToolTipRole:
                field = self.field_labels.get(section, "")
                letter = column_letter(section)
                return f"{letter}: {field}" if field else letter
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            number = self.row_number(section)
            return self.combo_row_title if number is None else self.display.number(number)
        return None
