"""Excel import, reading files: formats by their bytes, CSV decoding, guards, sheets."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pytest

from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput, ShopError, StorageError
from shopcrm.services.excel import Limits, open_workbook
from shopcrm.services.excel.reader import sniff_delimiter

DATA = Path(__file__).resolve().parents[1] / "data"
_spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)


def refused(path: Path, code: str, **limits: int) -> InvalidInput:
    with pytest.raises(InvalidInput) as info, open_workbook(path, limits=Limits(**limits)) as wb:
        for name in wb.sheet_names:
            wb.read_sheet(name)
    err = info.value
    assert err.code == code, (err.code, err.data)
    assert err.data["file"] == path.name
    # One clear sentence in both languages, with no unfilled template field.
    for lang in ("fa", "en"):
        text = describe(err, lang)
        assert "{" not in text and path.name in text
    return err


# -------------------------------------------------------------------- spreadsheets


def test_xlsx_rows_keep_spreadsheet_numbering_and_cell_types(tmp_path):
    path = fx.titled_customers_xlsx(tmp_path / "c.xlsx")
    with open_workbook(path) as wb:
        assert wb.kind == "xlsx"
        assert wb.sheet_names == ["مشتریان"]
        rows = wb.read_sheet("مشتریان")
    assert rows[0][0] == "فهرست مشتریان سالن زیبایی - ۱۴۰۳"  # merged title: top-left cell
    assert all(v == "" for v in rows[1])  # blank row 2 is kept, so numbering holds
    assert rows[2][1] == "نام و نام خانوادگي"
    assert rows[4][2] == 9351234567.0  # a number cell
    assert rows[4][5] == dt.date(1990, 3, 21)  # a date cell stays a date
    assert rows[4][12] == 7  # formula: its cached value
    assert rows[13][1] == "نیلوفر کاظمی"  # text formula: cached value
    assert rows[17][1] == "جمع"


def test_extension_does_not_decide_the_format(tmp_path):
    xlsx_named_xls = fx.titled_customers_xlsx(tmp_path / "really-xlsx.xls")
    with open_workbook(xlsx_named_xls) as wb:
        assert wb.kind == "xlsx"
    csv_named_xlsx = fx.csv_utf8_semicolon(tmp_path / "exported.xlsx")
    with open_workbook(csv_named_xlsx) as wb:
        assert wb.kind == "csv"
        assert wb.read_sheet(wb.sheet_names[0])[1][:2] == ["مریم احمدی", "09121234567"]


def test_ods_written_by_hand_reads_with_dates_and_numbers(tmp_path):
    path = fx.customers_ods(tmp_path / "c.ods")
    with open_workbook(path) as wb:
        assert wb.kind == "ods"
        rows = wb.read_sheet("مشتریان")
    assert rows[0][0] == "فهرست مشتریان"
    assert rows[2][:2] == ["نام", "موبایل"]
    assert rows[3][2] == dt.date(1991, 3, 25)
    assert rows[4][1] == 9351234567.0
    assert len(rows) == 6  # the million empty LibreOffice rows are not materialised


def test_xls_biff8(tmp_path):
    path = fx.customers_xls(tmp_path / "old.xls")
    with open_workbook(path) as wb:
        assert (wb.kind, wb.sheet_names) == ("xls", ["مشتریان"])
        rows = wb.read_sheet("مشتریان")
    assert rows[0][0] == "فهرست مشتریان" and rows[2] == ["نام", "موبایل", "تعداد مراجعه"]
    assert rows[4][1] == 9351234567.0
    # named .xlsx, still an xls
    renamed = fx.customers_xls(tmp_path / "old.xlsx")
    with open_workbook(renamed) as wb:
        assert wb.kind == "xls"
    refused(path, "import_too_many_rows", max_rows=5)


def test_committed_fixtures_and_shared_sample_open(tmp_path):
    for name in ("customers-titled.xlsx", "customers-cp1256.csv", "customers.ods",
                 "customers-sample.xlsx"):
        with open_workbook(DATA / name) as wb:
            assert wb.read_sheet(wb.sheet_names[0]), name


def test_sheet_not_found_names_the_sheets(tmp_path):
    path = fx.multi_sheet_xlsx(tmp_path / "m.xlsx")
    with open_workbook(path) as wb, pytest.raises(InvalidInput) as info:
        wb.read_sheet("نیست")
    assert info.value.code == "import_sheet_not_found"
    assert "مراجعات" in info.value.data["sheets"]


def test_guess_sheets_customer_list_is_second(tmp_path):
    path = fx.multi_sheet_xlsx(tmp_path / "m.xlsx")
    with open_workbook(path) as wb:
        assert wb.sheet_names == ["خلاصه", "مشتریان", "مراجعات"]
        assert wb.guess_customer_sheet() == "مشتریان"
        assert wb.guess_visits_sheet() == "مراجعات"


def test_nrows_reads_only_the_head(tmp_path):
    path = fx.titled_customers_xlsx(tmp_path / "c.xlsx")
    with open_workbook(path) as wb:
        assert len(wb.read_sheet("مشتریان", nrows=3)) == 3
        assert len(wb.read_sheet("مشتریان")) == 18


# -------------------------------------------------------------------- csv


def test_csv_utf8_bom_semicolon(tmp_path):
    path = fx.csv_utf8_semicolon(tmp_path / "c.csv")
    with open_workbook(path) as wb:
        assert (wb.kind, wb.encoding, wb.delimiter) == ("csv", "utf-8-sig", ";")
        rows = wb.read_sheet(wb.sheet_names[0])
    assert rows[0] == ["نام", "موبایل", "ایمیل", "تولد", "شهر"]  # no BOM in the first cell
    assert rows[2][4] == "شیراز؛ مرکز"


def test_csv_utf8_without_bom(tmp_path):
    path = fx.csv_utf8_semicolon(tmp_path / "c.csv", bom=False)
    with open_workbook(path) as wb:
        assert (wb.encoding, wb.delimiter) == ("utf-8", ";")


def test_csv_windows_1256_comma_with_quoted_comma(tmp_path):
    path = fx.csv_cp1256_comma(tmp_path / "c.csv")
    with open_workbook(path) as wb:
        assert (wb.encoding, wb.delimiter) == ("cp1256", ",")
        rows = wb.read_sheet(wb.sheet_names[0])
    assert rows[1] == ["مريم احمدي", "09121234567", "m@example.com", "1370/01/05",
                       "تهران, ونک"]


def test_csv_utf16_tab_from_excel_unicode_text(tmp_path):
    path = fx.csv_tab_utf16(tmp_path / "c.txt")
    with open_workbook(path) as wb:
        assert (wb.encoding, wb.delimiter) == ("utf-16", "\t")
        assert wb.read_sheet(wb.sheet_names[0])[1][0] == "مریم احمدی"


def test_csv_sep_directive_is_not_a_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("sep=;\nنام;موبایل\nالف;09121234567\n", encoding="utf-8")
    with open_workbook(path) as wb:
        assert wb.read_sheet(wb.sheet_names[0]) == [["نام", "موبایل"], ["الف", "09121234567"]]


@pytest.mark.parametrize(("text", "sep"), [
    ("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;2;3\n", ";"), ("a\tb\tc\n1\t2\t3\n", "\t"),
    ('"x;y",b\n"1;2",3\n', ","), ("نام؛ مشتری;موبایل\nالف;0912\n", ";"), ("", ","),
])
def test_sniff_delimiter(text, sep):
    assert sniff_delimiter(text) == sep


# -------------------------------------------------------------------- refusals


def test_missing_file(tmp_path):
    refused(tmp_path / "nope.xlsx", "import_file_not_found")


def test_empty_file(tmp_path):
    refused(fx.empty_file(tmp_path / "e.xlsx"), "import_empty_file")
    path = tmp_path / "blank.csv"
    path.write_text(" \n\n", encoding="utf-8")
    refused(path, "import_empty_file")


def test_corrupt_and_truncated_zip(tmp_path):
    refused(fx.corrupt_xlsx(tmp_path / "c.xlsx"), "import_corrupt")
    refused(fx.truncated_xlsx(tmp_path / "t.xlsx"), "import_corrupt")


def test_password_protected(tmp_path):
    err = refused(fx.encrypted_xlsx(tmp_path / "secret.xlsx"), "import_encrypted")
    assert "رمز" in describe(err, "fa")


def test_text_renamed_xlsx(tmp_path):
    err = refused(fx.text_as_xlsx(tmp_path / "notes.xlsx"), "import_wrong_extension")
    assert err.data["ext"] == ".xlsx"


def test_html_saved_as_xls(tmp_path):
    refused(fx.html_as_xls(tmp_path / "bank.xls"), "import_html_file")


def test_other_formats(tmp_path):
    assert refused(fx.docx_as_xlsx(tmp_path / "d.xlsx"),
                   "import_unsupported_format").data["kind"] == "Word (docx)"
    assert refused(fx.word_doc_as_xls(tmp_path / "d.xls"),
                   "import_unsupported_format").data["kind"] == "Word (doc)"
    pdf = tmp_path / "list.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    assert refused(pdf, "import_unsupported_format").data["kind"] == "PDF"
    binary = tmp_path / "blob.csv"
    binary.write_bytes(bytes(range(1, 32)) * 50)
    err = refused(binary, "import_binary_file")
    fa = describe(err, "fa").replace("blob.csv", "")  # no English word on a Persian screen
    assert "blob.csv" in describe(err, "fa"), fa
    assert set(re.findall(r"[A-Za-z]{3,}", fa)) <= {"xlsx", "xls", "ODS", "CSV"}, fa
    assert "nor text" in describe(err, "en")


def test_zip_bomb_by_ratio(tmp_path):
    path = fx.zip_bomb_xlsx(tmp_path / "bomb.xlsx", megabytes=20)
    assert path.stat().st_size < 100_000
    refused(path, "import_suspicious_file")


def test_zip_bomb_by_total_size(tmp_path):
    # Under the ratio check (entries below 1 MiB are not ratio-checked), over the total.
    path = fx.zip_bomb_xlsx(tmp_path / "bomb.xlsx", megabytes=3)
    refused(path, "import_suspicious_file", max_uncompressed_bytes=2 * 2**20, max_ratio=10**6)


def test_zip_claiming_a_gigabyte(tmp_path):
    path = fx.size_claim_xlsx(tmp_path / "claim.xlsx", claim=2**30)
    assert path.stat().st_size < 10_000
    refused(path, "import_suspicious_file")


def test_zip_lying_about_its_size_fails_its_check(tmp_path):
    # A directory that claims fewer bytes than the entry holds: Python stops at the claim
    # and the CRC no longer matches.
    path = fx.size_claim_xlsx(tmp_path / "liar.xlsx", claim=10)
    refused(path, "import_corrupt")


def test_too_many_zip_entries(tmp_path):
    path = fx.titled_customers_xlsx(tmp_path / "c.xlsx")
    refused(path, "import_suspicious_file", max_entries=3)


def test_far_cell_is_refused_before_calamine(tmp_path):
    """A 5 KB xlsx with a cell at XFD1048576 makes calamine abort the whole process;
    run in a child process so a regression shows as a failure, not a dead test run."""
    path = fx.far_cell_xlsx(tmp_path / "far.xlsx")
    code = (
        "import sys\n"
        "from shopcrm.services.excel import open_workbook\n"
        "from shopcrm.errors import InvalidInput\n"
        "try:\n"
        f"    wb = open_workbook({str(path)!r})\n"
        "    wb.read_sheet(wb.sheet_names[0])\n"
        "except InvalidInput as e:\n"
        "    print(e.code); sys.exit(0)\n"
        "print('read'); sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr[-2000:])
    assert done.stdout.strip() == "import_too_many_rows"


def test_far_cell_written_in_another_attribute_order(tmp_path):
    path = fx.attribute_order_far_cell_xlsx(tmp_path / "far.xlsx")
    refused(path, "import_too_many_rows")


def test_cell_area_limit(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "نام"
    ws["CV50"] = "x"  # 100 columns x 50 rows
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    refused(path, "import_suspicious_file", max_cells=4_000)
    with open_workbook(path, limits=Limits(max_cells=6_000)) as ok:
        assert len(ok.read_sheet(ok.sheet_names[0])) == 50


def test_row_limit(tmp_path):
    path = fx.titled_customers_xlsx(tmp_path / "c.xlsx")
    err = refused(path, "import_too_many_rows", max_rows=10)
    assert (err.data["rows"], err.data["limit"]) == (18, 10)
    csv = fx.csv_utf8_semicolon(tmp_path / "c.csv")
    refused(csv, "import_too_many_rows", max_rows=3)


def test_ods_bomb(tmp_path):
    path = fx.ods_bomb(tmp_path / "bomb.ods")
    assert path.stat().st_size < 2_000
    refused(path, "import_suspicious_file")


def test_file_size_limit(tmp_path):
    path = fx.titled_customers_xlsx(tmp_path / "c.xlsx")
    err = refused(path, "import_too_large", max_file_bytes=1_000)
    assert err.data["limit_mb"] == 0


def test_unreadable_file_is_a_storage_error(tmp_path):
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    with pytest.raises(ShopError) as info:
        open_workbook(folder)
    assert info.value.code in ("import_file_not_found", "import_unreadable")
    assert isinstance(info.value, InvalidInput | StorageError)


def test_workbook_can_be_read_from_another_thread(tmp_path):
    path = fx.multi_sheet_xlsx(tmp_path / "m.xlsx")
    out = {}

    def work():
        with open_workbook(path) as wb:
            out["rows"] = wb.read_sheet(wb.guess_customer_sheet())

    t = threading.Thread(target=work)
    t.start()
    t.join(30)
    assert out["rows"][2][0] == "آرزو"


@pytest.mark.parametrize("build", ["titled_customers_xlsx", "customers_xls", "customers_ods"])
def test_damaged_files_give_one_clear_error(tmp_path, build):
    """Random bytes changed or cut off: either the file still reads, or one ShopError;
    never another exception (zlib errors, Rust panics inside calamine...)."""
    ext = {"titled_customers_xlsx": ".xlsx", "customers_xls": ".xls",
           "customers_ods": ".ods"}[build]
    good = getattr(fx, build)(tmp_path / f"good{ext}").read_bytes()
    rng = random.Random(build)
    for i in range(40):
        data = bytearray(good)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if i % 5 == 0:
            data = data[: rng.randrange(len(data))]
        path = tmp_path / f"bad{i}{ext}"
        path.write_bytes(bytes(data))
        try:
            with open_workbook(path) as wb:
                for name in wb.sheet_names:
                    wb.read_sheet(name)
        except ShopError as err:
            assert describe(err, "fa") and err.data["file"] == path.name
