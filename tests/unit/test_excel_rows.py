"""Excel import, the values: typed candidate rows and row issues, checked row by row."""

from __future__ import annotations

import datetime as dt
import importlib.util
import threading
import time
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shopcrm.error_text import MESSAGES, describe
from shopcrm.errors import Cancelled
from shopcrm.services.excel import (
    CustomerRow,
    ParsedSheet,
    Progress,
    build_table,
    iter_customer_rows,
    iter_rows,
    open_customer_table,
    open_workbook,
    parse_customers,
    read_customers,
    read_visits,
)
from shopcrm.services.excel.rows import RowIssue

DATA = Path(__file__).resolve().parents[1] / "data"
_spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)


def by_row(parsed: ParsedSheet) -> dict[int, CustomerRow]:
    return {r.row_number: r for r in parsed.rows}


def issues(parsed: ParsedSheet) -> list[tuple[int, str, str]]:
    return [(i.row, i.severity, i.code) for i in parsed.issues]


def xlsx(tmp_path: Path, rows: list[list], name: str = "t.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


# -------------------------------------------------------------------- the titled list


@pytest.fixture(scope="module")
def titled(tmp_path_factory):
    path = fx.titled_customers_xlsx(tmp_path_factory.mktemp("x") / "c.xlsx")
    return read_customers(path)


def test_titled_table_shape(titled):
    assert (titled.sheet, titled.header_row, titled.kind) == ("مشتریان", 3, "customers")
    assert titled.headers[:3] == ["ردیف", "نام و نام خانوادگي", "شماره‌همراه"]  # as written
    assert titled.mapping.fields[1] == "name" and 0 in titled.mapping.ignored
    assert [(s.row, s.reason) for s in titled.skipped] == [
        (16, "repeated_header"), (18, "totals")]
    # rows 4..17, less the blank row 8 and the repeated header on 16
    assert titled.total_rows == 12
    assert sorted(r.row_number for r in titled.rows) == [4, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17]


def test_titled_counts(titled):
    assert titled.counts() == {"rows": 12, "candidates": 11, "error_rows": 1, "warnings": 7,
                               "skipped": 2}


def test_titled_row_4_everything_typed(titled):
    r = by_row(titled)[4]
    assert r == CustomerRow(
        row_number=4, name="مریم احمدی", mobile="09121234567", phone2="02188776655",
        email="maryam@example.com", birthday=dt.date(1991, 3, 25), gender="female",
        city="تهران", address="خیابان ولیعصر، کوچه ۱۲", notes="رنگ مو: قهوه‌ای",
        tags=["همکار", "دوست", "VIP"], vip=True, visit_count=12)


def test_titled_rows_mobiles_five_ways_and_dates(titled):
    rows = by_row(titled)
    assert rows[5].mobile == "09351234567"  # number cell
    assert rows[5].birthday == dt.date(1990, 3, 21)  # date cell
    assert rows[5].visit_count == 7  # formula's cached value
    assert rows[6].mobile == "09198765432"  # Persian digits
    assert rows[6].name == "علی کریمی"  # Arabic ي/ك folded
    assert rows[6].birthday == dt.date(1986, 9, 22)  # ۱۳۶۵/۰۶/۳۱
    assert rows[7].mobile == "09011112233"  # +98
    assert rows[7].birthday == dt.date(1988, 2, 29)  # ISO text
    assert rows[9].mobile == "09127654321"  # spaces
    assert rows[14].mobile == "09152223344"  # Arabic-Indic digits with dashes
    assert rows[14].name == "نیلوفر کاظمی"  # text formula's cached value


def test_titled_row_7_bad_email_kept_in_notes(titled):
    r = by_row(titled)[7]
    assert r.email is None and r.gender == "male"
    assert r.notes == "ایمیل: sara.at.example.com"
    (issue,) = titled.issues_for(7)
    assert (issue.code, issue.severity, issue.column, issue.value) == (
        "bad_email", "warning", "ايميل:", "sara.at.example.com")


def test_titled_identity_rules(titled):
    rows = by_row(titled)
    # row 10: a name, an unreadable mobile -> candidate, warning, text kept
    assert (rows[10].name, rows[10].mobile, rows[10].mobile_raw) == ("پریسا نوری", None,
                                                                     "0912-123")
    assert [(i.code, i.severity) for i in titled.issues_for(10)] == [("bad_mobile", "warning")]
    # row 11: a mobile, no name -> candidate with an empty name, warning
    assert (rows[11].name, rows[11].mobile, rows[11].city) == ("", "09130001122", "اصفهان")
    assert [i.code for i in titled.issues_for(11)] == ["row_name_missing"]
    # row 12: neither -> error, no candidate
    assert 12 not in rows
    assert [(i.code, i.severity) for i in titled.issues_for(12)] == [
        ("row_no_identity", "error")]
    assert titled.error_rows == [12]


def test_titled_long_texts_truncated_with_warnings(titled):
    r = by_row(titled)[13]
    assert len(r.name) <= 200 and r.name.startswith("نام‌خیلی‌بلند")
    assert len(r.notes) == 20000
    assert r.mobile == "09141112233"  # bidi marks around it
    assert r.city == "تبریز"  # stray ZWNJ gone
    codes = {(i.code, i.field, i.info["limit"]) for i in titled.issues_for(13)}
    assert codes == {("row_value_truncated", "name", 200),
                     ("row_value_truncated", "notes", 20000)}


def test_titled_duplicate_and_two_numbers(titled):
    rows = by_row(titled)
    assert rows[15].mobile == "09121234567"
    (dup,) = titled.issues_for(15)
    assert (dup.code, dup.info["first_row"], dup.column) == ("row_duplicate_in_file", 4,
                                                             "شماره‌همراه")
    assert (rows[17].mobile, rows[17].phone2, rows[17].gender) == ("09123334455",
                                                                   "09354445566", "female")
    assert [i.code for i in titled.issues_for(17)] == ["row_several_phones"]


def test_titled_issue_list_is_complete(titled):
    assert issues(titled) == [
        (7, "warning", "bad_email"),
        (10, "warning", "bad_mobile"),
        (11, "warning", "row_name_missing"),
        (12, "error", "row_no_identity"),
        (13, "warning", "row_value_truncated"),
        (13, "warning", "row_value_truncated"),
        (15, "warning", "row_duplicate_in_file"),
        (17, "warning", "row_several_phones"),
    ]


def test_every_issue_has_words_in_both_languages(titled):
    for issue in titled.issues:
        assert issue.code in MESSAGES
        for lang in ("fa", "en"):
            text = issue.text(lang)
            assert "{" not in text, text
    assert titled.issues_for(10)[0].text("fa") == (
        "ردیف ۱۰، ستون «شماره‌همراه»: شماره موبایل «0912-123» معتبر نیست؛"
        " باید مثل ۰۹۱۲۱۲۳۴۵۶۷ باشد.")
    assert titled.issues_for(12)[0].text("en") == (
        "Row 12: Has neither a name nor a mobile; not imported.")
    assert describe(titled.issues_for(15)[0], "en") == (
        "The mobile 09121234567 also appears on row 4.")


# -------------------------------------------------------------------- other layouts


def test_english_first_last_names(tmp_path):
    parsed = read_customers(fx.english_split_names_xlsx(tmp_path / "e.xlsx"))
    rows = by_row(parsed)
    assert sorted(rows) == [2, 3, 4]
    a = rows[2]
    assert (a.name, a.mobile, a.email, a.birthday, a.gender) == (
        "Ali Karimi", "09120001111", "ali@example.com", dt.date(1985, 5, 1), "male")
    assert (a.tags, a.phone2, a.referral, a.visit_count, a.last_visit) == (
        ["regular", "student"], "02122223333", "Instagram", 4, dt.date(2024, 7, 1))
    assert a.notes == "likes tea"
    assert a.extra == {"Member since": "2020"}
    b = rows[3]
    assert (b.name, b.mobile, b.gender, b.visit_count) == ("Neda", "09120002222", "female", 5)
    assert (b.birthday, b.last_visit) == (dt.date(2023, 3, 20), dt.date(2024, 4, 3))
    c = rows[4]
    assert (c.name, c.mobile, c.email, c.gender, c.visit_count) == (
        "Rahimi", "09120003333", None, None, None)
    assert c.notes == "E-mail: bad@\nSex: x\nVisits: many"
    assert issues(parsed) == [(4, "warning", "bad_email"), (4, "warning", "row_bad_gender"),
                              (4, "warning", "bad_number")]
    assert [(s.row, s.reason) for s in parsed.skipped] == [(6, "totals")]


def test_landline_in_the_mobile_column(tmp_path):
    parsed = read_customers(fx.landline_row_xlsx(tmp_path / "l.xlsx"))
    rows = by_row(parsed)
    assert (rows[2].mobile, rows[2].phone2, rows[2].mobile_raw) == (None, "02144556677", None)
    # phone2 already taken: the landline stays in mobile_raw
    assert (rows[3].mobile, rows[3].phone2, rows[3].mobile_raw) == (
        None, "02144556677", "02633445566")
    assert (rows[4].mobile, rows[4].phone2) == ("09121112233", "09121112234")
    # a mobile in the phone2 column, the mobile column empty: it becomes the mobile
    assert (rows[5].name, rows[5].mobile, rows[5].phone2) == ("", "09125556677", None)
    assert issues(parsed) == [
        (2, "warning", "row_mobile_is_landline"), (3, "warning", "row_mobile_is_landline"),
        (5, "warning", "row_phone2_is_mobile"), (5, "warning", "row_name_missing")]
    assert parsed.issues[0].info == {"phone": "02144556677"}


@pytest.mark.parametrize("mobiles", [True, False])
def test_generic_phone_column_decided_by_values(tmp_path, mobiles):
    parsed = read_customers(fx.generic_phone_xlsx(tmp_path / "g.xlsx", mobiles=mobiles))
    rows = by_row(parsed)
    if mobiles:
        assert parsed.mapping.fields[1] == "mobile"
        assert [rows[i].mobile for i in (2, 3, 4)] == [
            "09121110001", "09121110002", "09121110003"]
        assert rows[5].phone2 == "02188889999"
    else:
        assert parsed.mapping.fields[1] == "phone2"
        assert [rows[i].phone2 for i in (2, 3, 5)] == ["02188881111", "02188882222", "88883333"]
        # a mobile in the phone2 column, no mobile column: it becomes the mobile
        assert (rows[4].mobile, rows[4].phone2) == ("09121110003", None)
        assert [r.mobile for r in parsed.rows].count(None) == 3


def test_customer_sheet_is_the_second_one(tmp_path):
    parsed = read_customers(fx.multi_sheet_xlsx(tmp_path / "m.xlsx"))
    assert (parsed.sheet, parsed.header_row) == ("مشتریان", 2)
    rows = by_row(parsed)
    assert (rows[3].name, rows[3].mobile, rows[3].referral, rows[3].last_visit) == (
        "آرزو", "09121000001", "اینستاگرام", dt.date(2024, 2, 20))
    assert rows[4].last_visit == dt.date(2024, 2, 9)


@pytest.mark.parametrize("build", ["csv_utf8_semicolon", "csv_cp1256_comma",
                                   "csv_tab_utf16"])
def test_csv_files(tmp_path, build):
    parsed = read_customers(getattr(fx, build)(tmp_path / "c.csv"))
    rows = by_row(parsed)
    assert sorted(rows) == [2, 3, 5]  # row 4 is blank
    assert (rows[2].name, rows[2].mobile, rows[2].birthday) == (
        "مریم احمدی", "09121234567", dt.date(1991, 3, 25))
    assert (rows[3].name, rows[3].mobile, rows[3].birthday) == (
        "علی کریمی", "09198765432", dt.date(1986, 9, 22))
    assert rows[5].mobile == "09011112233"
    assert parsed.issues == []


def test_headerless_csv(tmp_path):
    parsed = read_customers(fx.headerless_csv(tmp_path / "h.csv"))
    assert parsed.header_row is None
    assert [(r.row_number, r.name, r.mobile) for r in parsed.rows] == [
        (1, "مریم", "09121234567"), (2, "علی", "09351234567"), (3, "سارا", "09011112233")]


def test_ods(tmp_path):
    parsed = read_customers(fx.customers_ods(tmp_path / "c.ods"))
    assert parsed.header_row == 3
    assert [(r.row_number, r.name, r.mobile, r.birthday, r.visit_count) for r in parsed.rows] == [
        (4, "مریم احمدی", "09121234567", dt.date(1991, 3, 25), 3),
        (5, "علی کریمی", "09351234567", dt.date(1986, 9, 22), 2)]
    assert [(s.row, s.reason) for s in parsed.skipped] == [(6, "totals")]


def test_xls(tmp_path):
    parsed = read_customers(fx.customers_xls(tmp_path / "c.xls"))
    assert parsed.header_row == 3
    assert [(r.row_number, r.name, r.mobile, r.visit_count) for r in parsed.rows] == [
        (4, "مریم احمدی", "09121234567", 3), (5, "علی کریمی", "09351234567", 2)]
    assert [(s.row, s.reason) for s in parsed.skipped] == [(6, "totals")]


def test_committed_copies_read_like_the_generated_ones(tmp_path):
    parsed = read_customers(DATA / "customers-titled.xlsx")
    fresh = read_customers(fx.titled_customers_xlsx(tmp_path / "c.xlsx"))
    assert parsed.rows == fresh.rows and issues(parsed) == issues(fresh)
    assert len(read_customers(DATA / "customers-cp1256.csv").rows) == 3
    assert len(read_customers(DATA / "customers.ods").rows) == 2


# -------------------------------------------------------------------- the shared sample


def test_shared_libreoffice_sample_row_by_row():
    parsed = read_customers(DATA / "customers-sample.xlsx")
    assert (parsed.sheet, parsed.header_row, parsed.total_rows) == ("لیست", 2, 32)
    assert parsed.mapping.fields == {0: "name", 1: "mobile", 2: "phone2", 3: "birthday",
                                     4: "email", 6: "visit_count",
                                     7: "last_visit", 8: "referral"}
    # "محله" (neighbourhood) only resembles the city: offered, never mapped by itself
    assert parsed.mapping.suggested == {5: "city"}
    assert [(n.code, n.data) for n in parsed.notices] == [
        ("import_column_looks_like", {"column": "محله", "field": "city"})]
    rows = by_row(parsed)
    assert len(rows) == 32 and min(rows) == 3 and max(rows) == 34
    # the five ways of writing a mobile
    assert rows[3].mobile == "09355467797"  # text
    assert rows[4].mobile == "09124904399"  # number 9124904399.0
    assert rows[5].mobile == "09028399006"  # Persian digits
    assert rows[6].mobile == "09912897087"  # +98
    assert rows[7].mobile == "09355393577"  # with a space
    # Arabic ي/ك in names
    assert rows[3].name == "نازنین امیری"
    assert rows[9].name == "یگانه شکوهی"
    # landline column, email, the neighbourhood kept aside (not as the city), visit count
    assert (rows[3].phone2, rows[3].email, rows[3].city, rows[3].visit_count) == (
        "02132278493", "c0@example.com", None, 14)
    assert rows[3].extra == {"محله": "تجریش"}
    # Jalali text dates in one row, date cells in the next
    assert (rows[4].birthday, rows[4].last_visit) == (dt.date(1982, 4, 22),
                                                      dt.date(2026, 1, 26))
    assert rows[3].last_visit == dt.date(2026, 6, 17)
    # the same customer twice
    assert (rows[33].mobile, rows[33].referral) == ("09121112233", "خانم کیانی")
    assert (rows[34].mobile, rows[34].visit_count) == ("09121112233", None)
    assert issues(parsed) == [(34, "warning", "row_duplicate_in_file")]
    assert parsed.issues[0].info == {"first_row": 33}


# -------------------------------------------------------------------- values


def test_values_of_every_kind(tmp_path):
    today = dt.date.today()
    path = xlsx(tmp_path, [
        ["نام", "موبایل", "جنسیت", "VIP", "تولد", "آخرین مراجعه", "تعداد مراجعه", "ایمیل",
         "برچسب", "ستون اضافه"],
        ["الف", "ندارد", "بانو", "✓", 1370, "1402/01/01", "۱۲", " A@B.CO ", "x / y | x", "z"],
        ["ب", "09121110002", "نمی‌دانم", "خیر", "13700105", today + dt.timedelta(days=40),
         3.0, "-", "", ""],
        ["ج", "0912111000", "M", "شاید", dt.datetime(1990, 1, 2, 0, 0), "", -2, "", "", ""],
    ])
    parsed = read_customers(path)
    a, b, c = parsed.rows
    assert (a.mobile, a.mobile_raw, a.gender, a.vip, a.birthday) == (None, None, "female",
                                                                     True, None)
    assert (a.last_visit, a.visit_count, a.email, a.tags, a.extra) == (
        dt.date(2023, 3, 21), 12, "a@b.co", ["x", "y"], {"ستون اضافه": "z"})
    assert a.notes == "تولد: 1370"  # a year is not a birthday
    assert (b.gender, b.vip, b.birthday, b.last_visit, b.visit_count, b.email) == (
        None, False, dt.date(1991, 3, 25), None, 3, None)
    assert b.notes.splitlines() == ["جنسیت: نمی‌دانم",
                                    f"آخرین مراجعه: {today + dt.timedelta(days=40)}"]
    assert (c.mobile, c.mobile_raw, c.gender, c.vip, c.birthday, c.visit_count) == (
        None, "0912111000", "male", None, dt.date(1990, 1, 2), None)
    assert c.notes == "VIP: شاید\nتعداد مراجعه: -2"
    assert issues(parsed) == [  # in column order within a row
        (2, "warning", "bad_date"),
        (3, "warning", "row_bad_gender"), (3, "warning", "row_date_in_future"),
        (4, "warning", "bad_mobile"), (4, "warning", "row_bad_vip"),
        (4, "warning", "bad_number"),
    ]
    assert [i.column_index for i in parsed.issues_for(4)] == [1, 3, 6]
    # "ندارد" in the mobile column is no mobile at all, not an unreadable one
    assert parsed.issues_for(2)[0].column == "تولد"


def test_date_cell_in_a_jalali_year_is_read_as_jalali(tmp_path):
    # LibreOffice keeps dates before 1900: "1370/1/5" typed there becomes a date cell.
    path = fx.write_ods(tmp_path / "j.ods", {"s": [
        ["نام", "موبایل", "تولد"], ["الف", "09121110001", dt.date(1370, 1, 5)]]})
    (row,) = read_customers(path).rows
    assert row.birthday == dt.date(1991, 3, 25)


def test_name_joined_from_first_and_last_per_row(tmp_path):
    path = xlsx(tmp_path, [["نام", "نام خانوادگی", "موبایل"],
                           ["سارا", "  محمدی ", "09121110001"],
                           ["", "رضایی", "09121110002"],
                           ["مینا", None, "09121110003"]])
    assert [r.name for r in read_customers(path).rows] == ["سارا محمدی", "رضایی", "مینا"]


def test_manual_mapping_through_read_customers(tmp_path):
    path = xlsx(tmp_path, [["عنوان"], ["مشتری‌ها", "شماره‌ی تماس", "ملاحظه"],
                           ["الف", "09121110001", "خوش‌قول"]])
    parsed = read_customers(path, mapping={"مشتری ها": "name", "شماره ی تماس": "mobile",
                                           "ملاحظه": "notes"})
    assert parsed.header_row == 2
    (row,) = parsed.rows
    assert (row.row_number, row.name, row.mobile, row.notes) == (3, "الف", "09121110001",
                                                                 "خوش‌قول")
    assert parsed.mapping.as_dict() == {"مشتری‌ها": "name", "شماره‌ی تماس": "mobile",
                                        "ملاحظه": "notes"}


def test_explicit_sheet_and_header_row(tmp_path):
    path = fx.multi_sheet_xlsx(tmp_path / "m.xlsx")
    parsed = read_customers(path, sheet="مشتریان", header_row=2)
    assert len(parsed.rows) == 2


# -------------------------------------------------------------------- visits


def test_visits_row_by_row(tmp_path):
    parsed = read_visits(fx.multi_sheet_xlsx(tmp_path / "m.xlsx"))
    assert (parsed.sheet, parsed.kind, parsed.header_row) == ("مراجعات", "visits", 1)
    assert parsed.mapping.units == {4: 10}
    v = {r.row_number: r for r in parsed.rows}
    assert sorted(v) == [2, 3, 4, 8]
    assert (v[2].at, v[2].mobile, v[2].name, v[2].amount) == (
        dt.datetime(2024, 2, 20, 14, 30), "09121000001", "آرزو", 3_500_000)
    assert (v[2].service, v[2].staff, v[2].payment, v[2].satisfaction) == (
        "کوتاهی مو", "خانم نادری", "card", 5)
    # date cell + time cell; an amount that names its own unit is not multiplied
    assert (v[3].at, v[3].mobile, v[3].amount, v[3].payment, v[3].satisfaction, v[3].note) == (
        dt.datetime(2024, 2, 9, 10, 15), "09121000002", 120_000, "cash", 4, "مشتری دیرتر آمد")
    # datetime cell; unreadable amount and satisfaction 9 go to the note
    assert (v[4].at, v[4].amount, v[4].satisfaction, v[4].payment) == (
        dt.datetime(2024, 3, 1, 18, 45), None, None, "transfer")
    assert v[4].note == "مبلغ (تومان): نمی‌دانم\nرضایت: 9"
    # a name without a mobile is still a visit (the storage matches it by name)
    assert (v[8].mobile, v[8].name, v[8].at, v[8].amount) == (
        None, "آرزو", dt.datetime(2024, 3, 5, 9, 0), 0)
    assert issues(parsed) == [
        (4, "warning", "bad_number"), (4, "warning", "satisfaction_range"),
        (5, "error", "row_visit_no_date"), (6, "error", "row_visit_no_customer"),
        (7, "error", "bad_date")]


def test_visit_date_only_gets_noon_and_future_is_a_warning(tmp_path):
    future = dt.date.today() + dt.timedelta(days=10)
    path = xlsx(tmp_path, [["تاریخ", "موبایل", "مبلغ (ریال)"],
                           [dt.date(2024, 1, 2), "09121110001", "1,500,000"],
                           [future, "09121110001", -5]])
    parsed = read_visits(path)
    a, b = parsed.rows
    assert (a.at, a.amount) == (dt.datetime(2024, 1, 2, 12, 0), 1_500_000)
    assert b.at.date() == future and b.amount is None
    assert issues(parsed) == [(3, "warning", "row_visit_in_future"),
                              (3, "warning", "negative_amount")]


# -------------------------------------------------------------------- progress and cancel


def test_parse_customers_yields_progress_then_result(tmp_path):
    path = xlsx(tmp_path, [["نام", "موبایل"]] + [
        [f"مشتری {i}", f"0912{i:07d}"] for i in range(2500)])
    events = list(parse_customers(path, every=1000))
    assert events[:-1] == [Progress(1000, 2500), Progress(2000, 2500), Progress(2500, 2500)]
    result = events[-1]
    assert isinstance(result, ParsedSheet) and len(result.rows) == 2500
    seen = []
    read_customers(path, progress=seen.append)
    assert seen[-1] == Progress(2500, 2500)


def test_iter_customer_rows_streams_one_result_per_data_row(tmp_path):
    path = fx.titled_customers_xlsx(tmp_path / "c.xlsx")
    table = open_customer_table(path)
    results = list(iter_customer_rows(table))
    assert len(results) == table.total_rows == 12
    assert [r.row_number for r in results if r.row is None] == [12]
    assert all(isinstance(i, RowIssue) for r in results for i in r.issues)


def test_cancel_raises_cancelled(tmp_path):
    path = xlsx(tmp_path, [["نام", "موبایل"]] + [
        [f"مشتری {i}", f"0912{i:07d}"] for i in range(1000)])
    flag = threading.Event()
    events = parse_customers(path, cancel=flag, every=100)
    assert next(events) == Progress(100, 1000)
    flag.set()
    with pytest.raises(Cancelled):
        list(events)
    with pytest.raises(Cancelled):
        read_customers(path, cancel=lambda: True)


def test_open_workbook_then_table(tmp_path):
    path = fx.multi_sheet_xlsx(tmp_path / "m.xlsx")
    with open_workbook(path) as wb:
        customers = read_customers(wb)
        visits = read_visits(wb)
    assert (customers.sheet, visits.sheet) == ("مشتریان", "مراجعات")


def test_rows_are_plain_data(titled):
    row = titled.rows[0]
    assert row.as_dict()["mobile"] == "09121234567"
    assert titled.issues[0].as_dict()["code"] == "bad_email"


@pytest.mark.slow
def test_100k_rows_parse_in_a_few_seconds(tmp_path):
    """Reading 100k rows into checked customer rows costs a few times what calamine alone
    takes to hand over the raw cells of the same file, measured in the same run (a ratio, so
    a busy machine slows both sides alike)."""
    path = fx.big_customers_xlsx(tmp_path / "big.xlsx", rows=100_000)
    start = time.perf_counter()
    raw = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    assert len(raw.to_python()) == 100_003  # a title, a blank row, the header and the rows
    floor = time.perf_counter() - start
    start = time.perf_counter()
    parsed = read_customers(path)
    took = time.perf_counter() - start
    print(f"100k rows: {took:.2f} s, calamine alone {floor:.2f} s ({took / floor:.1f}x)")
    assert len(parsed.rows) == 100_000 and parsed.issues == []
    assert parsed.rows[1].mobile == "09120000001" and parsed.rows[0].mobile == "09120000000"
    assert took < 8 * floor  # ~3.7x measured on a busy 2-core machine


# -------------------------------------------------------------------- any cell at all

_cells = st.one_of(
    st.none(), st.text(max_size=30), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    st.times(), st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=2)),
    st.sampled_from(["09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "+98 912 123 4567", "021-88776655",
                     "1370/1/5", "۱۳۷۰/۰۱/۰۵", "ندارد", "-", "\u200c", "زن", "بله",
                     "a@b.co", "جمع", "12,500 تومان", "★★★"]),
)
_HEADERS = ["نام", "موبایل", "تلفن ثابت", "ایمیل", "تولد", "جنسیت", "شهر", "آدرس",
            "یادداشت", "برچسب", "معرف", "آخرین مراجعه", "تعداد مراجعه", "VIP", "دیگر"]
