"""Dates: Jalali and Gregorian parsing, Tehran local time, Jalali months and birthdays.

Stored values are Gregorian: plain dates, and naive UTC datetimes for events. Text is
parsed with one small regex (``persiantools``' ``strptime`` is slow); ``persiantools``
does the calendar arithmetic.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from persiantools.jdatetime import JalaliDate

from shopcrm.domain.text import fold_digits, strip_invisible, to_persian_digits
from shopcrm.errors import InvalidInput

TEHRAN = ZoneInfo("Asia/Tehran")

JALALI_MONTHS_FA = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
JALALI_MONTHS_EN = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
                    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand")

_SEP = r"(?:\s*[/\-.]\s*|\s+)"
_DATE_TEXT = re.compile(
    rf"(?:([0-9]{{4}}|[0-9]{{2}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{1,2}})"
    r"|([0-9]{4})([0-9]{2})([0-9]{2}))"  # compact 14030517 / 20240807
    r"(?:(?:\s*T\s*|\s+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?"
    r"\s*(Z|[+-][0-9]{2}:?[0-9]{2})?)?",
    re.ASCII,
)
_EXCEL_EPOCH = date(1899, 12, 30)  # 1900 date system, after Lotus' 29 Feb 1900
_EXCEL_MIN, _EXCEL_MAX = 61, (date(2199, 12, 31) - _EXCEL_EPOCH).days  # 1900-03-01..2199


def _bad(value: object) -> InvalidInput:
    return InvalidInput("bad_date", value=str(value))


# -- Jalali calendar -------------------------------------------------------------------


def is_jalali_leap(y: int) -> bool:
    return JalaliDate.is_leap(y)


def jalali_month_length(y: int, m: int) -> int:
    if not 1 <= m <= 12:
        raise InvalidInput("bad_date", value=f"{y}/{m}")
    if m <= 6:
        return 31
    return 30 if m < 12 or is_jalali_leap(y) else 29


def to_jalali(d: date) -> tuple[int, int, int]:
    return _to_jalali(d.year, d.month, d.day)


# Lists convert the same few hundred days over and over (a week of birthdays on a big book
# is thousands of rows over ~400 dates): the conversions are remembered.
@lru_cache(maxsize=8192)
def _to_jalali(y: int, m: int, d: int) -> tuple[int, int, int]:
    j = JalaliDate.to_jalali(y, m, d)
    return j.year, j.month, j.day


def from_jalali(y: int, m: int, d: int) -> date:
    """The Gregorian date of Jalali ``y/m/d``; ``InvalidInput("bad_date")`` if none."""
    if not (1 <= y <= 9377 and 1 <= m <= 12 and 1 <= d <= jalali_month_length(y, m)):
        raise InvalidInput("bad_date", value=f"{y}/{m}/{d}")
    return _from_jalali(y, m, d)


@lru_cache(maxsize=8192)
def _from_jalali(y: int, m: int, d: int) -> date:
    return JalaliDate(y, m, d).to_gregorian()


def jalali_month_name(m: int, lang: str = "fa") -> str:
    if not 1 <= m <= 12:
        raise ValueError(f"month {m} is not 1..12")
    return (JALALI_MONTHS_EN if lang == "en" else JALALI_MONTHS_FA)[m - 1]


# -- parsing ---------------------------------------------------------------------------


def _two_digit_jalali_year(yy: int) -> int:
    """``70`` -> 1370, ``03`` -> 1403: the latest 13xx/14xx year not after next year."""
    this_year = to_jalali(local_today())[0]
    return 1400 + yy if 1400 + yy <= this_year + 1 else 1300 + yy


def _date_from_fields(y_text: str, m: int, d: int, raw: object) -> date:
    y = int(y_text)
    if len(y_text) == 2:
        y = _two_digit_jalali_year(y)
    if 1200 <= y <= 1499:
        try:
            return from_jalali(y, m, d)
        except InvalidInput:
            raise _bad(raw) from None
    if 1800 <= y <= 2199:
        try:
            return date(y, m, d)
        except ValueError:
            raise _bad(raw) from None
    raise _bad(raw)


def _from_excel(value: float, raw: object) -> datetime:
    if isinstance(value, bool) or not math.isfinite(value):
        raise _bad(raw)
    if not _EXCEL_MIN <= value < _EXCEL_MAX + 1:
        raise _bad(raw)
    start = datetime.combine(_EXCEL_EPOCH, time())
    return start + timedelta(seconds=round(value * 86400))


def _parse_text(text: str, raw: object) -> tuple[date, time | None]:
    """Date and (local, naive) time of day written in ``text``; time None when absent."""
    m = _DATE_TEXT.fullmatch(fold_digits(strip_invisible(text)).strip())
    if m is None:
        raise _bad(raw)
    g = m.groups()
    y, mo, d = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
    day = _date_from_fields(y, int(mo), int(d), raw)
    if g[6] is None:
        return day, None
    try:
        at = time(int(g[6]), int(g[7]), int(g[8] or 0))
    except ValueError:
        raise _bad(raw) from None
    if g[9] is None:
        return day, at
    stamp = datetime.combine(day, at, tzinfo=_offset(g[9], raw))
    local = stamp.astimezone(TEHRAN)
    return local.date(), local.time().replace(tzinfo=None)


def _offset(text: str, raw: object) -> tzinfo:
    if text == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    if minutes >= 24 * 60:
        raise _bad(raw)
    return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))


def parse_date(value: str | date | datetime | int | float | None) -> date | None:
    """A date from Jalali or ISO text, a date/datetime, or an Excel serial number."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return _from_excel(value, value).date()
    text = str(value)
    if not text.strip():
        return None
    return _parse_text(text, value)[0]


