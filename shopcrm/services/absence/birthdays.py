"""Birthdays in the next days, by the Jalali calendar.

A customer born on Jalali ``m/d`` is greeted on ``m/d`` of each Jalali year; one born on
30 Esfand is greeted on 29 Esfand in a common year. "Within N days" means a greeting day
from the reference date (0 = today) up to N days after it.

The SQL filter is exact without converting calendars in SQL: it lists every Gregorian
birth date (1900 up to the reference date) whose Jalali birthday falls in the window, and
asks ``birthday IN (...)`` -- about 130 dates per day of the window. Birthdays outside
those years are treated as unknown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Date, bindparam, false, select

from shopcrm.domain.dates import (
    days_until_birthday,
    format_jalali,
    from_jalali,
    is_jalali_leap,
    jalali_month_length,
    local_today,
    to_jalali,
)
from shopcrm.errors import InvalidInput
from shopcrm.storage.db import Database
from shopcrm.storage.hints import mostly
from shopcrm.storage.models import Customer

FIRST_BIRTH_YEAR = 1900
MAX_DAYS = 366
DEFAULT_DAYS = 7


def _check_days(days: int) -> None:
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput("bad_days", days=days, max=MAX_DAYS)


def greeting_days(today: date, days: int) -> set[tuple[int, int]]:
    """Jalali ``(month, day)`` birthdays greeted in ``[today, today + days]``."""
    _check_days(days)
    found: set[tuple[int, int]] = set()
    for offset in range(days + 1):
        y, m, d = to_jalali(today + timedelta(days=offset))
        found.add((m, d))
        if (m, d) == (12, 29) and not is_jalali_leap(y):
            found.add((12, 30))
    return found


@lru_cache(maxsize=32)
def birth_dates(today: date, days: int) -> tuple[date, ...]:
    """Every Gregorian birth date from 1900 to ``today`` greeted within ``days`` days."""
    targets = greeting_days(today, days)
    first_year = to_jalali(date(FIRST_BIRTH_YEAR, 1, 1))[0]
    out: list[date] = []
    for jy in range(first_year, to_jalali(today)[0] + 1):
        for m, d in targets:
            if d <= jalali_month_length(jy, m):
                born = from_jalali(jy, m, d)
                if date(FIRST_BIRTH_YEAR, 1, 1) <= born <= today:
                    out.append(born)
    return tuple(sorted(out))


def birthday_clause(days: int, today: date | None = None) -> ColumnElement[bool]:
    """Customers whose Jalali birthday is greeted within ``days`` days of ``today``."""
    today = today or local_today()
    _check_days(days)
    if days >= 365:  # every day of a year is in the window
        return Customer.birthday.between(date(FIRST_BIRTH_YEAR, 1, 1), today)
    dates = birth_dates(today, days)
    if not dates:
        return false()
    return Customer.birthday.in_(bindparam("birth_dates", list(dates), type_=Date,
                                           expanding=True, literal_execute=True, unique=True))


@dataclass(frozen=True)
class BirthdayRow:
    id: int
    name: str
    mobile: str | None
    email: str | None
    birthday: date
    birthday_jalali: str  # 1370/12/30
    greeting_date: date  # the day to greet, Gregorian
    days_until: int
    turning: int  # age in Jalali years on the greeting day
    sms_opt_out: bool
    email_opt_out: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def upcoming_birthdays(session: Any, days: int = DEFAULT_DAYS, today: date | None = None,
                       where: list[ColumnElement[bool]] | None = None) -> list[BirthdayRow]:
    """Customers (not in the trash) to greet within ``days`` days, soonest first (found
    through ``ix_customer_birthday``, migration 0007)."""
    today = today or local_today()
    stmt = select(Customer.id, Customer.name, Customer.mobile, Customer.email,
                  Customer.birthday, Customer.sms_opt_out, Customer.email_opt_out).where(
        mostly(Customer.deleted_at.is_(None), session), birthday_clause(days, today),
        *(where or []))
    rows = []
    for r in session.execute(stmt):
        until = days_until_birthday(r.birthday, today)
        if until > days:  # cannot happen with the exact filter; kept as a guard
            continue
        greet = today + timedelta(days=until)
        turning = to_jalali(greet)[0] - to_jalali(r.birthday)[0]
        rows.append(BirthdayRow(r.id, r.name, r.mobile, r.email, r.birthday,
                                format_jalali(r.birthday, persian_digits=False), greet, until,
                                turning, bool(r.sms_opt_out), bool(r.email_opt_out)))
    rows.sort(key=lambda b: (b.days_until, b.name, b.id))
    return rows


class BirthdayService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def upcoming(self, days: int = DEFAULT_DAYS, today: date | None = None) -> list[BirthdayRow]:
        with self.db.reading() as s:
            return upcoming_birthdays(s, days, today)
