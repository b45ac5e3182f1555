"""The read-only table of records the pages, the Today sections and the customer card
show: whole rows selected, nothing edited in place, no row numbers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

_Resize = QHeaderView.ResizeMode


def record_table(parent: QWidget, headers: Sequence[str], *, name: str = "",
                 several: bool = False, resize: _Resize = _Resize.ResizeToContents,
                 stretch: int | None = None, alternating: bool = True) -> QTableWidget:
    """A table with ``headers``: one row selected at a time (``several``: any number, for
    actions on many), columns sized by ``resize`` with the last one stretched, or column
    ``stretch`` taking the room left; ``name`` is its object name (tests, style)."""
    table = QTableWidget(0, len(headers), parent)
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if several
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(alternating)
    header = table.horizontalHeader()
    header.setSectionResizeMode(resize)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, _Resize.Stretch)
    return table
