"""The follow-up priority in words: the value tier and the lateness, in Persian and English."""

from __future__ import annotations

import pytest

from shopcrm.domain.priority_words import ValueMarks, lateness_words, priority_words

MARKS = ValueMarks(high=10_000_000, low=2_000_000)


@pytest.mark.parametrize(("spent", "tier"), [(50_000_000, "high"), (10_000_000, "high"),
                                             (5_000_000, "medium"), (2_000_000, "medium"),
                                             (1_999_999, "low"), (0, "low")])
def test_value_tiers(spent, tier):
    assert MARKS.tier(spent) == tier


def test_words_in_both_languages():
    assert priority_words(50_000_000, 21, 7.0, MARKS, "fa") == "ارزش بالا، ۳ برابر فاصله‌ی معمول"
    assert priority_words(50_000_000, 21, 7.0, MARKS, "en") == "high value, 3 times the usual gap"
    assert priority_words(3_000_000, 50, 20.0, MARKS, "fa") == "ارزش متوسط، ۲٫۵ برابر فاصله‌ی معمول"
    assert priority_words(0, 400, 30.0, MARKS, "en") == "low value, over 10 times the usual gap"


def test_without_a_usual_gap_the_days_away_are_said():
    assert lateness_words(120, None, "fa") == "۱۲۰ روز غیبت"
    assert lateness_words(120, None, "en") == "120 days away"
    assert lateness_words(35, 3.5, "en") == "over 10 times the usual gap"  # the cap
    assert lateness_words(12, 5.0, "fa") == "۲٫۴ برابر فاصله‌ی معمول"
