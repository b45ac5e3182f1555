"""Redeem points: how many (Persian digits fine), a note, at the customer's visit of today.

The number is checked as it is typed (a whole number above zero, at most the balance);
the write runs on the database writer thread and a refusal (say the balance changed
meanwhile) is one sentence in the dialog.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopcrm.domain.numbers import parse_int
from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput
from shopcrm.services.loyalty import points as pts
from shopcrm.services.loyalty.rules import LoyaltyRules
from ui.app_context import AppContext
from ui.widgets.notice import Notice


class RedeemDialog(QDialog):
    """``redeemed(balance)`` after the points are spent."""

    redeemed = Signal(int)

    def __init__(self, ctx: AppContext, summary: pts.PointsSummary, visit_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.summary, self.visit_id = ctx, summary, visit_id
        d = ctx.display
        self.setObjectName("redeemDialog")
        self.setWindowTitle(self.tr("Redeem points"))
        self.setMinimumWidth(380)
        self.balance = QLabel(self.tr("{name} has {points} points.").format(
            name=summary.name, points=d.number(summary.balance)))
        self.points = QLineEdit(self)
        self.points.setObjectName("redeemPoints")
        self.points.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.points.setText(d.number(min(summary.reward_points, summary.balance)))
        self.note = QLineEdit(self)
        self.note.setText(summary.reward_text)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.at_visit = QLabel(self)
        self.at_visit.setObjectName("hint")
        self.at_visit.setText(self.tr("Recorded with today's visit.") if visit_id else
                              self.tr("No visit today: recorded on its own."))
        self.notice = Notice(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Redeem"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.redeem)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Points"), self.points)
        form.addRow("", self.error)
        form.addRow(self.tr("For"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addLayout(form)
        layout.addWidget(self.at_visit)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        self.points.textChanged.connect(self._check)
        self._check(self.points.text())

    def value(self) -> int | None:
        try:
            number = parse_int(self.points.text())
        except InvalidInput:
            return None
        return number

    @Slot(str)
    def _check(self, _text: str) -> bool:
        number = self.value()
        d = self.ctx.display
        if number is None or number <= 0:
            message = self.tr("Type a whole number of points above zero.")
        elif number > self.summary.balance:
            message = self.tr("At most {points} points.").format(
                points=d.number(self.summary.balance))
        else:
            message = ""
        self.error.setText(message)
        self.ok_button.setEnabled(not message)
        return not message

    @Slot()
    def redeem(self) -> None:
        if not self._check(self.points.text()):
            return
        number = self.value()
        assert number is not None
        rules = LoyaltyRules.from_settings(self.ctx.settings)
        self.ok_button.setEnabled(False)
        work = partial(pts.redeem, visit_id=self.visit_id,
                       note=self.note.text().strip() or None)
        self.ctx.workers.write(work, self.ctx.db, self.summary.customer_id, number, rules,
                               name="redeem-points", on_done=self._done, on_error=self._failed)

    def _done(self, summary: pts.PointsSummary) -> None:
        self.ctx.book_changed("points")
        self.redeemed.emit(summary.balance)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")
