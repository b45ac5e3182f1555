"""Exports to .xlsx: what the owner sees, what the XML holds, and no half-written file."""

from __future__ import annotations

import re
import threading
import tracemalloc
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from shopcrm.domain.dates import format_jalali, local_today, to_jalali
from shopcrm.errors import Cancelled, InvalidInput, NotFound
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.excel.exporter import (
    CUSTOMER_COLUMNS,
    ExportProgress,
    ExportResult,
    export,
    export_customers,
    run_to_end,
)
from shopcrm.storage.models import Campaign, OutboxMessage

RISKY = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+98 912 000", "-2+3", "@SUM(A1:A9)",
         "\t=1+1", "\r=1+1"]


def day(n: int) -> str:
    """The local date ``n`` days ago, ISO, at 10:00."""
    return f"{local_today() - timedelta(days=n)} 10:00"


@pytest.fixture
def book(db):
    customers = CustomerService(db)
    visits = VisitService(db)
    ids = {}
    ids["maryam"] = customers.add(CustomerInput(
        name="مریم احمدی", mobile="09121234567", phone2="02188776655",
        email="maryam@example.com", birthday="1370/01/05", gender="female", city="تهران",
        address="ولیعصر", referral="اینستاگرام", notes="رنگ: قهوه‌ای\nصبح‌ها", vip=True,
        tags=["همکار", "عروس"]))
    customers.set_opt_out(ids["maryam"], "sms")
    for n in (400, 300, 250, 200):  # a regular gone for 200 days: absent
        visits.add(ids["maryam"], VisitInput(at=day(n), amount="1250000", service="رنگ مو",
                                             payment_method="card", satisfaction="5"))
    ids["weekly"] = customers.add(CustomerInput(name="زهرا هفتگی", mobile="09351234567"))
    for n in (68, 61, 54, 47, 40):  # weekly, gone 40 days: overdue
        visits.add(ids["weekly"], VisitInput(at=day(n), amount="500000"))
    for i, text in enumerate(RISKY):
        ids[f"risky{i}"] = customers.add(CustomerInput(name=text, mobile=f"0912000000{i}",
                                                       notes=text, city=text))
    gone = customers.add(CustomerInput(name="در سطل", mobile="09129999999"))
    customers.delete(gone)
    return ids


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def styles_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/styles.xml").decode("utf-8")


