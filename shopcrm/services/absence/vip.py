"""VIP customers: the manual flag, or automatically the top spenders.

With ``absence.vip_top_percent`` = X > 0, a customer is also VIP when their spend in the
12 Jalali months up to the reference date ranks within the top X% of the customers who
spent anything in that window: ``(rank - 1) x 100 < customers x X``, where ``rank`` is 1
for the biggest spender and ties share a rank (so a tie at the edge is in, all of it, and
at least one customer qualifies). Customers in the trash neither qualify nor count.
Nothing is written: the automatic VIPs are computed when asked.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from shopcrm.domain.absence import day_end_utc, day_start_utc
from shopcrm.domain.dates import local_today
from shopcrm.domain.rfm import window_start
from shopcrm.errors import InvalidInput
from shopcrm.storage.customer_list import count_customers
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Visit

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

SPEND_WINDOW_MONTHS = 12


def top_percent(settings: SettingsView | None) -> float:
    percent = float(settings.get("absence.vip_top_percent")) if settings is not None else 0.0
    if not 0 <= percent <= 100:
        raise InvalidInput("bad_rule", name="vip_top_percent", value=percent, rule="0..100")
    return percent


def top_spenders(percent: float, as_of: date) -> Select[Any]:
    """``SELECT customer_id`` of the top ``percent``% by spend in the 12 months."""
    lo = day_start_utc(window_start(as_of, SPEND_WINDOW_MONTHS))
    spent = func.sum(func.coalesce(Visit.amount, 0))
    agg = (select(Visit.customer_id, spent.label("spent"))
           .join(Customer, Customer.id == Visit.customer_id)
           .where(Customer.deleted_at.is_(None), Visit.at >= lo,
                  Visit.at < day_end_utc(as_of))
           .group_by(Visit.customer_id).having(spent > 0).subquery())
    ranked = select(agg.c.customer_id,
                    func.rank().over(order_by=agg.c.spent.desc()).label("rk"),
                    func.count().over().label("n")).subquery()
    return select(ranked.c.customer_id).where((ranked.c.rk - 1) * 100 < ranked.c.n * percent)


def vip_clause(settings: SettingsView | None, as_of: date | None = None) -> ColumnElement[bool]:
    """VIPs: flagged by hand, or (when the setting is on) top spenders."""
    flagged = Customer.vip.is_(True)
    percent = top_percent(settings)
    if percent <= 0:
        return flagged
    return or_(flagged, Customer.id.in_(top_spenders(percent, as_of or local_today())))


class VipService:
    def __init__(self, db: Database, settings: SettingsView | None = None) -> None:
        self.db = db
        self.settings = settings

    def ids(self, as_of: date | None = None) -> list[int]:
        """Every VIP (not in the trash), by id."""
        with self.db.reading() as s:
            return list(s.scalars(select(Customer.id).where(
                Customer.deleted_at.is_(None), vip_clause(self.settings, as_of))
                .order_by(Customer.id)))

    def count(self, as_of: date | None = None) -> int:
        with self.db.reading() as s:
            return count_customers(s, where=[vip_clause(self.settings, as_of)])
