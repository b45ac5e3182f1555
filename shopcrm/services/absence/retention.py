"""Customer retention per Jalali month, quarter or year.

DESIGN's retention: of the customers at the start of a period, the share still customers
at its end. It needs "customers at a date" to be people who can *stop* being customers, or
the rate is always 100%. So:

- **Customers at a date D** (the *active* customers): customers not in the trash with a
  visit in the ``absent_days`` local days up to and including D -- exactly those who are
  not (yet) absent by the book's own word, whatever their number of visits.
- **At the start** of a period: active on the day before its first day; **at the end**:
  active on its last day (or on the reference date while the period is running; such a
  period is marked ``partial``).
- **New**: customers whose first visit in the book falls in the period and who had no
  visits before the book (``prior_visits`` = 0).
- **Returned**: customers active at the start who visited again during the period.
- **Kept**: customers active at the start and still active at the end.
- **Came back**: customers active at the end who were not at the start and are not new
  (back after being absent, or a first dated visit of a customer with visits before the
  book): at the end = kept + new still active at the end + came back.
- **Rate** = kept / at the start, so it can never pass 100%. The usual formula, (at the
  end - new) / at the start, counts those who came back as kept and can pass 100%; they
  are shown as their own figure instead. No customers at the start: no rate.

The retail average of about 63% is reported beside each rate.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import Session

from shopcrm.domain.absence import day_end_utc, day_number, day_start_utc
from shopcrm.domain.dates import (
    from_jalali,
    jalali_month_range,
    jalali_quarter_range,
    jalali_year_range,
    local_today,
    to_jalali,
)
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.lists import local_day_number
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Visit

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

RETAIL_AVERAGE = 0.63
PERIODS = {"month": jalali_month_range, "quarter": jalali_quarter_range,
           "year": jalali_year_range}
DEFAULT_SPAN = {"month": 12, "quarter": 8, "year": 3}  # periods shown without --from


@dataclass(frozen=True)
class RetentionRow:
    period: str  # month | quarter | year
    label: str  # 1403/05, 1403-Q2, 1403
    start: date  # first day
    end: date  # last day counted (the reference date for a running period)
    partial: bool
    customers_at_start: int
    new: int
    returned: int
    customers_at_end: int
    new_at_end: int
    kept: int  # active at the start and at the end
    rate: float | None  # kept / customers_at_start
    retail_average: float = RETAIL_AVERAGE

    @property
    def came_back(self) -> int:
        """Active at the end, not at the start, not new (back after being absent)."""
        return self.customers_at_end - self.kept - self.new_at_end

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["came_back"] = self.came_back
        data["rate"] = None if self.rate is None else round(self.rate, 4)
        return data


def _label(period: str, jy: int, n: int) -> str:
    if period == "month":
        return f"{jy}/{n:02d}"
    if period == "quarter":
        return f"{jy}-Q{n}"
    return str(jy)


def default_start(period: str, end: date) -> date:
    """The first day of the default span: 12 months, 8 quarters or 3 years up to ``end``."""
    jy, jm, _ = to_jalali(end)
    months = {"month": 1, "quarter": 3, "year": 12}[period] * (DEFAULT_SPAN[period] - 1)
    total = jy * 12 + (jm - 1) - months
    return from_jalali(total // 12, total % 12 + 1, 1)


def _visit_days(session: Session, lo: datetime, hi: datetime,
                where: Sequence[ColumnElement[bool]] = (),
                ) -> list[tuple[list[int], int, datetime | None]]:
    """Per customer not in the trash with a visit in [lo, hi): the sorted distinct local
    visit days (day numbers), prior visits and first visit in the book.

    One pass over the (customer_id, at) index: the days are gathered per customer as text
    by the database (``group_concat`` / ``string_agg``) and split here.
    """
    days = cast(local_day_number(Visit.at), String)
    inner = (select(Visit.customer_id, func.aggregate_strings(days, ",").label("days"))
             # "customer_id >= 0" lets SQLite read (customer_id, at) in index order, covered
             .where(Visit.customer_id >= 0, Visit.at >= lo, Visit.at < hi)
             .group_by(Visit.customer_id).subquery())
    rows = session.execute(
        select(inner.c.days, Customer.prior_visits, Customer.first_visit_at)
        .join(Customer, Customer.id == inner.c.customer_id)
        .where(Customer.deleted_at.is_(None), *where))
    return [(sorted({int(d) for d in text.split(",")}), int(prior or 0), first)
            for text, prior, first in rows]


def _tally(session: Session, periods: list[tuple[date, date]],
           window: int, where: Sequence[ColumnElement[bool]] = ()
           ) -> list[tuple[int, int, int, int, int, int]]:
    """(at start, at end, new, new still active at the end, returned, kept) for each period
    ``(first day, last day counted)``."""
    lo = day_start_utc(periods[0][0] - timedelta(days=window))
    hi = day_end_utc(periods[-1][1])
    customers = _visit_days(session, lo, hi, where)
    out = []
    for first, stop in periods:
        before, last = day_number(first) - 1, day_number(stop)
        new_lo, new_hi = day_start_utc(first), day_end_utc(stop)
        at_start = at_end = new = new_at_end = returned = kept = 0
        for days, prior, first_visit in customers:
            i = bisect.bisect_right(days, before)
            was = i > 0 and days[i - 1] > before - window
            j = bisect.bisect_right(days, last)
            now = j > 0 and days[j - 1] > last - window
            at_start += was
            at_end += now
            kept += was and now
            if was and j > i:  # a visit day in [first, stop]
                returned += 1
            if prior == 0 and first_visit is not None and new_lo <= first_visit < new_hi:
                new += 1
                new_at_end += now
        out.append((at_start, at_end, new, new_at_end, returned, kept))
    return out


def retention(session: Session, period: str = "month", start: date | None = None,
              end: date | None = None, *, window: int = 90,
              today: date | None = None,
              where: Sequence[ColumnElement[bool]] = ()) -> list[RetentionRow]:
    """One row per Jalali ``period`` overlapping [start, end] (periods after ``today``
    are left out; the running one ends on ``today``). ``where``: only the customers
    these conditions on ``Customer`` keep (the loyalty report's members)."""
    if period not in PERIODS:
        raise InvalidInput("bad_period", period=period, valid=", ".join(PERIODS))
    if window < 1:
        raise InvalidInput("bad_rule", name="absent_days", value=window, rule=">= 1")
    today = today or local_today()
    end = min(end or today, today)
    start = start or default_start(period, end)
    if start > end:
        raise InvalidInput("bad_range", start=start.isoformat(), end=end.isoformat())
    spans = [(jy, n, first, last, min(last, today))
             for jy, n, first, last in PERIODS[period](start, end)]
    counts = _tally(session, [(first, stop) for _, _, first, _, stop in spans], window,
                    where)
    rows = []
    for (jy, n, first, last, stop), (at_start, at_end, new, new_at_end, returned, kept) \
            in zip(spans, counts, strict=True):
        rows.append(RetentionRow(period, _label(period, jy, n), first, stop, stop < last,
                                 at_start, new, returned, at_end, new_at_end, kept=kept,
                                 rate=kept / at_start if at_start else None))
    return rows


class RetentionService:
    def __init__(self, db: Database, settings: SettingsView | None = None) -> None:
        self.db = db
        self.settings = settings

    def report(self, period: str = "month", start: date | None = None,
               end: date | None = None, *, today: date | None = None) -> list[RetentionRow]:
        window = int(self.settings.get("absence.absent_days")) if self.settings else 90
        with self.db.reading() as s:
            return retention(s, period, start, end, window=window, today=today)
