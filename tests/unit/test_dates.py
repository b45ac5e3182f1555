"""Jalali and Gregorian dates: parsing, Tehran time, formatting, periods, birthdays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from itertools import pairwise

import pytest

from shopcrm.domain.dates import (
    JALALI_MONTHS_EN,
    JALALI_MONTHS_FA,
    add_jalali_months,
    birthday_in_year,
    days_until_birthday,
    format_gregorian,
    format_jalali,
    from_jalali,
    is_jalali_leap,
    jalali_month_length,
    jalali_month_name,
    jalali_month_range,
    jalali_month_start,
    jalali_quarter_range,
    jalali_year_range,
    local_date_of,
    local_to_utc,
    local_today,
    parse_date,
    parse_datetime,
    to_jalali,
    utc_now,
    utc_to_local,
)
from shopcrm.errors import InvalidInput

# Known pairs, checked against the Iranian calendar.
NOWRUZ_1403 = date(2024, 3, 20)
NOWRUZ_1404 = date(2025, 3, 21)
NOWRUZ_1405 = date(2026, 3, 21)


# -- calendar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("g", "j"),
    [
        (date(2024, 8, 7), (1403, 5, 17)),
        (NOWRUZ_1403, (1403, 1, 1)),
        (NOWRUZ_1404, (1404, 1, 1)),
        (date(2025, 3, 20), (1403, 12, 30)),
        (date(2026, 3, 20), (1404, 12, 29)),
        (date(1991, 3, 25), (1370, 1, 5)),
        (date(2021, 3, 20), (1399, 12, 30)),
        (date(1900, 1, 1), (1278, 10, 11)),
    ],
)
def test_to_and_from_jalali(g, j):
    assert to_jalali(g) == j
    assert from_jalali(*j) == g


@pytest.mark.parametrize(
    ("y", "m", "d"),
    [(1404, 12, 30), (1403, 13, 1), (1403, 0, 1), (1403, 7, 31), (1403, 1, 32), (1403, 1, 0),
     (0, 1, 1), (1403, 12, 31)],
)
def test_from_jalali_rejects_impossible_dates(y, m, d):
    with pytest.raises(InvalidInput) as info:
        from_jalali(y, m, d)
    assert info.value.code == "bad_date"


def test_leap_years_and_month_lengths():
    assert [y for y in range(1395, 1412) if is_jalali_leap(y)] == [1395, 1399, 1403, 1408]
    assert jalali_month_length(1403, 1) == 31
    assert jalali_month_length(1403, 6) == 31
    assert jalali_month_length(1403, 7) == 30
    assert jalali_month_length(1403, 12) == 30
    assert jalali_month_length(1404, 12) == 29
    with pytest.raises(InvalidInput):
        jalali_month_length(1403, 13)


def test_month_names():
    assert len(JALALI_MONTHS_FA) == len(JALALI_MONTHS_EN) == 12
    assert jalali_month_name(1) == "فروردین"
    assert jalali_month_name(12) == "اسفند"
    assert jalali_month_name(5, "en") == "Mordad"
    assert jalali_month_name(12, lang="en") == "Esfand"
    with pytest.raises(ValueError):
        jalali_month_name(0)


# -- parse_date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1403/05/17", date(2024, 8, 7)),
        ("1403-05-17", date(2024, 8, 7)),
        ("1403.05.17", date(2024, 8, 7)),
        ("1403 05 17", date(2024, 8, 7)),
        ("1403 / 5 / 17", date(2024, 8, 7)),
        ("۱۴۰۳/۰۵/۱۷", date(2024, 8, 7)),
        ("١٤٠٣/٠٥/١٧", date(2024, 8, 7)),
        ("\u200f۱۴۰۳/۰۵/۱۷\u200e", date(2024, 8, 7)),
        ("  1403/05/17  ", date(2024, 8, 7)),
        ("14030517", date(2024, 8, 7)),
        ("1403-5-7", date(2024, 7, 28)),
        ("1402-5-7", date(2023, 7, 29)),
        ("1370/1/5", date(1991, 3, 25)),
        ("70/1/5", date(1991, 3, 25)),  # two-digit Jalali year
        ("02/1/1", date(2023, 3, 21)),  # ... in this century when not in the future
        ("1403/12/30", date(2025, 3, 20)),  # 1403 is a leap year
        ("1399/12/30", date(2021, 3, 20)),
        ("2024-08-07", date(2024, 8, 7)),
        ("2024/8/7", date(2024, 8, 7)),
        ("20240807", date(2024, 8, 7)),
        ("2024-08-07T10:00:00", date(2024, 8, 7)),
        ("2024-08-07 10:00:00", date(2024, 8, 7)),
        ("2024-08-07T10:00:00.123456", date(2024, 8, 7)),
        ("2024-02-29", date(2024, 2, 29)),
        ("1403/05/17 14:30", date(2024, 8, 7)),
        (date(2024, 8, 7), date(2024, 8, 7)),
        (datetime(2024, 8, 7, 23, 59), date(2024, 8, 7)),
        (45000, date(2023, 3, 15)),  # Excel serial date
        (45000.0, date(2023, 3, 15)),
        (45000.99, date(2023, 3, 15)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "1404/12/30",  # 1404 is a common year
        "1403/13/01",
        "1403/00/10",
        "1403/07/31",  # months 7-12 have 30 days
        "1403/05/32",
        "1403/05/00",
        "2023-02-29",
        "2024-13-01",
        "07/08/2024",  # day-first is ambiguous: refused
        "08/07/2024",
        "1199/01/01",  # out of both ranges
        "1600-01-01",
        "2200-01-01",
        "3/1/5",
        "403/1/5",
        "1403/05",
        "1403/05/17/1",
        "امروز",
        "abc",
        "45000",  # a serial number only counts as a number cell
        "1403/05/17 25:00",
        "1403/05/17 12:60",
        "2024-08-07T10:00:00+25:00",
        0,
        60,
        10_000_000,
        -5,
        True,
        float("nan"),
        float("inf"),
    ],
)
def test_parse_date_rejects(raw):
    with pytest.raises(InvalidInput) as info:
        parse_date(raw)
    assert info.value.code == "bad_date"
    assert info.value.data == {"value": str(raw)}


# -- parse_datetime ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1403/05/17 14:30", datetime(2024, 8, 7, 14, 30)),
        ("۱۴۰۳/۰۵/۱۷ ۱۴:۳۰", datetime(2024, 8, 7, 14, 30)),
        ("1403/05/17 9:05", datetime(2024, 8, 7, 9, 5)),
        ("1403/05/17", datetime(2024, 8, 7, 12, 0)),  # the default time
        ("2024-08-07T10:00:00", datetime(2024, 8, 7, 10, 0)),
        ("2024-08-07 10:00:15", datetime(2024, 8, 7, 10, 0, 15)),
        ("2024-08-07T06:30:00Z", datetime(2024, 8, 7, 10, 0)),  # UTC -> Tehran
        ("2024-08-07T10:00:00+03:30", datetime(2024, 8, 7, 10, 0)),
        (date(2024, 8, 7), datetime(2024, 8, 7, 12, 0)),
        (datetime(2024, 8, 7, 8, 15), datetime(2024, 8, 7, 8, 15)),
        (datetime(2024, 8, 7, 6, 30, tzinfo=UTC), datetime(2024, 8, 7, 10, 0)),
        (45000.75, datetime(2023, 3, 15, 18, 0)),
        (45000, datetime(2023, 3, 15, 12, 0)),
        (None, None),
        ("", None),
    ],
)
def test_parse_datetime(raw, expected):
    assert parse_datetime(raw) == expected


def test_parse_datetime_default_time():
    assert parse_datetime("1403/05/17", default_time=time(9, 0)) == datetime(2024, 8, 7, 9, 0)
    assert parse_datetime(date(2024, 8, 7), default_time=time(0, 0)) == datetime(2024, 8, 7)


@pytest.mark.parametrize("raw", ["1403/05/17 24:00", "1404/12/30 10:00", "x 10:00", True])
def test_parse_datetime_rejects(raw):
    with pytest.raises(InvalidInput):
        parse_datetime(raw)


# -- Tehran time -------------------------------------------------------------------------


def test_local_and_utc():
    assert local_to_utc(datetime(2024, 8, 7, 12, 0)) == datetime(2024, 8, 7, 8, 30)
    assert utc_to_local(datetime(2024, 8, 7, 8, 30)) == datetime(2024, 8, 7, 12, 0)
    # Iran kept daylight saving time until 2022.
    assert local_to_utc(datetime(2020, 6, 1, 12, 0)) == datetime(2020, 6, 1, 7, 30)
    assert local_to_utc(datetime(2020, 1, 1, 12, 0)) == datetime(2020, 1, 1, 8, 30)
    aware = datetime(2024, 8, 7, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    assert local_to_utc(aware) == datetime(2024, 8, 7, 10, 0)


def test_local_date_of_crosses_midnight():
    assert local_date_of(datetime(2024, 8, 7, 20, 29)) == date(2024, 8, 7)
    assert local_date_of(datetime(2024, 8, 7, 20, 30)) == date(2024, 8, 8)


def test_now_and_today_are_naive_and_consistent():
    now = utc_now()
    assert now.tzinfo is None
    assert abs(now - datetime.now(UTC).replace(tzinfo=None)) < timedelta(seconds=5)
    assert local_today() in {local_date_of(now), local_date_of(utc_now())}


# -- formatting --------------------------------------------------------------------------


def test_format_jalali():
    assert format_jalali(date(2024, 8, 7)) == "۱۴۰۳/۰۵/۱۷"
    assert format_jalali(date(2024, 7, 28), persian_digits=False) == "1403/05/07"
    moment = datetime(2024, 8, 7, 14, 30)
    assert format_jalali(moment) == "۱۴۰۳/۰۵/۱۷"
    assert format_jalali(moment, with_time=True) == "۱۴۰۳/۰۵/۱۷ ۱۴:۳۰"
    assert format_jalali(moment, with_time=True, persian_digits=False) == "1403/05/17 14:30"
    assert format_jalali(date(2024, 8, 7), with_time=True) == "۱۴۰۳/۰۵/۱۷"
    aware = datetime(2024, 8, 7, 21, 0, tzinfo=UTC)  # already 8 Aug in Tehran
    assert format_jalali(aware, persian_digits=False, with_time=True) == "1403/05/18 00:30"
    assert format_jalali(None) == ""


def test_format_gregorian():
    assert format_gregorian(date(2024, 8, 7)) == "2024-08-07"
    assert format_gregorian(datetime(2024, 8, 7, 9, 5)) == "2024-08-07"
    assert format_gregorian(datetime(2024, 8, 7, 9, 5), with_time=True) == "2024-08-07 09:05"
    assert format_gregorian(None) == ""


# -- months, quarters, years -----------------------------------------------------------


def test_jalali_month_start_and_add_months():
    assert jalali_month_start(date(2024, 8, 7)) == date(2024, 7, 22)  # 1403/05/01
    assert jalali_month_start(date(2024, 7, 22)) == date(2024, 7, 22)
    assert add_jalali_months(1403, 5, 1) == (1403, 6)
    assert add_jalali_months(1403, 12, 1) == (1404, 1)
    assert add_jalali_months(1403, 1, -1) == (1402, 12)
    assert add_jalali_months(1403, 5, 20) == (1405, 1)
    assert add_jalali_months(1403, 5, -17) == (1401, 12)
    assert add_jalali_months(1403, 5, 0) == (1403, 5)


def _check_contiguous(periods):
    for (_, _, _, last), (_, _, first, _) in pairwise(periods):
        assert first == last + timedelta(days=1)


def test_jalali_month_range():
    months = jalali_month_range(date(2024, 8, 7), date(2024, 10, 30))
    assert [(y, m) for y, m, _, _ in months] == [(1403, 5), (1403, 6), (1403, 7), (1403, 8)]
    assert months[0][2:] == (date(2024, 7, 22), date(2024, 8, 21))
    assert months[-1][2:] == (date(2024, 10, 22), date(2024, 11, 20))
    _check_contiguous(months)


def test_jalali_month_range_across_the_year_and_edges():
    months = jalali_month_range(date(2025, 3, 20), date(2025, 3, 21))
    assert months == [
        (1403, 12, date(2025, 2, 19), date(2025, 3, 20)),
        (1404, 1, date(2025, 3, 21), date(2025, 4, 20)),
    ]
    one_day = jalali_month_range(date(2024, 8, 7), date(2024, 8, 7))
    assert [(y, m) for y, m, _, _ in one_day] == [(1403, 5)]
    assert jalali_month_range(date(2024, 8, 8), date(2024, 8, 7)) == []


def test_jalali_month_range_whole_year():
    months = jalali_month_range(NOWRUZ_1403, NOWRUZ_1404 - timedelta(days=1))
    assert len(months) == 12
    assert months[0][2] == NOWRUZ_1403
    assert months[-1] == (1403, 12, date(2025, 2, 19), date(2025, 3, 20))
    _check_contiguous(months)


def test_jalali_quarter_range():
    quarters = jalali_quarter_range(date(2024, 8, 7), date(2025, 4, 1))
    assert [(y, q) for y, q, _, _ in quarters] == [(1403, 2), (1403, 3), (1403, 4), (1404, 1)]
    assert quarters[0][2:] == (date(2024, 6, 21), date(2024, 9, 21))  # 1403/04/01..06/31
    assert quarters[2][3] == date(2025, 3, 20)  # 1403/12/30
    _check_contiguous(quarters)


def test_jalali_year_range():
    years = jalali_year_range(date(2024, 8, 7), date(2025, 3, 21))
    assert years == [
        (1403, 1, NOWRUZ_1403, NOWRUZ_1404 - timedelta(days=1)),
        (1404, 1, NOWRUZ_1404, NOWRUZ_1405 - timedelta(days=1)),
    ]


# -- birthdays ---------------------------------------------------------------------------

BORN_30_ESFAND = from_jalali(1399, 12, 30)  # 2021-03-20


def test_birthday_in_year():
    born = date(1991, 8, 8)  # 1370/05/17
    assert birthday_in_year(born, 1403) == date(2024, 8, 7)
    assert birthday_in_year(BORN_30_ESFAND, 1403) == date(2025, 3, 20)  # leap: 30 Esfand
    assert birthday_in_year(BORN_30_ESFAND, 1404) == date(2026, 3, 20)  # common: 29 Esfand
    assert birthday_in_year(from_jalali(1370, 6, 31), 1404) == from_jalali(1404, 6, 31)


def test_days_until_birthday():
    born = from_jalali(1370, 5, 17)
    assert days_until_birthday(born, from_jalali(1403, 5, 17)) == 0
    assert days_until_birthday(born, from_jalali(1403, 5, 16)) == 1
    assert days_until_birthday(born, from_jalali(1403, 5, 18)) == 365  # 1404/05/17
    new_year = from_jalali(1370, 1, 1)
    assert days_until_birthday(new_year, from_jalali(1403, 12, 30)) == 1


def test_days_until_a_30_esfand_birthday():
    # Common year 1404: greeted on 29 Esfand.
    assert days_until_birthday(BORN_30_ESFAND, from_jalali(1404, 12, 28)) == 1
    assert days_until_birthday(BORN_30_ESFAND, from_jalali(1404, 12, 29)) == 0
    # Leap year 1403: 30 Esfand itself.
    assert days_until_birthday(BORN_30_ESFAND, from_jalali(1403, 12, 29)) == 1
    assert days_until_birthday(BORN_30_ESFAND, from_jalali(1403, 12, 30)) == 0
    # Just after: a whole (common) year to wait.
    assert days_until_birthday(BORN_30_ESFAND, from_jalali(1404, 1, 1)) == 364
