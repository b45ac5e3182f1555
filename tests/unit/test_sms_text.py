"""SMS lengths (GSM-7 and UCS-2 parts), the opt-out line and quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from shopcrm.errors import InvalidInput
from shopcrm.services.messaging.sms_text import (
    OPT_OUT_LINE,
    QuietHours,
    has_opt_out,
    parse_quiet_hours,
    sms_parts,
    with_opt_out,
)

TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.mark.parametrize(
    ("length", "parts", "per_part"),
    [(0, 0, 160), (1, 1, 160), (160, 1, 160), (161, 2, 153), (306, 2, 153), (307, 3, 153)],
)
def test_gsm_boundaries(length, parts, per_part):
    got = sms_parts("a" * length)
    assert (got.chars, got.parts, got.per_part, got.unicode) == (length, parts, per_part, False)


@pytest.mark.parametrize(
    ("length", "parts", "per_part"),
    [(1, 1, 70), (70, 1, 70), (71, 2, 67), (134, 2, 67), (135, 3, 67), (900, 14, 67)],
)
def test_persian_is_ucs2_with_70_and_67(length, parts, per_part):
    got = sms_parts("س" * length)
    assert (got.chars, got.parts, got.per_part, got.unicode) == (length, parts, per_part, True)


def test_one_persian_letter_or_digit_makes_the_whole_text_ucs2():
    assert sms_parts("a" * 69 + "ب").parts == 1
    assert sms_parts("a" * 70 + "۱").parts == 2  # 71 UCS-2 units
    assert sms_parts("Your code is 1234").unicode is False
    assert sms_parts("Your code is ۱۲۳۴").unicode is True


def test_extension_characters_count_twice_and_are_never_split():
    assert sms_parts("€" * 80) == sms_parts("a" * 160)  # 160 septets, one part
    assert sms_parts("€" + "a" * 159).parts == 2  # 161 septets
    # 152 septets then a two-septet character: it moves whole to the second part
    assert sms_parts("a" * 152 + "{" + "a" * 152).parts == 3
    assert sms_parts("a" * 151 + "{" + "a" * 153).parts == 2


def test_emoji_take_two_ucs2_units():
    assert sms_parts("🌷" * 35) == sms_parts("س" * 70)
    assert sms_parts("🌷" * 36).parts == 2


def test_the_opt_out_line_is_counted():
    body = "س" * 64  # 64 + newline + لغو۱۱ (5) = 70 exactly
    text = with_opt_out(body, "service")
    assert text == f"{body}\n{OPT_OUT_LINE}"
    assert sms_parts(text).parts == 1 and sms_parts(text).left == 0
    assert sms_parts(with_opt_out(body + "س", "service")).parts == 2
    # a Latin text becomes UCS-2 once the Persian opt-out line is added
    latin = with_opt_out("a" * 64, "service")
    assert sms_parts(latin) == sms_parts(text)


def test_opt_out_only_for_service_lines_and_only_once():
    assert with_opt_out("سلام", "advertising") == "سلام"
    once = with_opt_out("سلام  \n", "service")
    assert once == f"سلام\n{OPT_OUT_LINE}"
    assert with_opt_out(once, "service") == once
    assert has_opt_out("سلام\nلغو 11") and has_opt_out("سلام\nلغو١١")
    assert not has_opt_out("لغو۱۱ نکنید، سلام")
    with pytest.raises(ValueError):
        with_opt_out("سلام", "promo")


def tehran(hour: int, minute: int = 0, day: int = 7) -> datetime:
    return datetime(2024, 8, day, hour, minute, tzinfo=TEHRAN)


def test_default_quiet_hours_allow_08_to_21_tehran():
    quiet = parse_quiet_hours("21:00-08:00")
    assert quiet == QuietHours(time(21), time(8))
    assert str(quiet) == "21:00-08:00"
    assert not quiet.allows(tehran(7, 59))
    assert quiet.allows(tehran(8, 0))
    assert quiet.allows(tehran(20, 59))
    assert not quiet.allows(tehran(21, 0))
    assert not quiet.allows(tehran(0, 30))


def test_quiet_hours_judge_the_tehran_clock_not_the_callers_zone():
    quiet = parse_quiet_hours("21:00-08:00")
    # 17:00 UTC is 20:30 in Tehran (UTC+3:30): allowed; 17:30 UTC is 21:00: quiet
    assert quiet.allows(datetime(2024, 8, 7, 17, 0, tzinfo=UTC))
    assert not quiet.allows(datetime(2024, 8, 7, 17, 30, tzinfo=UTC))
    with pytest.raises(ValueError):
        quiet.allows(datetime(2024, 8, 7, 12, 0))  # naive


def test_next_allowed():
    quiet = parse_quiet_hours("21:00-08:00")
    assert quiet.next_allowed(tehran(10)) == tehran(10)
    assert quiet.next_allowed(tehran(22, 15)) == tehran(8, day=8)
    assert quiet.next_allowed(tehran(3)) == tehran(8)
    utc_evening = datetime(2024, 8, 7, 19, 0, tzinfo=UTC)  # 22:30 Tehran
    nxt = quiet.next_allowed(utc_evening)
    assert nxt == tehran(8, day=8) and nxt - utc_evening == timedelta(hours=9, minutes=30)


def test_a_window_within_one_day():
    quiet = parse_quiet_hours("۱۳:۰۰ - ۱۴:۳۰")  # Persian digits, spaces
    assert quiet == QuietHours(time(13), time(14, 30))
    assert quiet.allows(tehran(12, 59)) and not quiet.allows(tehran(13, 0))
    assert quiet.next_allowed(tehran(13, 10)) == tehran(14, 30)
    assert quiet.allows(tehran(14, 30))


@pytest.mark.parametrize("value", ["off", "OFF", "none", "", None])
def test_off_means_no_quiet_hours(value):
    assert parse_quiet_hours(value) is None


@pytest.mark.parametrize("value", ["21-08", "25:00-08:00", "21:00-21:00", "night"])
def test_bad_quiet_hours_are_a_settings_error(value):
    with pytest.raises(InvalidInput) as info:
        parse_quiet_hours(value)
    assert info.value.code == "bad_setting" and info.value.data["key"] == "sms.quiet_hours"
