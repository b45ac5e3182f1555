"""The win-back page's "came back after being contacted" list, from hand-made histories."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from shopcrm.domain.absence import AbsenceRules
from shopcrm.domain.dates import local_to_utc
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.absence.winback import came_back
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService

TODAY = date(2024, 12, 1)
RULES = AbsenceRules()


def at(days_ago: int) -> str:
    return f"{(TODAY - timedelta(days=days_ago)).isoformat()} 12:00"


def utc(days_ago: int) -> datetime:
    return local_to_utc(datetime.combine(TODAY - timedelta(days=days_ago),
                                         datetime.min.time().replace(hour=11)))


def person(db, n, name, visits, amount=500_000):
    cid = CustomerService(db).add(CustomerInput(name=name, mobile=f"0912{n:07d}"))
    for days in visits:
        VisitService(db).add(cid, VisitInput(at=at(days), amount=amount))
    return cid


def test_lists_who_came_back_after_a_contact_while_absent(sqlite_db):
    db = sqlite_db
    follow = FollowUpService(db)
    back = person(db, 1, "مریم رضایی", [400, 370, 340, 30, 10])  # absent, called, came back
    follow.log(back, "call", "گفت می‌آید", at=utc(40))
    follow.log(back, "sms", at=utc(35))  # a second contact before the same return
    stayed = person(db, 2, "سارا", [400, 370, 340])  # absent, called, never came
    follow.log(stayed, "call", at=utc(40))
    regular = person(db, 3, "نگار", [80, 60, 45, 20])  # not absent when called
    follow.log(regular, "call", at=utc(30))
    late = person(db, 4, "لیلا", [400, 370, 340, 5])  # came back, but 95 days after the call
    follow.log(late, "call", at=utc(100))

    rows = came_back(db, RULES, today=TODAY)

    assert [r.customer_id for r in rows] == [back]
    row = rows[0]
    assert row.name == "مریم رضایی" and row.contact_kind == "call"
    assert row.days_absent == 300 and row.days_to_return == 10
    assert row.visits_since == 2 and row.spent_since == 1_000_000


def test_older_contacts_than_since_are_left_out(sqlite_db):
    back = person(sqlite_db, 1, "مریم", [500, 470, 440, 200])
    FollowUpService(sqlite_db).log(back, "call", at=utc(230))
    assert came_back(sqlite_db, RULES, today=TODAY, since=TODAY - timedelta(days=100)) == []
    assert len(came_back(sqlite_db, RULES, today=TODAY, since=TODAY - timedelta(days=300))) == 1
