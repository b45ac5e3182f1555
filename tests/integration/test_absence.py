"""The absent and overdue lists from hand-made histories, on SQLite and PostgreSQL.

Reference date: 2024-12-01 (1403/09/11). Visit times are Tehran local times.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, select, update

from shopcrm.domain.absence import AbsenceRules, day_start_utc
from shopcrm.domain.dates import local_date_of
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.absence.lists import AbsenceService, follow_up_page, local_day_number
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.models import Customer, Interaction, Visit
from shopcrm.storage.summary import refresh_summary

AS_OF = date(2024, 12, 1)


def ago(days: int, hm: str = "12:00") -> str:
    """Local time ``days`` days before the reference date."""
    return f"{(AS_OF - timedelta(days=days)).isoformat()} {hm}"


class Book:
    def __init__(self, db):
        self.db = db
        self.customers = CustomerService(db)
        self.visits = VisitService(db)
        self.absence = AbsenceService(db)
        self.n = 0

    def customer(self, name: str, *visits: str | tuple[str, int | None], prior: int = 0,
                 amount: int | None = 1_000_000) -> int:
        self.n += 1
        cid = self.customers.add(CustomerInput(name=name, mobile=f"0912{self.n:07d}"))
        for visit in visits:
            at, money = visit if isinstance(visit, tuple) else (visit, amount)
            self.visits.add(cid, VisitInput(at=at, amount=money))
        if prior:
            with self.db.session() as s:
                s.execute(update(Customer).where(Customer.id == cid).values(prior_visits=prior))
        return cid

    def absent(self, as_of: date = AS_OF, **options):
        return self.absence.absent(as_of=as_of, limit=1000, **options)

    def overdue(self, as_of: date = AS_OF, **options):
        return self.absence.overdue(as_of=as_of, limit=1000, **options)

    def absent_ids(self, as_of: date = AS_OF, **options) -> list[int]:
        return [r.id for r in self.absent(as_of, **options).rows]

    def overdue_ids(self, as_of: date = AS_OF, **options) -> list[int]:
        return [r.id for r in self.overdue(as_of, **options).rows]


@pytest.fixture
def book(db):
    return Book(db)


def test_exactly_absent_days_counts_on_local_dates(book):
    on_the_day = book.customer("نود روز", ago(200), ago(150), ago(90, "23:50"))
    a_day_short = book.customer("هشتاد و نه روز", ago(200), ago(150), ago(89, "00:10"))
    page = book.absent()
    assert [r.id for r in page.rows] == [on_the_day]
    assert page.rows[0].days_since == 90
    assert page.path == "summary"
    assert a_day_short not in book.absent_ids(AS_OF - timedelta(days=1))
    assert a_day_short in book.absent_ids(AS_OF + timedelta(days=1))


def test_two_visits_are_not_a_regular_three_are(book):
    two = book.customer("دو بار", ago(300), ago(200))
    three = book.customer("سه بار", ago(300), ago(250), ago(200))
    assert book.absent_ids() == [three]
    rules = AbsenceRules(min_visits=2)
    assert set(r.id for r in book.absence.absent(as_of=AS_OF, rules=rules).rows) == {two, three}


def test_several_visits_on_one_day_make_one_visit_day(book):
    same_day = book.customer("یک روز", ago(100, "10:00"), ago(100, "11:00"), ago(100, "17:00"))
    two_days = book.customer("دو روز", ago(130, "10:00"), ago(130, "16:00"), ago(100, "10:00"))
    three_days = book.customer("سه روز", ago(160), ago(130), ago(100))
    rows = {r.id: r for r in book.absent().rows}
    assert set(rows) == {same_day, two_days, three_days}  # regulars by visit count
    assert (rows[same_day].visit_days, rows[same_day].usual_gap_days) == (1, None)
    assert (rows[two_days].visit_days, rows[two_days].usual_gap_days) == (2, 30.0)
    # overdue needs three distinct days: a rhythm of one gap is no rhythm
    assert book.overdue_ids() == [three_days]


def test_a_visit_after_the_reference_date_is_ignored(book):
    came_back = book.customer("برگشته", ago(300), ago(250), ago(200), ago(-5))
    page = book.absent()
    assert page.path == "history"
    assert [r.id for r in page.rows] == [came_back]
    row = page.rows[0]
    assert (row.visits, row.days_since, row.last_visit_date) == (3, 200, AS_OF - timedelta(200))
    assert came_back not in book.absent_ids(AS_OF + timedelta(days=10))


def test_a_deleted_customer_never_appears(book):
    gone = book.customer("حذف‌شده", ago(300), ago(250), ago(200))
    book.customer("آینده", ago(1))
    book.customers.delete(gone)
    assert book.absent_ids() == []
    book.visits.add(book.customer("بعدی", ago(-3)), VisitInput(at=ago(-2)))
    assert book.absence.absent(as_of=AS_OF, path="history").rows == []
    assert book.absence.overdue(as_of=AS_OF, path="history").rows == []


def test_visits_without_an_amount_rank_by_lateness_alone(book):
    free = book.customer("بی‌مبلغ", ago(400), ago(300), ago(200), amount=None)
    paying = book.customer("پرداختی", ago(400), ago(300), ago(200), amount=5_000_000)
    rows = book.absent().rows
    assert [r.id for r in rows] == [paying, free]
    assert rows[1].total_spent == 0
    assert rows[1].priority == pytest.approx(1.0 * 200 / 100)  # gap 100 days
    assert rows[0].priority == pytest.approx(16.0 * 200 / 100)


def test_a_customer_merged_from_two(book):
    first = book.customer("مریم", ago(260), ago(230))
    second = book.customer("مریم ۲", ago(200), prior=1)
    assert book.absent_ids() == []
    book.customers.merge(first, second)
    rows = book.absent().rows
    assert [r.id for r in rows] == [first]
    assert (rows[0].visits, rows[0].prior_visits, rows[0].visit_days) == (4, 1, 3)
    assert rows[0].usual_gap_days == 30.0
    assert book.overdue_ids() == [first]


def test_prior_visits_from_an_import_count_toward_regular(book):
    imported = book.customer("قدیمی", ago(120), prior=2)
    never_dated = book.customer("فقط قبلی", prior=9)
    rows = book.absent().rows
    assert [r.id for r in rows] == [imported]
    assert rows[0].visits == 3
    assert rows[0].reason_en == "3 visits; 120 days since the last visit"
    assert rows[0].reason_fa == "۳ مراجعه؛ ۱۲۰ روز از آخرین مراجعه گذشته"
    assert never_dated not in book.absent_ids()
    assert book.overdue_ids() == []  # no rhythm to be late for


def test_overdue_by_the_customers_own_rhythm(book):
    weekly_gone = book.customer("هفتگی رفته", ago(51), ago(44), ago(37), ago(30))
    weekly_late = book.customer("هفتگی کمی دیر", ago(41), ago(34), ago(27), ago(20))
    monthly_60 = book.customer("ماهانه ۶۰", ago(120), ago(90), ago(60))
    monthly_61 = book.customer("ماهانه ۶۱", ago(121), ago(91), ago(61))
    rows = {r.id: r for r in book.overdue().rows}
    assert set(rows) == {weekly_gone, monthly_61}
    assert weekly_late not in rows  # 20 days: beyond 2 x 7 but under 21
    assert monthly_60 not in rows  # exactly 2 x the gap is not beyond it
    assert rows[weekly_gone].reason_en == "usually every 7 days; 30 days since the last visit"
    assert rows[weekly_gone].reason_fa == "معمولاً هر ۷ روز؛ ۳۰ روز از آخرین مراجعه گذشته"
    assert book.absent_ids() == []  # none is 90 days away yet


def test_rows_carry_the_figures_ordered_by_priority(book):
    big = book.customer("پرخرج", (ago(100), 20_000_000), (ago(90), 20_000_000),
                        (ago(80), 9_000_000))
    small = book.customer("کم‌خرج", ago(130), ago(100), ago(70))
    page = book.overdue()
    assert [r.id for r in page.rows] == [big, small]
    top = page.rows[0]
    assert (top.name, top.mobile, top.visits, top.total_spent) == ("پرخرج", "09120000001", 3,
                                                                   49_000_000)
    assert top.first_visit_at < top.last_visit_at
    assert (top.days_since, top.usual_gap_days) == (80, 10.0)
    assert top.priority == pytest.approx(50 * 8)
    assert page.rows[1].priority == pytest.approx(4 * 70 / 30)
    assert page.total == 2


def test_paging(book):
    ids = [book.customer(f"مشتری {i}", ago(300 + i), ago(200 + i), ago(100 + i))
           for i in range(7)]
    full = book.absent()
    assert full.total == 7 and set(r.id for r in full.rows) == set(ids)
    page = book.absence.absent(as_of=AS_OF, offset=2, limit=3)
    assert page.total == 7
    assert [r.id for r in page.rows] == [r.id for r in full.rows[2:5]]
    history = book.absence.absent(as_of=AS_OF, offset=2, limit=3, path="history")
    assert history.rows == page.rows and history.total == 7
    with pytest.raises(InvalidInput):
        book.absence.absent(as_of=AS_OF, offset=-1)


# -- follow-up ----------------------------------------------------------------------------


def test_a_snoozed_customer_returns_when_the_snooze_ends(book):
    cid = book.customer("تعویق", ago(300), ago(200), ago(100))
    done = FollowUpService(book.db).snooze(cid, 10, today=AS_OF)
    assert done.snoozed_until == AS_OF + timedelta(days=10)
    assert book.absent_ids() == []
    assert book.absent_ids(AS_OF + timedelta(days=9)) == []
    assert book.absent_ids(AS_OF + timedelta(days=10)) == [cid]
    assert cid in book.absent_ids(include_snoozed=True)
    FollowUpService(book.db).unsnooze(cid)
    assert book.absent_ids() == [cid]
    with book.db.session() as s:
        kinds = s.scalars(select(Interaction.kind).where(Interaction.customer_id == cid))
        assert list(kinds) == ["snooze", "snooze"]


def test_contacted_recently_is_hidden_unless_asked(book):
    cid = book.customer("تماس", ago(160), ago(130), ago(100))
    other = book.customer("بی‌تماس", ago(160), ago(130), ago(100))
    version = book.customers.get(cid).version
    followup = FollowUpService(book.db)
    logged = followup.log(cid, "call", "پیغام گذاشتم", at=day_start_utc(AS_OF - timedelta(13)))
    assert logged.last_contact_at == day_start_utc(AS_OF - timedelta(13))
    assert book.customers.get(cid).version == version  # not an owner's edit
    assert book.absent_ids() == [other]
    assert set(book.absent_ids(include_contacted=True)) == {cid, other}
    assert set(book.overdue_ids(include_contacted=True)) == {cid, other}
    assert book.overdue_ids() == [other]
    # 14 days on, the contact is old enough to call again
    assert cid in book.absent_ids(AS_OF + timedelta(days=1))
    # an older contact logged later never moves last_contact_at back
    followup.log(cid, "sms", at=datetime(2020, 1, 1))
    assert book.customers.get(cid).last_contact_at == day_start_utc(AS_OF - timedelta(13))


def test_coming_back_leaves_both_lists(book):
    cid = book.customer("برمی‌گردد", ago(160), ago(130), ago(100))
    assert book.absent_ids() == [cid] and book.overdue_ids() == [cid]
    book.visits.add(cid, VisitInput(at=ago(0, "10:00")))
    assert book.absent_ids() == [] and book.overdue_ids() == []


def test_follow_up_refusals(book):
    cid = book.customer("کسی", ago(10))
    followup = FollowUpService(book.db)
    with pytest.raises(InvalidInput) as caught:
        followup.log(cid, "pigeon")
    assert caught.value.code == "bad_contact_kind"
    with pytest.raises(InvalidInput) as caught:
        followup.snooze(cid, 0)
    assert caught.value.code == "bad_snooze_days"
    book.customers.delete(cid)
    with pytest.raises(NotFound):
        followup.log(cid, "call")


# -- the two paths agree -------------------------------------------------------------------


def _random_book(db, seed: int, customers: int = 60) -> None:
    """A varied book written in bulk, summaries refreshed as the services would."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1)
    with db.session() as s:
        for i in range(customers):
            c = Customer(name=f"c{i}", name_key=f"c{i}", name_sort=f"c{i}",
                         mobile=f"0935{i:07d}", prior_visits=rng.choice((0, 0, 0, 1, 2, 5)),
                         search_text="")
            s.add(c)
            s.flush()
            gap = rng.choice((7, 14, 30, 45, 90))
            at = start + timedelta(days=rng.randrange(200), hours=rng.randrange(24),
                                   minutes=rng.randrange(60))
            for _ in range(rng.randrange(0, 14)):
                s.add(Visit(customer_id=c.id, at=at,
                            amount=rng.choice((None, 500_000, 2_000_000, 7_500_000))))
                if rng.random() < 0.15:  # a second service the same day
                    s.add(Visit(customer_id=c.id, at=at + timedelta(hours=1), amount=None))
                at += timedelta(days=max(1, round(rng.gauss(gap, gap / 3))),
                                hours=rng.randrange(-3, 4))
            s.flush()
            refresh_summary(s, c.id)
            if rng.random() < 0.08:
                c.deleted_at = datetime(2024, 6, 1)
            if rng.random() < 0.1:
                c.last_contact_at = at - timedelta(days=rng.randrange(30))


