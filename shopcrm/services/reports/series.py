"""Reports: the book at a glance, as plain data by Jalali month (no Qt, no matplotlib).

``build_report(db, start, end)`` returns a :class:`Report` holding every series; the
charts (``shopcrm.services.reports.charts``), the Reports page and ``shopcrm report`` all read it.

The period is whole Jalali months: ``start``/``end`` (Tehran local dates) are widened to
the first and last day of their months; by default the 12 Jalali months ending with the
current one. Months that begin after the reference date ``today`` are left out. A month is
bounded in Tehran time and aggregated over the UTC range
``[day_start_utc(first_day), day_end_utc(last_day))``, so the same SQL gives the same
numbers on SQLite and PostgreSQL. Customers in the trash are left out of every series.

Definitions: the words of the field are those of ``shopcrm.domain.absence``, ``.rfm``,
``shopcrm.services.absence.retention`` and ``.segments``. RFM sizes come from ``RfmService`` as
they are. Retention and the absent counts use those services' words and formula but are
computed for every month in one pass over the visits (the services would each take
another pass, or one per month); tests hold them equal to
``services.retention.retention`` and ``absent_clause`` month by month, on both backends,
and the benchmark checks it again at 100k customers.

- **visits_revenue**: visits in the month, Rials taken (visits without an amount add
  nothing) and distinct customers who came.
- **new_returning**: of the customers who came in the month, *new* ones made their first
  dated visit ever in it and had no visits before the book (``prior_visits`` 0); the rest
  are *returning*.
- **retention**: the rows of ``services.retention.retention`` by month (active customers:
  a visit in the ``absent_days`` days up to the day), beside the retail average of 63%.
- **absent_over_time**: regulars and absent regulars on each month's last day (on
  ``today`` for the current month), from the visits up to that day: exactly
  ``services.absence.absent_clause(rules, day, exact=True)``.
- **rfm_segments**: ``services.segments.RfmService.summary`` on the reference date (the
  period's end, or today).
- **cities**: customers of the book per city (top ones, then "other"), and how many of
  them came in the period.
- **top_services**: visits and Rials per service in the period (the top ones by visits and
  by revenue).
- **satisfaction**: ratings given in the month and their average (1-5).
- **messages**: per channel and month (by ``sent_at``, else the time of the failure):
  *sent* (accepted by the gateway or the mail server), *delivered*, *failed*
  (``failed``/``invalid``) and their cost in Rials.
- **winback**: win-back efforts (outgoing calls, SMS or emails in the contact log to a
  customer while an absent regular, up to their next visit) by month; *came back* when
  that visit was within 60 days of a contact -- the rows ``services.winback.came_back``
  lists; *waiting* while no visit followed and the 60 days are not over.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.functions import FunctionElement

from shopcrm.domain.absence import AbsenceRules, day_end_utc, day_start_utc, is_absent
from shopcrm.domain.dates import (
    from_jalali,
    jalali_month_range,
    local_date_of,
    local_today,
    to_jalali,
)
from shopcrm.errors import InvalidInput
from shopcrm.longwork import Parallel, Task, inline
from shopcrm.services.absence.retention import RETAIL_AVERAGE, RetentionRow, retention
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Interaction, OutboxMessage, Visit

DEFAULT_MONTHS = 12
MAX_MONTHS = 120
WINBACK_DAYS = 60
TOP_CITIES = 10
TOP_SERVICES = 10
CONTACT_KINDS = ("call", "sms", "email")
CHANNELS = ("sms", "email")
FAILED_STATES = ("failed", "invalid")

SERIES = ("visits_revenue", "new_returning", "retention", "absent_over_time",
          "rfm_segments", "cities", "top_services", "satisfaction", "messages", "winback")


# -- the period ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    """One Jalali month: ``first_day``/``last_day`` are Gregorian local dates."""

    year: int
    month: int
    first_day: date
    last_day: date

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start_utc(self) -> datetime:
        return day_start_utc(self.first_day)

    @property
    def end_utc(self) -> datetime:
        return day_end_utc(self.last_day)


@dataclass(frozen=True)
class Period:
    """Whole Jalali months up to the reference date ``today``."""

    months: tuple[Month, ...]
    today: date

    @property
    def start(self) -> date:
        return self.months[0].first_day

    @property
    def end(self) -> date:
        return self.months[-1].last_day

    @property
    def start_utc(self) -> datetime:
        return self.months[0].start_utc

    @property
    def end_utc(self) -> datetime:
        return self.months[-1].end_utc

    @property
    def as_of(self) -> date:
        """The reference date of the snapshots: the period's last day, or today."""
        return min(self.end, self.today)

    def month_end(self, index: int) -> date:
        """The day a month's "as of" figures are taken: its last day, or today."""
        return min(self.months[index].last_day, self.today)


