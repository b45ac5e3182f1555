"""Search as you type: normalised substring search on SQLite FTS5 and PostgreSQL pg_trgm."""

from __future__ import annotations

import pytest

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.storage.customer_list import (
    count_customers,
    customer_ids,
    list_customers,
    rows_by_ids,
)


@pytest.fixture
def book(db):
    service = CustomerService(db)
    people = [
        ("علیرضا محمدی", "09123456789", None, None),
        ("رضا كاظمي", "09351112233", "reza@mail.ir", None),
        ("مریم پاکزاد", "09194445566", None, "مشتری قدیمی، رنگ‌مو"),
        ("ژاله بیگی", "09010001122", "jaleh@x.com", None),
        ("گلاره گودرزی", "09380009988", None, None),
        ("بهاره باقری", "09120000001", None, None),
        ("پرستو پارسا", "09120000002", None, None),
        ("کیمیا کیانی", "09120000003", None, None),
    ]
    ids = {}
    for name, mobile, email, notes in people:
        ids[name] = service.add(CustomerInput(name=name, mobile=mobile, email=email,
                                              notes=notes))
    return db, service, ids


def names(db, **kwargs):
    with db.session() as s:
        return [r.name for r in list_customers(s, **kwargs)]


@pytest.mark.parametrize(("query", "expected"), [
    ("رضا", {"علیرضا محمدی", "رضا کاظمی"}),          # substring inside a word
    ("ك", {"رضا کاظمی", "کیمیا کیانی", "مریم پاکزاد"}),  # Arabic kaf finds Persian kaf
    ("كاظمي", {"رضا کاظمی"}),                         # Arabic letters in a longer query
    ("0912 345", {"علیرضا محمدی"}),                    # a mobile typed with a space
    ("۰۹۳۵۱۱", {"رضا کاظمی"}),                        # Persian digits
    ("+98935", {"رضا کاظمی"}),
    ("REZA@", {"رضا کاظمی"}),                          # email, any case
    ("رنگمو", {"مریم پاکزاد"}),                       # notes, ZWNJ ignored
    ("گودرز", {"گلاره گودرزی"}),
    ("نیست", set()),
])
def test_search_finds_by_normalised_substring(book, query, expected):
    db, _, _ = book
    assert set(names(db, query=query)) == expected


def test_search_skips_the_trash_and_pages(book):
    db, service, ids = book
    service.delete(ids["علیرضا محمدی"])
    assert names(db, query="رضا") == ["رضا کاظمی"]
    with db.session() as s:
        assert count_customers(s, query="رضا") == 1
        assert count_customers(s) == 7
        first = list_customers(s, order="name", limit=3)
        second = list_customers(s, order="name", offset=3, limit=3)
    assert len(first) == 3 and len(second) == 3
    assert not {r.id for r in first} & {r.id for r in second}


def test_persian_alphabetical_order(book):
    db, _, _ = book
    ordered = names(db, order="name", limit=50)
    assert ordered == ["بهاره باقری", "پرستو پارسا", "رضا کاظمی", "ژاله بیگی",
                       "علیرضا محمدی", "کیمیا کیانی", "گلاره گودرزی", "مریم پاکزاد"]


def test_ids_then_rows_keep_display_order(book):
    db, _, _ = book
    with db.session() as s:
        ids = customer_ids(s, order="name", descending=True)
        rows = rows_by_ids(s, ids[2:5])
    assert [r.id for r in rows] == ids[2:5]


def test_edit_updates_the_search_index(book):
    db, service, ids = book
    service.edit(ids["ژاله بیگی"], CustomerInput(name="ژاله نیک‌نام"))
    assert names(db, query="نیکنام") == ["ژاله نیک‌نام"]
    assert names(db, query="بیگی") == []


def test_referrer_search_lists_whom_someone_brought(book):
    """«معرف: نام» finds the customers brought by whoever «نام» finds (a name, part of one,
    a mobile), on both backends, in the list, the ids, the count and the export's query."""
    from shopcrm.services.loyalty.referrals import set_referrer

    db, service, ids = book
    maryam, reza = ids["مریم پاکزاد"], ids["رضا كاظمي"]
    set_referrer(db, ids["ژاله بیگی"], maryam)
    set_referrer(db, ids["گلاره گودرزی"], maryam)
    set_referrer(db, ids["کیمیا کیانی"], reza)
    brought_by_maryam = {"ژاله بیگی", "گلاره گودرزی"}
    for query in ("معرف: مریم پاکزاد", "معرّف:پاکزاد", "referrer: مریم", "معرف: ۰۹۱۹۴۴۴",
                  "معرف: مر"):  # two letters: the LIKE path
        assert set(names(db, query=query)) == brought_by_maryam, query
    assert set(names(db, query="معرف: كاظمي")) == {"کیمیا کیانی"}  # Arabic letters
    assert set(names(db, query="معرف:")) == brought_by_maryam | {"کیمیا کیانی"}
    assert names(db, query="معرف: نیست") == []
    assert set(names(db, query="مریم")) == {"مریم پاکزاد"}  # a plain search is unchanged
    with db.session() as s:
        assert count_customers(s, query="معرف: مریم") == 2
        assert set(customer_ids(s, query="معرف: رضا")) == {ids["کیمیا کیانی"]}
    service.delete(ids["ژاله بیگی"])
    assert names(db, query="معرف: مریم") == ["گلاره گودرزی"]  # the trash stays out
