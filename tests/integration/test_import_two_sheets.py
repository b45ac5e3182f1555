"""A book moved by its two sheets: the customer list and the visit list, exported to real
.xlsx files and imported into an empty book in either order, give the source's figures per
customer (visits, spending, last visit), not twice them: the visits take the place of the
list's summary (``services/excel/list_summary``). Importing the visits again adds nothing;
undoing the visits import gives back the book as the customer import left it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopcrm.domain.dates import local_date_of
from shopcrm.services.customers.demo import generate_demo
from shopcrm.services.excel.exporter import export_customers, export_visits
from shopcrm.services.excel.exporter import run_to_end as export_to_end
from shopcrm.services.excel.importer import (
    import_customers,
    import_visits,
    run_to_end,
    undo_import,
)
from shopcrm.storage.db import open_database
from shopcrm.storage.models import Customer, Visit


def figures(db) -> dict[str, tuple]:
    """Per customer (by mobile): visits in all, total spent, last visit's day."""
    with db.reading() as s:
        rows = s.execute(select(Customer.mobile, Customer.visit_count, Customer.prior_visits,
                                Customer.total_spent, Customer.last_visit_at)
                         .where(Customer.deleted_at.is_(None))).all()
    return {m: (n + p, spent, local_date_of(last) if last else None)
            for m, n, p, spent, last in rows}


def book(db) -> tuple[list, list]:
    """Every customer column but ``updated_at`` (a summary refresh moves it) and every
    visit column: the book, to compare exactly."""
    customer = [c for c in Customer.__table__.c if c.name != "updated_at"]
    with db.reading() as s:
        customers = [tuple(r) for r in s.execute(select(*customer).order_by(Customer.id))]
        visits = [tuple(r) for r in s.execute(select(*Visit.__table__.c).order_by(Visit.id))]
    return customers, visits


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_sheets")
    source = open_database(f"sqlite:///{folder / 'demo.sqlite3'}")
    list(generate_demo(source, 150, seed=11))
    customers_path, visits_path = folder / "customers.xlsx", folder / "visits.xlsx"
    export_to_end(export_customers(source, customers_path))
    export_to_end(export_visits(source, visits_path))
    expected = figures(source)
    source.close()
    assert sum(n for n, _, _ in expected.values()) > 150  # customers with many visits
    return customers_path, visits_path, expected


def test_customers_then_visits_give_the_source_figures(sheets, db):
    customers_path, visits_path, expected = sheets
    first = run_to_end(import_customers(db, customers_path, backup=False))
    after_customers = book(db)
    assert first.visits_inserted == len(expected)  # one placeholder each (all have visits)

    dry = run_to_end(import_visits(db, visits_path, dry_run=True, backup=False))
    report = run_to_end(import_visits(db, visits_path, backup=False))
    assert figures(db) == expected
    with db.reading() as s:
        prior = s.execute(select(Customer.prior_visits, Customer.prior_spent)).all()
        visits = len(s.execute(select(Visit.id)).all())
    assert set(prior) == {(0, 0)}  # every visit of the list is in the book now
    # the report's figures are what landed (and the dry run said the same)
    before_visits = len(after_customers[1])
    assert visits == before_visits + report.visits_inserted - report.placeholders_replaced
    assert report.placeholders_replaced == len(expected)
    assert report.summary_customers == len(expected)
    assert report.summary_visits == report.visits_inserted
    before_prior = {r[0]: r for r in after_customers[0]}
    names = [c.name for c in Customer.__table__.c if c.name != "updated_at"]
    pv, ps = names.index("prior_visits"), names.index("prior_spent")
    assert report.prior_visits_less == sum(r[pv] for r in before_prior.values())
    assert report.prior_spent_less == sum(r[ps] for r in before_prior.values()) > 0
    assert dry.counts() == {**report.counts()}

    again = run_to_end(import_visits(db, visits_path, backup=False))
    assert (again.visits_inserted, again.summary_customers) == (0, 0)
    assert figures(db) == expected

    undone = undo_import(db, report.batch_id, backup=False)
    assert undone.done and not undone.conflicts
    assert book(db) == after_customers


def test_visits_then_customers_give_the_source_figures(sheets, db):
    customers_path, visits_path, expected = sheets
    run_to_end(import_visits(db, visits_path, create_customers=True, backup=False))
    assert figures(db) == expected
    for policy in ("skip", "fill"):
        report = run_to_end(import_customers(db, customers_path, on_duplicate=policy,
                                             backup=False))
        assert report.visits_inserted == 0
        assert figures(db) == expected


def test_cli_says_how_many_visits_took_the_list_s_place(sheets, tmp_path, run_cli):
    customers_path, visits_path, expected = sheets
    target = str(tmp_path / "cli.sqlite3")
    assert run_cli("--db", target, "import", str(customers_path))[0] == 0
    code, out, _ = run_cli("--db", target, "--lang", "en", "import-visits", str(visits_path))
    assert code == 0
    n = len(expected)
    assert f"the customer list's summary of {n:,} customers: {n:,} imported last visits " \
           "replaced" in out
    database = open_database(f"sqlite:///{target}")
    try:
        assert figures(database) == expected
    finally:
        database.close()


def _split_by_day(path, tmp_path):
    """The visits sheet cut in two files at the middle day: the older visits, the rest."""
    import datetime as dt

    import openpyxl

    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    column = next(i for i, v in enumerate(rows[-1]) if isinstance(v, dt.datetime | dt.date))
    first = next(n for n, r in enumerate(rows) if isinstance(r[column], dt.datetime | dt.date))
    days = sorted(r[column] for r in rows[first:])
    cut = days[len(days) // 2]
    parts = []
    for name, keep in (("older", lambda d: d < cut), ("newer", lambda d: d >= cut)):
        book = openpyxl.Workbook()
        for r in rows[:first] + [r for r in rows[first:] if keep(r[column])]:
            book.active.append(list(r))
        book.save(tmp_path / f"{name}.xlsx")
        parts.append(tmp_path / f"{name}.xlsx")
    return parts


def test_two_visit_imports_undone_in_either_order_keep_the_figures(sheets, db, tmp_path):
    """A visits import undone while a later one stays gives back only what it took: the
    book then reads as if only the later one had been imported; undoing that too gives back
    the list's figures (imports undone out of order once put back absolute figures)."""
    customers_path, visits_path, expected = sheets
    older, newer = _split_by_day(visits_path, tmp_path)
    run_to_end(import_customers(db, customers_path, backup=False))
    after_customers = figures(db)
    first = run_to_end(import_visits(db, older, backup=False))
    second = run_to_end(import_visits(db, newer, backup=False))
    assert first.visits_inserted and second.visits_inserted
    assert figures(db) == expected  # the two halves make the whole

    # the same book with only the newer half imported, built on its own
    from shopcrm.storage.db import open_database

    alone = open_database(f"sqlite:///{tmp_path / 'alone.sqlite3'}")
    run_to_end(import_customers(alone, customers_path, backup=False))
    run_to_end(import_visits(alone, newer, backup=False))
    only_newer = figures(alone)
    alone.close()

    assert undo_import(db, first.batch_id, backup=False).done
    assert figures(db) == only_newer
    assert undo_import(db, second.batch_id, backup=False).done
    assert figures(db) == after_customers