_VISIT_HEADERS = ["تاریخ", "ساعت", "موبایل", "نام", "مبلغ (تومان)", "خدمت", "آرایشگر",
                  "نحوه پرداخت", "رضایت", "توضیحات", "دیگر"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_cells, max_size=len(_HEADERS) + 2), min_size=1, max_size=8))
def test_any_cells_give_typed_rows_or_issues(rows):
    table = build_table([_HEADERS, *rows], file="f.xlsx", sheet="s")
    for result in iter_rows(table):
        row = result.row
        assert all(i.severity in ("error", "warning") and i.code in MESSAGES
                   for i in result.issues)
        if row is None:
            assert any(i.severity == "error" for i in result.issues)
            continue
        assert row.name or row.mobile
        assert row.mobile is None or (len(row.mobile) == 11 and row.mobile.startswith("09")
                                      and row.mobile.isascii() and row.mobile.isdigit())
        assert row.birthday is None or isinstance(row.birthday, dt.date)
        assert row.gender in (None, "female", "male")
        assert row.visit_count is None or row.visit_count >= 0
        assert len(row.name) <= 200 and (row.notes is None or len(row.notes) <= 20000)
        for issue in result.issues:
            issue.text("fa"), issue.text("en")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_cells, max_size=len(_VISIT_HEADERS) + 1), min_size=1, max_size=8))
@example(rows=[["\x85", None, None, "0"]])  # a date of invisible characters only
def test_any_cells_give_typed_visits_or_issues(rows):
    table = build_table([_VISIT_HEADERS, *rows], file="f.xlsx", sheet="s", kind="visits")
    for result in iter_rows(table):
        v = result.row
        if v is None:
            assert any(i.severity == "error" for i in result.issues)
            continue
        assert isinstance(v.at, dt.datetime) and v.at.tzinfo is None
        assert v.mobile or v.name
        assert v.amount is None or v.amount >= 0
        assert v.satisfaction is None or 1 <= v.satisfaction <= 5