def rows_of(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_customer_sheet_as_the_owner_sees_it(db, book, tmp_path):
    out = tmp_path / "customers.xlsx"
    events = list(export_customers(db, out, currency="toman"))
    assert isinstance(events[-1], ExportResult) and events[-1].rows == 8
    assert all(isinstance(e, ExportProgress) for e in events[:-1])
    assert events[-2].done == 8
    ws = openpyxl.load_workbook(out).active
    assert ws.sheet_view.rightToLeft and ws.title == "مشتریان"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:T9"
    header = [c.value for c in ws[1]]
    assert header == [c.header("fa", "toman") for c in CUSTOMER_COLUMNS]
    assert header[16] == "جمع خرید (تومان)"  # the header names the unit of its numbers
    assert all(c.font.b for c in ws[1])
    rows = {r[2].value: r for r in ws.iter_rows(min_row=2)}
    assert "09129999999" not in rows  # the trash stays out
    m = rows["09121234567"]
    values = [c.value for c in m]
    assert values[:6] == [book["maryam"], "مریم احمدی", "09121234567", "02188776655",
                          "maryam@example.com", "۱۳۷۰/۰۱/۰۵"]
    assert m[2].data_type == "s"  # the mobile is text, its leading 0 kept
    assert m[6].value == datetime(1991, 3, 25) and m[6].is_date
    assert values[7:13] == ["زن", "تهران", "ولیعصر", "اینستاگرام", "عروس، همکار", "بله"]
    assert values[13] == 4  # visits
    last = local_today() - timedelta(days=200)
    assert values[14] == format_jalali(last) and m[15].value.date() == last
    assert values[16] == 500_000 and m[16].number_format == "#,##0"  # 5,000,000 rials
    assert values[17:] == ["بله", None, "رنگ: قهوه‌ای\nصبح‌ها"]
    widths = {k: ws.column_dimensions[k].width for k in ("A", "B", "C", "T")}
    assert 6 <= widths["A"] < widths["B"] <= 33 and widths["C"] >= 13 and widths["T"] <= 61


def test_formula_like_texts_are_plain_strings(db, book, tmp_path):
    out = tmp_path / "c.xlsx"
    run_to_end(export_customers(db, out))
    xml = sheet_xml(out)
    assert "<f>" not in xml and "<f " not in xml
    quote_styles = [i for i, xf in enumerate(re.findall(
        r"<xf [^>]*?(?:/>|>.*?</xf>)", styles_xml(out).split("<cellXfs")[1]))
        if 'quotePrefix="1"' in xf]
    assert quote_styles
    ws = openpyxl.load_workbook(out).active
    by_mobile = {r[2].value: r for r in ws.iter_rows(min_row=2)}
    for i in range(len(RISKY)):
        stored = CustomerService(db).get(book[f"risky{i}"])  # names are cleaned on input
        row = by_mobile[f"0912000000{i}"]
        for cell, text in ((row[1], stored.name), (row[8], stored.city),
                           (row[19], stored.notes)):
            ref = cell.coordinate
            c = re.search(rf'<c r="{ref}"([^>]*)>(.*?)</c>', xml).groups()
            assert 't="inlineStr"' in c[0] and "<f>" not in c[1], (ref, c)
            assert int(re.search(r's="(\d+)"', c[0]).group(1)) in quote_styles
            assert cell.data_type == "s" and cell.value == text
    # calamine (what the import reads with) sees the same texts
    sheet = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0)
    names = {r[2]: r[1] for r in sheet.to_python()[1:]}
    assert names["09120000000"] == RISKY[0] and names["09120000003"] == "@SUM(A1:A9)"


def test_tab_and_carriage_return_starts(tmp_path):
    from shopcrm.services.excel.exporter import Column, SheetWriter

    out = tmp_path / "w.xlsx"
    writer = SheetWriter(out, [Column("متن", "Text")])
    for text in ("\t=1+1", "\r=1+1", "=1+1", "-", "عادی"):
        writer.write([text])
    writer.commit()
    xml = sheet_xml(out)
    assert "<f>" not in xml
    cells = re.findall(r'<c r="A(\d)"([^>]*)>', xml)
    styled = {int(row) for row, attrs in cells if 's="' in attrs}
    assert styled == {1, 2, 3, 4, 5} - {6}  # header (bold) and the four risky texts
    values = [r[0] for r in python_calamine.CalamineWorkbook.from_path(str(out))
              .get_sheet_by_index(0).to_python()[1:]]
    assert values == ["\t=1+1", "\r=1+1", "=1+1", "-", "عادی"]
    ws = openpyxl.load_workbook(out).active
    assert ws["A6"].style_id == 0 and ws["A2"].quotePrefix


def test_customers_of_a_segment_or_a_search(db, book, tmp_path):
    from shopcrm.config import Settings

    out = tmp_path / "s.xlsx"
    result = run_to_end(export(db, out, "customers", segment="tag:همکار", settings=Settings()))
    assert result.rows == 1 and rows_of(out)[1][1] == "مریم احمدی"
    result = run_to_end(export(db, out, "customers", segment="absent", settings=Settings()))
    assert [r[1] for r in rows_of(out)[1:]] == ["مریم احمدی"]
    result = run_to_end(export(db, out, "customers", search="هفتگی"))
    assert [r[2] for r in rows_of(out)[1:]] == ["09351234567"]
    result = run_to_end(export(db, out, "customers", segment="vip", search="مریم",
                               settings=Settings()))
    assert result.rows == 1
    with pytest.raises(InvalidInput):
        run_to_end(export(db, out, "customers", segment="nonsense", settings=Settings()))


