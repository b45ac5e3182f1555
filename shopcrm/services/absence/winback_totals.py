"""Win-back in money: who was contacted while absent, who came back, and what they spent.

The one computation behind every "came back after contact" figure: the Today page, the
Win-back page's line above its lists, the Reports page's headline and ``shopcrm winback``.
The words are those of ``services.reports.series.winback_series`` (the monthly chart):

- an **effort** is the outgoing calls, SMS or emails (``CONTACT_KINDS``, from the contact
  log) to one customer while an absent regular (``domain.absence.is_absent`` from the
  visits up to each contact), made in the period, up to their next visit (or to none yet);
  several contacts before the same next visit are one effort;
- it **came back** when that visit is at most ``within_days`` (60) local days after one of
  its contacts, credited to the first such contact;
- **revenue won back**: what the customers who came back spent from their return visit up
  to the end of the period (visits of customers in the trash left out).

``contacted`` counts efforts, ``came_back`` those that came back (a customer won back twice
in the period counts twice, and has two rows). The rate is ``came_back / contacted``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shopcrm.domain.absence import AbsenceRules, day_end_utc, day_start_utc, is_absent
from shopcrm.domain.dates import local_date_of, local_today
from shopcrm.services.reports.series import CONTACT_KINDS, WINBACK_DAYS
from shopcrm.storage.db import Database
from shopcrm.storage.hints import mostly
from shopcrm.storage.models import Customer, Interaction, Visit

DEFAULT_DAYS = 365  # the default period: this many days up to today


@dataclass(frozen=True)
class CameBack:
    """A customer contacted while absent who visited again (plain data)."""

    customer_id: int
    name: str
    mobile: str | None
    contacted_at: datetime  # UTC: the first contact of this effort that counts
    contact_kind: str  # call | sms | email
    days_absent: int  # days since the last visit, on the day of that contact
    returned_at: datetime  # UTC: the first visit after the contact
    days_to_return: int  # local days from the contact to the return
    visits_since: int  # visits from the return on, up to the end of the period
    spent_since: int  # Rials spent in them

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class WinbackSummary:
    """The totals of one period and the people behind ``came_back`` (latest first)."""

    start: date
    end: date
    contacted: int
    came_back: int
    revenue: int  # Rials
    within_days: int = WINBACK_DAYS
    rows: list[CameBack] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.came_back / self.contacted if self.contacted else None

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "contacted": self.contacted, "came_back": self.came_back,
                "rate": None if self.rate is None else round(self.rate, 4),
                "revenue": self.revenue, "within_days": self.within_days,
                "rows": [r.as_dict() for r in self.rows]}


def default_period(today: date | None = None) -> tuple[date, date]:
    """The period the Today and Win-back pages show: the last ``DEFAULT_DAYS`` days."""
    today = today or local_today()
    return today - timedelta(days=DEFAULT_DAYS - 1), today


def winback_summary(db: Database, rules: AbsenceRules, start: date | None = None,
                    end: date | None = None, *,
                    within_days: int = WINBACK_DAYS) -> WinbackSummary:
    """Contacted, came back, the rate and the revenue won back for contacts made from
    ``start`` to ``end`` (local days, both included; default: ``default_period()``)."""
    if start is None or end is None:
        first, last = default_period(end)
        start, end = start or first, end or last
    with db.reading() as s:
        return summary_in(s, rules, start, end, within_days=within_days)


def summary_in(s: Session, rules: AbsenceRules, start: date, end: date, *,
               within_days: int = WINBACK_DAYS) -> WinbackSummary:
    """``winback_summary`` in an open session."""
    mine = Visit.customer_id == Interaction.customer_id
    dated = select(func.count()).where(mine, Visit.at <= Interaction.at).scalar_subquery()
    last = select(func.max(Visit.at)).where(mine, Visit.at <= Interaction.at).scalar_subquery()
    following = (select(func.min(Visit.at)).where(mine, Visit.at > Interaction.at)
                 .scalar_subquery())
    contacts = s.execute(
        select(Interaction.customer_id, Interaction.at, Interaction.kind,
               Customer.prior_visits, dated, last, following)
        .join(Customer, Customer.id == Interaction.customer_id)
        .where(mostly(Customer.deleted_at.is_(None), s), Interaction.kind.in_(CONTACT_KINDS),
               or_(Interaction.direction.is_(None), Interaction.direction != "in"),
               Interaction.at >= day_start_utc(start), Interaction.at < day_end_utc(end))
        .order_by(Interaction.customer_id, Interaction.at)).all()
    efforts: dict[tuple[int, datetime | None], list[tuple[datetime, str, int]]] = \
        defaultdict(list)
    for cid, at, kind, prior, count, last_visit, next_visit in contacts:
        if last_visit is None:
            continue
        absent_days = (local_date_of(at) - local_date_of(last_visit)).days
        if is_absent(int(count) + int(prior or 0), absent_days, rules):
            efforts[(cid, next_visit)].append((at, kind, absent_days))
    credited: dict[tuple[int, datetime], tuple[datetime, str, int]] = {}
    for (cid, back), tries in efforts.items():
        if back is None:
            continue
        for at, kind, absent_days in tries:  # in time order: the first that counts wins
            if (local_date_of(back) - local_date_of(at)).days <= within_days:
                credited[(cid, back)] = (at, kind, absent_days)
                break
    rows = _rows(s, credited, day_end_utc(end))
    return WinbackSummary(start, end, contacted=len(efforts), came_back=len(rows),
                          revenue=sum(r.spent_since for r in rows), within_days=within_days,
                          rows=rows)


def _rows(s: Session, credited: dict[tuple[int, datetime], tuple[datetime, str, int]],
          until: datetime) -> list[CameBack]:
    if not credited:
        return []
    ids = sorted({cid for cid, _ in credited})
    people: dict[int, Any] = {}
    visits: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        people.update({r.id: r for r in s.execute(
            select(Customer.id, Customer.name, Customer.mobile)
            .where(Customer.id.in_(chunk)))})
        for cid, at, amount in s.execute(
                select(Visit.customer_id, Visit.at, Visit.amount)
                .where(Visit.customer_id.in_(chunk), Visit.at < until)):
            visits[cid].append((at, int(amount or 0)))
    rows = []
    for (cid, returned), (contacted, kind, absent_days) in credited.items():
        after = [amount for at, amount in visits[cid] if at >= returned]
        person = people[cid]
        rows.append(CameBack(
            customer_id=cid, name=person.name, mobile=person.mobile, contacted_at=contacted,
            contact_kind=kind, days_absent=absent_days, returned_at=returned,
            days_to_return=(local_date_of(returned) - local_date_of(contacted)).days,
            visits_since=len(after), spent_since=sum(after)))
    rows.sort(key=lambda r: (r.returned_at, r.customer_id), reverse=True)
    return rows
