"""Small helpers for tables: header texts, and columns wide enough for their words."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
)


def set_header_text(table: QTableWidget, column: int, text: str) -> None:
    """Rename a column (its header item is made if the table has none there yet)."""
    item = table.horizontalHeaderItem(column)
    if item is None:
        table.setHorizontalHeaderItem(column, QTableWidgetItem(text))
    else:
        item.setText(text)


def header_need(header: QHeaderView, column: int) -> int:
    """Pixels the section needs to show its header text whole (the style's margins in)."""
    return header.sectionSizeFromContents(column).width()


def fit_headers(header: QHeaderView) -> None:
    """Widen every section the owner sizes (Interactive) to at least its header text."""
    for column in range(header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            continue
        need = header_need(header, column)
        if header.sectionSize(column) < need:
            header.resizeSection(column, need)


def text_need(view: QAbstractItemView, texts: Iterable[str]) -> int:
    """Pixels a cell of ``view`` needs to show the widest of ``texts`` whole."""
    metrics = view.fontMetrics()
    widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
    return widest + 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
