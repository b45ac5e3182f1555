"""A Persian export speaks Persian in every header, and its words come back in on import.

The VIP column's header is «ویژه» in a Persian sheet (the window's word), ``VIP`` in an
English one; the importer reads both, and the header of sheets exported before («VIP» in a
Persian sheet). The visits sheet's time is a real Excel time of day, like its Gregorian date,
and comes back as the visit's time.
"""

from __future__ import annotations

from datetime import datetime, time

import openpyxl
import pytest
from sqlalchemy import select

from shopcrm.domain.dates import utc_to_local
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.excel.exporter import export, export_customers, run_to_end
from shopcrm.services.excel.importer import import_customers
from shopcrm.services.excel.importer import run_to_end as import_to_end
from shopcrm.services.excel.visit_import import import_visits
from shopcrm.storage.db import open_database
from shopcrm.storage.models import Customer, Visit


@pytest.fixture
def source(sqlite_db):
    customers = CustomerService(sqlite_db)
    star = customers.add(CustomerInput(name="مریم ویژه", mobile="09121234567", vip=True))
    customers.add(CustomerInput(name="زهرا", mobile="09351234567"))
    VisitService(sqlite_db).add(star, VisitInput(at="1403/05/17 23:30", amount="500000"))
    return sqlite_db


def vip_of(path, tmp_path, name: str) -> dict[str, bool]:
    """Import the sheet at ``path`` into a new empty book: VIP flag by mobile."""
    book = open_database(f"sqlite:///{tmp_path / name}")
    try:
        report = import_to_end(import_customers(book, path, backup=False))
        assert report.inserted == 2 and report.extra_columns == []
        with book.session() as s:
            return {c.mobile: c.vip for c in s.scalars(select(Customer))}
    finally:
        book.close()


def test_vip_header_is_persian_and_the_mark_comes_back(source, tmp_path):
    out = tmp_path / "customers.xlsx"
    run_to_end(export_customers(source, out, lang="fa"))
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert "VIP" not in header and "ویژه" in header
    expected = {"09121234567": True, "09351234567": False}
    assert vip_of(out, tmp_path, "new.sqlite3") == expected

    # a sheet exported before this change carries «VIP» among Persian headers
    wb = openpyxl.load_workbook(out)
    wb.active.cell(1, header.index("ویژه") + 1).value = "VIP"
    old = tmp_path / "old.xlsx"
    wb.save(old)
    assert vip_of(old, tmp_path, "old.sqlite3") == expected


def test_english_export_keeps_vip_and_comes_back(source, tmp_path):
    out = tmp_path / "customers-en.xlsx"
    run_to_end(export_customers(source, out, lang="en"))
    assert "VIP" in [c.value for c in openpyxl.load_workbook(out).active[1]]
    assert vip_of(out, tmp_path, "en.sqlite3") == {"09121234567": True, "09351234567": False}


def test_visit_time_is_an_excel_time_and_comes_back(source, tmp_path):
    out = tmp_path / "visits.xlsx"
    run_to_end(export(source, out, "visits", lang="fa"))
    row = list(openpyxl.load_workbook(out).active[2])
    assert row[0].value == "۱۴۰۳/۰۵/۱۷"
    assert row[1].value == time(23, 30) and row[1].number_format == "hh:mm"
    book = open_database(f"sqlite:///{tmp_path / 'visits.sqlite3'}")
    try:
        report = import_to_end(import_visits(book, out, backup=False, create_customers=True))
        assert report.inserted == 1
        with book.session() as s:
            at = s.scalar(select(Visit.at))
        assert utc_to_local(at).replace(tzinfo=None) == datetime(2024, 8, 7, 23, 30)
    finally:
        book.close()
