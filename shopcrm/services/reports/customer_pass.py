"""One pass over every customer's visit times, vectorised with numpy: new and returning
customers, retention and absent regulars for every month of the period at once.

The figures are those of ``services.retention`` and ``services.absence`` (tests hold
them equal month by month); ``customer_pass`` says how the pass works.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, String, case, cast, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from shopcrm.domain.absence import AbsenceRules, day_end_utc, day_start_utc
from shopcrm.services.absence.retention import RetentionRow, retention
from shopcrm.services.reports.period import Month, Period
from shopcrm.services.reports.report_data import (
    AbsentPoint,
    NewReturning,
    Report,
    VisitsRevenue,
)
from shopcrm.storage.models import Customer, Visit


class epoch_seconds(FunctionElement[int]):  # an SQL construct's name
    """Whole seconds since 1970-01-01 of a naive UTC column (integer; SQLite's text
    before 3.38)."""

    type = BigInteger()
    name = "epoch_seconds"
    inherit_cache = True


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    if sqlite3.sqlite_version_info >= (3, 38):
        return f"unixepoch({column})"  # a third faster than strftime
    return f"strftime('%s', {column})"


@compiles(epoch_seconds)
def _epoch_ansi(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"CAST(floor(extract(epoch FROM {column})) AS BIGINT)"


_EPOCH = datetime(1970, 1, 1)


def _at(seconds: int) -> datetime:
    return _EPOCH + timedelta(seconds=seconds)


def _seconds(instant: datetime) -> int:
    """What ``epoch_seconds`` gives for a naive UTC instant (thresholds are whole seconds,
    so cutting a visit's fraction of a second never moves it across one)."""
    return int((instant - _EPOCH).total_seconds() // 1)


@dataclass
class _Visits:
    """Every customer (not in the trash) with a visit before the end, as numpy arrays."""

    keep: Any  # per customer: not in the trash
    prior: Any  # per customer: visits before the book
    early: Any  # per customer: visits before ``since``
    owner: Any  # per later visit: the customer's index
    seconds: Any  # per later visit: epoch seconds


def _visit_seconds(session: Session, since: datetime, before: datetime) -> _Visits:
    """One scan of the (customer_id, at) index: per customer, how many visits came before
    ``since`` (their times do not matter) and the times of those from ``since`` up to
    ``before``. Customers in the trash or with visits before the book are few and looked
    up apart."""
    import numpy as np

    seconds_text = cast(epoch_seconds(Visit.at), String)
    later = case((Visit.at >= since, seconds_text))  # NULL before: left out of the list
    rows = session.connection().execute(  # Core: no ORM bookkeeping for 100k rows
        select(Visit.customer_id, func.count(), func.aggregate_strings(later, ","))
        .where(Visit.at < before).group_by(Visit.customer_id).order_by(Visit.customer_id)
    ).all()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    texts = [r[2] or "" for r in rows]
    seconds = (np.fromstring(",".join(t for t in texts if t), dtype=np.int64, sep=",")
               if any(texts) else np.zeros(0, dtype=np.int64))
    recent = np.fromiter((t.count(",") + 1 if t else 0 for t in texts), dtype=np.int64,
                         count=len(rows))
    early = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)) - recent
    owner = np.repeat(np.arange(len(rows)), recent)
    trash = np.fromiter(session.scalars(select(Customer.id)
                                        .where(Customer.deleted_at.is_not(None))), np.int64)
    prior = np.zeros(len(rows), dtype=np.int64)
    for cid, n in session.execute(select(Customer.id, Customer.prior_visits)
                                  .where(Customer.prior_visits != 0)):
        at = np.searchsorted(ids, cid)
        if at < len(ids) and ids[at] == cid:
            prior[at] = n
    return _Visits(~np.isin(ids, trash), prior, early, owner, seconds)


