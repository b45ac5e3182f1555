"""Who came back after being contacted: the win-back page's "came back" list.

The Reports page counts them per month (``reports.winback_series``); this lists the people,
with the same words, computed by ``services.absence.winback_totals.winback_summary`` (the
one place that decides who came back, also behind the totals and the revenue won back):
a customer *contacted while absent* got an outgoing call, SMS or email on a day when they
were an absent regular; they *came back* when they made a visit within ``within_days``
(60) after it. One row per return; the latest returns first.
"""

from __future__ import annotations

from datetime import date, timedelta

from shopcrm.domain.absence import AbsenceRules
from shopcrm.domain.dates import local_today
from shopcrm.services.absence.winback_totals import DEFAULT_DAYS, CameBack, winback_summary
from shopcrm.services.reports.series import WINBACK_DAYS
from shopcrm.storage.db import Database

__all__ = ["DEFAULT_DAYS", "CameBack", "came_back"]


def came_back(db: Database, rules: AbsenceRules, *, since: date | None = None,
              today: date | None = None, within_days: int = WINBACK_DAYS,
              limit: int = 500) -> list[CameBack]:
    """Customers contacted while absent since ``since`` (default: a year before
    ``today``) who came back within ``within_days``; the latest returns first."""
    today = today or local_today()
    since = since or today - timedelta(days=DEFAULT_DAYS)
    return winback_summary(db, rules, since, today, within_days=within_days).rows[:limit]
