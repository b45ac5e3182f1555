"""Small helpers for QTableWidget."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def set_header_text(table: QTableWidget, column: int, text: str) -> None:
    """Rename a column (its header item is made if the table has none there yet)."""
    item = table.horizontalHeaderItem(column)
    if item is None:
        table.setHorizontalHeaderItem(column, QTableWidgetItem(text))
    else:
        item.setText(text)
