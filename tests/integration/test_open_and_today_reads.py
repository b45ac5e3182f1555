"""What the window's start asks of the book stays cheap on any book (issue 14):

- opening a book another process is writing does not wait for its write lock: a book
  with its id is only read; one without gets no id now (it gets it at the next open or
  backup) instead of waiting the 15 s busy timeout;
- the Today page's value marks and week of birthdays are found through their indexes
  (migration 0007), not by sorting or scanning every customer;
- the win-back totals walk the contacts, not every customer;
- "is the book empty?" (the demo offer) looks at one row.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete
from support.write_lock import write_lock

from shopcrm.services.absence.birthdays import upcoming_birthdays
from shopcrm.services.absence.priority_marks import value_marks
from shopcrm.services.customers.demo import generate_demo
from shopcrm.services.customers.service import CustomerService
from shopcrm.storage.book_id import BOOK_ID_KEY, read_book_id
from shopcrm.storage.db import Database, open_database
from shopcrm.storage.models import Setting

AT_ONCE_S = 3.0  # far below the 15 s busy timeout


@pytest.fixture
def demo_book(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}")
    for _ in generate_demo(db, 60, seed=3):
        pass
    yield db
    db.close()


def _timed_open(path: Path) -> tuple[float, Database]:
    started = time.perf_counter()
    db = open_database(f"sqlite:///{path}", check=False)
    return time.perf_counter() - started, db


def test_opening_a_book_being_written_does_not_wait(demo_book: Database) -> None:
    path = demo_book.sqlite_path
    assert path is not None
    book_id = read_book_id(demo_book.engine)
    assert book_id is not None
    with write_lock(path):
        took, db = _timed_open(path)
        assert took < AT_ONCE_S and read_book_id(db.engine) == book_id
        db.close()


def test_a_book_without_an_id_gets_it_later_not_by_waiting(demo_book: Database) -> None:
    path = demo_book.sqlite_path
    assert path is not None
    with demo_book.writing() as s:
        s.execute(delete(Setting).where(Setting.key == BOOK_ID_KEY))
    with write_lock(path):
        took, db = _timed_open(path)
        assert took < AT_ONCE_S and read_book_id(db.engine) is None
        with db.write_engine.connect() as conn:  # the pooled connection waits again
            timeout = conn.connection.cursor().execute("PRAGMA busy_timeout").fetchone()[0]
        assert timeout > 0
        db.close()
    took, db = _timed_open(path)  # no writer now: the id is written
    assert read_book_id(db.engine) is not None
    db.close()


def _plan(db: Database, statement: str, params: object) -> str:
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
    return " | ".join(str(r[-1]) for r in rows)


def _captured(db: Database, run: object) -> list[tuple[str, object]]:
    """The statements (with their parameters) ``run()`` sends, transactions left out."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def before(_conn, _cursor, statement, params, _context, _many):  # type: ignore[no-untyped-def]
        if statement not in ("BEGIN", "COMMIT", "ROLLBACK"):
            seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        run()  # type: ignore[operator]
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return seen


def test_value_marks_and_birthdays_use_their_indexes(demo_book: Database) -> None:
    statements = _captured(demo_book, lambda: _read_both(demo_book))
    spent = [(s, p) for s, p in statements if "total_spent >" in s]
    births = [(s, p) for s, p in statements if "customer.birthday IN" in s]
    assert len(spent) == 3 and len(births) == 1  # the count and the two marks
    for statement, params in spent:
        plan = _plan(demo_book, statement, params)
        assert "ix_customer_spent" in plan and "TEMP B-TREE" not in plan, plan
    plan = _plan(demo_book, *births[0])
    assert "ix_customer_birthday" in plan, plan


def _read_both(db: Database) -> None:
    with db.reading() as s:
        value_marks(s)
        upcoming_birthdays(s, 7, date(2026, 12, 3))


def test_has_customers_looks_at_one_row(demo_book: Database, tmp_path: Path) -> None:
    service = CustomerService(demo_book)
    assert service.has_customers() and service.has_customers(include_deleted=True)
    empty = open_database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        assert not CustomerService(empty).has_customers(include_deleted=True)
        statements = _captured(demo_book, lambda: service.has_customers(include_deleted=True))
        [(statement, _params)] = statements
        assert "LIMIT" in statement and "count(" not in statement.lower()
    finally:
        empty.close()


def test_winback_walks_the_contacts_not_every_customer(demo_book: Database) -> None:
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.services.absence.winback_totals import default_period, summary_in

    def read() -> None:
        with demo_book.reading() as s:
            summary_in(s, AbsenceRules(), *default_period(date(2026, 12, 3)))

    [(statement, params)] = [(s, p) for s, p in _captured(demo_book, read)
                             if s.lstrip().startswith("SELECT interaction.customer_id")]
    first = _plan(demo_book, statement, params).split(" | ")[0]
    assert first.startswith(("SCAN interaction", "SEARCH interaction")), first
