"""Who is slipping away: the pure rules behind the absent and overdue lists.

The words come from DESIGN.md ("The words of the field"); every threshold is a setting
(``absence.*``) that a run may override. Precisely:

- **Days since the last visit** on a reference date ``as_of``: ``as_of`` minus the Tehran
  *local* date of the last visit (visits are stored as UTC instants). A visit at 23:50
  and one at 00:10 the next morning are on two different days, as the owner sees them.
- **Regular**: ``visit_count + prior_visits >= min_visits`` (visits before the book,
  imported as a count, included).
- **Absent**: a regular with a *dated* last visit at least ``absent_days`` days before
  ``as_of``; exactly ``absent_days`` days counts as absent. A regular known only from
  imported prior visits (no dated visit) is not listed: nobody knows how long ago they came.
- **Usual gap**: the median number of days between consecutive *distinct* visit days.
- **Overdue**: at least ``min_visit_days`` (3) distinct visit days (several visits on one
  day are one occasion, so a colour and a cut on the same afternoon are not a rhythm),
  days since the last visit strictly greater than ``overdue_factor`` x usual gap, and at
  least ``overdue_min_days``.
- **Priority** (the lists are ordered by it, highest first)::

      priority = (1 + total_spent / 1,000,000 Rials) x min(days_since / expected_gap, 10)

  *How valuable*: one point per million Rials spent in the book, plus one so that a
  customer whose visits carry no amount still ranks by lateness. *How far past due*: days
  since the last visit in units of the customer's own rhythm (the usual gap; for a customer
  without one, ``absent_days``), capped at 10 so that a long-lost customer does not drown a
  big spender who just slipped. Ties: the older last visit first, then the lower id.
  The SQL of the fast path evaluates the same expression in the same order, so both paths
  produce bit-identical priorities.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from shopcrm.domain.dates import TEHRAN, local_to_utc
from shopcrm.domain.text import to_persian_digits
from shopcrm.errors import InvalidInput

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

MILLION = 1_000_000.0
LATENESS_CAP = 10.0
EPOCH = date(1970, 1, 1)
MAX_RULE_DAYS = 36_500  # a hundred years


@dataclass(frozen=True)
class AbsenceRules:
    """The thresholds of one computation (settings, possibly overridden for one run)."""

    min_visits: int = 3
    absent_days: int = 90
    overdue_factor: float = 2.0
    overdue_min_days: int = 21
    min_visit_days: int = 3  # distinct dated visit days needed before "overdue" applies
    contacted_days: int = 14

    def __post_init__(self) -> None:
        days = f"<= {MAX_RULE_DAYS}"  # a date that far back does not exist (OverflowError)
        checks = (("min_visits", self.min_visits >= 1, ">= 1"),
                  ("absent_days", self.absent_days >= 1, ">= 1"),
                  ("absent_days", self.absent_days <= MAX_RULE_DAYS, days),
                  ("overdue_factor", self.overdue_factor > 0, "> 0"),
                  ("overdue_min_days", self.overdue_min_days >= 0, ">= 0"),
                  ("overdue_min_days", self.overdue_min_days <= MAX_RULE_DAYS, days),
                  ("min_visit_days", self.min_visit_days >= 2, ">= 2"),
                  ("contacted_days", self.contacted_days >= 0, ">= 0"),
                  ("contacted_days", self.contacted_days <= MAX_RULE_DAYS, days))
        for name, ok, rule in checks:
            if not ok:
                raise InvalidInput("bad_rule", name=name, value=getattr(self, name), rule=rule)

    @classmethod
    def from_settings(cls, settings: SettingsView, **overrides: Any) -> AbsenceRules:
        """Rules from ``absence.*`` settings; ``overrides`` (None values ignored) win."""
        values: dict[str, Any] = {
            "min_visits": settings.get("absence.min_visits"),
            "absent_days": settings.get("absence.absent_days"),
            "overdue_factor": settings.get("absence.overdue_factor"),
            "overdue_min_days": settings.get("absence.overdue_min_days"),
            "contacted_days": settings.get("absence.contacted_days"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["overdue_factor"] = float(values["overdue_factor"])
        for key in ("min_visits", "absent_days", "overdue_min_days", "contacted_days",
                    "min_visit_days"):
            if key in values:
                values[key] = int(values[key])
        return cls(**values)

    def overdue_days_floor(self) -> int:
        """Fewest days since the last visit that can be overdue (for an index range)."""
        return max(self.overdue_min_days, 1)


# -- the rules -----------------------------------------------------------------------


def is_regular(total_visits: int, rules: AbsenceRules) -> bool:
    return total_visits >= rules.min_visits


def is_absent(total_visits: int, days_since: int | None, rules: AbsenceRules) -> bool:
    return (days_since is not None and is_regular(total_visits, rules)
            and days_since >= rules.absent_days)


def is_overdue(visit_days: int, usual_gap: float | None, days_since: int | None,
               rules: AbsenceRules) -> bool:
    return (visit_days >= rules.min_visit_days and usual_gap is not None
            and days_since is not None and days_since > rules.overdue_factor * usual_gap
            and days_since >= rules.overdue_min_days)


def expected_gap(usual_gap: float | None, rules: AbsenceRules) -> float:
    """The rhythm lateness is measured in: the usual gap, else ``absent_days``."""
    return float(usual_gap) if usual_gap is not None else float(rules.absent_days)


def priority(total_spent: int, days_since: int, usual_gap: float | None,
             rules: AbsenceRules) -> float:
    """How valuable x how far past due (see the module docstring); SQL mirrors it."""
    value = 1.0 + float(total_spent) / MILLION
    lateness = float(days_since) / expected_gap(usual_gap, rules)
    return value * min(lateness, LATENESS_CAP)


def _number(value: float, lang: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    if lang == "fa":
        return to_persian_digits(text.replace(".", "٫"))
    return text


def reason(total_visits: int, days_since: int, usual_gap: float | None,
           lang: str = "fa") -> str:
    """The one line the owner reads, e.g. "usually every 34 days; 97 days since the last
    visit" / "معمولاً هر ۳۴ روز؛ ۹۷ روز از آخرین مراجعه گذشته"."""
    days = _number(days_since, lang)
    if lang == "fa":
        head = (f"معمولاً هر {_number(usual_gap, lang)} روز" if usual_gap is not None
                else f"{_number(total_visits, lang)} مراجعه")
        return f"{head}؛ {days} روز از آخرین مراجعه گذشته"
    head = (f"usually every {_number(usual_gap, lang)} days" if usual_gap is not None
            else f"{total_visits} visits")
    return f"{head}; {days} days since the last visit"


