"""Members' retention against non-members' (``shopcrm loyalty report``).

A **member** is a customer with points earned in the club (``points_earned`` > 0, so a
visit recorded while the club was on, or a bonus); everyone else is a non-member. Each
group's retention per Jalali period is the book's own retention
(:func:`shopcrm.services.absence.retention.retention`), computed over that group alone,
so the two rates are comparable line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from shopcrm.services.absence.retention import RetentionRow, retention
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

MEMBER = Customer.points_earned > 0
NON_MEMBER = Customer.points_earned <= 0


@dataclass(frozen=True)
class LoyaltyReport:
    members: int
    non_members: int
    points_balance: int  # points held by live customers in all
    points_earned: int
    periods: list[tuple[RetentionRow, RetentionRow]]  # (members, non-members)

    def as_dict(self) -> dict[str, Any]:
        return {
            "members": self.members, "non_members": self.non_members,
            "points_balance": self.points_balance, "points_earned": self.points_earned,
            "periods": [{"label": m.label, "start": m.start, "end": m.end,
                         "partial": m.partial, "members": m.as_dict(),
                         "non_members": n.as_dict()} for m, n in self.periods],
        }


def loyalty_report(db: Database, settings: SettingsView, *, period: str = "month",
                   start: date | None = None, end: date | None = None,
                   today: date | None = None) -> LoyaltyReport:
    window = int(settings.get("absence.absent_days")) if settings is not None else 90
    with db.reading() as s:
        members, non_members, balance, earned = s.execute(select(
            func.count().filter(MEMBER), func.count().filter(NON_MEMBER),
            func.coalesce(func.sum(Customer.points_balance), 0),
            func.coalesce(func.sum(Customer.points_earned), 0),
        ).where(Customer.deleted_at.is_(None))).one()
        ours = retention(s, period, start, end, window=window, today=today, where=[MEMBER])
        theirs = retention(s, period, start, end, window=window, today=today,
                           where=[NON_MEMBER])
    return LoyaltyReport(int(members), int(non_members), int(balance), int(earned),
                         list(zip(ours, theirs, strict=True)))
