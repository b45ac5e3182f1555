"""Who came back after being contacted: the win-back page's "came back" list.

The Reports page counts them per month (``reports.winback_series``); this lists the people,
with the same words: a customer *contacted while absent* got an outgoing call, SMS or
email (``reports.CONTACT_KINDS``, from the contact log) on a day when they were an absent
regular (``domain.absence.is_absent`` from the visits up to that moment); they *came back*
when they made a visit within ``within_days`` (``reports.WINBACK_DAYS``, 60) after it.

One row per return: several contacts before the same return visit count once, as the
first of them (the one that started the effort); a customer who was lost and won back
twice in the period has two rows. Plain data out, one short session, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from shopcrm.domain.absence import AbsenceRules, day_start_utc, is_absent
from shopcrm.domain.dates import local_date_of, local_today
from shopcrm.services.reports.series import CONTACT_KINDS, WINBACK_DAYS
from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Interaction, Visit

DEFAULT_DAYS = 365  # how far back contacts are looked at


@dataclass(frozen=True)
class CameBack:
    """A customer contacted while absent who visited again (plain data)."""

    customer_id: int
    name: str
    mobile: str | None
    contacted_at: datetime  # UTC: the first contact of this effort
    contact_kind: str  # call | sms | email
    days_absent: int  # days since the last visit, on the day of that contact
    returned_at: datetime  # UTC: the first visit after the contact
    days_to_return: int  # local days from the contact to the return
    visits_since: int  # visits from the return on (up to now)
    spent_since: int  # Rials spent in them

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def came_back(db: Database, rules: AbsenceRules, *, since: date | None = None,
              today: date | None = None, within_days: int = WINBACK_DAYS,
              limit: int = 500) -> list[CameBack]:
    """Customers contacted while absent since ``since`` (default: a year before
    ``today``) who came back within ``within_days``; the latest returns first."""
    today = today or local_today()
    since = since or today - timedelta(days=DEFAULT_DAYS)
    mine = Visit.customer_id == Interaction.customer_id
    dated = select(func.count()).where(mine, Visit.at <= Interaction.at).scalar_subquery()
    last = select(func.max(Visit.at)).where(mine, Visit.at <= Interaction.at).scalar_subquery()
    following = (select(func.min(Visit.at)).where(mine, Visit.at > Interaction.at)
                 .scalar_subquery())
    with db.reading() as s:
        contacts = s.execute(
            select(Interaction.customer_id, Interaction.at, Interaction.kind,
                   Customer.prior_visits, dated, last, following)
            .join(Customer, Customer.id == Interaction.customer_id)
            .where(Customer.deleted_at.is_(None), Interaction.kind.in_(CONTACT_KINDS),
                   or_(Interaction.direction.is_(None), Interaction.direction != "in"),
                   and_(Interaction.at >= day_start_utc(since)))
            .order_by(Interaction.customer_id, Interaction.at)).all()
        found: dict[tuple[int, datetime], tuple[datetime, str, int]] = {}
        for cid, at, kind, prior, count, last_visit, next_visit in contacts:
            if last_visit is None or next_visit is None:
                continue
            day = local_date_of(at)
            absent_days = (day - local_date_of(last_visit)).days
            if not is_absent(int(count) + int(prior or 0), absent_days, rules):
                continue
            if (local_date_of(next_visit) - day).days > within_days:
                continue
            found.setdefault((cid, next_visit), (at, kind, absent_days))  # first contact wins
        if not found:
            return []
        ids = sorted({cid for cid, _ in found})
        people = {}
        visits: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk = ids[start:start + CHUNK_SIZE]
            people.update({r.id: r for r in s.execute(
                select(Customer.id, Customer.name, Customer.mobile)
                .where(Customer.id.in_(chunk)))})
            for cid, at, amount in s.execute(
                    select(Visit.customer_id, Visit.at, Visit.amount)
                    .where(Visit.customer_id.in_(chunk))):
                visits[cid].append((at, int(amount or 0)))
    rows = []
    for (cid, returned), (contacted, kind, absent_days) in found.items():
        after = [amount for at, amount in visits[cid] if at >= returned]
        person = people[cid]
        rows.append(CameBack(
            customer_id=cid, name=person.name, mobile=person.mobile, contacted_at=contacted,
            contact_kind=kind, days_absent=absent_days, returned_at=returned,
            days_to_return=(local_date_of(returned) - local_date_of(contacted)).days,
            visits_since=len(after), spent_since=sum(after)))
    rows.sort(key=lambda r: (r.returned_at, r.customer_id), reverse=True)
    return rows[:limit]