# -- local days ----------------------------------------------------------------------


def day_start_utc(day: date) -> datetime:
    """The UTC instant at which Tehran's ``day`` begins (naive UTC, as stored)."""
    return local_to_utc(datetime.combine(day, time()))


def day_end_utc(day: date) -> datetime:
    """The UTC instant at which Tehran's ``day`` ends: visits ``< day_end_utc(d)`` are on
    or before ``d``."""
    return day_start_utc(day + timedelta(days=1))


def day_number(day: date) -> int:
    """Days since 1970-01-01: the integer the SQL local-day expressions produce."""
    return (day - EPOCH).days


def from_day_number(number: int) -> date:
    return EPOCH + timedelta(days=number)


def _offset_minutes(instant: datetime) -> int:
    offset = instant.replace(tzinfo=UTC).astimezone(TEHRAN).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


@lru_cache(maxsize=1)
def utc_offset_ranges() -> tuple[tuple[datetime, int], ...]:
    """Tehran's offset from UTC as ``(utc_from, minutes)`` steps, 1970 to two years ahead.

    Each step holds until the next one; the last holds on. The SQL "local day" expression
    is built from these steps, so SQL and ``zoneinfo`` agree on every local date (before
    1970 the first step's offset, +03:30 since 1935, is assumed).
    """
    end = datetime(datetime.now(UTC).year + 3, 1, 1)
    step = datetime(1970, 1, 1)
    current = _offset_minutes(step)
    steps: list[tuple[datetime, int]] = [(step, current)]
    day = timedelta(days=1)
    while step < end:
        nxt = step + day
        minutes = _offset_minutes(nxt)
        if minutes != current:  # find the minute it changed: offset(step + hi) differs
            lo, hi = 0, 24 * 60
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_minutes(step + timedelta(minutes=mid)) == current:
                    lo = mid
                else:
                    hi = mid
            high = step + timedelta(minutes=hi)
            steps.append((high, minutes))
            current = minutes
        step = nxt
    return tuple(steps)
