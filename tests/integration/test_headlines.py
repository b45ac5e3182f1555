"""The Reports page's headline numbers on a hand-built book (reference date 1403/03/15).

- A: three visits, the last on 1403/03/10: a regular, present; 1,000,000 Rials this month;
- B: three visits up to 1402/11/01: a regular, absent (90 days) since Ordibehesht;
- C: one visit on 1403/03/01 (new this year and month, 500,000 Rials);
- D: in the trash with a big visit this month: counted nowhere.
"""

from __future__ import annotations

from datetime import date

import pytest

from shopcrm.config import Settings
from shopcrm.domain.dates import parse_date
from shopcrm.services.absence.retention import retention
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.reports.headlines import headlines
from shopcrm.storage.db import open_database

TODAY = parse_date("1403/03/15")


@pytest.fixture
def book(db_url):
    db = open_database(db_url)
    yield db
    db.close()


@pytest.fixture
def settings(tmp_path):
    return Settings(path=tmp_path / "settings.toml", env={})


def build(db) -> dict[str, int]:
    people, visits = CustomerService(db), VisitService(db)
    ids = {key: people.add(CustomerInput(name=f"مشتری {key}", mobile=f"0912000000{n}"))
           for n, key in enumerate("ABCD", start=1)}
    for key, when, amount in (
            ("A", "1402/12/01 10:00", 200_000), ("A", "1403/01/20 10:00", 300_000),
            ("A", "1403/03/10 10:00", 1_000_000),
            ("B", "1402/09/01 10:00", 100), ("B", "1402/10/01 10:00", 100),
            ("B", "1402/11/01 10:00", 100),
            ("C", "1403/03/01 18:00", 500_000),
            ("D", "1403/03/02 12:00", 9_999_999)):
        visits.add(ids[key], VisitInput(at=when, amount=amount))
    people.delete(ids["D"])
    return ids


def test_headlines_of_a_hand_built_book(book, settings):
    build(book)
    numbers = headlines(book, settings, today=TODAY)
    assert numbers.as_of == TODAY
    assert (numbers.year, numbers.month) == (1403, 3)
    assert numbers.customers == 3
    assert numbers.regulars == 2
    assert numbers.absent == 1
    assert numbers.revenue_month == 1_500_000
    assert numbers.visits_month == 2
    with book.read_session() as s:
        year = retention(s, "year", parse_date("1403/01/01"), TODAY, today=TODAY)
    assert numbers.retention == year[0].rate
    assert numbers.as_dict()["as_of"] == TODAY.isoformat()


def test_an_empty_book_has_zeros_and_no_retention(book, settings):
    numbers = headlines(book, settings, today=date(2024, 6, 4))
    assert (numbers.customers, numbers.regulars, numbers.absent) == (0, 0, 0)
    assert (numbers.revenue_month, numbers.visits_month) == (0, 0)
    assert numbers.retention is None
