"""The follow-up priority in words, e.g. «ارزش بالا، ۳ برابر فاصله‌ی معمول».

``domain.absence.priority`` multiplies *how valuable* (spending) by *how far past due*
(days since the last visit in units of the customer's usual gap). The owner reads the two
factors, not the product:

- **value**: ``high`` when the customer's total spending is at or above the book's high
  mark (the top fifth of customers with any spending), ``low`` below the low mark (the
  bottom two fifths), else ``medium`` (``ValueMarks`` holds the two marks);
- **lateness**: "3 times the usual gap" (one decimal under 10, whole above; "over 10
  times" at the cap the priority uses); for a customer without a usual gap, the days away.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopcrm.domain.absence import LATENESS_CAP
from shopcrm.domain.text import to_persian_digits

VALUE_WORDS = {"high": ("ارزش بالا", "high value"),
               "medium": ("ارزش متوسط", "medium value"),
               "low": ("ارزش کم", "low value")}


@dataclass(frozen=True)
class ValueMarks:
    """Rials of total spending: ``high`` and above is high value, below ``low`` is low."""

    high: int
    low: int

    def tier(self, total_spent: int) -> str:
        if total_spent > 0 and total_spent >= self.high:
            return "high"
        if total_spent < self.low or total_spent <= 0:
            return "low"
        return "medium"


def _number(value: float, lang: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{round(value)}"
    return to_persian_digits(text.replace(".", "٫")) if lang == "fa" else text


def lateness_words(days_since: int, usual_gap: float | None, lang: str) -> str:
    if usual_gap is None or usual_gap <= 0:
        days = _number(days_since, lang)
        return f"{days} روز غیبت" if lang == "fa" else f"{days} days away"
    times = days_since / usual_gap
    if times >= LATENESS_CAP:
        cap = _number(LATENESS_CAP, lang)
        return (f"بیش از {cap} برابر فاصله‌ی معمول" if lang == "fa"
                else f"over {cap} times the usual gap")
    n = _number(times, lang)
    return f"{n} برابر فاصله‌ی معمول" if lang == "fa" else f"{n} times the usual gap"


def priority_words(total_spent: int, days_since: int, usual_gap: float | None,
                   marks: ValueMarks, lang: str = "fa") -> str:
    """«ارزش بالا، ۳ برابر فاصله‌ی معمول» / "high value, 3 times the usual gap"."""
    fa, en = VALUE_WORDS[marks.tier(total_spent)]
    late = lateness_words(days_since, usual_gap, lang)
    return f"{fa}، {late}" if lang == "fa" else f"{en}, {late}"