def customer_pass(session: Session, period: Period, rules: AbsenceRules
                  ) -> dict[str, list[int]]:
    """Counts for new_returning and absent_over_time, every month in one pass over the
    visits up to the end of the period, vectorised: each visit is placed among the
    period's thresholds (month bounds, "as of" days, absence cut-offs), which gives every
    customer's number of visits before each threshold; each figure of each month is then
    a comparison of two such numbers for all customers at once.

    As of a day (a month's last day, or today): the visits before ``day_end_utc(day)``.
    *Absent* is ``absent_clause(rules, day, exact=True)``: a regular whose last such
    visit is before ``day_end_utc(day - absent_days)`` -- none in between.
    """
    import numpy as np

    months = period.months
    n = len(months)
    stop = [period.month_end(i) for i in range(n)]
    bounds = {
        "start": [_seconds(m.start_utc) for m in months],
        "end": [_seconds(m.end_utc) for m in months],
        "asof": [_seconds(day_end_utc(day)) for day in stop],
        "cutoff": [_seconds(day_end_utc(day - timedelta(days=rules.absent_days)))
                   for day in stop],
        "before": [_seconds(day_start_utc(m.first_day - timedelta(days=rules.absent_days)))
                   for m in months],
    }
    thresholds = np.array(sorted({t for values in bounds.values() for t in values}),
                          dtype=np.int64)
    data = _visit_seconds(session, _at(int(thresholds[0])), period.end_utc)
    keep, owner = data.keep, data.owner
    width = len(thresholds) + 1
    slot = np.searchsorted(thresholds, data.seconds, side="right")
    column = {kind: [int(np.searchsorted(thresholds, t)) for t in values]
              for kind, values in bounds.items()}
    series: dict[str, list[int]] = {key: [0] * n for key in _PASS_KEYS}
    step = max(1, _GRID_CELLS // width)  # customers per chunk: bounded memory
    for first in range(0, len(keep), step):
        last = min(first + step, len(keep))
        lo, hi = np.searchsorted(owner, [first, last])
        # below[c, j]: visits of customer c before thresholds[j]
        grid = np.bincount((owner[lo:hi] - first) * width + slot[lo:hi],
                           minlength=(last - first) * width).reshape(last - first, width)
        grid[:, 0] += data.early[first:last]  # before every threshold
        below = np.cumsum(grid, axis=1, dtype=np.int32)
        _count_months(below, column, keep[first:last], data.prior[first:last],
                      rules.min_visits, series)
    return series


def fill_from_pass(report: Report, period: Period, series: dict[str, list[int]],
                   asked: set[str], undated: int) -> None:
    """The pass's counts as the report's points."""
    months = period.months
    if "new_returning" in asked:
        report.new_returning = [NewReturning(m.year, m.month, series["new"][i],
                                             series["returning"][i])
                                for i, m in enumerate(months)]
    if report.visits_revenue:
        report.visits_revenue = [
            VisitsRevenue(p.year, p.month, p.visits, p.revenue,
                          series["new"][i] + series["returning"][i])
            for i, p in enumerate(report.visits_revenue)]
    if "retention" in asked:
        report.retention = [_retention_row(m, period.month_end(i),
                                           {k: v[i] for k, v in series.items()})
                            for i, m in enumerate(months)]
    if "absent_over_time" in asked:
        report.absent_over_time = [AbsentPoint(m.year, m.month, period.month_end(i),
                                               series["regulars"][i] + undated,
                                               series["absent"][i])
                                   for i, m in enumerate(months)]


_PASS_KEYS = ("new", "returning", "regulars", "absent", "fresh", "at_start", "returned",
              "at_end", "new_at_end", "kept")
_GRID_CELLS = 4_000_000


def _count_months(below: Any, column: dict[str, list[int]], keep: Any, prior: Any,
                  min_visits: int, totals: dict[str, list[int]]) -> None:
    """Add one chunk of customers to each month's counts (see ``customer_pass``)."""
    import numpy as np

    newcomer = (prior == 0) & keep
    need = min_visits - prior
    for i in range(len(column["start"])):
        before, upto = below[:, column["start"][i]], below[:, column["end"][i]]
        dated, cut = below[:, column["asof"][i]], below[:, column["cutoff"][i]]
        earlier = below[:, column["before"][i]]
        came = (upto > before) & keep
        new = came & newcomer & (before == 0)  # first dated visit ever, none before the book
        regular = keep & (dated >= need)
        # retention (services.retention's words): active on a day = a visit in the
        # absent_days days up to it -- between the cut-off and the "as of" bound.
        fresh = newcomer & (before == 0) & (dated > 0)  # new, up to the "as of" day
        at_start = keep & (before > earlier)  # active the day before the month
        at_end = keep & (dated > cut)
        masks = {"new": new, "returning": came & ~new, "regulars": regular,
                 "absent": regular & (dated > 0) & (dated == cut), "fresh": fresh,
                 "at_start": at_start, "returned": at_start & (dated > before),
                 "at_end": at_end, "new_at_end": fresh & at_end, "kept": at_start & at_end}
        for key, mask in masks.items():
            totals[key][i] += int(np.count_nonzero(mask))


def retention_rows(session: Session, period: Period, rules: AbsenceRules
                   ) -> list[RetentionRow]:
    """``services.retention.retention`` by Jalali month over the period, as the service
    computes it (its own pass over the visits). The report takes the same rows from its
    own pass instead (``_retention_row``); tests hold the two equal."""
    return retention(session, "month", period.start, period.end, window=rules.absent_days,
                     today=period.today)


def _retention_row(m: Month, stop: date, v: dict[str, int]) -> RetentionRow:
    """``services.retention``'s row for one month from the pass's counts: its words
    (active, new, returned, kept) and its formula, kept / at the start."""
    rate = v["kept"] / v["at_start"] if v["at_start"] else None
    return RetentionRow("month", f"{m.year}/{m.month:02d}", m.first_day, stop,
                        stop < m.last_day, v["at_start"], v["fresh"], v["returned"],
                        v["at_end"], v["new_at_end"], kept=v["kept"], rate=rate)


def undated_regulars(session: Session, period: Period, rules: AbsenceRules) -> int:
    """Regulars by visits before the book alone, with no dated visit in the pass."""
    return int(session.scalar(
        select(func.count()).select_from(Customer)
        .where(Customer.deleted_at.is_(None), Customer.prior_visits >= rules.min_visits,
               or_(Customer.first_visit_at.is_(None),
                   Customer.first_visit_at >= period.end_utc))) or 0)
