"""The headline numbers of the book, as the Reports page shows them above the charts.

- **customers**: customers not in the trash;
- **regulars** and **absent** now: the ``regular`` and ``absent`` segments of
  ``services.segments`` (the words of DESIGN, the settings' thresholds) on ``today``;
- **retention this year**: ``services.retention`` for the running Jalali year (from its
  first day to ``today``), None while there were no customers at its start;
- **revenue this month**: Rials taken in the running Jalali month up to ``today`` (visits of
  customers in the trash left out), with the number of those visits.

Plain data (safe to hand between threads); nothing here is new arithmetic: each number is
the one the segments, retention and reports services give.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from shopcrm.domain.absence import AbsenceRules, day_end_utc, day_start_utc
from shopcrm.domain.dates import from_jalali, local_today, to_jalali
from shopcrm.services.absence.retention import retention
from shopcrm.storage.customer_list import count_customers
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Visit

if TYPE_CHECKING:
    from shopcrm.config import SettingsView


@dataclass(frozen=True)
class Headlines:
    as_of: date
    customers: int
    regulars: int
    absent: int
    retention: float | None  # this Jalali year so far; None: nobody at its start
    year: int  # the Jalali year of ``retention``
    month: int  # the Jalali month of ``revenue_month``
    revenue_month: int  # Rials
    visits_month: int

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


def headlines(db: Database, settings: SettingsView | None = None, *,
              today: date | None = None) -> Headlines:
    """The headline numbers on ``today`` (default: today in Tehran)."""
    from shopcrm.services.absence.segments import segment_filter

    if settings is None:
        from shopcrm.config import Settings

        settings = Settings()
    day = today or local_today()
    rules = AbsenceRules.from_settings(settings)
    jy, jm, _ = to_jalali(day)
    month_start = from_jalali(jy, jm, 1)
    with db.reading() as session:
        customers = count_customers(session)
        regulars = count_customers(session, where=[
            segment_filter("regular", settings=settings, session=session, as_of=day)])
        absent = count_customers(session, where=[
            segment_filter("absent", settings=settings, session=session, as_of=day)])
        year = retention(session, "year", from_jalali(jy, 1, 1), day,
                         window=rules.absent_days, today=day)
        revenue, visits = session.execute(
            select(func.coalesce(func.sum(Visit.amount), 0), func.count(Visit.id))
            .join(Customer, Customer.id == Visit.customer_id)
            .where(Customer.deleted_at.is_(None), Visit.at >= day_start_utc(month_start),
                   Visit.at < day_end_utc(day))).one()
    return Headlines(as_of=day, customers=customers, regulars=regulars, absent=absent,
                     retention=year[0].rate if year else None, year=jy, month=jm,
                     revenue_month=int(revenue or 0), visits_month=int(visits or 0))
