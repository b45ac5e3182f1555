"""The report's series on a hand-built book, on SQLite and PostgreSQL.

The book (reference date 1403/03/15, period Farvardin to Khordad 1403, absent after 90
days, regular from 3 visits):

- A: first visit 1403/01/31 23:30 Tehran time (Farvardin), the next at 1403/02/01 00:10
  (Ordibehesht): new in one month, returning in the next, twenty minutes apart;
- B: a regular (three visits up to 1402/11/01) absent from 1403/02/01 on, texted twice
  while absent in Ordibehesht, back on 1403/03/05;
- C: five visits before the book and one on 1402/10/15: absent all along, called on
  1403/03/10 (still waiting); an SMS from C (incoming) and a talk in the shop don't count;
- D: in the trash, with big visits in the period: in no series;
- E: two visits (not a regular), called: not a win-back contact;
- F: four visits before the book, none dated: a regular who is never absent;
- G: first visit 1403/03/02 (Khordad, without an amount or a service);
- H: a regular gone since 1402/07/01, called on 1403/01/02 (61 days before coming back:
  too early) and texted on 1403/02/25, back on 1403/03/01: one effort, credited to the
  text in Ordibehesht;
- the outbox: SMS delivered and failed in Ordibehesht, sent and undelivered in Khordad,
  an email in Farvardin; pending and cancelled ones are left out.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from shopcrm.domain.absence import AbsenceRules
from shopcrm.domain.dates import local_date_of, local_to_utc, parse_date, parse_datetime
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.lists import absent_clause
from shopcrm.services.absence.retention import retention
from shopcrm.services.absence.segments import RfmService
from shopcrm.services.absence.winback import came_back
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.reports import series as reports
from shopcrm.services.reports.report_data import Report, ServiceTotal
from shopcrm.services.reports.series import build_report
from shopcrm.storage.models import Campaign, Customer, Interaction, OutboxMessage

TODAY = parse_date("1403/03/15")
START, END = parse_date("1403/01/01"), parse_date("1403/03/31")


def utc(text: str) -> datetime:
    return local_to_utc(parse_datetime(text))


def build_book(db) -> dict[str, int]:
    people, visits = CustomerService(db), VisitService(db)
    ids = {}
    for key, mobile, city in (("A", "09120000001", "تهران"), ("B", "09120000002", "تهران"),
                              ("C", "09120000003", "کرج"), ("D", "09120000004", "تهران"),
                              ("E", "09120000005", None), ("F", "09120000006", ""),
                              ("G", "09120000007", "اصفهان"), ("H", "09120000008", None)):
        ids[key] = people.add(CustomerInput(name=f"مشتری {key}", mobile=mobile, city=city))

    def visit(key: str, when: str, amount: int | None = None, service: str | None = None,
              satisfaction: int | None = None) -> None:
        visits.add(ids[key], VisitInput(at=when, amount=amount, service=service,
                                        satisfaction=satisfaction))

    visit("A", "1403/01/31 23:30", 1_000_000, "کوتاهی مو", 5)
    visit("A", "1403/02/01 00:10", 2_000_000, "رنگ مو", 3)
    for when in ("1402/09/01 10:00", "1402/10/01 10:00", "1402/11/01 10:00"):
        visit("B", when, 800_000, "کوتاهی مو")
    visit("B", "1403/03/05 11:00", 500_000, "کوتاهی مو", 4)
    visit("C", "1402/10/15 12:00", 700_000, "کراتینه")
    visit("D", "1403/01/10 12:00", 9_999_999, "کراتینه", 1)
    visit("D", "1403/02/10 12:00", 9_999_999, "کراتینه", 1)
    visit("E", "1402/08/01 12:00", 300_000, "براشینگ")
    visit("E", "1402/08/15 12:00", 300_000, "براشینگ")
    visit("G", "1403/03/02 16:00")
    for when in ("1402/06/01 10:00", "1402/06/15 10:00", "1402/07/01 10:00"):
        visit("H", when, 400_000, "رنگ مو")
    visit("H", "1403/03/01 10:00", 600_000)
    people.delete(ids["D"])
    with db.session() as s:
        for key, prior in (("C", 5), ("F", 4)):
            s.execute(update(Customer).where(Customer.id == ids[key])
                      .values(prior_visits=prior))
        for key, when, kind, direction in (
                ("B", "1403/02/10 09:00", "sms", "out"), ("B", "1403/02/20 09:00", "sms", "out"),
                ("C", "1403/03/10 09:00", "call", "out"), ("C", "1403/03/11 09:00", "sms", "in"),
                ("C", "1403/03/12 09:00", "in_person", None),
                ("E", "1403/01/20 09:00", "call", "out"),
                ("H", "1403/01/02 09:00", "call", "out"), ("H", "1403/02/25 09:00", "sms", "out")):
            s.add(Interaction(customer_id=ids[key], at=utc(when), kind=kind,
                              direction=direction))
        campaign = Campaign(name="بازگشت", channel="both", template="سلام")
        s.add(campaign)
        s.flush()
        for n, (channel, status, sent, updated, cost) in enumerate((
                ("sms", "delivered", "1403/02/05 12:00", "1403/02/05 12:05", 1200),
                ("sms", "failed", None, "1403/02/06 12:00", None),
                ("sms", "sent", "1403/03/03 12:00", "1403/03/03 12:00", 2400),
                ("sms", "failed", "1403/03/04 12:00", "1403/03/04 13:00", 1200),
                ("sms", "pending", None, "1403/03/04 13:00", None),
                ("sms", "cancelled", None, "1403/03/04 13:00", None),
                # test mode: written to the test file, nothing left the machine: not sent
                ("sms", "test", "1403/03/05 12:00", "1403/03/05 12:00", 0),
                ("email", "sent", "1403/01/15 12:00", "1403/01/15 12:00", None),
                ("email", "pending", None, "1403/02/15 12:00", None))):
            s.add(OutboxMessage(campaign_id=campaign.id, customer_id=ids["B"],
                                channel=channel, recipient=f"r{n}", body="سلام",
                                status=status, cost=cost,
                                sent_at=utc(sent) if sent else None,
                                updated_at=utc(updated)))
    return ids


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def book(request, tmp_path_factory):
    """The book, built once per backend for the tests that only read it."""
    from shopcrm.storage.db import open_database

    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'book.sqlite3'}"
        else:
            url = stack.enter_context(request.getfixturevalue("postgres_server").database())
        database = open_database(url)
        stack.callback(database.close)
        yield database, build_book(database)


@pytest.fixture(scope="module")
def report(book) -> Report:
    db, _ids = book
    return build_report(db, START, END, today=TODAY)


def months_of(points, *fields: str) -> list[tuple]:
    return [tuple(getattr(p, f) for f in fields) for p in points]


def test_period_is_whole_jalali_months_up_to_today(report):
    assert [(m.year, m.month) for m in report.months] == [(1403, 1), (1403, 2), (1403, 3)]
    assert report.start == date(2024, 3, 20) and report.end == date(2024, 6, 20)
    assert report.as_of == TODAY


def test_visits_and_revenue_by_jalali_month(report):
    # A's 23:30 on the last of Farvardin and 00:10 on the first of Ordibehesht are
    # 40 minutes apart in UTC (20:00 and 20:40): the Tehran calendar decides.
    assert months_of(report.visits_revenue, "visits", "revenue", "customers") == [
        (1, 1_000_000, 1), (1, 2_000_000, 1), (3, 1_100_000, 3)]


def test_new_then_returning(report):
    assert months_of(report.new_returning, "new", "returning") == [(1, 0), (0, 1), (1, 2)]


def test_satisfaction(report):
    assert months_of(report.satisfaction, "ratings", "average") == [
        (1, 5.0), (1, 3.0), (1, 4.0)]


def test_top_services(report):
    assert [(s.service, s.visits, s.revenue) for s in report.top_services] == [
        ("کوتاهی مو", 2, 1_500_000), (None, 2, 600_000), ("رنگ مو", 1, 2_000_000)]


def test_absent_regulars_at_each_month_end(book, report):
    # Farvardin's last day: B is 89 days from their last visit (not yet), C and H absent;
    # Ordibehesht: B, C, H; Khordad (up to today): B and H came back.
    assert months_of(report.absent_over_time, "as_of", "regulars", "absent") == [
        (date(2024, 4, 19), 4, 2), (date(2024, 5, 20), 4, 3), (TODAY, 4, 1)]
    db, _ids = book
    rules = AbsenceRules()
    with db.session() as s:  # the absence service's own definition, day by day
        for point in report.absent_over_time:
            count = s.scalar(select(func.count()).select_from(Customer).where(
                Customer.deleted_at.is_(None), absent_clause(rules, point.as_of, exact=True)))
            assert count == point.absent


def test_retention_is_the_retention_services(book, report):
    # the numbers by hand, and the very rows of services.retention
    db, _ids = book
    with db.session() as s:
        assert report.retention == retention(s, "month", START, END, window=90, today=TODAY)
    farvardin, ordibehesht, _khordad = report.retention
    # Farvardin: B and C active before it, A (new) and B active at its end.
    assert (farvardin.customers_at_start, farvardin.customers_at_end, farvardin.new,
            farvardin.new_at_end, farvardin.kept, farvardin.rate) == (2, 2, 1, 1, 1, 0.5)
    assert (ordibehesht.customers_at_start, ordibehesht.customers_at_end,
            ordibehesht.returned, ordibehesht.rate) == (2, 1, 1, 0.5)


def test_rfm_sizes_are_the_rfm_services(book, report):
    db, _ids = book
    counts = RfmService(db).summary(TODAY).counts
    assert {r.segment: r.customers for r in report.rfm_segments} == counts
    assert sum(r.customers for r in report.rfm_segments) == 6  # not D (trash) or F


def test_cities(report):
    assert [(c.city, c.customers, c.active) for c in report.cities] == [
        ("تهران", 2, 2), ("اصفهان", 1, 1), ("کرج", 1, 0), (None, 3, 1)]


def test_messages(report):
    rows = {(p.channel, p.month): (p.sent, p.delivered, p.failed, p.cost)
            for p in report.messages}
    assert rows == {("sms", 1): (0, 0, 0, 0), ("sms", 2): (1, 1, 1, 1200),
                    ("sms", 3): (2, 0, 1, 3600), ("email", 1): (1, 0, 0, 0),
                    ("email", 2): (0, 0, 0, 0), ("email", 3): (0, 0, 0, 0)}


def test_winback(book, report):
    assert months_of(report.winback, "contacted", "came_back", "waiting") == [
        (0, 0, 0), (2, 2, 0), (1, 0, 1)]
    db, ids = book
    rows = came_back(db, AbsenceRules(), since=START, today=TODAY)  # the win-back list
    assert sorted((r.customer_id, local_date_of(r.contacted_at)) for r in rows) == [
        (ids["B"], parse_date("1403/02/10")), (ids["H"], parse_date("1403/02/25"))]


def test_trash_is_left_out(db):
    ids = build_book(db)
    before = build_report(db, START, END, today=TODAY)
    CustomerService(db).restore(ids["D"])
    after = build_report(db, START, END, today=TODAY)
    assert [p.visits for p in before.visits_revenue] == [1, 1, 3]
    assert [p.visits for p in after.visits_revenue] == [2, 2, 3]
    assert [p.new for p in after.new_returning] == [2, 0, 1]
    assert after.top_services[0] == ServiceTotal("کراتینه", 2, 19_999_998)


def test_an_empty_period(book):
    db, _ids = book
    empty = build_report(db, parse_date("1400/01/01"), parse_date("1400/03/31"), today=TODAY)
    assert [p.visits for p in empty.visits_revenue] == [0, 0, 0]
    assert [(p.new, p.returning) for p in empty.new_returning] == [(0, 0)] * 3
    assert [p.rate for p in empty.retention] == [None, None, None]
    assert [p.absent for p in empty.absent_over_time] == [0, 0, 0]
    assert [p.regulars for p in empty.absent_over_time] == [2, 2, 2]  # C, F: prior visits
    assert sum(r.customers for r in empty.rfm_segments) == 0
    assert empty.top_services == [] and all(p.ratings == 0 for p in empty.satisfaction)
    assert all(p.sent == 0 for p in empty.messages)
    assert all(p.contacted == 0 for p in empty.winback)
    assert all(c.active == 0 for c in empty.cities)


def test_an_empty_book(db):
    report = build_report(db, today=TODAY)
    assert len(report.months) == 12 and report.months[-1].month == 3
    assert report.cities == [] and sum(p.visits for p in report.visits_revenue) == 0


def test_default_period_is_the_last_twelve_jalali_months(db):
    report = build_report(db, today=TODAY, series=["visits_revenue"])
    first, last = report.months[0], report.months[-1]
    assert (first.year, first.month, last.year, last.month) == (1402, 4, 1403, 3)
    assert report.new_returning == []  # only what was asked for


def test_json_round_trip(report):
    text = json.dumps(report.as_dict(), ensure_ascii=False)
    again = Report.from_dict(json.loads(text))
    assert again == report


@pytest.mark.parametrize(("start", "end", "code"), [
    ("1403/03/01", "1403/02/01", "bad_range"),
    ("1404/01/01", "1404/02/01", "report_future_period"),
    ("1390/01/01", "1403/03/01", "report_period_too_long"),
])
def test_bad_periods(start, end, code):
    with pytest.raises(InvalidInput) as caught:
        reports.report_period(parse_date(start), parse_date(end), TODAY)
    assert caught.value.code == code


def test_unknown_series(db):
    with pytest.raises(InvalidInput) as caught:
        build_report(db, today=TODAY, series=["nope"])
    assert caught.value.code == "report_unknown_chart"


def test_running_month_counts_up_to_today(book):
    db, _ids = book
    early = build_report(db, START, END, today=TODAY - timedelta(days=12),
                         series=["absent_over_time", "retention"])
    assert early.absent_over_time[-1].as_of == TODAY - timedelta(days=12)
    assert early.retention[-1].partial
