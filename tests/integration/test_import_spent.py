"""The spending column of an export («جمع خرید (تومان)», ``Spent (rials)``) comes back as
``prior_spent``: part of the customer's total spent, said in the report, undone with the
import, kept through visit edits and merges."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.excel.importer import import_customers, run_to_end, undo_import
from shopcrm.storage.models import Customer, Visit


def sheet(path: Path, headers: list[str], *rows: list[object]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def imp(db, path, **kw):
    kw.setdefault("backup", False)
    return run_to_end(import_customers(db, path, **kw))


def money(db, mobile: str) -> tuple[int, int, int]:
    """(prior_spent, total_spent, the visits' amounts) of the customer with ``mobile``."""
    with db.reading() as s:
        c = s.execute(select(Customer.id, Customer.prior_spent, Customer.total_spent)
                      .where(Customer.mobile == mobile)).one()
        visits = sum(a or 0 for a in s.scalars(select(Visit.amount)
                                               .where(Visit.customer_id == c.id)))
    return c.prior_spent, c.total_spent, visits


def test_tomans_and_rials_headers_new_customers(db, tmp_path):
    fa = sheet(tmp_path / "fa.xlsx", ["نام", "موبایل", "تعداد مراجعه", "آخرین مراجعه",
                                      "جمع خرید (تومان)"],
               ["مینا", "09120000001", 3, "1403/05/10", 850_000],
               ["نگار", "09120000002", 1, "1403/05/11", None],
               ["رها", "09120000003", 2, "1403/05/12", "۱۲۰٬۰۰۰"])
    report = imp(db, fa)
    assert (report.inserted, report.spent_customers, report.spent_amount) == (
        3, 2, 8_500_000 + 1_200_000)
    assert money(db, "09120000001") == (8_500_000, 8_500_000, 0)
    assert money(db, "09120000002") == (0, 0, 0)
    assert money(db, "09120000003") == (1_200_000, 1_200_000, 0)
    en = sheet(tmp_path / "en.xlsx", ["Name", "Mobile", "Spent (rials)"],
               ["Lale", "09120000004", 75_000])
    assert imp(db, en).spent_amount == 75_000
    assert money(db, "09120000004") == (75_000, 75_000, 0)


def test_a_header_without_unit_is_still_left_out(db, tmp_path):
    path = sheet(tmp_path / "a.xlsx", ["نام", "موبایل", "جمع خرید"], ["مینا", "09120000001", 9])
    report = imp(db, path)
    assert (report.spent_customers, report.extra_columns) == (0, [])
    assert money(db, "09120000001") == (0, 0, 0)


def test_book_customer_gets_what_its_visits_do_not_cover_and_undo_restores(db, tmp_path):
    cid = CustomerService(db).add(CustomerInput(name="مینا", mobile="09120000001"))
    VisitService(db).add(cid, VisitInput(at="1403/02/01 10:00", amount=300_000))
    VisitService(db).add(cid, VisitInput(at="1403/09/01 10:00", amount=50_000))  # after
    _, total, visits = money(db, "09120000001")
    assert total == visits > 0
    before_first = money(db, "09120000001")
    with db.reading() as s:
        first_amount = s.scalar(select(Visit.amount).where(Visit.customer_id == cid)
                                .order_by(Visit.at))
    listed = first_amount + 2_000_000
    path = sheet(tmp_path / "a.xlsx", ["نام", "موبایل", "آخرین مراجعه", "جمع خرید (ریال)"],
                 ["مینا", "09120000001", "1403/05/10", listed])
    report = imp(db, path, on_duplicate="fill")
    assert (report.updated, report.spent_customers, report.spent_amount) == (1, 1, 2_000_000)
    prior, total, visits = money(db, "09120000001")
    # the list's total covers the book's visit of 1403/02/01 (not the later one)
    assert (prior, total) == (2_000_000, visits + 2_000_000)
    # a visit edited later keeps the spending before the book in the total
    VisitService(db).add(cid, VisitInput(at="1403/10/01 10:00", amount=10_000))
    prior, total, visits = money(db, "09120000001")
    assert (prior, total) == (2_000_000, visits + 2_000_000)
    # importing the same list again finds nothing to change
    assert imp(db, path, on_duplicate="fill").spent_customers == 0
    assert undo_import(db, report.batch_id, force=True).done
    prior, total, visits = money(db, "09120000001")
    assert (prior, total) == (0, visits) and visits > before_first[2]


def test_merging_two_customers_adds_their_spending_before_the_book(db, tmp_path):
    path = sheet(tmp_path / "a.xlsx", ["نام", "موبایل", "جمع خرید (تومان)"],
                 ["مینا", "09120000001", 100_000], ["مینا ب", "09120000002", 40_000])
    imp(db, path)
    with db.reading() as s:
        ids = {m: i for m, i in s.execute(select(Customer.mobile, Customer.id))}
    view = CustomerService(db).merge(ids["09120000001"], ids["09120000002"])
    assert view.total_spent == 1_400_000
    assert money(db, "09120000001") == (1_400_000, 1_400_000, 0)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_command_line_says_it(run_cli, db_url, tmp_path, lang, config_dir):
    path = sheet(tmp_path / "a.xlsx", ["نام", "موبایل", "جمع خرید (تومان)"],
                 ["مینا", "09120000001", 100_000], ["نگار", "09120000002", 20_000])
    code, out, err = run_cli("--db", db_url, "--lang", lang, "import", str(path),
                             "--no-backup")
    assert code == 0, err
    if lang == "fa":
        assert "خرید پیش از دفتر ۲ مشتری از ستون «جمع خرید» آورده شد: ۱۲۰٬۰۰۰ تومان" in out
    else:
        assert ("brought spending before the book from the spending column for 2 customers: "
                "120,000 tomans") in out


def test_an_overwrite_reports_only_the_spending_it_added(db, tmp_path):
    """A second list raising a customer's spending before the book from 500,000 to 700,000
    toman brought in 200,000, not 700,000; one lowering it brought nothing in."""
    headers = ["نام", "موبایل", "جمع خرید (تومان)"]
    imp(db, sheet(tmp_path / "a.xlsx", headers, ["مینا", "09120000001", 500_000]))
    raised = imp(db, sheet(tmp_path / "b.xlsx", headers, ["مینا", "09120000001", 700_000]),
                 on_duplicate="overwrite")
    assert (raised.updated, raised.spent_customers, raised.spent_amount) == (1, 1, 2_000_000)
    assert money(db, "09120000001") == (7_000_000, 7_000_000, 0)
    lowered = imp(db, sheet(tmp_path / "c.xlsx", headers, ["مینا", "09120000001", 100_000]),
                  on_duplicate="overwrite")
    assert (lowered.updated, lowered.spent_customers, lowered.spent_amount) == (1, 0, 0)
    assert money(db, "09120000001") == (1_000_000, 1_000_000, 0)
