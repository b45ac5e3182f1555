"""The period of a report: whole Jalali months up to a reference date.

``report_period`` widens a start and end (Tehran local dates) to whole Jalali months and
leaves out months that begin after ``today``; a month is aggregated over the UTC range
``[day_start_utc(first_day), day_end_utc(last_day))``. ``month_bucket`` is a UTC time's
month index inside the period, in SQL (the series GROUP BY it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, literal_column
from sqlalchemy.sql.elements import ColumnClause

from shopcrm.domain.absence import day_end_utc, day_start_utc
from shopcrm.domain.dates import from_jalali, jalali_month_range, local_today, to_jalali
from shopcrm.errors import InvalidInput

DEFAULT_MONTHS = 12
MAX_MONTHS = 120


@dataclass(frozen=True)
class Month:
    """One Jalali month: ``first_day``/``last_day`` are Gregorian local dates."""

    year: int
    month: int
    first_day: date
    last_day: date

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start_utc(self) -> datetime:
        return day_start_utc(self.first_day)

    @property
    def end_utc(self) -> datetime:
        return day_end_utc(self.last_day)


@dataclass(frozen=True)
class Period:
    """Whole Jalali months up to the reference date ``today``."""

    months: tuple[Month, ...]
    today: date

    @property
    def start(self) -> date:
        return self.months[0].first_day

    @property
    def end(self) -> date:
        return self.months[-1].last_day

    @property
    def start_utc(self) -> datetime:
        return self.months[0].start_utc

    @property
    def end_utc(self) -> datetime:
        return self.months[-1].end_utc

    @property
    def as_of(self) -> date:
        """The reference date of the snapshots: the period's last day, or today."""
        return min(self.end, self.today)

    def month_end(self, index: int) -> date:
        """The day a month's "as of" figures are taken: its last day, or today."""
        return min(self.months[index].last_day, self.today)


def report_period(start: date | None = None, end: date | None = None,
                  today: date | None = None) -> Period:
    """The whole Jalali months covering ``start``..``end`` (default: the 12 months ending
    with the current one), without months that begin after ``today``."""
    today = today or local_today()
    if end is None:
        end = today
    if start is None:
        y, m, _ = to_jalali(end)
        total = y * 12 + m - 1 - (DEFAULT_MONTHS - 1)
        start = from_jalali(total // 12, total % 12 + 1, 1)
    if start > end:
        raise InvalidInput("bad_range", start=start.isoformat(), end=end.isoformat())
    months = tuple(Month(y, m, first, last) for y, m, first, last
                   in jalali_month_range(start, end) if first <= today)
    if not months:
        raise InvalidInput("report_future_period", start=start.isoformat(),
                           today=today.isoformat())
    if len(months) > MAX_MONTHS:
        raise InvalidInput("report_period_too_long", months=len(months), limit=MAX_MONTHS)
    return Period(months, today)


# GROUP BY the output column: repeating the CASE with its own parameters would make the
# database evaluate it twice per row.
BUCKET: ColumnClause[Any] = literal_column("bucket")


def month_bucket(column: Any, period: Period) -> Any:
    """The month index of a UTC time inside the period (SQL)."""
    months = period.months
    return case(*[(column < m.end_utc, i) for i, m in enumerate(months[:-1])],
                else_=len(months) - 1)