@pytest.mark.parametrize("seed", [1, 2])
def test_summary_and_history_paths_agree(db, seed):
    _random_book(db, seed)
    rules = AbsenceRules(overdue_min_days=14)
    with db.session() as s:
        latest = local_date_of(s.scalar(select(Visit.at).order_by(Visit.at.desc()).limit(1)))
        for as_of in (latest, latest + timedelta(days=45), latest + timedelta(days=200)):
            for kind in ("absent", "overdue"):
                summary = follow_up_page(s, kind, rules, as_of, limit=500, path="summary")
                history = follow_up_page(s, kind, rules, as_of, limit=500, path="history")
                assert summary.rows == history.rows
                assert summary.total == history.total == len(summary.rows)
        assert summary.rows, "the book should have someone overdue"


@pytest.mark.parametrize("seed", [3])
def test_a_past_date_equals_the_book_without_the_later_visits(db, seed):
    _random_book(db, seed)
    rules = AbsenceRules(overdue_min_days=14, min_visits=4)
    as_of = date(2023, 9, 1)
    with db.session() as s:
        before = {kind: follow_up_page(s, kind, rules, as_of, limit=500)
                  for kind in ("absent", "overdue")}
        assert {p.path for p in before.values()} == {"history"}
        later = list(s.scalars(select(Visit.customer_id).distinct()
                               .where(Visit.at >= day_start_utc(as_of + timedelta(1)))))
        s.execute(delete(Visit).where(Visit.at >= day_start_utc(as_of + timedelta(1))))
        for cid in later:
            refresh_summary(s, cid)
        for kind, page in before.items():
            after = follow_up_page(s, kind, rules, as_of, limit=500)
            assert after.path == "summary"
            assert [replace(r, last_contact_at=None) for r in after.rows] == [
                replace(r, last_contact_at=None) for r in page.rows]
            assert after.total == page.total
        assert before["absent"].rows and before["overdue"].rows


