"""The customers table: a lazy model over an ordered list of ids (Anki's browser shape).

The model holds only the ids of the current view, in display order, as the page's
background query returned them (``customer_ids``). Rows are read when the view asks for
them, a page of ``PAGE_SIZE`` ids at a time through ``fetch_rows`` (``rows_by_ids``), and
kept in a small LRU cache of pages. ``rowCount`` is the length of the id list, so a
100k-customer book costs one list of ints, and scrolling reads ~200 rows at a time.

Sorting a column does not sort here: it emits ``sort_requested(order, descending)`` and the
page asks the database again (``ORDER BY name_sort`` gives Persian alphabetical order, پ
after ب and گ after ک, for names).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from shopcrm.storage.customer_list import CustomerRow
from shopcrm.storage.db import Database
from ui.display import Display

FetchRows = Callable[[Sequence[int]], list[CustomerRow]]
Index = QModelIndex | QPersistentModelIndex

BADGES_ROLE = Qt.ItemDataRole.UserRole + 1  # list of badge keys (status column)
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the customer id of the row

# (column key, the ``customer_ids(order=...)`` key that sorts it, or None)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("name", "name"),
    ("mobile", "mobile"),
    ("status", None),
    ("city", "city"),
    ("visits", "visits"),
    ("last_visit", "last_visit"),
    ("spent", "spent"),
    ("birthday", None),
    ("points", "points"),  # loyalty balance (the ledger's sum)
)
COLUMN_KEYS = [c[0] for c in COLUMNS]
BADGE_ORDER = ("complaint", "vip", "absent", "overdue", "opted_out")


class CustomerTableModel(QAbstractTableModel):
    PAGE_SIZE = 200
    CACHE_PAGES = 12

    sort_requested = Signal(str, bool)

    def __init__(self, display: Display, fetch_rows: FetchRows, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.display = display
        self.fetch_rows = fetch_rows
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, CustomerRow]] = OrderedDict()
        self._flags: dict[str, frozenset[int]] = {}
        self._row_of: dict[int, int] | None = None
        self.fetched_rows = 0  # rows read from the database so far (tests watch this)
        self.order = "name"
        self.descending = False
        self._headers = {
            "name": self.tr("Name"), "mobile": self.tr("Mobile"), "status": self.tr("Status"),
            "city": self.tr("City"), "visits": self.tr("Visits"),
            "last_visit": self.tr("Last visit"), "spent": self.tr("Total spent"),
            "birthday": self.tr("Next birthday"),
            "points": self.tr("Points"),
        }
        self._badge_text = {
            "vip": self.tr("VIP"), "absent": self.tr("Absent"), "overdue": self.tr("Overdue"),
            "opted_out": self.tr("Opted out"), "complaint": self.tr("Complaint"),
        }

    # -- content -----------------------------------------------------------------------
    def set_ids(self, ids: list[int]) -> None:
        """Show these customers, in this order (the result of the page's query)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self._row_of = None
        self.endResetModel()

    def set_flags(self, flags: dict[str, frozenset[int]]) -> None:
        """Ids flagged by the segments service: {"absent": ids, "overdue": ids, "vip": ids}."""
        self._flags = dict(flags)
        if self._ids:
            column = COLUMN_KEYS.index("status")
            self.dataChanged.emit(self.index(0, column),
                                  self.index(len(self._ids) - 1, column))

    def refresh_rows(self) -> None:
        """Forget cached rows (after an edit) and repaint; the id list stays."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, customer_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {cid: i for i, cid in enumerate(self._ids)}
        return self._row_of.get(customer_id)

    def customer_at(self, row: int) -> CustomerRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // self.PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._load_page(page)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    def _load_page(self, page: int) -> dict[int, CustomerRow]:
        chunk = self._ids[page * self.PAGE_SIZE:(page + 1) * self.PAGE_SIZE]
        rows = {r.id: r for r in self.fetch_rows(chunk)}
        self.fetched_rows += len(chunk)
        self._pages[page] = rows
        while len(self._pages) > self.CACHE_PAGES:
            self._pages.popitem(last=False)
        return rows

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    def badges(self, row: CustomerRow) -> list[str]:
        found = set()
        if row.vip or row.id in self._flags.get("vip", ()):
            found.add("vip")
        if row.id in self._flags.get("absent", ()):
            found.add("absent")
        if row.id in self._flags.get("overdue", ()):
            found.add("overdue")
        if row.sms_opt_out or row.email_opt_out:
            found.add("opted_out")
        if row.id in self._flags.get("complaint", ()):
            found.add("complaint")
        return [b for b in BADGE_ORDER if b in found]

    def badge_text(self, key: str) -> str:
        return self._badge_text.get(key, key)

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                key = COLUMN_KEYS[section]
                text = self._headers[key]
                return self.display.money_header(text) if key == "spent" else text
        elif role == Qt.ItemDataRole.DisplayRole:
            return self.display.number(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.FontRole,
                        BADGES_ROLE):
            return None
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("name", "city", "status"):
                return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
            return int(Qt.AlignmentFlag.AlignCenter)
        row = self.customer_at(index.row())
        if row is None:
            return None
        if role == BADGES_ROLE:
            return self.badges(row) if key == "status" else None
        if role == Qt.ItemDataRole.FontRole:
            if key == "name" and row.vip:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, row)
        return self._text(key, row)

    def _text(self, key: str, row: CustomerRow) -> str:
        d = self.display
        if key == "name":
            return row.name
        if key == "mobile":
            return d.mobile(row.mobile)
        if key == "status":
            return "، ".join(self.badge_text(b) for b in self.badges(row)) if d.rtl else \
                ", ".join(self.badge_text(b) for b in self.badges(row))
        if key == "city":
            return row.city or ""
        if key == "visits":
            return d.number(row.total_visits)
        if key == "last_visit":
            return d.date(row.last_visit_at)
        if key == "spent":
            return d.money(row.total_spent)
        if key == "birthday":
            return self._birthday(row)
        if key == "points":
            return d.number(row.points_balance) if row.points_balance else ""
        return ""

    def _birthday(self, row: CustomerRow) -> str:
        """The day of the next greeting (Jalali), "today" when it is today."""
        from shopcrm.domain.dates import days_until_birthday, local_today

        if row.birthday is None:
            return ""
        today = local_today()
        until = days_until_birthday(row.birthday, today)
        if until == 0:
            return self.tr("today")
        return self.display.date(today + timedelta(days=until))

    def _tooltip(self, key: str, row: CustomerRow) -> str | None:
        if key == "last_visit" and row.last_visit_at is not None:
            days = self.display.days_ago(row.last_visit_at, date.today())
            return self.tr("{days} days ago").format(days=self.display.number(days))
        if key == "spent":
            return self.display.money(row.total_spent, with_unit=True)
        if key == "status":
            return self._text(key, row) or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort_key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None
        if sort_key is None:
            return
        self.order = sort_key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(self.order, self.descending)


def database_fetcher(db: Database) -> FetchRows:
    """``fetch_rows`` over an open ``Database``: one short read per page, through the read
    door (the GUI thread asks for rows as the view scrolls, and never waits on a lock)."""
    from shopcrm.storage.readers import customer_rows

    def fetch(ids: Sequence[int]) -> list[CustomerRow]:
        return customer_rows(db, ids)

    return fetch