def report_period(start: date | None = None, end: date | None = None,
                  today: date | None = None) -> Period:
    """The whole Jalali months covering ``start``..``end`` (default: the 12 months ending
    with the current one), without months that begin after ``today``."""
    today = today or local_today()
    if end is None:
        end = today
    if start is None:
        y, m, _ = to_jalali(end)
        total = y * 12 + m - 1 - (DEFAULT_MONTHS - 1)
        start = from_jalali(total // 12, total % 12 + 1, 1)
    if start > end:
        raise InvalidInput("bad_range", start=start.isoformat(), end=end.isoformat())
    months = tuple(Month(y, m, first, last) for y, m, first, last
                   in jalali_month_range(start, end) if first <= today)
    if not months:
        raise InvalidInput("report_future_period", start=start.isoformat(),
                           today=today.isoformat())
    if len(months) > MAX_MONTHS:
        raise InvalidInput("report_period_too_long", months=len(months), limit=MAX_MONTHS)
    return Period(months, today)


# -- the series (plain data) ---------------------------------------------------------------


@dataclass(frozen=True)
class MonthInfo:
    year: int
    month: int
    first_day: date
    last_day: date


@dataclass(frozen=True)
class VisitsRevenue:
    year: int
    month: int
    visits: int
    revenue: int  # Rials
    customers: int


@dataclass(frozen=True)
class NewReturning:
    year: int
    month: int
    new: int
    returning: int


@dataclass(frozen=True)
class AbsentPoint:
    year: int
    month: int
    as_of: date
    regulars: int
    absent: int


@dataclass(frozen=True)
class SegmentSize:
    segment: str
    customers: int


@dataclass(frozen=True)
class CityCount:
    city: str | None  # None: no city recorded; "*other*": the cities after the top ones
    customers: int
    active: int  # of them, customers who came in the period


@dataclass(frozen=True)
class ServiceTotal:
    service: str | None  # None: visits without a service
    visits: int
    revenue: int


@dataclass(frozen=True)
class SatisfactionPoint:
    year: int
    month: int
    ratings: int
    average: float | None


@dataclass(frozen=True)
class MessagesPoint:
    year: int
    month: int
    channel: str  # sms | email
    sent: int
    delivered: int
    failed: int
    cost: int  # Rials


@dataclass(frozen=True)
class WinbackPoint:
    year: int
    month: int
    contacted: int
    came_back: int
    waiting: int


OTHER = "*other*"


@dataclass
class Report:
    """Every series of one period (plain data: safe to hand between threads; ``as_dict``
    is JSON-ready). Series not asked for stay empty."""

    start: date
    end: date
    as_of: date
    months: list[MonthInfo]
    series: tuple[str, ...] = SERIES
    retail_retention: float = RETAIL_AVERAGE
    winback_days: int = WINBACK_DAYS
    visits_revenue: list[VisitsRevenue] = field(default_factory=list)
    new_returning: list[NewReturning] = field(default_factory=list)
    retention: list[RetentionRow] = field(default_factory=list)
    absent_over_time: list[AbsentPoint] = field(default_factory=list)
    rfm_segments: list[SegmentSize] = field(default_factory=list)
    cities: list[CityCount] = field(default_factory=list)
    top_services: list[ServiceTotal] = field(default_factory=list)
    satisfaction: list[SatisfactionPoint] = field(default_factory=list)
    messages: list[MessagesPoint] = field(default_factory=list)
    winback: list[WinbackPoint] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["series"] = list(self.series)
        return _iso(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """The inverse of ``as_dict`` (a report read back from JSON)."""
        types = {"months": MonthInfo, "visits_revenue": VisitsRevenue,
                 "new_returning": NewReturning, "retention": RetentionRow,
                 "absent_over_time": AbsentPoint, "rfm_segments": SegmentSize,
                 "cities": CityCount, "top_services": ServiceTotal,
                 "satisfaction": SatisfactionPoint, "messages": MessagesPoint,
                 "winback": WinbackPoint}
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name in types:
                value = [_load(types[f.name], item) for item in value]
            elif f.name in ("start", "end", "as_of"):
                value = date.fromisoformat(value)
            elif f.name == "series":
                value = tuple(value)
            values[f.name] = value
        return cls(**values)


def _load(kind: type, item: dict[str, Any]) -> Any:
    values = dict(item)
    for key in ("first_day", "last_day", "as_of", "start", "end"):
        if key in values and isinstance(values[key], str):
            values[key] = date.fromisoformat(values[key])
    return kind(**values)


def _iso(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_iso(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- building ------------------------------------------------------------------------------


def build_report(db: Database, start: date | None = None, end: date | None = None, *,
                 settings: Any = None, rules: AbsenceRules | None = None,
                 today: date | None = None, series: Sequence[str] | None = None,
                 parallel: Parallel | None = None) -> Report:
    """Every series (or those named in ``series``) over the Jalali months of the period.

    The work: one scan of the period's visits (by month and service), one pass over
    every customer's visit times (new and returning, retention, absent), RFM, and small
    queries for the rest. The scan and RFM are single long statements: given
    ``parallel`` (the window's reader pool, ``Workers.submit``; the command line's
    ``ThreadPoolExecutor.submit``) they run on its threads, each on its own connection,
    while this thread does the rest (the database works with the GIL released); without
    it they run here, one after the other. Only reads; call it from a worker thread.
    """
    wanted = tuple(SERIES if series is None else series)
    unknown = [name for name in wanted if name not in SERIES]
    if unknown:
        raise InvalidInput("report_unknown_chart", name=unknown[0], names=", ".join(SERIES))
    period = report_period(start, end, today)
    if rules is None:
        rules = AbsenceRules.from_settings(settings) if settings is not None else AbsenceRules()
    report = Report(start=period.start, end=period.end, as_of=period.as_of,
                    months=[MonthInfo(m.year, m.month, m.first_day, m.last_day)
                            for m in period.months], series=wanted)
    asked = set(wanted)
    submit = parallel or inline
    jobs: dict[str, Task] = {}
    if {"visits_revenue", "satisfaction", "top_services"} & asked:
        jobs["visits"] = submit(_reading, db, _visit_totals, period)
    if "rfm_segments" in asked:
        jobs["rfm"] = submit(rfm_segment_sizes, db, period.as_of, settings)
    try:
        counts = None
        session = db.read_session()
        try:
            if {"visits_revenue", "new_returning", "retention", "absent_over_time"} & asked:
                counts = _customer_pass(session, period, rules)
                undated = (_undated_regulars(session, period, rules)
                           if "absent_over_time" in asked else 0)
            if "cities" in asked:
                report.cities = _cities(session, period)
            if "messages" in asked:
                report.messages = messages_series(session, period)
            if "winback" in asked:
                report.winback = winback_series(session, period, rules)
        finally:
            session.close()
        if "visits" in jobs:
            visits, satisfaction, services = jobs["visits"].result()
            report.visits_revenue = visits if "visits_revenue" in asked else []
            report.satisfaction = satisfaction if "satisfaction" in asked else []
            report.top_services = services if "top_services" in asked else []
        if counts is not None:
            _fill_from_pass(report, period, counts, asked, undated)
        if "rfm" in jobs:
            report.rfm_segments = jobs["rfm"].result()
    finally:
        for job in jobs.values():
            job.cancel()
    return report


def _reading(db: Database, work: Callable[..., Any], *args: Any) -> Any:
    """``work(session, *args)`` on a read session of its own (for the thread pool)."""
    session = db.read_session()
    try:
        return work(session, *args)
    finally:
        session.close()


# GROUP BY the output column: repeating the CASE with its own parameters would make the
# database evaluate it twice per row.
_BUCKET: ColumnClause[Any] = literal_column("bucket")


def _bucket(column: Any, period: Period) -> Any:
    """The month index of a UTC time inside the period (SQL)."""
    months = period.months
    return case(*[(column < m.end_utc, i) for i, m in enumerate(months[:-1])],
                else_=len(months) - 1)


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


def _visit_totals(session: Session, period: Period
                  ) -> tuple[list[VisitsRevenue], list[SatisfactionPoint], list[ServiceTotal]]:
    """One scan of the period's visits, by month and service. Visits of customers in the
    trash (few) are summed apart through the customer index and taken off, which is
    cheaper than testing a million visits against the trash."""
    bucket = _bucket(Visit.at, period).label("bucket")
    at = _visit_time(session, period)
    columns = (bucket, Visit.service, func.count(), func.coalesce(func.sum(Visit.amount), 0),
               func.count(Visit.satisfaction), func.coalesce(func.sum(Visit.satisfaction), 0))
    inside = (at >= period.start_utc, at < period.end_utc)
    trash = select(Customer.id).where(Customer.deleted_at.is_not(None))
    groups = [(1, session.execute(select(*columns).where(*inside)
                                  .group_by(_BUCKET, Visit.service)).all())]
    if session.scalar(select(func.count()).select_from(trash.subquery())):
        groups.append((-1, session.execute(
            select(*columns).where(Visit.customer_id.in_(trash), Visit.at >= period.start_utc,
                                   Visit.at < period.end_utc)
            .group_by(_BUCKET, Visit.service)).all()))
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


def _customer_pass(session: Session, period: Period, rules: AbsenceRules
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


def _fill_from_pass(report: Report, period: Period, series: dict[str, list[int]],
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
              "at_end", "new_at_end")
_GRID_CELLS = 4_000_000


def _count_months(below: Any, column: dict[str, list[int]], keep: Any, prior: Any,
                  min_visits: int, totals: dict[str, list[int]]) -> None:
    """Add one chunk of customers to each month's counts (see ``_customer_pass``)."""
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
                 "at_end": at_end, "new_at_end": fresh & at_end}
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
    (active, new, returned) and its formula, (at the end - new at the end) / at the start."""
    rate = (v["at_end"] - v["new_at_end"]) / v["at_start"] if v["at_start"] else None
    return RetentionRow("month", f"{m.year}/{m.month:02d}", m.first_day, stop,
                        stop < m.last_day, v["at_start"], v["fresh"], v["returned"],
                        v["at_end"], v["new_at_end"], rate)


def _undated_regulars(session: Session, period: Period, rules: AbsenceRules) -> int:
    """Regulars by visits before the book alone, with no dated visit in the pass."""
    return int(session.scalar(
        select(func.count()).select_from(Customer)
        .where(Customer.deleted_at.is_(None), Customer.prior_visits >= rules.min_visits,
               or_(Customer.first_visit_at.is_(None),
                   Customer.first_visit_at >= period.end_utc))) or 0)


def _cities(session: Session, period: Period) -> list[CityCount]:
    """Customers of the book per city, and those of them who came in the period."""
    came = exists().where(Visit.customer_id == Customer.id, Visit.at >= period.start_utc,
                          Visit.at < period.end_utc)
    active = func.sum(case((and_(Customer.last_visit_at >= period.start_utc, came), 1),
                           else_=0))
    counts: dict[str | None, tuple[int, int]] = {}
    for city, n, m in session.execute(
            select(Customer.city, func.count(), active).where(Customer.deleted_at.is_(None))
            .group_by(Customer.city)):
        key = city or None
        old = counts.get(key, (0, 0))
        counts[key] = (old[0] + int(n), old[1] + int(m or 0))
    named = sorted((c for c in counts if c), key=lambda c: (-counts[c][0], c))
    rows = [CityCount(c, *counts[c]) for c in named[:TOP_CITIES]]
    rest = named[TOP_CITIES:]
    if rest:
        rows.append(CityCount(OTHER, sum(counts[c][0] for c in rest),
                              sum(counts[c][1] for c in rest)))
    if None in counts:
        rows.append(CityCount(None, *counts[None]))
    return rows


# -- RFM: services.segments ---------------------------------------------------------------


def rfm_segment_sizes(db: Database, as_of: date, settings: Any = None) -> list[SegmentSize]:
    """Customers per RFM segment on ``as_of``: ``RfmService.summary`` (``lost`` includes
    the customers gone before the window)."""
    from shopcrm.domain.rfm import SEGMENTS
    from shopcrm.services.absence.segments import RfmService

    counts = RfmService(db, settings).summary(as_of).counts
    return [SegmentSize(name, int(counts.get(name, 0))) for name in SEGMENTS]


# -- messages ------------------------------------------------------------------------------


def messages_series(session: Session, period: Period) -> list[MessagesPoint]:
    """SMS and email by month of sending (failures: by the time they failed)."""
    T = OutboxMessage
    when = func.coalesce(T.sent_at, T.updated_at)
    bucket = _bucket(when, period).label("bucket")
    sent = func.count(T.sent_at)
    delivered = func.sum(case((T.status == "delivered", 1), else_=0))
    failed = func.sum(case((T.status.in_(FAILED_STATES), 1), else_=0))
    rows = session.execute(
        select(bucket, T.channel, sent, delivered, failed, func.coalesce(func.sum(T.cost), 0))
        .where(or_(T.sent_at.is_not(None), T.status.in_(FAILED_STATES)),
               when >= period.start_utc, when < period.end_utc)
        .group_by(_BUCKET, T.channel)).all()
    found = {(int(i), ch): r for i, ch, *r in rows}
    points = []
    for channel in CHANNELS:
        for i, m in enumerate(period.months):
            s, d, f, c = found.get((i, channel), (0, 0, 0, 0))
            points.append(MessagesPoint(m.year, m.month, channel, int(s), int(d or 0),
                                        int(f or 0), int(c or 0)))
    return points


# -- win-back ------------------------------------------------------------------------------


def winback_series(session: Session, period: Period, rules: AbsenceRules) -> list[WinbackPoint]:
    """Win-back efforts by month, in the words of ``services.winback.came_back``.

    A contact counts when made while the customer was an absent regular (``is_absent``
    from the visits up to it). The contacts of one customer before the same next visit
    (or before none yet) are one effort. It *came back* when that visit is at most
    ``WINBACK_DAYS`` local days after one of its contacts, credited to the first such
    contact (the row ``came_back`` lists); otherwise it counts from its first contact,
    *waiting* while no visit followed and its last contact is at most that old.
    """
    V = Visit
    mine = V.customer_id == Interaction.customer_id
    dated = select(func.count()).where(mine, V.at <= Interaction.at).scalar_subquery()
    last = select(func.max(V.at)).where(mine, V.at <= Interaction.at).scalar_subquery()
    following = select(func.min(V.at)).where(mine, V.at > Interaction.at).scalar_subquery()
    rows = session.execute(
        select(Interaction.customer_id, Interaction.at, Customer.prior_visits, dated, last,
               following)
        .join(Customer, Customer.id == Interaction.customer_id)
        .where(Customer.deleted_at.is_(None), Interaction.kind.in_(CONTACT_KINDS),
               or_(Interaction.direction.is_(None), Interaction.direction != "in"),
               and_(Interaction.at >= period.start_utc, Interaction.at < period.end_utc))
        .order_by(Interaction.customer_id, Interaction.at)).all()
    efforts: dict[tuple[int, datetime | None], list[date]] = defaultdict(list)
    for cid, at, prior, count, last_visit, next_visit in rows:
        if last_visit is None:
            continue
        day = local_date_of(at)
        if is_absent(int(count) + int(prior or 0), (day - local_date_of(last_visit)).days,
                     rules):
            efforts[(cid, next_visit)].append(day)
    n = len(period.months)
    ends = [m.last_day for m in period.months]
    contacted, came_back, waiting = [0] * n, [0] * n, [0] * n
    for (_cid, next_visit), days in efforts.items():
        back = None if next_visit is None else local_date_of(next_visit)
        credited = next((d for d in days if back is not None
                         and (back - d).days <= WINBACK_DAYS), None)
        index = bisect.bisect_left(ends, credited or days[0])
        contacted[index] += 1
        if credited is not None:
            came_back[index] += 1
        elif back is None and (period.today - days[-1]).days <= WINBACK_DAYS:
            waiting[index] += 1
    return [WinbackPoint(m.year, m.month, contacted[i], came_back[i], waiting[i])
            for i, m in enumerate(period.months)]
