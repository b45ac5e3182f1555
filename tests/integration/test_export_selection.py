"""Exporting the customers picked in the window: their rows, in the order picked."""

from __future__ import annotations

import openpyxl
import pytest

from shopcrm.errors import Cancelled, InvalidInput
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.excel.export_selection import export_customer_ids
from shopcrm.services.excel.exporter import CUSTOMER_COLUMNS, run_to_end
from shopcrm.storage.db import open_database


@pytest.fixture
def book(db_url):
    db = open_database(db_url)
    yield db
    db.close()


def test_the_picked_customers_in_the_order_picked(book, tmp_path):
    people = CustomerService(book)
    ids = [people.add(CustomerInput(name=name, mobile=f"0912000000{n}", tags=["ویژه"]))
           for n, name in enumerate(("مریم", "=SUM(A1)", "Ali", "ژاله", "بهار"))]
    people.delete(ids[3])
    picked = [ids[4], ids[1], ids[3], ids[0], ids[4]]  # one in the trash, one twice
    out = tmp_path / "picked.xlsx"
    events = list(export_customer_ids(book, out, picked, lang="en", chunk=2))
    result = events[-1]
    assert result.rows == 3 and result.what == "customers"
    assert events[0].total == 4  # asked for, before the trash is left out
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == tuple(c.en for c in CUSTOMER_COLUMNS[:3])
    assert [r[1] for r in rows[1:]] == ["بهار", "=SUM(A1)", "مریم"]
    assert [r[2] for r in rows[1:]] == ["09120000004", "09120000001", "09120000000"]
    assert rows[1][11] == "ویژه"
    assert sheet.sheet_view.rightToLeft in (None, False)


def test_persian_sheet_right_to_left_and_cancel_leaves_nothing(book, tmp_path):
    people = CustomerService(book)
    ids = [people.add(CustomerInput(name=f"مشتری {n}", mobile=f"091200000{n:02d}"))
           for n in range(30)]
    out = tmp_path / "fa.xlsx"
    run_to_end(export_customer_ids(book, out, ids, lang="fa", chunk=7))
    wb = openpyxl.load_workbook(out)
    assert wb.active.title == "مشتریان" and wb.active.sheet_view.rightToLeft
    assert wb.active.max_row == 31
    stop = tmp_path / "stopped.xlsx"
    with pytest.raises(Cancelled):
        run_to_end(export_customer_ids(book, stop, ids, cancel=lambda: True))
    assert not stop.exists() and not list(tmp_path.glob(".stopped*"))
    with pytest.raises(InvalidInput):
        run_to_end(export_customer_ids(book, tmp_path / "x.csv", ids))
