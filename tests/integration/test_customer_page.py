"""The customer list read without the ORM (``storage/customer_page.py``, what ``shopcrm
customers`` runs) gives exactly the rows the models give: same columns, same values and
types, same order, on SQLite and PostgreSQL; and its read door stays a read door."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest
from sqlalchemy import select, text, update

from shopcrm.services.customers.demo import generate_demo
from shopcrm.storage.customer_list import CUSTOMERS, list_customers
from shopcrm.storage.customer_page import (
    CUSTOMER,
    ROW_NAMES,
    CustomerRow,
    page,
    read_page,
    search_params,
)
from shopcrm.storage.db import Database, WriteThroughReadDoor
from shopcrm.storage.models import Customer

SORTS = [None, "name", "mobile", "city", "visits", "last_visit", "first_visit", "spent",
         "created", "id", "points"]


@pytest.fixture
def book(db: Database) -> Database:
    for _ in generate_demo(db, 40, seed=11):
        pass
    with db.writing() as s:  # two in the trash, one with points, one with no city
        s.execute(update(Customer).where(Customer.id.in_([3, 7]))
                  .values(deleted_at=datetime.now(UTC).replace(tzinfo=None)
                          - timedelta(days=1)))
        s.execute(update(Customer).where(Customer.id == 5).values(points_balance=40))
        s.execute(update(Customer).where(Customer.id == 6).values(city=None))
        s.execute(update(Customer).where(Customer.id.in_([8, 9, 12])).values(referred_by_id=1))
        s.execute(update(Customer).where(Customer.id == 10).values(referred_by_id=2))
    return db


def test_the_core_columns_are_the_models_columns() -> None:
    for col in CUSTOMER.c:
        model = CUSTOMERS.c[col.name]
        assert type(col.type) is type(model.type), col.name
    assert set(ROW_NAMES) <= {c.name for c in CUSTOMER.c}


def _orm_rows(db: Database, *, include_deleted: bool, limit: int) -> list[CustomerRow]:
    """The default page (by id) read through the ORM: the oracle, built independently."""
    with db.reading() as s:
        stmt = select(Customer).order_by(Customer.id).limit(limit)
        if not include_deleted:
            stmt = stmt.where(Customer.deleted_at.is_(None))
        return [CustomerRow(*(getattr(c, name) for name in ROW_NAMES))
                for c in s.scalars(stmt)]


@pytest.mark.parametrize("include_deleted", [False, True])
def test_the_default_page_is_the_orm_page(book: Database, include_deleted: bool) -> None:
    with book.reading_rows() as conn:
        rows = read_page(conn, limit=12, include_deleted=include_deleted)
    expected = _orm_rows(book, include_deleted=include_deleted, limit=12)
    assert rows == expected
    assert len(rows) == 12
    first = next(r for r in rows if r.last_visit_at is not None)
    assert isinstance(first.last_visit_at, datetime)
    assert isinstance(first.vip, bool) and isinstance(first.sms_opt_out, bool)
    assert any(r.deleted_at is not None for r in rows) is include_deleted


def test_every_sort_and_search_reads_the_same_rows_as_the_models_table(
        book: Database) -> None:
    queries = [None, "ی", "رضا", "0912", "referrer:", "معرف: ی", "معرف: 09", "معرف: 0912"]
    seen_referred = False
    for order, query, descending in product(SORTS, queries, (False, True)):
        with book.reading_rows() as conn:
            core = read_page(conn, query=query, order=order, descending=descending,
                             offset=2, limit=9)
            kind, params = search_params(query, conn.dialect.name)
            stmt = page(CUSTOMERS, kind, (), order, descending, False)
            models = [CustomerRow(*r) for r in conn.execute(stmt, params | {"offset": 2,
                                                                            "limit": 9})]
        with book.reading() as s:
            door = list_customers(s, query=query, order=order, descending=descending,
                                  offset=2, limit=9)
        assert core == models == door, (order, query, descending)
        seen_referred |= bool(query and query.startswith("referrer") and core)
    assert seen_referred  # the referrer searches found someone


def test_the_core_read_door_refuses_a_write(book: Database) -> None:
    with pytest.raises(WriteThroughReadDoor), book.reading_rows() as conn:
        conn.execute(update(CUSTOMER).where(CUSTOMER.c.id == 1).values(city="نوشته"))
    with book.reading_rows() as conn:
        city = conn.execute(select(CUSTOMER.c.city).where(CUSTOMER.c.id == 1)).scalar()
    assert city != "نوشته"


def test_the_core_read_door_ends_its_transaction(book: Database) -> None:
    """Nothing read through it is left open: a writer can take the lock right after."""
    with book.reading_rows() as conn:
        assert conn.in_transaction()
        conn.execute(text("SELECT count(*) FROM customer")).scalar()
    with book.writing() as s:
        s.execute(update(Customer).where(Customer.id == 1).values(notes="after the read"))
    with book.reading_rows() as conn:
        notes = conn.execute(select(text("notes")).select_from(CUSTOMERS)
                             .where(CUSTOMERS.c.id == 1)).scalar()
    assert notes == "after the read"
