"""A campaign's results per recipient: the outbox rows (``OutboxView``) as a table.

Status words and error sentences come in the window's language (error codes through
``shopcrm.error_text``); mobiles and emails stay left to right; cost is money.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from shopcrm.error_text import MESSAGES, describe
from shopcrm.services.messaging.outbox import OutboxView
from shopcrm.storage.outbox_status import OutboxStatus
from ui.display import Display

Index = QModelIndex | QPersistentModelIndex

COLUMN_KEYS = ("name", "recipient", "channel", "status", "parts", "cost", "sent_at", "error")
STATUS_COLOURS: dict[str, str] = {
    OutboxStatus.DELIVERED: "#17663a", OutboxStatus.SENT: "#1a3f9c",
    OutboxStatus.FAILED: "#a61b1b", OutboxStatus.INVALID: "#a61b1b",
    OutboxStatus.UNKNOWN: "#8a5300", OutboxStatus.PENDING: "#4a4f55",
    OutboxStatus.SENDING: "#8a5300",
    OutboxStatus.TEST: "#4a4f55",
}


class OutboxTableModel(QAbstractTableModel):
    def __init__(self, display: Display, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.display = display
        self.rows: list[OutboxView] = []
        self.names: dict[int, str] = {}
        self._headers = {
            "name": self.tr("Customer"), "recipient": self.tr("To"),
            "channel": self.tr("Channel"), "status": self.tr("Status"),
            "parts": self.tr("Parts"), "cost": self.tr("Cost"),
            "sent_at": self.tr("Sent at"),
            "error": self.tr("Error"),
        }
        self.status_words: dict[str, str] = {
            OutboxStatus.PENDING: self.tr("Waiting"), OutboxStatus.SENDING: self.tr("Sending"),
            OutboxStatus.SENT: self.tr("Sent"), OutboxStatus.DELIVERED: self.tr("Delivered"),
            OutboxStatus.FAILED: self.tr("Failed"),
            OutboxStatus.INVALID: self.tr("Invalid number"),
            OutboxStatus.UNKNOWN: self.tr("Unknown"),
            OutboxStatus.TEST: self.tr("Test file (not sent)"),
        }
        self.channel_words = {"sms": self.tr("SMS"), "email": self.tr("Email")}

    def set_rows(self, rows: list[OutboxView], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.names = dict(names)
        self.endResetModel()

    def row_at(self, row: int) -> OutboxView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def status_of(self, row: int) -> str:
        found = self.row_at(row)
        return found.status if found else ""

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            key = COLUMN_KEYS[section]
            text = self._headers[key]
            return self.display.money_header(text) if key == "cost" else text
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(key, row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            flag = (Qt.AlignmentFlag.AlignLeading if key in ("name", "error")
                    else Qt.AlignmentFlag.AlignCenter)
            return int(flag | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            colour = STATUS_COLOURS.get(row.status)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "error":
                return self.error_text(row) or None
            if key in ("name", "recipient"):
                return row.body
        return None

    def text(self, key: str, row: OutboxView) -> str:
        d = self.display
        if key == "name":
            return self.names.get(row.customer_id or 0, "") if row.customer_id else "—"
        if key == "recipient":
            return d.mobile(row.recipient) if row.channel == "sms" else d.email(row.recipient)
        if key == "channel":
            return self.channel_words.get(row.channel, row.channel)
        if key == "status":
            return self.status_words.get(row.status, row.status)
        if key == "parts":
            return d.number(row.parts) if row.channel == "sms" else ""
        if key == "cost":
            return d.money(row.cost) if row.cost is not None else ""
        if key == "sent_at":
            return d.datetime(row.sent_at) if row.sent_at else ""
        if key == "error":
            return self.error_text(row)
        return ""

    def error_text(self, row: OutboxView) -> str:
        """The error in the owner's words (the gateway's own text when the code is new)."""
        if not row.error_code:
            return ""
        if row.error_code not in MESSAGES:
            return row.error_text or row.error_code
        error = SimpleNamespace(code=row.error_code, data={"detail": row.error_text or ""})
        return describe(error, self.display.lang)
