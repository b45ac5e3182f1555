"""A visit dated in the future is refused, by the service and the command alike.

A few minutes of a fast clock are tolerated (and stored as now); today's date without a
time is fine at any hour of the day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from shopcrm.domain.dates import format_jalali, local_today, utc_now, utc_to_local
from shopcrm.errors import InvalidInput
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import FUTURE_TOLERANCE, VisitInput, VisitService, visit_time


@pytest.fixture
def book(sqlite_db):
    cid = CustomerService(sqlite_db).add(CustomerInput(name="مریم", mobile="09121234567"))
    return sqlite_db, cid


def local(delta: timedelta) -> str:
    return format_jalali(utc_to_local(utc_now() + delta), with_time=True,
                         persian_digits=False)


def test_the_service_refuses_a_future_visit_and_says_when(book):
    db, cid = book
    visits = VisitService(db)
    tomorrow = local_today() + timedelta(days=1)
    for when in (tomorrow.isoformat(), format_jalali(tomorrow), local(timedelta(hours=2)),
                 "2099-01-01 10:00"):
        with pytest.raises(InvalidInput) as caught:
            visits.add(cid, VisitInput(at=when, amount=1000))
        assert caught.value.code == "visit_in_future"
    assert visits.history(cid) == []
    with pytest.raises(InvalidInput) as caught:
        visits.add(cid, VisitInput(at="2099-01-01"))
    from shopcrm.error_text import describe

    assert describe(caught.value, "en") == ("The visit's date (1477/10/12) is in the future; "
                                           "a visit that has not happened yet cannot be "
                                           "recorded.")
    assert "۱۴۷۷/۱۰/۱۲" in describe(caught.value, "fa")


def test_an_edit_cannot_move_a_visit_into_the_future(book):
    db, cid = book
    visits = VisitService(db)
    visit_id = visits.add(cid, VisitInput(at="1403/05/01 10:00"))
    with pytest.raises(InvalidInput):
        visits.edit(visit_id, VisitInput(at="2099-01-01"))
    assert visits.get(visit_id).at == datetime(2024, 7, 22, 6, 30)


def test_a_clock_a_few_minutes_fast_is_tolerated_and_stored_as_now(book):
    db, cid = book
    visits = VisitService(db)
    visit_id = visits.add(cid, VisitInput(at=local(FUTURE_TOLERANCE - timedelta(minutes=2))))
    assert visits.get(visit_id).at <= utc_now()
    with pytest.raises(InvalidInput):
        visit_time(local(FUTURE_TOLERANCE + timedelta(minutes=2)))


def test_todays_date_alone_is_fine_at_any_hour():
    today = local_today()
    morning = datetime.combine(today, datetime.min.time()) + timedelta(hours=1)
    from shopcrm.domain.dates import local_to_utc

    stored = visit_time(today.isoformat(), now=local_to_utc(morning))
    assert stored <= local_to_utc(morning)  # noon would be ahead of the clock: now instead


def test_the_command_refuses_it_in_one_line(tmp_path, run_cli):
    book = tmp_path / "b.sqlite3"
    assert run_cli("--db", str(book), "customer", "add", "--name", "سارا", "--phone",
                   "09120000001")[0] == 0
    code, out, err = run_cli("--db", str(book), "--lang", "en", "visit", "add", "--phone",
                             "09120000001", "--date", "2099-01-01 10:00")
    assert code == 1 and out == ""
    assert err.strip() == ("The visit's date (1477/10/12 10:00) is in the future; a visit "
                           "that has not happened yet cannot be recorded.")
    code, _, err = run_cli("--db", str(book), "--lang", "fa", "visit", "add", "--phone",
                           "09120000001", "--date", "۱۴۷۷/۱۰/۱۲")
    assert code == 1 and "در آینده است" in err
    code, out, _ = run_cli("--db", str(book), "visits", "--phone", "09120000001", "--json")
    assert out.strip() == "[]"
    assert run_cli("--db", str(book), "visit", "add", "--phone", "09120000001", "--date",
                   format_jalali(local_today()))[0] == 0
