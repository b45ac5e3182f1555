"""Retention per Jalali period and birthdays by the Jalali calendar, on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from shopcrm.config import Settings
from shopcrm.domain.dates import from_jalali
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.birthdays import BirthdayService
from shopcrm.services.absence.retention import RETAIL_AVERAGE, RetentionService, retention
from shopcrm.services.absence.segments import segment_filter
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.customer_list import customer_ids
from shopcrm.storage.models import Customer

MEHR, ABAN = from_jalali(1403, 7, 1), from_jalali(1403, 8, 1)


class Book:
    def __init__(self, db):
        self.db = db
        self.customers, self.visits = CustomerService(db), VisitService(db)
        self.n = 0

    def customer(self, name: str, *days: str, prior: int = 0, birthday: str | None = None):
        self.n += 1
        cid = self.customers.add(CustomerInput(name=name, mobile=f"0912{self.n:07d}",
                                               birthday=birthday))
        for day in days:
            self.visits.add(cid, VisitInput(at=f"{day} 12:00", amount=1_000_000))
        if prior:
            with self.db.session() as s:
                s.execute(update(Customer).where(Customer.id == cid).values(prior_visits=prior))
        return cid


@pytest.fixture
def book(db):
    b = Book(db)
    b.customer("A", "2024-09-10", "2024-10-05", "2024-11-01")  # stays
    b.customer("B", "2024-09-15")  # lapses during Mehr
    b.customer("C", "2024-10-01")  # new in Mehr
    b.customer("E", "2024-10-10", prior=3)  # imported: first dated visit, not new
    gone = b.customer("F", "2024-09-12", "2024-10-12")
    b.customers.delete(gone)  # in the trash: never counted
    b.customer("G", "2024-08-01", "2024-10-15")  # came back after being away
    b.customer("H", "2024-11-05")  # new in Aban
    return b


def _month_rows(db, **kw):
    with db.session() as s:
        return retention(s, "month", MEHR, date(2024, 11, 20), window=30,
                         today=date(2024, 12, 15), **kw)


def test_monthly_retention_by_hand(db, book):
    mehr, aban = _month_rows(db)
    assert (mehr.label, mehr.start, mehr.end, mehr.partial) == (
        "1403/07", date(2024, 9, 22), date(2024, 10, 21), False)
    assert (mehr.customers_at_start, mehr.new, mehr.returned, mehr.customers_at_end,
            mehr.new_at_end) == (2, 1, 1, 4, 1)
    # A kept, B lapsed; E (first dated visit) and G (back after being away) came back:
    # the old (at end - new) / at start was (4 - 1) / 2 = 150%
    assert (mehr.kept, mehr.came_back) == (1, 2)
    assert mehr.rate == pytest.approx(1 / 2)
    assert mehr.as_dict()["came_back"] == 2
    assert (aban.label, aban.start, aban.end) == ("1403/08", ABAN, date(2024, 11, 20))
    assert (aban.customers_at_start, aban.new, aban.returned, aban.customers_at_end) == (
        4, 1, 1, 2)
    assert (aban.kept, aban.came_back) == (1, 0)  # A kept; H is new
    assert aban.rate == pytest.approx(1 / 4)
    assert aban.retail_average == RETAIL_AVERAGE == 0.63
    assert aban.as_dict()["start"] == ABAN


def test_quarter_and_year_follow_the_jalali_calendar(db, book):
    with db.session() as s:
        (q3,) = retention(s, "quarter", MEHR, date(2024, 12, 20), window=30,
                          today=date(2025, 1, 15))
        (year,) = retention(s, "year", MEHR, MEHR, window=30, today=date(2025, 6, 1))
    assert (q3.label, q3.start, q3.end) == ("1403-Q3", MEHR, date(2024, 12, 20))
    # C and H are new in the quarter but no longer active at its end: not subtracted
    assert (q3.new, q3.new_at_end, q3.customers_at_end) == (2, 0, 0)
    assert (year.label, year.start, year.end) == ("1403", date(2024, 3, 20), date(2025, 3, 20))
    assert year.customers_at_start == 0 and year.rate is None


def test_the_running_period_ends_today(db, book):
    with db.session() as s:
        rows = retention(s, "month", MEHR, None, window=30, today=date(2024, 11, 10))
    assert [r.label for r in rows] == ["1403/07", "1403/08"]
    assert (rows[-1].partial, rows[-1].end) == (True, date(2024, 11, 10))


def test_service_reads_the_window_from_settings_and_checks_input(db, book, tmp_path):
    settings = Settings(tmp_path / "s.toml", env={"SHOPCRM_ABSENCE_ABSENT_DAYS": "30"})
    rows = RetentionService(db, settings).report("month", MEHR, date(2024, 11, 20),
                                                 today=date(2024, 12, 15))
    assert [r.as_dict() for r in rows] == [r.as_dict() for r in _month_rows(db)]
    with pytest.raises(InvalidInput) as caught:
        RetentionService(db).report("week")
    assert caught.value.code == "bad_period"
    with pytest.raises(InvalidInput) as caught:
        RetentionService(db).report("month", ABAN, MEHR, today=date(2024, 12, 15))
    assert caught.value.code == "bad_range"
    default = RetentionService(db).report("month", today=date(2024, 12, 15))
    assert len(default) == 12 and default[-1].label == "1403/09" and default[-1].partial


# -- birthdays ----------------------------------------------------------------------------


def test_birthdays_by_the_jalali_calendar(db):
    b = Book(db)
    esfand_30 = b.customer("اسفند سی", birthday="1403/12/30")  # born in a leap year
    nowruz = b.customer("نوروزی", birthday="1370/01/01")
    b.customer("پاییزی", birthday="1370/07/01")
    gone = b.customer("حذف", birthday="1360/12/27")
    b.customers.delete(gone)
    b.customer("بی‌تولد")
    service = BirthdayService(db)
    today = from_jalali(1404, 12, 25)  # 1404 is a common year
    rows = service.upcoming(7, today)
    assert [(r.id, r.days_until) for r in rows] == [(esfand_30, 4), (nowruz, 5)]
    first = rows[0]
    assert (first.greeting_date, first.birthday_jalali, first.turning) == (
        from_jalali(1404, 12, 29), "1403/12/30", 1)
    assert rows[1].turning == 35 and rows[1].greeting_date == from_jalali(1405, 1, 1)
    assert service.upcoming(3, today) == []
    assert [r.id for r in service.upcoming(0, from_jalali(1404, 12, 29))] == [esfand_30]
    with db.session() as s:
        where = [segment_filter("birthday:7", settings=None, as_of=today)]
        assert sorted(customer_ids(s, where=where, order="id")) == [esfand_30, nowruz]


def test_born_on_30_esfand_is_greeted_on_the_30th_in_a_leap_year(db):
    b = Book(db)
    cid = b.customer("سی اسفند", birthday="1399/12/30")
    rows = BirthdayService(db).upcoming(2, from_jalali(1403, 12, 28))  # 1403 is leap
    assert [(r.id, r.greeting_date) for r in rows] == [(cid, from_jalali(1403, 12, 30))]
    assert BirthdayService(db).upcoming(1, from_jalali(1403, 12, 28)) == []
    with pytest.raises(InvalidInput):
        BirthdayService(db).upcoming(400)
