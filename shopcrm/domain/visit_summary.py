"""Per-customer visit summary: the numbers kept on the customer row.

The same function serves the summary columns (all visits) and computations "as of"
a past date (visits up to that date), so both agree by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from statistics import median

from shopcrm.domain.dates import local_date_of


@dataclass(frozen=True)
class VisitSummary:
    visit_count: int
    visit_days: int
    first_visit_at: datetime | None
    last_visit_at: datetime | None
    total_spent: int
    usual_gap_days: float | None

    def as_columns(self) -> dict[str, object]:
        return {
            "visit_count": self.visit_count,
            "visit_days": self.visit_days,
            "first_visit_at": self.first_visit_at,
            "last_visit_at": self.last_visit_at,
            "total_spent": self.total_spent,
            "usual_gap_days": self.usual_gap_days,
        }


EMPTY = VisitSummary(0, 0, None, None, 0, None)


def usual_gap(days: list[date]) -> float | None:
    """Median number of days between consecutive distinct visit days (sorted input)."""
    if len(days) < 2:
        return None
    return float(median((b - a).days for a, b in pairwise(days)))


def summarize(visits: Iterable[tuple[datetime, int | None]],
              local_days: Iterable[date] | None = None) -> VisitSummary:
    """Summarise ``(utc_time, amount)`` pairs; order does not matter.

    ``local_days`` (the visits' dates in shop time) may be given when the caller already
    knows them, to skip the time-zone conversion.
    """
    ordered = sorted(visits, key=lambda v: v[0])
    if not ordered:
        return EMPTY
    if local_days is None:
        local_days = (local_date_of(at) for at, _ in ordered)
    days = sorted(set(local_days))
    return VisitSummary(
        visit_count=len(ordered),
        visit_days=len(days),
        first_visit_at=ordered[0][0],
        last_visit_at=ordered[-1][0],
        total_spent=sum(amount or 0 for _, amount in ordered),
        usual_gap_days=usual_gap(days),
    )
