"""The counter (find-or-create by mobile, then the visit) and the read-only contact log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from shopcrm.errors import Conflict, InvalidInput
from shopcrm.services.absence.contact_log import ContactLogService
from shopcrm.services.customers.counter import CounterService
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.db import open_database
from shopcrm.storage.models import Campaign, Interaction, OutboxMessage


@pytest.fixture
def book(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}")
    customers, visits = CustomerService(db), VisitService(db)
    yield db, customers, visits, CounterService(db, customers, visits)
    db.close()


def test_lookup_finds_a_customer_by_any_spelling(book):
    _, customers, _, counter = book
    cid = customers.add(CustomerInput(name="مریم رضایی", mobile="09121234567"))
    found = counter.lookup("۰۹۱۲ ۱۲۳ ۴۵۶۷")
    assert found is not None
    assert (found.id, found.name, found.total_visits, found.deleted) == (cid, "مریم رضایی", 0,
                                                                         False)
    assert counter.lookup("+98 935 000 0000") is None


@pytest.mark.parametrize("text", ["", "0912", "021 1234 5678", "abc"])
def test_lookup_refuses_what_is_not_a_mobile(book, text):
    with pytest.raises(InvalidInput) as err:
        book[3].lookup(text)
    assert err.value.code == "bad_mobile"


def test_record_for_a_known_customer_adds_the_visit(book):
    _, customers, visits, counter = book
    cid = customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    result = counter.record("۰۹۱۲۱۲۳۴۵۶۷", VisitInput(amount="۱۲۰٬۰۰۰", service="کوتاهی مو"))
    assert (result.customer_id, result.created, result.name) == (cid, False, "مریم")
    [visit] = visits.history(cid)
    assert (visit.amount, visit.service) == (120_000, "کوتاهی مو")
    assert customers.get(cid).visit_count == 1


def test_record_creates_a_new_customer_with_the_name(book):
    _, customers, _, counter = book
    result = counter.record("0935 111 2233", VisitInput(amount=50_000), name="  سارا  احمدی ")
    assert result.created and result.name == "سارا احمدی"
    view = customers.get(result.customer_id)
    assert (view.mobile, view.visit_count, view.total_spent) == ("09351112233", 1, 50_000)


def test_a_new_mobile_without_a_name_writes_nothing(book):
    _, customers, _, counter = book
    with pytest.raises(InvalidInput) as err:
        counter.record("09351112233", VisitInput(amount=1), name=" ")
    assert err.value.code == "name_required"
    assert customers.count() == 0


def test_a_bad_visit_rolls_back_the_new_customer(book):
    _, customers, _, counter = book
    with pytest.raises(InvalidInput):
        counter.record("09351112233", VisitInput(amount="abc"), name="سارا")
    assert customers.count() == 0


def test_a_mobile_in_the_trash_is_refused(book):
    _, customers, _, counter = book
    cid = customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    customers.delete(cid)
    assert counter.lookup("09121234567").deleted
    with pytest.raises(Conflict) as err:
        counter.record("09121234567", VisitInput(), name="مریم دوم")
    assert err.value.code == "duplicate_mobile_deleted"
    assert customers.count(include_deleted=True) == 1


def test_recent_services_and_staff_most_used_first(book):
    _, customers, visits, counter = book
    cid = customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    for service, staff in [("رنگ مو", "نازنین"), ("کوتاهی", "نازنین"), ("کوتاهی", "لیلا"),
                           ("کوتاهی", None), (None, "نازنین")]:
        visits.add(cid, VisitInput(service=service, staff=staff))
    assert counter.recent_services() == ["کوتاهی", "رنگ مو"]
    assert counter.recent_staff(limit=1) == ["نازنین"]


def test_contact_log_merges_interactions_and_unlinked_messages(book):
    db, customers, _, _ = book
    cid = customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    t0 = datetime(2024, 5, 1, 9, 0)
    with db.session() as s:
        campaign = Campaign(name="بازگشت", channel="sms", template="سلام")
        s.add(campaign)
        s.flush()
        linked = OutboxMessage(campaign_id=campaign.id, customer_id=cid, channel="sms",
                               recipient="09121234567", body="سلام", status="delivered",
                               sent_at=t0 + timedelta(days=2))
        alone = OutboxMessage(campaign_id=campaign.id, customer_id=cid, channel="email",
                              recipient="a@b.example", body="Hello", status="failed",
                              sent_at=t0 + timedelta(days=3))
        s.add_all([linked, alone])
        s.flush()
        s.add_all([
            Interaction(customer_id=cid, at=t0, kind="call", direction="out",
                        summary="یادآوری", outcome="answered"),
            Interaction(customer_id=cid, at=t0 + timedelta(days=1), kind="complaint",
                        summary="دیر شد", status="open"),
            Interaction(customer_id=cid, at=t0 + timedelta(days=2), kind="sms", direction="out",
                        summary="سلام", campaign_id=campaign.id, outbox_id=linked.id),
        ])
    log = ContactLogService(db)
    entries = log.history(cid)
    assert [(e.kind, e.delivery) for e in entries] == [
        ("email", "failed"), ("sms", "delivered"), ("complaint", None), ("call", None)]
    assert entries[1].campaign == "بازگشت"
    assert log.open_complaints(cid) == 1
    assert log.history(cid + 1) == []


def test_likely_duplicates_of_one_customer(book):
    from shopcrm.services.customers.duplicates import likely_duplicates

    db, customers, _, _ = book
    me = customers.add(CustomerInput(name="علی رضایی", mobile="09121111111", email="a@x.ir"))
    same_name = customers.add(CustomerInput(name="علي رضايي", mobile="09122222222"))
    same_email = customers.add(CustomerInput(name="Ali", mobile="09123333333", email="A@x.ir"))
    trashed = customers.add(CustomerInput(name="علی رضایی", mobile="09124444444"))
    customers.delete(trashed)
    customers.add(CustomerInput(name="مریم", mobile="09125555555"))
    found = likely_duplicates(db, me)
    assert [(c.id, c.reason) for c in found] == [(same_email, "email"), (same_name, "name")]
    assert likely_duplicates(db, 999) == []