def parse_datetime(
    value: str | date | datetime | int | float | None, *, default_time: time = time(12, 0)
) -> datetime | None:
    """Like ``parse_date`` plus an optional ``HH:MM``; a naive Tehran local datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(TEHRAN).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime.combine(value, default_time)
    if isinstance(value, int | float):
        stamp = _from_excel(value, value)
        if not isinstance(value, bool) and float(value).is_integer():
            return datetime.combine(stamp.date(), default_time)
        return stamp
    text = str(value)
    if not text.strip():
        return None
    day, at = _parse_text(text, value)
    return datetime.combine(day, default_time if at is None else at)


# -- Tehran time ---------------------------------------------------------------------


def local_to_utc(dt: datetime) -> datetime:
    """Naive Tehran local time -> naive UTC (aware datetimes are converted as they are)."""
    aware = dt if dt.tzinfo is not None else dt.replace(tzinfo=TEHRAN)
    return aware.astimezone(UTC).replace(tzinfo=None)


def utc_to_local(dt: datetime) -> datetime:
    """Naive UTC -> naive Tehran local time."""
    aware = dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
    return aware.astimezone(TEHRAN).replace(tzinfo=None)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    return datetime.now(TEHRAN).date()


def local_date_of(utc_dt: datetime) -> date:
    return utc_to_local(utc_dt).date()


# -- formatting ----------------------------------------------------------------------


def format_jalali(
    d: date | datetime | None, *, persian_digits: bool = True, with_time: bool = False
) -> str:
    """``۱۴۰۳/۰۵/۱۷`` (and `` ۱۴:۳۰`` for a datetime with ``with_time``); "" for None."""
    if d is None:
        return ""
    if isinstance(d, datetime) and d.tzinfo is not None:
        d = d.astimezone(TEHRAN)
    y, m, day = to_jalali(d)
    text = f"{y:04d}/{m:02d}/{day:02d}"
    if with_time and isinstance(d, datetime):
        text += f" {d.hour:02d}:{d.minute:02d}"
    return to_persian_digits(text) if persian_digits else text


def format_gregorian(d: date | datetime | None, with_time: bool = False) -> str:
    """``2024-08-07`` (and `` 14:30`` for a datetime with ``with_time``); "" for None."""
    if d is None:
        return ""
    if with_time and isinstance(d, datetime):
        return f"{d:%Y-%m-%d %H:%M}"
    return f"{d:%Y-%m-%d}"


# -- Jalali months, quarters, years ----------------------------------------------------


def jalali_month_start(d: date) -> date:
    y, m, _ = to_jalali(d)
    return from_jalali(y, m, 1)


def add_jalali_months(y: int, m: int, n: int) -> tuple[int, int]:
    """The Jalali (year, month) ``n`` months after ``y/m`` (``n`` may be negative)."""
    years, month0 = divmod(m - 1 + n, 12)
    return y + years, month0 + 1


def _periods(start: date, end: date, months: int) -> list[tuple[int, int, date, date]]:
    """Periods of ``months`` Jalali months, aligned on the year, overlapping [start, end]."""
    if start > end:
        return []
    y, m, _ = to_jalali(start)
    m -= (m - 1) % months
    out: list[tuple[int, int, date, date]] = []
    while True:
        first = from_jalali(y, m, 1)
        if first > end:
            return out
        ny, nm = add_jalali_months(y, m, months)
        out.append((y, (m - 1) // months + 1, first, from_jalali(ny, nm, 1) - timedelta(days=1)))
        y, m = ny, nm


def jalali_month_range(start: date, end: date) -> list[tuple[int, int, date, date]]:
    """``(jy, jm, first_day, last_day)`` for each whole Jalali month overlapping [start, end]."""
    return _periods(start, end, 1)


def jalali_quarter_range(start: date, end: date) -> list[tuple[int, int, date, date]]:
    """``(jy, quarter 1-4, first_day, last_day)`` for each Jalali quarter overlapping."""
    return _periods(start, end, 3)


def jalali_year_range(start: date, end: date) -> list[tuple[int, int, date, date]]:
    """``(jy, 1, first_day, last_day)`` for each whole Jalali year overlapping."""
    return _periods(start, end, 12)


# -- birthdays -----------------------------------------------------------------------


def birthday_in_year(birthday: date, jalali_year: int) -> date:
    """The birthday's Jalali month/day in ``jalali_year``; 30 Esfand -> 29 in common years."""
    _, m, d = to_jalali(birthday)
    return from_jalali(jalali_year, m, min(d, jalali_month_length(jalali_year, m)))


def days_until_birthday(birthday: date, today: date) -> int:
    """Days until the next birthday by the Jalali calendar; 0 when it is today."""
    year = to_jalali(today)[0]
    upcoming = birthday_in_year(birthday, year)
    if upcoming < today:
        upcoming = birthday_in_year(birthday, year + 1)
    return (upcoming - today).days
