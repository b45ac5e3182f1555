"""The card's Loyalty tab: points, tier and perk, reward progress, the ledger, Redeem, and
who brought the customer (a referral picker by name or mobile) and whom they brought.

Every figure comes from one background read (:func:`load_loyalty`): the balance is the
ledger's sum as stored, the revenue the sum of the referred customers' visits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.domain.dates import local_date_of, local_today
from shopcrm.error_text import describe
from shopcrm.services.loyalty import points as pts
from shopcrm.services.loyalty import referrals as refs
from shopcrm.services.loyalty.rules import LoyaltyRules
from ui.app_context import AppContext
from ui.display import isolate
from ui.widgets.notice import Notice

_BROUGHT = re.compile(r"^brought #(\d+) (.*)$", re.S)
_REFERRED = re.compile(r"^referred by #(\d+) (.*)$", re.S)
_VISIT = re.compile(r"^visit #(\d+) (changed|deleted)$")
_EXPIRED = re.compile(r"^older than (\d+) days$")


@dataclass(frozen=True)
class LoyaltyData:
    """What the tab shows (plain data, read off the GUI thread)."""

    summary: pts.PointsSummary
    referrer: tuple[int, str, str | None] | None
    brought: refs.Referrer | None
    visit_today: int | None  # the customer's visit of today, where a redeem is recorded


def load_loyalty(ctx: AppContext, customer_id: int) -> LoyaltyData:
    rules = LoyaltyRules.from_settings(ctx.settings)
    summary = pts.summary(ctx.db, customer_id, rules)
    brought = refs.referrals(ctx.db, referrer_id=customer_id)
    visits = ctx.visits.history(customer_id, limit=1)
    today = visits[0].id if visits and local_date_of(visits[0].at) == local_today() else None
    return LoyaltyData(summary, refs.referrer_of(ctx.db, customer_id),
                       brought[0] if brought else None, today)


class LoyaltyPanel(QWidget):
    """``changed()`` after a write from the tab (a redeem, a referrer set)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("loyaltyPanel")
        self.customer_id: int | None = None
        self.data: LoyaltyData | None = None
        self._candidates: dict[str, int] = {}

        self.off_label = QLabel(self.tr("The loyalty club is off: turn it on in Settings "
                                        "(loyalty.enabled) to earn points at each visit."))
        self.off_label.setWordWrap(True)
        self.off_label.setObjectName("hint")
        self.balance = QLabel()
        self.balance.setObjectName("pointsBalance")
        font = self.balance.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.balance.setFont(font)
        self.tier = QLabel()
        self.tier.setObjectName("pointsTier")
        self.tier.setWordWrap(True)
        self.reward_bar = QProgressBar()
        self.reward_bar.setTextVisible(False)
        self.reward_line = QLabel()
        self.reward_line.setWordWrap(True)
        self.expiring = QLabel()
        self.expiring.setObjectName("hint")
        self.redeem_button = QPushButton(self.tr("Redeem points…"))
        self.redeem_button.setObjectName("redeemButton")
        self.redeem_button.clicked.connect(self.open_redeem)

        self.entries = QTableWidget(0, 4, self)
        self.entries.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Points"),
                                                self.tr("Reason"), self.tr("Note")])
        self.entries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entries.verticalHeader().setVisible(False)
        self.entries.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.entries.horizontalHeader().setStretchLastSection(True)

        points_box = QGroupBox(self.tr("Loyalty club"))
        top = QHBoxLayout()
        top.addWidget(self.balance)
        top.addStretch(1)
        top.addWidget(self.redeem_button)
        points_layout = QVBoxLayout(points_box)
        points_layout.addWidget(self.off_label)
        points_layout.addLayout(top)
        points_layout.addWidget(self.tier)
        points_layout.addWidget(self.reward_bar)
        points_layout.addWidget(self.reward_line)
        points_layout.addWidget(self.expiring)
        points_layout.addWidget(self.entries, 1)

        self.referrer = QLabel()
        self.referrer.setObjectName("referrerName")
        self.referrer_edit = QLineEdit(self)
        self.referrer_edit.setObjectName("referrerEdit")
        self.referrer_edit.setPlaceholderText(self.tr("Type a name or mobile"))
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self.referrer_edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.referrer_edit.setCompleter(self.completer)
        self.completer.activated.connect(self._picked)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._search)
        self.referrer_edit.textEdited.connect(lambda _t: self._search_timer.start())
        self.set_referrer_button = QPushButton(self.tr("Set"))
        self.set_referrer_button.clicked.connect(self.set_referrer_from_text)
        self.clear_referrer_button = QPushButton(self.tr("Remove"))
        self.clear_referrer_button.clicked.connect(lambda: self.set_referrer(None))
        self.brought = QLabel()
        self.brought.setObjectName("broughtLine")
        self.brought.setWordWrap(True)
        picker = QHBoxLayout()
        picker.addWidget(self.referrer_edit, 1)
        picker.addWidget(self.set_referrer_button)
        picker.addWidget(self.clear_referrer_button)
        referral_box = QGroupBox(self.tr("Referrals"))
        form = QFormLayout(referral_box)
        form.addRow(self.tr("Referred by"), self.referrer)
        form.addRow(self.tr("Change"), picker)
        form.addRow(self.tr("Brought"), self.brought)

        self.notice = Notice(self)
        layout = QVBoxLayout(self)
        layout.addWidget(points_box, 1)
        layout.addWidget(referral_box)
        layout.addWidget(self.notice)

    # -- loading -----------------------------------------------------------------------
    def load(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self.ctx.workers.run(load_loyalty, self.ctx, customer_id, name="load-loyalty",
                             on_done=self._loaded, on_error=self._failed)

    def reload(self, *_: object) -> None:
        if self.customer_id is not None:
            self.load(self.customer_id)

    def _loaded(self, data: LoyaltyData) -> None:
        self.data = data
        s, d = data.summary, self.ctx.display
        self.off_label.setVisible(not s.enabled)
        self.balance.setText(self.tr("{points} points").format(points=d.number(s.balance)))
        if s.tier is not None:
            text = self.tr("Tier: {tier} — {perk}").format(tier=s.tier.name,
                                                             perk=s.tier.perk or "—")
        else:
            text = self.tr("No tier yet")
        if s.next_tier is not None:
            text += d.separator() + self.tr("{points} more points to {tier}").format(
                points=d.number(s.to_next_tier), tier=s.next_tier.name)
        self.tier.setText(text)
        usable = max(0, s.balance - s.expiring)
        self.reward_bar.setRange(0, s.reward_points)
        self.reward_bar.setValue(min(usable, s.reward_points))
        if s.rewards_available:
            self.reward_line.setText(self.tr("Reward ready: {reward} ({points} points)").format(
                reward=s.reward_text or "—", points=d.number(s.reward_points)))
        else:
            self.reward_line.setText(self.tr("{points} points to the next reward: {reward}")
                                     .format(points=d.number(s.to_next_reward),
                                             reward=s.reward_text or "—"))
        self.expiring.setVisible(bool(s.expiring))
        self.expiring.setText(self.tr("{points} points are due to expire.").format(
            points=d.number(s.expiring)))
        self.redeem_button.setEnabled(s.enabled and s.balance > 0)
        reasons = {"earn": self.tr("Visit"), "redeem": self.tr("Redeemed"),
                   "expire": self.tr("Expired"), "bonus": self.tr("Bonus"),
                   "adjust": self.tr("Adjustment")}
        self.entries.setRowCount(len(s.entries))
        for row, e in enumerate(s.entries):
            sign = "+" if e.points > 0 else "−"
            cells = [d.datetime(e.at), "\u200e" + sign + d.number(abs(e.points)),
                     reasons.get(e.reason, e.reason), self.note_text(e.note)]
            for column, text in enumerate(cells):
                self.entries.setItem(row, column, QTableWidgetItem(text))
        if data.referrer is not None:
            _, name, mobile = data.referrer
            self.referrer.setText(f"{isolate(name)} {d.mobile(mobile)}".strip())
        else:
            self.referrer.setText(self.tr("nobody"))
        self.clear_referrer_button.setEnabled(data.referrer is not None)
        if data.brought is not None:
            b = data.brought
            names = "، ".join(r.name for r in b.referred[:5]) if d.rtl else \
                ", ".join(r.name for r in b.referred[:5])
            self.brought.setText(self.tr("{count} customers ({names}); their visits: "
                                         "{amount}").format(
                count=d.number(b.count), names=names,
                amount=d.money(b.revenue, with_unit=True)))
        else:
            self.brought.setText(self.tr("nobody yet"))

    def note_text(self, note: str | None) -> str:
        """The ledger's own notes (written by the core in plain English) in words."""
        if not note:
            return ""
        d = self.ctx.display
        if m := _BROUGHT.match(note):
            return self.tr("brought {name}").format(name=isolate(m.group(2)))
        if m := _REFERRED.match(note):
            return self.tr("referred by {name}").format(name=isolate(m.group(2)))
        if m := _VISIT.match(note):
            visit = d.number(int(m.group(1)))
            if m.group(2) == "deleted":
                return self.tr("visit {visit} deleted").format(visit=visit)
            return self.tr("visit {visit} changed").format(visit=visit)
        if m := _EXPIRED.match(note):
            return self.tr("older than {days} days").format(days=d.number(int(m.group(1))))
        if note == "owner's correction":
            return self.tr("owner's correction")
        return note

    def _failed(self, error: BaseException) -> None:
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    # -- redeem ------------------------------------------------------------------------
    def open_redeem(self):  # type: ignore[no-untyped-def]
        from ui.dialogs.redeem_points import RedeemDialog

        if self.data is None:
            return None
        dialog = RedeemDialog(self.ctx, self.data.summary, self.data.visit_today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.redeemed.connect(self._written)
        dialog.open()
        self.redeem_dialog = dialog
        return dialog

    def _written(self, *_: object) -> None:
        self.changed.emit()  # the card refreshes its header (points, visits)
        self.reload()

    # -- the referral picker -----------------------------------------------------------
    def _label(self, name: str, mobile: str | None) -> str:
        return f"{name} {self.ctx.display.mobile(mobile)}".strip()

    @Slot()
    def _search(self) -> None:
        text = self.referrer_edit.text()
        self.ctx.workers.run(refs.find_candidates, self.ctx.db, text, name="find-referrer",
                             on_done=self._show_candidates)

    def _show_candidates(self, found: list[tuple[int, str, str | None]]) -> None:
        self._candidates = {self._label(name, mobile): cid for cid, name, mobile in found
                            if cid != self.customer_id}
        self._model.setStringList(list(self._candidates))
        if self._candidates and self.referrer_edit.hasFocus():
            self.completer.complete()

    @Slot(str)
    def _picked(self, text: str) -> None:
        cid = self._candidates.get(text)
        if cid is not None:
            self.set_referrer(cid)

    @Slot()
    def set_referrer_from_text(self) -> None:
        text = self.referrer_edit.text().strip()
        cid = self._candidates.get(text)
        if cid is None:
            found = refs.find_candidates(self.ctx.db, text, exclude=self.customer_id)
            if len(found) != 1:
                self.notice.show_message(
                    self.tr("No single customer matches “{text}”; pick one from the list.")
                    .format(text=text), kind="error")
                return
            cid = found[0][0]
        self.set_referrer(cid)

    def set_referrer(self, referrer_id: int | None) -> None:
        if self.customer_id is None:
            return
        rules = LoyaltyRules.from_settings(self.ctx.settings)
        work = partial(refs.set_referrer, rules=rules)
        self.ctx.workers.write(work, self.ctx.db, self.customer_id, referrer_id,
                               name="set-referrer", on_done=self._referrer_set,
                               on_error=self._failed)

    def _referrer_set(self, _result: object = None) -> None:
        self.referrer_edit.clear()
        self.ctx.book_changed("customers")
        self._written()
