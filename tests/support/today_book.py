"""A hand-made book for the Today tests (integration and window alike)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from shopcrm.domain.dates import from_jalali, local_to_utc, local_today, to_jalali
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.today.feeds import add_complaint, resolve_complaint
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, OutboxMessage

TODAY = local_today()


def born_on(day: date, years: int = 30) -> date:
    jy, jm, jd = to_jalali(day)
    return from_jalali(jy - years, jm, min(jd, 29 if jm == 12 else jd))


def ago(days: int) -> str:
    return f"{(TODAY - timedelta(days=days)).isoformat()} 12:00"


def utc_ago(days: int, hour: int = 10) -> datetime:
    return local_to_utc(datetime.combine(TODAY - timedelta(days=days),
                                         datetime.min.time().replace(hour=hour)))


def make_today_book(db: Database) -> dict[str, int]:
    """Who is who (days ago of their visits, Rials a visit):

    - rich: absent, 600 days of silence... a big spender (top of the call list);
    - weekly: overdue by their rhythm (weekly, gone 5 weeks);
    - snoozed: absent but snoozed for 14 days (not on the call list);
    - called: absent, called 3 days ago (hidden: recently contacted);
    - back: absent, called 20 days ago, came back 3 days ago and spent 2 visits;
    - lost: absent, sent an SMS 30 days ago, not back (contacted, not came back; "called"
      is a third effort);
    - born / soon: birthdays today and in 4 days; unhappy: an open complaint.
    """
    customers, visits, follow = CustomerService(db), VisitService(db), FollowUpService(db)
    ids: dict[str, int] = {}

    def person(key: str, n: int, days: tuple[int, ...], amount: int = 1_000_000,
               birthday: date | None = None) -> int:
        ids[key] = customers.add(CustomerInput(name=f"مشتری {key}", mobile=f"0912{n:07d}",
                                               birthday=birthday))
        for d in days:
            visits.add(ids[key], VisitInput(at=ago(d), amount=amount))
        return ids[key]

    person("rich", 1, (400, 370, 340, 310), amount=50_000_000)
    person("weekly", 2, (63, 56, 49, 42, 35))
    person("snoozed", 3, (300, 270, 240))
    person("called", 4, (300, 270, 240))
    person("back", 5, (300, 270, 240, 3, 1), amount=3_000_000)
    person("lost", 6, (300, 270, 240))
    person("born", 7, (10,), birthday=born_on(TODAY))
    person("soon", 8, (10,), birthday=born_on(TODAY + timedelta(days=4)))
    person("unhappy", 9, (5,))
    follow.snooze(ids["snoozed"], 14)
    follow.log(ids["called"], "call", at=utc_ago(3))
    follow.log(ids["back"], "call", "گفت می‌آید", at=utc_ago(20), outcome="will_come")
    follow.log(ids["lost"], "sms", at=utc_ago(30))
    add_complaint(db, ids["unhappy"], "رنگ مو خوب نشد")
    resolve_complaint(db, add_complaint(db, ids["unhappy"], "دیر شد"))
    with db.writing() as s:
        campaign = Campaign(name="بازگشت", kind="winback", channel="sms", template="x",
                            status="done")
        s.add(campaign)
        s.flush()
        for i, status in enumerate(("sent", "failed", "unknown", "invalid", "delivered")):
            s.add(OutboxMessage(campaign_id=campaign.id, channel="sms",
                                recipient=f"0935000000{i}", body="x", status=status))
        ids["campaign"] = campaign.id
    return ids
