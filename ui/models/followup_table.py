"""The win-back lists as a table: absent or overdue customers, highest priority first.

The model holds plain ``FollowUpRow`` values (``shopcrm.services.absence.lists``) a page at a
time: the page loads the first ``PAGE`` rows, and when the view scrolls to the end Qt asks
``canFetchMore``/``fetchMore``; the model then emits ``more_wanted(offset)`` and the page
reads the next page on a worker and calls ``append``. A list of thousands costs a few
hundred rows in memory until the owner scrolls.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from shopcrm.services.absence.lists import FollowUpRow
from ui.display import Display

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMN_KEYS = ("priority", "name", "mobile", "reason", "days", "gap", "visits", "spent",
               "last_visit", "last_contact")
LEADING = ("name", "reason")


class FollowUpTableModel(QAbstractTableModel):
    PAGE = 200

    more_wanted = Signal(int)  # the offset of the next page

    def __init__(self, display: Display, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.display = display
        self.rows: list[FollowUpRow] = []
        self.total = 0
        self.loading = False
        self.today: date | None = None
        self._headers = {
            "priority": self.tr("Priority"), "name": self.tr("Name"),
            "mobile": self.tr("Mobile"), "reason": self.tr("Why"),
            "days": self.tr("Days away"), "gap": self.tr("Usual gap"),
            "visits": self.tr("Visits"), "spent": self.tr("Total spent"),
            "last_visit": self.tr("Last visit"), "last_contact": self.tr("Last contact"),
        }
        self._tips = {
            "priority": self.tr("How valuable × how late: spending in millions of Rials "
                                "(plus one) times the days away in units of their usual "
                                "gap (at most 10)."),
            "gap": self.tr("The median number of days between their visits."),
        }

    # -- content -----------------------------------------------------------------------
    def set_rows(self, rows: list[FollowUpRow], total: int | None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.total = len(rows) if total is None else total
        self.loading = False
        self.endResetModel()

    def append(self, rows: list[FollowUpRow]) -> None:
        self.loading = False
        known = {r.id for r in self.rows}
        fresh = [r for r in rows if r.id not in known]
        if not fresh:
            self.total = len(self.rows)  # the list shrank meanwhile: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
        self.rows.extend(fresh)
        self.endInsertRows()

    def remove_ids(self, ids: set[int]) -> None:
        """Drop rows at once (after a call is logged or a snooze), before the reload."""
        for row in range(len(self.rows) - 1, -1, -1):
            if self.rows[row].id in ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.total = max(0, self.total - 1)
                self.endRemoveRows()

    def row_at(self, row: int) -> FollowUpRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def ids(self) -> list[int]:
        return [r.id for r in self.rows]

    # -- lazy paging -------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.loading = True
            self.more_wanted.emit(len(self.rows))

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        key = COLUMN_KEYS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._headers[key]
            return self.display.money_header(text) if key == "spent" else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(key)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = COLUMN_KEYS[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            flag = Qt.AlignmentFlag.AlignLeading if key in LEADING else Qt.AlignmentFlag.AlignCenter
            return int(flag | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(key, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "priority":
                return self.tr("Priority {number}").format(number=self.priority_number(row))
            if key == "reason":
                return row.reason(self.display.lang)
            if key == "spent":
                return self.display.money(row.total_spent, with_unit=True)
            if key == "last_contact" and row.last_contact_at is not None:
                return self.display.datetime(row.last_contact_at)
        return None

    def priority_number(self, row: FollowUpRow) -> str:
        return self.display.number(round(row.priority) if row.priority >= 100 else
                                   round(row.priority, 1))

    def text(self, key: str, row: FollowUpRow) -> str:
        d = self.display
        if key == "priority":
            return row.priority_words(d.lang) or self.priority_number(row)
        if key == "name":
            return row.name
        if key == "mobile":
            return d.mobile(row.mobile)
        if key == "reason":
            return row.reason(d.lang)
        if key == "days":
            return d.number(row.days_since)
        if key == "gap":
            if row.usual_gap_days is None:
                return "—"
            return d.number(round(row.usual_gap_days, 1))
        if key == "visits":
            return d.number(row.visits)
        if key == "spent":
            return d.money(row.total_spent)
        if key == "last_visit":
            return d.date(row.last_visit_date)
        if key == "last_contact":
            return d.date(row.last_contact_at) if row.last_contact_at else "—"
        return ""
