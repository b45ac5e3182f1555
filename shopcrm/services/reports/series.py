"""Reports: the book at a glance, as plain data by Jalali month (no Qt, no matplotlib).

``build_report(db, start, end)`` returns a :class:`Report` holding every series; the
charts (``shopcrm.services.reports.charts``), the Reports page and ``shopcrm report`` all read it.

The parts: ``period.py`` (the Jalali months, and a time's month in SQL), ``report_data.py``
(the Report and its points, plain data), ``visit_totals.py`` (one scan of the period's
visits), ``customer_pass.py`` (one pass over every customer's visit times); this module
builds the report and the small series (cities, RFM, messages, win-back).

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
  (``failed``/``invalid``) and their cost in Rials; messages written to the test file
  (test mode) are left out: nothing was sent.
- **winback**: win-back efforts (outgoing calls, SMS or emails in the contact log to a
  customer while an absent regular, up to their next visit) by month; *came back* when
  that visit was within 60 days of a contact -- the rows ``services.winback.came_back``
  lists; *waiting* while no visit followed and the 60 days are not over.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from shopcrm.domain.absence import AbsenceRules, is_absent
from shopcrm.domain.dates import local_date_of
from shopcrm.errors import InvalidInput
from shopcrm.longwork import Parallel, Task, inline
from shopcrm.services.reports.customer_pass import (
    customer_pass,
    fill_from_pass,
    undated_regulars,
)
from shopcrm.services.reports.period import BUCKET, Period, month_bucket, report_period
from shopcrm.services.reports.report_data import (
    OTHER,
    SERIES,
    WINBACK_DAYS,
    CityCount,
    MessagesPoint,
    MonthInfo,
    Report,
    SegmentSize,
    WinbackPoint,
)
from shopcrm.services.reports.visit_totals import visit_totals
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Interaction, OutboxMessage, Visit
from shopcrm.storage.outbox_status import OutboxStatus

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

TOP_CITIES = 10
CONTACT_KINDS = ("call", "sms", "email")
CHANNELS = ("sms", "email")
FAILED_STATES = ("failed", "invalid")


def build_report(db: Database, start: date | None = None, end: date | None = None, *,
                 settings: SettingsView | None = None, rules: AbsenceRules | None = None,
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
        jobs["visits"] = submit(_reading, db, visit_totals, period)
    if "rfm_segments" in asked:
        jobs["rfm"] = submit(rfm_segment_sizes, db, period.as_of, settings)
    try:
        counts = None
        session = db.read_session()
        try:
            if {"visits_revenue", "new_returning", "retention", "absent_over_time"} & asked:
                counts = customer_pass(session, period, rules)
                undated = (undated_regulars(session, period, rules)
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
            fill_from_pass(report, period, counts, asked, undated)
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


def rfm_segment_sizes(db: Database, as_of: date,
                      settings: SettingsView | None = None) -> list[SegmentSize]:
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
    bucket = month_bucket(when, period).label("bucket")
    sent = func.count(T.sent_at)
    delivered = func.sum(case((T.status == "delivered", 1), else_=0))
    failed = func.sum(case((T.status.in_(FAILED_STATES), 1), else_=0))
    rows = session.execute(
        select(bucket, T.channel, sent, delivered, failed, func.coalesce(func.sum(T.cost), 0))
        .where(or_(T.sent_at.is_not(None), T.status.in_(FAILED_STATES)),
               T.status != OutboxStatus.TEST.value,  # the test file: nothing was sent
               when >= period.start_utc, when < period.end_utc)
        .group_by(BUCKET, T.channel)).all()
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
