"""Status badges (VIP, absent, overdue, opted out) painted as small rounded pills."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models.customer_table import BADGES_ROLE
from ui.theme import BADGE_COLOURS

PAD_X, PAD_Y, GAP = 7, 2, 4


class BadgeDelegate(QStyledItemDelegate):
    """Paints the badge keys of ``BADGES_ROLE`` with the words of ``text_for(key)``."""

    def __init__(self, text_for, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.text_for = text_for

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        badges = index.data(BADGES_ROLE) or []
        style = option.widget.style() if option.widget else None
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        elif style is not None:
            self.initStyleOption(option, index)
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        if not badges:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = option.font
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        height = metrics.height() + 2 * PAD_Y
        top = option.rect.top() + (option.rect.height() - height) // 2
        x = option.rect.right() - 4 if rtl else option.rect.left() + 4
        for key in badges:
            text = self.text_for(key)
            width = metrics.horizontalAdvance(text) + 2 * PAD_X
            rect = QRect(x - width, top, width, height) if rtl else QRect(x, top, width, height)
            if (rtl and rect.left() < option.rect.left()) or (
                    not rtl and rect.right() > option.rect.right()):
                break
            background, foreground = BADGE_COLOURS.get(key, ("#eee", "#333"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(rect, height / 2, height / 2)
            painter.setPen(QColor(foreground))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            x = x - width - GAP if rtl else x + width + GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        badges = index.data(BADGES_ROLE) or []
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(self.text_for(b)) + 2 * PAD_X + GAP
                    for b in badges) + 8
        return QSize(max(hint.width(), width), hint.height())
