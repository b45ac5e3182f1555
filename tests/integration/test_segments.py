"""Segments as WHERE clauses, RFM and VIP, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from shopcrm.config import Settings
from shopcrm.domain import rfm
from shopcrm.domain.absence import AbsenceRules
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.absence.lists import follow_up_page
from shopcrm.services.absence.segments import (
    SEGMENT_NAMES,
    RfmService,
    rfm_scored,
    segment_counts,
    segment_filter,
)
from shopcrm.services.absence.vip import VipService
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.customer_list import count_customers, customer_ids
from shopcrm.storage.models import Customer, Visit
from shopcrm.storage.summary import refresh_summary

AS_OF = date(2024, 12, 1)


def ago(days: int, hm: str = "12:00") -> str:
    return f"{(AS_OF - timedelta(days=days)).isoformat()} {hm}"


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.toml", env={})


class Book:
    def __init__(self, db, settings):
        self.db, self.settings = db, settings
        self.customers, self.visits = CustomerService(db), VisitService(db)
        self.n = 0

    def customer(self, name: str, *visits: str | tuple[str, int | None], prior: int = 0,
                 **fields) -> int:
        self.n += 1
        cid = self.customers.add(CustomerInput(name=name, mobile=f"0912{self.n:07d}", **fields))
        for visit in visits:
            at, money = visit if isinstance(visit, tuple) else (visit, 1_000_000)
            self.visits.add(cid, VisitInput(at=at, amount=money))
        if prior:
            with self.db.session() as s:
                s.execute(update(Customer).where(Customer.id == cid).values(prior_visits=prior))
        return cid

    def ids(self, segment: str, as_of: date | None = AS_OF, with_session: bool = True):
        with self.db.session() as s:
            where = [segment_filter(segment, settings=self.settings,
                                    session=s if with_session else None, as_of=as_of)]
            return sorted(customer_ids(s, where=where, order="id"))


@pytest.fixture
def book(db, settings):
    return Book(db, settings)


def test_every_simple_segment(book):
    regular = book.customer("ثابت", ago(60), ago(40), ago(20))
    absent = book.customer("غایب", ago(300), ago(250), ago(200), email="a@example.com")
    newbie = book.customer("تازه", ago(10))
    imported = book.customer("واردشده", ago(5), prior=4)
    vip = book.customer("ویژه", ago(400), vip=True)
    book.customers.set_opt_out(vip, "sms")
    book.customers.set_opt_out(absent, "email")
    book.customers.add_tags([regular, newbie], ["عروس"])
    assert book.ids("all") == [regular, absent, newbie, imported, vip]
    assert book.ids("regular") == [regular, absent, imported]
    assert book.ids("absent") == [absent]
    assert book.ids("overdue") == [absent]
    assert book.ids("vip") == [vip]
    assert book.ids("new") == [newbie]  # imported has prior visits: not new
    assert book.ids("new:3") == []
    assert book.ids("new:11") == [newbie]
    assert book.ids("opted-out") == [absent, vip]
    assert book.ids("opted-out:sms") == [vip]
    assert book.ids("opted-out:email") == [absent]
    assert book.ids("tag:عروس") == [regular, newbie]
    assert book.ids("tag:عروس ") == [regular, newbie]
    assert book.ids("tag:هیچ") == []
    # snoozing is the follow-up list's business, not the segment's
    FollowUpService(book.db).snooze(absent, 30, today=AS_OF)
    assert book.ids("absent") == [absent]


def test_unknown_segments_name_the_valid_ones(book):
    for name in ("bogus", "rfm:nobody", "opted-out:fax", "tag:", "vip:3", ""):
        with pytest.raises(InvalidInput) as caught:
            book.ids(name)
        assert caught.value.code == "unknown_segment"
        assert "regular" in caught.value.data["valid"]
    with pytest.raises(InvalidInput) as caught:
        book.ids("birthday:soon")
    assert caught.value.code == "bad_segment_value"
    assert "birthday:<days>" in SEGMENT_NAMES


def test_a_past_date_counts_only_the_visits_up_to_it(book):
    late = book.customer("برگشته", ago(300), ago(250), ago(200), ago(-10))
    two_then = book.customer("دو تا آن موقع", ago(300), ago(200), ago(-3))
    assert book.ids("absent", as_of=AS_OF) == [late]
    assert book.ids("absent", as_of=AS_OF, with_session=False) == [late]
    assert book.ids("regular", as_of=AS_OF) == [late]
    later = AS_OF + timedelta(days=30)
    assert book.ids("regular", as_of=later) == [late, two_then]
    assert book.ids("regular", as_of=later, with_session=False) == [late, two_then]
    assert book.ids("absent", as_of=later) == []
    assert book.ids("overdue", as_of=AS_OF) == [late]
    with pytest.raises(InvalidInput) as caught:
        book.ids("overdue", as_of=AS_OF, with_session=False)
    assert caught.value.code == "segment_needs_book"


def test_the_overdue_segment_is_the_overdue_list(db, book):
    for i in range(12):
        gap = 7 + 5 * i
        book.customer(f"م{i}", ago(3 * gap + 40 - i), ago(2 * gap + 40 - i), ago(gap + 40 - i))
    with db.session() as s:
        listed = follow_up_page(s, "overdue", AbsenceRules(), AS_OF, limit=100)
    assert book.ids("overdue") == sorted(r.id for r in listed.rows)
    assert 0 < len(listed.rows) < 12


def test_vip_automatic_top_percent_by_twelve_month_spend(book, settings):
    spenders = [book.customer(f"خرج {i}", (ago(30), (i + 1) * 1_000_000)) for i in range(20)]
    tied = book.customer("هم‌خرج", (ago(20), 19_000_000))  # ties with the 2nd biggest
    old_big = book.customer("قدیمی", (ago(500), 900_000_000))  # outside the 12 months
    flagged = book.customer("دستی", vip=True)
    assert book.ids("vip") == [flagged]
    settings.override("absence.vip_top_percent", 10)  # 21 spent: top 2.1 customers
    assert book.ids("vip") == sorted([spenders[19], spenders[18], tied, flagged])
    assert old_big not in book.ids("vip")
    assert VipService(book.db, settings).count(AS_OF) == 4
    settings.override("absence.vip_top_percent", 1)  # at least the biggest spender
    assert book.ids("vip") == sorted([spenders[19], flagged])
    assert VipService(book.db, settings).ids(AS_OF) == sorted([spenders[19], flagged])


def test_birthday_segment(book):
    born_esfand_30 = book.customer("اسفندی", birthday="1403/12/30")
    soon = book.customer("زود", birthday="1370/01/02")
    late = book.customer("دیر", birthday="1370/06/01")
    book.customer("بی‌تاریخ")
    today = date.fromisoformat("2026-03-16")  # 1404/12/25: 1404 is a common year
    assert book.ids("birthday:3", as_of=today) == []
    assert book.ids("birthday:4", as_of=today) == [born_esfand_30]
    assert book.ids("birthday:7", as_of=today) == [born_esfand_30, soon]
    assert book.ids("birthday:366", as_of=today) == [born_esfand_30, soon, late]


def _random_visits(db, seed: int, customers: int = 80) -> None:
    rng = random.Random(seed)
    with db.session() as s:
        for i in range(customers):
            c = Customer(name=f"c{i}", name_key=f"c{i}", name_sort=f"c{i}", search_text="",
                         mobile=f"0936{i:07d}")
            s.add(c)
            s.flush()
            for _ in range(rng.choice((0, 1, 1, 2, 3, 5, 8, 13))):
                at = datetime(2023, 6, 1) + timedelta(days=rng.randrange(560),
                                                      hours=rng.randrange(24))
                s.add(Visit(customer_id=c.id, at=at,
                            amount=rng.choice((None, 1_000_000, 3_000_000, 10_000_000))))
            s.flush()
            refresh_summary(s, c.id)
            if rng.random() < 0.05:
                c.deleted_at = datetime(2024, 1, 1)


@pytest.mark.parametrize("seed", [7, 8])
def test_rfm_in_sql_equals_rfm_in_python(db, settings, seed):
    _random_visits(db, seed)
    service = RfmService(db, settings)
    python = service.scores(AS_OF)
    stmt = rfm_scored(AS_OF, 12).subquery()
    with db.session() as s:
        sql = [rfm.RfmScore(*row) for row in s.execute(select(stmt).order_by(stmt.c.customer_id))]
    assert python == [r._replace(monetary=int(r.monetary)) for r in sql]
    assert len({p.segment for p in python}) >= 4
    summary = service.summary(AS_OF)
    assert summary.scored == len(python)
    book = Book(db, settings)
    for segment in rfm.SEGMENTS:
        members = book.ids(f"rfm:{segment}")
        assert len(members) == summary.counts[segment], segment
        expected = {p.customer_id for p in python if p.segment == segment}
        assert expected <= set(members)
    with db.session() as s:
        assert summary.no_visits == count_customers(s, where=[Customer.visit_count == 0])


def test_rfm_counts_customers_gone_before_the_window_as_lost(book, settings):
    gone = book.customer("رفته", ago(500), ago(450))
    others = [book.customer(f"گاه‌به‌گاه {i}", *[ago(300 - 50 * i - j) for j in range(i + 1)])
              for i in range(4)]
    champ = book.customer("قهرمان", (ago(60), 9_000_000), (ago(30), 9_000_000),
                          (ago(20), 9_000_000), (ago(10), 9_000_000), (ago(1), 9_000_000))
    book.customer("بی‌مراجعه")
    service = RfmService(book.db, settings)
    scores = {s.customer_id: s for s in service.scores(AS_OF)}
    assert set(scores) == {*others, champ}
    assert (scores[champ].r, scores[champ].f, scores[champ].m) == (5, 5, 5)
    assert scores[others[0]].segment == "lost"  # one visit 300 days ago
    summary = service.summary(AS_OF)
    assert (summary.scored, summary.lost_before_window, summary.no_visits) == (5, 1, 1)
    scored_lost = sum(s.segment == "lost" for s in scores.values())
    assert summary.counts["lost"] == scored_lost + 1
    for segment in rfm.SEGMENTS:
        members = sorted(c for c, s in scores.items() if s.segment == segment)
        if segment == "lost":
            members = sorted([*members, gone])
        assert book.ids(f"rfm:{segment}") == members
        assert summary.counts[segment] == len(members)
    assert champ in book.ids("rfm:champions")
    data = summary.as_dict()
    assert [s["name"] for s in data["segments"]] == list(rfm.SEGMENTS)
    assert data["segments"][0]["label_fa"] == "قهرمانان"


def test_segment_counts(db, book, settings):
    book.customer("ثابت", ago(60), ago(40), ago(20))
    gone = book.customer("غایب", ago(300), ago(250), ago(200))
    book.customers.delete(gone)
    with db.session() as s:
        counts = {c.name: c.count for c in segment_counts(s, settings, AS_OF)}
    assert counts["all"] == 1 and counts["regular"] == 1 and counts["absent"] == 0
