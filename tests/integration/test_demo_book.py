"""The demo book is realistic, deterministic, and its summaries are exact."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from shopcrm.domain.dates import local_today, utc_now
from shopcrm.domain.visit_summary import summarize
from shopcrm.services.customers.demo import DemoProgress, DemoResult, generate_demo
from shopcrm.storage.db import open_database
from shopcrm.storage.models import Customer, Visit


def _fill(url: str, count: int, seed: int = 7) -> list:
    db = open_database(url)
    steps = list(generate_demo(db, customers=count, seed=seed))
    return db, steps


def test_demo_mix_of_customers(tmp_path):
    db, steps = _fill(f"sqlite:///{tmp_path / 'a.sqlite3'}", 600)
    assert isinstance(steps[-1], DemoResult) and steps[-1].customers == 600
    assert all(isinstance(s, DemoProgress) for s in steps[:-1])
    cutoff = utc_now() - timedelta(days=90)
    with db.session() as s:
        def count(*where):
            return s.scalar(select(func.count()).select_from(Customer).where(*where))

        assert count(Customer.visit_count >= 3, Customer.last_visit_at < cutoff) > 20  # absent
        assert count(Customer.visit_count >= 3, Customer.last_visit_at >= cutoff) > 100
        assert count(Customer.visit_count == 1) > 50  # one-off customers
        assert count(Customer.first_visit_at >= utc_now() - timedelta(days=100)) > 10  # new
        assert count(Customer.sms_opt_out.is_(True)) > 0
        assert count(Customer.birthday.is_not(None)) > 200
        latest = s.scalar(select(func.max(Visit.at)))
        assert latest.date() <= local_today()
    db.close()


def test_demo_summaries_match_the_visits(tmp_path):
    db, _ = _fill(f"sqlite:///{tmp_path / 'b.sqlite3'}", 200)
    with db.session() as s:
        for customer in s.scalars(select(Customer)):
            rows = s.execute(select(Visit.at, Visit.amount)
                             .where(Visit.customer_id == customer.id)).all()
            expected = summarize((at, amount) for at, amount in rows)
            assert expected.as_columns() == {k: getattr(customer, k)
                                             for k in expected.as_columns()}
    db.close()


def test_same_seed_same_book(tmp_path):
    names = []
    for name in ("c", "d"):
        db, _ = _fill(f"sqlite:///{tmp_path / name}.sqlite3", 50, seed=99)
        with db.session() as s:
            names.append(list(s.scalars(select(Customer.name).order_by(Customer.id))))
        db.close()
    assert names[0] == names[1]


def test_demo_keeps_the_search_index_whole(tmp_path):
    """The demo pauses the FTS insert trigger for speed: the index must still be exact and
    the trigger back for the next customer."""
    from sqlalchemy import text

    from shopcrm.services.customers.fields import CustomerInput
    from shopcrm.services.customers.service import CustomerService
    from shopcrm.storage.customer_list import list_customers

    db, _ = _fill(f"sqlite:///{tmp_path / 'f.sqlite3'}", 300)
    with db.engine.connect() as conn:
        conn.execute(text("INSERT INTO customer_fts(customer_fts, rank) "
                          "VALUES ('integrity-check', 1)"))
        triggers = set(conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    assert {"customer_fts_insert", "customer_fts_update", "customer_fts_delete"} <= triggers
    CustomerService(db).add(CustomerInput(name="ترانه آزمایشی", mobile="09129998877"))
    with db.session() as s:
        assert [r.name for r in list_customers(s, query="آزمایشی")] == ["ترانه آزمایشی"]
        some = s.scalar(select(Customer.name).where(Customer.id == 17))
        assert any(r.id == 17 for r in list_customers(s, query=some, limit=500))
    db.close()


def test_demo_overdue_is_not_the_absent_list_again_and_some_came_back(tmp_path):
    """Slipping regulars are overdue long before they are absent; won-back customers were
    called while absent and came back (the Today and Win-back pages have something to
    show)."""
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.services.absence.lists import AbsenceService
    from shopcrm.services.absence.winback_totals import winback_summary

    db, _ = _fill(f"sqlite:///{tmp_path / 'g.sqlite3'}", 600)
    service = AbsenceService(db)
    every = {"include_contacted": True, "include_snoozed": True, "limit": 1000}
    absent = {r.id for r in service.absent(**every).rows}
    overdue = service.overdue(**every).rows
    only_overdue = [r for r in overdue if r.id not in absent]
    assert len(only_overdue) >= 10
    assert all(r.days_since < 90 for r in only_overdue)
    assert [r.id for r in overdue[:5]] != [r.id for r in service.absent(**every).rows[:5]]
    summary = winback_summary(db, AbsenceRules())
    assert summary.came_back >= 5 and summary.revenue > 0
    assert summary.contacted >= summary.came_back
    db.close()