def test_visits_sheet(db, book, tmp_path):
    out = tmp_path / "v.xlsx"
    result = run_to_end(export(db, out, "visits", currency="rial"))
    assert result.rows == 9
    assert result.columns[5] == "مبلغ (ریال)"
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "مراجعات" and ws.sheet_view.rightToLeft
    first = [c for c in ws[2]]
    when = local_today() - timedelta(days=400)
    y, m, d = to_jalali(when)
    assert first[0].value == format_jalali(when) and first[1].value == time(10, 0)
    assert first[1].number_format == "hh:mm"  # a real Excel time, not the text "10:00"
    assert first[2].value == datetime(when.year, when.month, when.day, 10, 0)
    assert first[2].number_format == "yyyy-mm-dd hh:mm"
    assert [c.value for c in first[3:]] == ["مریم احمدی", "09121234567", 1_250_000,
                                           "رنگ مو", None, "کارت", 5, None, "دستی"]
    assert first[5].number_format == "#,##0"
    assert (y, m, d) == to_jalali(when)


def test_absent_and_overdue_lists(db, book, tmp_path):
    from shopcrm.config import Settings

    out = tmp_path / "a.xlsx"
    assert run_to_end(export(db, out, "absent", settings=Settings())).rows == 1
    (row,) = rows_of(out)[1:]
    assert row[:4] == (book["maryam"], "مریم احمدی", "09121234567", 4)
    assert row[6] == 200 and row[8] == 500_000 and row[10]  # tomans, the default unit
    assert run_to_end(export(db, out, "overdue", settings=Settings())).rows == 2
    rows = {r[2]: r for r in rows_of(out)[1:]}  # the absent regular is overdue too
    row = rows["09351234567"]
    assert row[1:4] == ("زهرا هفتگی", "09351234567", 5) and row[6] == 40 and row[7] == 7
    assert openpyxl.load_workbook(out).active.title == "دیرکرده"


def test_campaign_results(db, book, tmp_path):
    with db.session() as s:
        campaign = Campaign(name="بازگشت/غایبان", channel="sms", template="سلام {name}")
        s.add(campaign)
        s.flush()
        s.add_all([
            OutboxMessage(campaign_id=campaign.id, customer_id=book["maryam"], channel="sms",
                          recipient="09121234567", body="سلام مریم", parts=1, status="delivered",
                          provider_status=10, cost=1_200, attempts=1,
                          sent_at=datetime(2024, 8, 7, 6, 30)),
            OutboxMessage(campaign_id=campaign.id, customer_id=book["weekly"], channel="sms",
                          recipient="09351234567", body="=سلام", parts=1, status="failed",
                          error_text="خط مسدود است", attempts=3),
        ])
        cid = campaign.id
    out = tmp_path / "camp.xlsx"
    assert run_to_end(export(db, out, "campaign", campaign_id=cid,
                             currency="rial")).rows == 2
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "بازگشت غایبان"
    first, second = list(ws.iter_rows(min_row=2, values_only=True))
    assert first[1:8] == ("مریم احمدی", "09121234567", "پیامک", "رسید", 10, 1, 1200)
    assert first[9] == "۱۴۰۳/۰۵/۱۷ ۱۰:۰۰" and first[10] == datetime(2024, 8, 7, 10, 0)
    assert second[4] == "ناموفق" and second[11] == "خط مسدود است" and second[12] == "=سلام"
    with pytest.raises(InvalidInput):
        run_to_end(export(db, out, "campaign"))
    with pytest.raises(NotFound):
        run_to_end(export(db, out, "campaign", campaign_id=999))


