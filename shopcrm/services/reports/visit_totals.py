"""One scan of the period's visits by month and service: visits and revenue, ratings,
and the top services (``series.build_report`` runs it, on a thread of its own when it
can)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from shopcrm.services.reports.period import BUCKET, Period, month_bucket
from shopcrm.services.reports.report_data import (
    SatisfactionPoint,
    ServiceTotal,
    VisitsRevenue,
)
from shopcrm.storage.models import Customer, Visit

TOP_SERVICES = 10


class unindexed(FunctionElement[datetime]):
    """A column that SQLite must not look up by index (``+column``): a scan of a large
    part of the visits in table order beats a million lookups in time order. Elsewhere
    the column itself (PostgreSQL's planner has statistics)."""

    type = DateTime()
    name = "unindexed"
    inherit_cache = True


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


@compiles(unindexed)
def _unindexed_ansi(element: unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


def _visit_time(session: Session, period: Period) -> Any:
    """``Visit.at`` for a WHERE over the period: unindexed when the period holds more
    than a tenth of the book's time span (two indexed look-ups decide)."""
    # two statements: SQLite answers a lone min() or max() from the index's ends
    first = session.scalar(select(func.min(Visit.at)))
    last = session.scalar(select(func.max(Visit.at)))
    if first is None or last is None:  # no visits (both or neither)
        return Visit.at
    span = (last - first).total_seconds() or 1.0
    inside = (min(last, period.end_utc) - max(first, period.start_utc)).total_seconds()
    return unindexed(Visit.at) if inside / span > 0.1 else Visit.at


def visit_totals(session: Session, period: Period
                 ) -> tuple[list[VisitsRevenue], list[SatisfactionPoint], list[ServiceTotal]]:
    """One scan of the period's visits, by month and service. Visits of customers in the
    trash (few) are summed apart through the customer index and taken off, which is
    cheaper than testing a million visits against the trash."""
    bucket = month_bucket(Visit.at, period).label("bucket")
    at = _visit_time(session, period)
    columns = (bucket, Visit.service, func.count(), func.coalesce(func.sum(Visit.amount), 0),
               func.count(Visit.satisfaction), func.coalesce(func.sum(Visit.satisfaction), 0))
    inside = (at >= period.start_utc, at < period.end_utc)
    trash = select(Customer.id).where(Customer.deleted_at.is_not(None))
    groups = [(1, session.execute(select(*columns).where(*inside)
                                  .group_by(BUCKET, Visit.service)).all())]
    if session.scalar(select(func.count()).select_from(trash.subquery())):
        groups.append((-1, session.execute(
            select(*columns).where(Visit.customer_id.in_(trash), Visit.at >= period.start_utc,
                                   Visit.at < period.end_utc)
            .group_by(BUCKET, Visit.service)).all()))
    n = len(period.months)
    visits, revenue, ratings, score = [0] * n, [0] * n, [0] * n, [0] * n
    services: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for sign, rows in groups:
        for index, service, count, amount, rated, total in rows:
            visits[index] += sign * int(count)
            revenue[index] += sign * int(amount)
            ratings[index] += sign * int(rated)
            score[index] += sign * int(total)
            services[service][0] += sign * int(count)
            services[service][1] += sign * int(amount)
    months = period.months
    return ([VisitsRevenue(m.year, m.month, visits[i], revenue[i], 0)
             for i, m in enumerate(months)],
            [SatisfactionPoint(m.year, m.month, ratings[i],
                               round(score[i] / ratings[i], 3) if ratings[i] else None)
             for i, m in enumerate(months)],
            _top_services({k: v for k, v in services.items() if v[0] > 0}))


def _top_services(services: dict[str | None, list[int]]) -> list[ServiceTotal]:
    by_visits = sorted(services, key=lambda s: (-services[s][0], -services[s][1], s or ""))
    by_revenue = sorted(services, key=lambda s: (-services[s][1], -services[s][0], s or ""))
    chosen = set(by_visits[:TOP_SERVICES]) | set(by_revenue[:TOP_SERVICES])
    return [ServiceTotal(s, services[s][0], services[s][1]) for s in by_visits if s in chosen]
