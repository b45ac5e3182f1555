"""Customers on both backends: add, edit, trash, tags, opt-outs, duplicates, merge."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopcrm.errors import Conflict, InvalidInput, NotFound
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.models import Interaction


@pytest.fixture
def book(db):
    return CustomerService(db)


def test_add_normalises_every_field(book):
    cid = book.add(CustomerInput(name="  علي   رضايي ", mobile="+98 912 345 6789",
                                 email=" Ali@Example.COM ", birthday="۱۳۷۰/۰۱/۰۵",
                                 gender="زن", city="تهران", tags=["عروس", "عروس ", "VIP"]))
    c = book.get(cid)
    assert c.name == "علی رضایی"
    assert c.mobile == "09123456789"
    assert c.email == "ali@example.com"
    assert c.birthday.isoformat() == "1991-03-25"
    assert c.gender == "female"
    assert c.tags == ("VIP", "عروس")
    assert c.version == 1


@pytest.mark.parametrize("spelling", ["09123456789", "۰۹۱۲۳۴۵۶۷۸۹", "+989123456789",
                                      "00989123456789", "9123456789", "0912-345-6789"])
def test_same_mobile_in_any_spelling_is_refused_naming_the_holder(book, spelling):
    first = book.add(CustomerInput(name="مریم احمدی", mobile="09123456789"))
    with pytest.raises(Conflict) as caught:
        book.add(CustomerInput(name="کسی دیگر", mobile=spelling))
    assert caught.value.code == "duplicate_mobile"
    assert caught.value.data["id"] == first
    assert caught.value.data["name"] == "مریم احمدی"


def test_mobile_of_a_trashed_customer_points_to_the_trash(book):
    cid = book.add(CustomerInput(name="سارا", mobile="09121111111"))
    book.delete(cid)
    with pytest.raises(Conflict) as caught:
        book.add(CustomerInput(name="سارا ۲", mobile="09121111111"))
    assert caught.value.code == "duplicate_mobile_deleted"


def test_bad_values_are_refused_with_a_code(book):
    with pytest.raises(InvalidInput) as bad_mobile:
        book.add(CustomerInput(name="x", mobile="0812345678"))
    assert bad_mobile.value.code == "bad_mobile"
    with pytest.raises(InvalidInput) as no_name:
        book.add(CustomerInput(name="   ", mobile="09120000000"))
    assert no_name.value.code == "name_required"
    with pytest.raises(InvalidInput) as bad_email:
        book.add(CustomerInput(name="x", email="not-an-email"))
    assert bad_email.value.code == "bad_email"
    assert book.count() == 0


def test_edit_changes_only_given_fields_and_bumps_version(book):
    cid = book.add(CustomerInput(name="نرگس", mobile="09120000001", city="کرج"))
    after = book.edit(cid, CustomerInput(city="تهران", notes="حساسیت به رنگ"))
    assert (after.name, after.city, after.notes, after.mobile) == (
        "نرگس", "تهران", "حساسیت به رنگ", "09120000001")
    assert after.version == 2


def test_stale_edit_conflicts_instead_of_overwriting(book):
    cid = book.add(CustomerInput(name="لیلا", mobile="09120000002"))
    seen = book.get(cid).version
    book.edit(cid, CustomerInput(city="تهران"), expected_version=seen)
    with pytest.raises(Conflict) as caught:
        book.edit(cid, CustomerInput(city="شیراز"), expected_version=seen)
    assert caught.value.code == "stale_edit"
    assert book.get(cid).city == "تهران"


def test_trash_and_restore(book):
    cid = book.add(CustomerInput(name="مینا", mobile="09120000003"))
    book.delete(cid)
    with pytest.raises(NotFound):
        book.get(cid)
    assert [c.id for c in book.trash()] == [cid]
    book.restore(cid)
    assert book.get(cid).deleted_at is None
    book.delete(cid)
    assert book.empty_trash() == 1
    with pytest.raises(NotFound):
        book.get(cid, include_deleted=True)


def test_opt_out_records_the_date(book):
    cid = book.add(CustomerInput(name="شیما", mobile="09120000004"))
    book.set_opt_out(cid, "sms", True)
    c = book.get(cid)
    assert c.sms_opt_out and c.sms_opt_out_at is not None and not c.email_opt_out
    book.set_opt_out(cid, "sms", False)
    assert book.get(cid).sms_opt_out_at is None


def test_tags_add_and_remove_for_many(book):
    a = book.add(CustomerInput(name="الف", mobile="09120000005"))
    b = book.add(CustomerInput(name="ب", mobile="09120000006", tags=["قدیمی"]))
    book.add_tags([a, b], ["عروس"])
    assert book.get(a).tags == ("عروس",)
    assert book.get(b).tags == ("عروس", "قدیمی")
    book.remove_tags([b], ["قدیمی"])
    assert book.get(b).tags == ("عروس",)
    assert dict(book.all_tags()) == {"عروس": 2, "قدیمی": 0}


def test_finds_likely_duplicates_by_email_and_name(book):
    a = book.add(CustomerInput(name="زهرا كريمي", mobile="09120000007", email="z@x.ir"))
    b = book.add(CustomerInput(name="زهرا کریمی", mobile="09120000008"))
    c = book.add(CustomerInput(name="دیگری", mobile="09120000009", email="Z@X.ir"))
    pairs = {(p.keep_id, p.other_id, p.reason) for p in book.duplicates()}
    assert pairs == {(a, b, "name"), (a, c, "email")}


def test_merge_keeps_every_visit_interaction_and_tag(db, book):
    visits = VisitService(db)
    keep = book.add(CustomerInput(name="پریسا", mobile="09120000010", tags=["عروس"]))
    other = book.add(CustomerInput(name="پريسا", email="p@x.ir", tags=["دانشجو"],
                                   phone2="02188776655", notes="قدیمی"))
    visits.add(keep, VisitInput(at="1403/01/10", amount=1_000_000))
    visits.add(other, VisitInput(at="1403/02/10", amount=2_000_000))
    visits.add(other, VisitInput(at="1403/03/10", amount=None))
    with db.session() as s:
        s.add(Interaction(customer_id=other, kind="call", summary="یادآوری"))
    merged = book.merge(keep, other)
    assert merged.visit_count == 3 and merged.total_spent == 3_000_000
    assert merged.email == "p@x.ir" and merged.phone2 == "02188776655"
    assert merged.tags == ("دانشجو", "عروس")
    assert merged.notes == "قدیمی"
    with pytest.raises(NotFound):
        book.get(other, include_deleted=True)
    with db.session() as s:
        kinds = sorted(s.scalars(select(Interaction.kind)
                                 .where(Interaction.customer_id == keep)))
    assert kinds == ["call", "note"]
    with pytest.raises(InvalidInput):
        book.merge(keep, keep)