def _instants() -> list[datetime]:
    instants = []
    for change in (datetime(2022, 3, 21, 20, 30), datetime(2022, 9, 21, 19, 30),
                   datetime(2008, 3, 20, 20, 30), datetime(1990, 9, 21, 19, 30)):
        instants += [change + timedelta(minutes=m) for m in (-61, -60, -31, -1, 0, 1, 30, 59)]
    for day in (date(2021, 6, 1), date(2024, 1, 1), date(2024, 3, 20)):
        start = day_start_utc(day)
        instants += [start - timedelta(seconds=1), start, start + timedelta(microseconds=1)]
    return instants


def test_sql_local_days_match_zoneinfo_around_midnight_and_daylight_saving(db):
    _check_local_days(db)


def test_sql_local_days_on_an_older_sqlite_without_unixepoch(sqlite_db, monkeypatch):
    from shopcrm.services.absence import lists as absence

    monkeypatch.setattr(absence.sqlite3, "sqlite_version_info", (3, 37, 2))
    sql = str(select(local_day_number(Visit.at)).compile(dialect=sqlite_db.engine.dialect))
    assert "julianday" in sql and "unixepoch" not in sql
    _check_local_days(sqlite_db)


def _check_local_days(db) -> None:
    instants = _instants()
    with db.session() as s:
        cid = CustomerService(db).add(CustomerInput(name="ساعت"), session=s)
        for at in instants:
            s.add(Visit(customer_id=cid, at=at))
        s.flush()
        rows = s.execute(select(Visit.at, local_day_number(Visit.at))
                         .where(Visit.customer_id == cid)).all()
    assert len(rows) == len(instants)
    for at, number in rows:
        assert date(1970, 1, 1) + timedelta(days=number) == local_date_of(at), at
