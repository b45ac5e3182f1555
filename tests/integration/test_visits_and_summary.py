"""Visits keep the customer's summary columns exact on every change, on both backends."""

from __future__ import annotations

from datetime import datetime

import pytest

from shopcrm.errors import InvalidInput, NotFound
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService


@pytest.fixture
def setup(db):
    customers, visits = CustomerService(db), VisitService(db)
    cid = customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    return customers, visits, cid


def test_summary_follows_add_edit_delete(setup):
    customers, visits, cid = setup
    v1 = visits.add(cid, VisitInput(at="1403/05/01 10:00", amount="۱٬۵۰۰٬۰۰۰",
                                    service="کوتاهی", satisfaction="۵"))
    v2 = visits.add(cid, VisitInput(at="2024-08-22 18:30", amount=2_000_000))
    v3 = visits.add(cid, VisitInput(at="1403/06/31", amount=None))
    c = customers.get(cid)
    assert (c.visit_count, c.visit_days, c.total_spent) == (3, 3, 3_500_000)
    assert c.first_visit_at == datetime(2024, 7, 22, 6, 30)  # 10:00 Tehran is 06:30 UTC
    assert c.usual_gap_days == 30.5  # gaps of 31 and 30 days
    visits.edit(v2, VisitInput(amount=500_000))
    assert customers.get(cid).total_spent == 2_000_000
    visits.delete(v3)
    c = customers.get(cid)
    assert (c.visit_count, c.usual_gap_days) == (2, 31.0)
    assert c.last_visit_at == visits.get(v2).at
    visits.delete(v1)
    visits.delete(v2)
    c = customers.get(cid)
    assert (c.visit_count, c.total_spent, c.last_visit_at, c.usual_gap_days) == (0, 0, None, None)


def test_summary_changes_do_not_count_as_an_owner_edit(setup):
    customers, visits, cid = setup
    before = customers.get(cid).version
    visits.add(cid, VisitInput(at="1403/05/01"))
    assert customers.get(cid).version == before
    customers.edit(cid, CustomerInput(city="تهران"), expected_version=before)


def test_several_visits_on_one_day_are_one_visit_day(setup):
    customers, visits, cid = setup
    for when in ("1403/05/01 10:00", "1403/05/01 17:00", "1403/05/11 10:00"):
        visits.add(cid, VisitInput(at=when))
    c = customers.get(cid)
    assert (c.visit_count, c.visit_days, c.usual_gap_days) == (3, 2, 10.0)


def test_history_newest_first_and_fields_kept(setup):
    _, visits, cid = setup
    visits.add(cid, VisitInput(at="1403/01/01", service="رنگ مو", staff="نسرین",
                               payment_method="Card", note="رنگ ۷.۱"))
    visits.add(cid, VisitInput(at="1403/02/01"))
    history = visits.history(cid)
    assert [h.local_at.date().isoformat() for h in history] == ["2024-04-20", "2024-03-20"]
    assert (history[1].service, history[1].staff, history[1].payment_method,
            history[1].note) == ("رنگ مو", "نسرین", "card", "رنگ ۷.۱")


def test_bad_visit_values_change_nothing(setup):
    customers, visits, cid = setup
    with pytest.raises(InvalidInput) as caught:
        visits.add(cid, VisitInput(at="1404/12/30"))
    assert caught.value.code == "bad_date"
    with pytest.raises(InvalidInput):
        visits.add(cid, VisitInput(satisfaction=6))
    with pytest.raises(InvalidInput):
        visits.add(cid, VisitInput(amount="-5"))
    with pytest.raises(NotFound):
        visits.add(9999, VisitInput())
    assert customers.get(cid).visit_count == 0
