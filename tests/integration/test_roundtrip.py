"""Export a book, import the file into an empty book: the same customers, field for field
(their visit count and total spent included: the spending column goes to ``prior_spent``).

Importing the file again into that book changes nothing, whatever the duplicate policy.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shopcrm.domain.dates import local_date_of
from shopcrm.services.customers.demo import generate_demo
from shopcrm.services.excel.exporter import export_customers
from shopcrm.services.excel.exporter import run_to_end as export_to_end
from shopcrm.services.excel.importer import import_customers, run_to_end
from shopcrm.storage.db import open_database
from shopcrm.storage.models import Customer, ImportChange, Visit


def customers(db) -> dict[str, tuple]:
    """Every customer by mobile: the owner's fields, tags, opt-outs, visit counts and
    total spent."""
    out = {}
    with db.session() as s:
        for c in s.scalars(select(Customer).where(Customer.deleted_at.is_(None))):
            last = local_date_of(c.last_visit_at) if c.last_visit_at else None
            out[c.mobile or c.mobile_raw] = (
                c.name, c.mobile, c.mobile_raw, c.phone2, c.email, c.birthday, c.gender,
                c.city, c.address, c.referral, c.notes, tuple(sorted(t.name for t in c.tags)),
                bool(c.vip), bool(c.sms_opt_out), bool(c.email_opt_out),
                c.visit_count + c.prior_visits, last, c.name_key, c.total_spent)
    return out


def state(db) -> tuple:
    with db.session() as s:
        rows = s.execute(select(Customer.id, Customer.version, Customer.updated_at)
                         .order_by(Customer.id)).all()
        visits = s.scalar(select(func.count()).select_from(Visit))
        changes = s.scalar(select(func.count()).select_from(ImportChange))
    return rows, visits, changes


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    source = open_database(f"sqlite:///{folder / 'demo.sqlite3'}")
    list(generate_demo(source, 10_000, seed=7))
    path = folder / "customers.xlsx"
    result = export_to_end(export_customers(source, path))
    assert result.rows == 10_000
    expected = customers(source)
    source.close()
    return path, expected


def test_export_then_import_gives_the_same_customers(demo_export, tmp_path):
    path, expected = demo_export
    target = open_database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        report = run_to_end(import_customers(target, path, backup=False))
        assert (report.inserted, report.error_rows, report.skipped) == (10_000, 0, 0)
        assert report.extra_columns == [] and not report.warnings
        got = customers(target)
        # what the report says came in is what the book holds
        spent = [f[-1] for f in expected.values() if f[-1]]
        assert (report.spent_customers, report.spent_amount) == (len(spent), sum(spent))
        assert sum(spent) > 0
        with target.reading() as s:
            assert s.scalar(select(func.sum(Customer.prior_spent))) == sum(spent)
            assert s.scalar(select(func.count()).where(Customer.prior_spent > 0)) == len(spent)
        assert got.keys() == expected.keys()
        for mobile, fields in expected.items():
            assert got[mobile] == fields, mobile
        before = state(target)
        for policy in ("overwrite", "fill"):
            again = run_to_end(import_customers(target, path, backup=False,
                                                on_duplicate=policy))
            assert (again.inserted, again.updated, again.visits_inserted) == (0, 0, 0), policy
            assert again.skipped == 10_000
            assert state(target) == before, policy
        assert customers(target) == expected
    finally:
        target.close()


@pytest.mark.postgres
def test_roundtrip_on_postgresql(postgres_server, tmp_path):
    with postgres_server.database() as first, postgres_server.database() as second:
        source, target = open_database(first), open_database(second)
        try:
            list(generate_demo(source, 400, seed=11))
            path = tmp_path / "c.xlsx"
            export_to_end(export_customers(source, path))
            report = run_to_end(import_customers(target, path, backup=False))
            assert report.inserted == 400
            expected = customers(source)
            assert customers(target) == expected
            spent = [f[-1] for f in expected.values() if f[-1]]
            assert (report.spent_customers, report.spent_amount) == (len(spent), sum(spent))
            before = state(target)
            again = run_to_end(import_customers(target, path, on_duplicate="overwrite",
                                                backup=False))
            assert again.inserted == again.updated == 0 and state(target) == before
        finally:
            source.close()
            target.close()