def test_english_headers(db, book, tmp_path):
    out = tmp_path / "en.xlsx"
    run_to_end(export(db, out, "customers", lang="en"))
    ws = openpyxl.load_workbook(out).active
    assert not ws.sheet_view.rightToLeft and ws.title == "Customers"
    assert ws["B1"].value == "Name"
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "09121234567")
    assert row[5] == "1370/01/05" and row[7] == "female" and row[11] == "عروس, همکار"


def test_cancel_and_failure_leave_no_file(db, book, tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "scratch"  # xlsxwriter's own temporary files
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "c.xlsx"
    cancel = threading.Event()
    events = export_customers(db, out, cancel=cancel, page=2)
    with pytest.raises(Cancelled):
        for event in events:
            if isinstance(event, ExportProgress) and event.done:
                cancel.set()
    assert list(tmp_path.iterdir()) == []
    # an existing file stays as it was
    out.write_bytes(b"old")
    cancel = threading.Event()
    events = export_customers(db, out, cancel=cancel, page=2)
    with pytest.raises(Cancelled):
        for event in events:
            if isinstance(event, ExportProgress) and event.done:
                cancel.set()
    assert out.read_bytes() == b"old" and list(tmp_path.iterdir()) == [out]
    # stopping halfway (a window closed) leaves nothing either
    events = export_customers(db, tmp_path / "d.xlsx", page=2)
    next(events), next(events)
    events.close()
    assert list(tmp_path.iterdir()) == [out]
    assert list(scratch.iterdir()) == []


def test_bad_targets(db, tmp_path):
    with pytest.raises(InvalidInput) as err:
        run_to_end(export(db, tmp_path / "x.csv"))
    assert err.value.code == "export_not_xlsx"
    with pytest.raises(InvalidInput) as err:
        run_to_end(export(db, tmp_path / "nowhere" / "x.xlsx"))
    assert err.value.code == "export_folder_missing"
    with pytest.raises(InvalidInput) as err:
        run_to_end(export(db, tmp_path / "x.xlsx", "everything"))
    assert err.value.code == "export_unknown_what"
    with pytest.raises(InvalidInput) as err:
        run_to_end(export(db, tmp_path / "x.xlsx", "visits", segment="vip"))
    assert err.value.code == "export_filter_customers_only"


def _fill(db, tmp_path: Path, rows: int) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
    import make_fixtures as fx

    from shopcrm.services.excel.importer import import_customers
    from shopcrm.services.excel.importer import run_to_end as finish

    finish(import_customers(db, fx.big_customers_xlsx(tmp_path / f"b{rows}.xlsx", rows=rows),
                            backup=False))


def test_memory_stays_flat(sqlite_db, tmp_path):
    """Peak Python memory of exporting 6,000 customers is about that of 1,500."""
    peaks = []
    for rows in (1500, 4500):
        _fill(sqlite_db, tmp_path, rows)  # 1,500 then 6,000 in the book
        tracemalloc.start()
        run_to_end(export_customers(sqlite_db, tmp_path / "m.xlsx", page=500))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < peaks[0] * 1.5, peaks


def test_dates_of_the_sheet_are_local(db, tmp_path):
    customers = CustomerService(db)
    cid = customers.add(CustomerInput(name="شب", mobile="09121112222"))
    # 23:30 Tehran time is still that day, though UTC is already 20:00 of the same day
    VisitService(db).add(cid, VisitInput(at="1403/05/17 23:30"))
    out = tmp_path / "v.xlsx"
    run_to_end(export(db, out, "visits"))
    row = rows_of(out)[1]
    assert row[0] == "۱۴۰۳/۰۵/۱۷" and row[1] == time(23, 30)
    assert row[2] == datetime(2024, 8, 7, 23, 30)
    run_to_end(export(db, out, "customers"))
    row = rows_of(out)[1]
    assert row[14] == "۱۴۰۳/۰۵/۱۷" and row[15] == datetime(2024, 8, 7)
    assert date(2024, 8, 7) == row[15].date()
