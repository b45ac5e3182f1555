"""The pure rules of "who is slipping away": thresholds, priority, reasons, local days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.config import Settings
from shopcrm.domain.absence import (
    AbsenceRules,
    day_end_utc,
    day_number,
    day_start_utc,
    expected_gap,
    from_day_number,
    is_absent,
    is_overdue,
    is_regular,
    priority,
    reason,
    utc_offset_ranges,
)
from shopcrm.domain.dates import (
    days_until_birthday,
    from_jalali,
    local_date_of,
)
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.birthdays import birth_dates, greeting_days

RULES = AbsenceRules()


def test_defaults_follow_the_design():
    assert (RULES.min_visits, RULES.absent_days, RULES.overdue_factor,
            RULES.overdue_min_days, RULES.min_visit_days, RULES.contacted_days) == (
        3, 90, 2.0, 21, 3, 14)


def test_rules_come_from_settings_and_overrides_win(tmp_path):
    settings = Settings(tmp_path / "settings.toml", env={"SHOPCRM_ABSENCE_ABSENT_DAYS": "60"})
    rules = AbsenceRules.from_settings(settings, min_visits=5, overdue_factor=None)
    assert (rules.absent_days, rules.min_visits, rules.overdue_factor) == (60, 5, 2.0)


@pytest.mark.parametrize("field,value", [("min_visits", 0), ("absent_days", 0),
                                         ("overdue_factor", 0), ("min_visit_days", 1),
                                         ("overdue_min_days", -1), ("contacted_days", -1)])
def test_impossible_thresholds_are_refused_with_a_code(field, value):
    with pytest.raises(InvalidInput) as caught:
        AbsenceRules(**{field: value})
    assert caught.value.code == "bad_rule"
    assert caught.value.data["name"] == field


def test_regular_counts_prior_visits_two_is_not_three():
    assert not is_regular(2, RULES)
    assert is_regular(3, RULES)


def test_exactly_absent_days_is_absent():
    assert is_absent(3, 90, RULES)
    assert not is_absent(3, 89, RULES)
    assert not is_absent(2, 400, RULES)  # not a regular
    assert not is_absent(5, None, RULES)  # no dated visit: unknown, not listed


def test_overdue_is_strictly_beyond_the_factor_and_at_least_the_minimum():
    assert is_overdue(3, 30.0, 61, RULES)
    assert not is_overdue(3, 30.0, 60, RULES)  # exactly 2 x gap is not beyond it
    assert is_overdue(4, 7.0, 35, RULES)  # the weekly client gone five weeks
    assert not is_overdue(4, 7.0, 20, RULES)  # 20 > 14 but under 21 days
    assert not is_overdue(2, 7.0, 100, RULES)  # two visit days are no rhythm
    assert not is_overdue(5, None, 100, RULES)


def test_priority_is_value_times_lateness_capped():
    # 34,000,000 rials -> value 35; 97 days / 34-day gap
    assert priority(34_000_000, 97, 34.0, RULES) == pytest.approx(35 * 97 / 34)
    assert priority(0, 180, None, RULES) == 2.0  # no gap: measured in absent_days
    assert priority(0, 2000, 7.0, RULES) == 10.0  # lateness capped at 10
    assert expected_gap(None, RULES) == 90.0


def test_reason_lines_in_both_languages():
    assert reason(12, 97, 34.0, "en") == "usually every 34 days; 97 days since the last visit"
    assert reason(12, 97, 34.0, "fa") == "معمولاً هر ۳۴ روز؛ ۹۷ روز از آخرین مراجعه گذشته"
    assert reason(3, 120, None, "en") == "3 visits; 120 days since the last visit"
    assert reason(3, 120, None, "fa") == "۳ مراجعه؛ ۱۲۰ روز از آخرین مراجعه گذشته"
    assert reason(9, 40, 10.5, "fa").startswith("معمولاً هر ۱۰٫۵ روز")


def test_local_day_bounds_follow_tehran_time_and_old_daylight_saving():
    assert day_start_utc(date(2024, 1, 1)) == datetime(2023, 12, 31, 20, 30)  # +03:30
    assert day_start_utc(date(2021, 6, 1)) == datetime(2021, 5, 31, 19, 30)  # +04:30 (DST)
    assert day_end_utc(date(2024, 1, 1)) == datetime(2024, 1, 1, 20, 30)
    assert from_day_number(day_number(date(2024, 3, 20))) == date(2024, 3, 20)
    assert day_number(date(1970, 1, 2)) == 1


def _local_day_from_steps(instant: datetime) -> date:
    minutes = utc_offset_ranges()[0][1]
    for start, offset in utc_offset_ranges():
        if instant >= start:
            minutes = offset
    return (instant + timedelta(minutes=minutes)).date()


def test_offset_steps_include_the_last_daylight_saving_change():
    steps = utc_offset_ranges()
    assert (datetime(2022, 9, 21, 19, 30), 210) in steps
    assert (datetime(2022, 3, 21, 20, 30), 270) in steps
    assert steps[-1][1] == 210


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1975, 1, 1), max_value=datetime(2030, 12, 31)))
def test_offset_steps_give_zoneinfo_local_dates(instant):
    assert _local_day_from_steps(instant) == local_date_of(instant)


def test_offset_steps_at_every_change_to_the_minute():
    for start, _ in utc_offset_ranges()[1:]:
        for delta in (-1, 0, 1):
            at = start + timedelta(minutes=delta)
            assert _local_day_from_steps(at) == local_date_of(at), at


# -- birthdays -----------------------------------------------------------------------------


def test_born_on_30_esfand_is_greeted_on_29_esfand_in_a_common_year():
    born = from_jalali(1403, 12, 30)  # 1403 is a leap year
    today = from_jalali(1404, 12, 25)  # 1404 is common
    assert days_until_birthday(born, today) == 4
    assert born not in birth_dates(today, 3)
    assert born in birth_dates(today, 4)
    assert (12, 30) in greeting_days(today, 4)
    older = from_jalali(1399, 12, 30)
    assert days_until_birthday(older, from_jalali(1403, 12, 28)) == 2  # leap: on the 30th


@pytest.mark.parametrize("today,days", [
    (from_jalali(1404, 12, 20), 15),  # across Nowruz from a common year
    (from_jalali(1403, 12, 25), 10),  # across Nowruz from a leap year
    (date(2024, 7, 1), 0),
    (date(2025, 1, 15), 31),
])
def test_birth_dates_are_exactly_those_greeted_in_the_window(today, days):
    expected = set()
    day = date(1900, 1, 1)
    while day <= today:
        if days_until_birthday(day, today) <= days:
            expected.add(day)
        day += timedelta(days=1)
    assert set(birth_dates(today, days)) == expected


def test_birthday_window_is_checked():
    with pytest.raises(InvalidInput) as caught:
        greeting_days(date(2024, 1, 1), -1)
    assert caught.value.code == "bad_days"
