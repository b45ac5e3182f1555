"""What the import says is true: every case with a real file made here.

- a text (CSV) file named .xlsx is read as CSV, and the report says so;
- a workbook over the row cap is "too many rows, split the file", not the zip-bomb sentence,
  even when it is big enough to trip the size guards first;
- a column whose header only resembles a field (محله for the city) is offered, not mapped;
- a later, fuller row for the same mobile fills the earlier one instead of being dropped;
- a name over the length limit is reported on its row, not cut silently.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
import xlsxwriter

from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.excel import Limits, open_workbook
from shopcrm.services.excel.importer import import_customers, run_to_end


def imp(db, path, **kwargs):
    kwargs.setdefault("backup", False)
    return run_to_end(import_customers(db, path, **kwargs))


def customer(db, mobile):
    return CustomerService(db).find(phone=mobile)


# -- a CSV file named .xlsx ------------------------------------------------------------------

CSV_TEXT = "نام,موبایل,شهر\nمریم احمدی,09121234567,تهران\nسارا کریمی,09351112233,کرج\n"


def test_a_csv_named_xlsx_is_read_as_csv_with_a_notice(sqlite_db, tmp_path, run_cli):
    disguised = tmp_path / "مشتریان.xlsx"
    disguised.write_text(CSV_TEXT, encoding="utf-8")
    report = imp(sqlite_db, disguised, dry_run=True)
    assert report.dry_run and report.inserted == 2 and len(report.outcomes) == 2
    assert [(n.code, n.data["ext"], n.data["delimiter"]) for n in report.notices] == [
        ("import_read_as_csv", ".xlsx", ",")]
    assert describe(report.notices[0], "en") == (
        "'مشتریان.xlsx' is named .xlsx but is not an Excel workbook: it is a text (CSV) file "
        "and was read as one (encoding utf-8, separator ','). Check that the columns came "
        "out right.")
    assert "فایل متنی (CSV)" in describe(report.notices[0], "fa")

    book = tmp_path / "b.sqlite3"
    assert run_cli("--db", str(book), "init")[0] == 0
    code, out, err = run_cli("--db", str(book), "--lang", "en", "import", str(disguised),
                             "--no-backup")
    assert code == 0, err
    assert "notice: 'مشتریان.xlsx' is named .xlsx but is not an Excel workbook" in out
    code, out, _ = run_cli("--db", str(book), "import", str(disguised), "--dry-run", "--json")
    assert json.loads(out)["notices"][0]["code"] == "import_read_as_csv"


def test_real_workbooks_and_real_csv_files_get_no_such_notice(sqlite_db, tmp_path):
    real_csv = tmp_path / "list.csv"
    real_csv.write_text(CSV_TEXT, encoding="utf-8")
    real_xlsx = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    for row in CSV_TEXT.splitlines():
        wb.active.append(row.split(","))
    wb.save(real_xlsx)
    for path in (real_csv, real_xlsx):
        report = imp(sqlite_db, path, dry_run=True)
        assert report.notices == [] and len(report.outcomes) == 2, path.name


# -- over the row cap ----------------------------------------------------------------------

def big_workbook(path, rows, columns=12):
    """A plain, honest list: a header and ``rows`` rows (xlsxwriter writes <dimension>)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("مشتریان")
    ws.write_row(0, 0, ["نام", "موبایل", *[f"ستون {i}" for i in range(columns - 2)]])
    for r in range(1, rows + 1):
        ws.write_row(r, 0, ["مریم احمدی", f"0912{r:07d}", *(["تهران"] * (columns - 2))])
    wb.close()
    return path


def refused(path, **limits):
    with pytest.raises(InvalidInput) as caught, open_workbook(path, limits=Limits(**limits)) \
            as wb:
        for name in wb.sheet_names:
            wb.read_sheet(name)
    return caught.value


@pytest.mark.parametrize("guard", [
    {"max_uncompressed_bytes": 200_000},  # the whole file is big
    {"max_ratio": 2},  # its sheet compresses well
])
def test_too_many_rows_is_said_even_when_a_size_guard_trips_first(tmp_path, guard):
    path = big_workbook(tmp_path / "big.xlsx", 6_000)  # its sheet: about 2 MB of XML
    error = refused(path, max_rows=1_000, **guard)
    assert error.code == "import_too_many_rows", error.data
    assert (error.data["sheet"], error.data["rows"], error.data["limit"]) == (
        "مشتریان", 6_001, 1_000)
    assert "several smaller files" in describe(error, "en")
    assert "چند فایل کوچک‌تر" in describe(error, "fa")
    # the same guard on a file within the row cap is still the safety refusal
    assert refused(path, max_rows=10_000, **guard).code == "import_suspicious_file"


def test_a_sheet_too_wide_to_import_at_once_says_split_it(tmp_path):
    path = big_workbook(tmp_path / "wide.xlsx", 200, columns=40)
    error = refused(path, max_cells=4_000)
    assert error.code == "import_sheet_too_big", error.data
    assert "too big to import at once" in describe(error, "en")


@pytest.mark.slow
def test_a_real_workbook_over_the_default_cap_in_the_command(tmp_path, run_cli):
    path = big_workbook(tmp_path / "huge.xlsx", 200_001, columns=2)
    book = tmp_path / "b.sqlite3"
    assert run_cli("--db", str(book), "init")[0] == 0
    code, out, err = run_cli("--db", str(book), "--lang", "en", "import", str(path),
                             "--dry-run")
    assert code == 1 and out == ""
    assert err.strip() == ("Sheet 'مشتریان' of 'huge.xlsx' has 200002 rows; the most is "
                           "200000. Import the list as several smaller files.")


# -- a header that only resembles a field ------------------------------------------------

def neighbourhood_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "فهرست"
    ws.append(["نام", "موبایل", "محله"])
    ws.append(["مریم احمدی", "09121234567", "تجریش"])
    ws.append(["سارا کریمی", "09351112233", "نارمک"])
    wb.save(path)
    return path


def test_a_neighbourhood_column_is_offered_for_the_city_not_mapped(sqlite_db, tmp_path,
                                                                    run_cli):
    path = neighbourhood_workbook(tmp_path / "n.xlsx")
    report = imp(sqlite_db, path)
    assert "محله" not in report.mapping
    assert [(n.code, n.data) for n in report.notices] == [
        ("import_column_looks_like", {"column": "محله", "field": "city"})]
    assert describe(report.notices[0], "en").startswith(
        "Column 'محله' may be the city, but it was not mapped to it by itself")
    assert "شاید شهر باشد" in describe(report.notices[0], "fa")
    maryam = customer(sqlite_db, "09121234567")
    assert maryam.city is None and maryam.notes == "محله: تجریش"  # kept, not lost

    book = tmp_path / "b.sqlite3"
    code, out, err = run_cli("--db", str(book), "--lang", "en", "import", str(path),
                             "--no-backup")
    assert code == 0, err and "notice: Column 'محله' may be the city" in out
    # mapped by the owner: the city, and no notice
    other = tmp_path / "c.sqlite3"
    code, out, err = run_cli("--db", str(other), "--lang", "en", "import", str(path),
                             "--map", "محله=city", "--no-backup", "--json")
    assert code == 0, err
    assert json.loads(out)["notices"] == []
    code, out, _ = run_cli("--db", str(other), "customers", "--json")
    assert {c["city"] for c in json.loads(out)} == {"تجریش", "نارمک"}


def test_a_real_city_column_beside_it_takes_the_city_and_nothing_is_offered(sqlite_db,
                                                                            tmp_path):
    path = tmp_path / "both.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["نام", "موبایل", "شهر", "محله"])
    wb.active.append(["مریم احمدی", "09121234567", "تهران", "تجریش"])
    wb.save(path)
    report = imp(sqlite_db, path)
    assert report.mapping["شهر"] == "city" and report.notices == []
    assert customer(sqlite_db, "09121234567").city == "تهران"


# -- the same mobile twice, the later row fuller -----------------------------------------

def test_a_later_fuller_row_fills_the_earlier_empty_one(sqlite_db, tmp_path, run_cli):
    path = tmp_path / "twice.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["نام", "موبایل", "ایمیل", "شهر", "تاریخ تولد"])
    ws.write_row(1, 0, ["مریم", "09121234567", "", "", ""])
    ws.write_row(2, 0, ["مریم احمدی", "0912 123 4567", "maryam@example.com", "تهران",
                        "1370/01/05"])
    wb.close()
    for policy in ("skip", "fill", "overwrite"):
        db_path = tmp_path / f"{policy}.sqlite3"
        code, out, err = run_cli("--db", str(db_path), "--lang", "en", "import", str(path),
                                 "--on-duplicate", policy, "--no-backup", "--json")
        assert code == 0, err
        doc = json.loads(out)
        assert (doc["inserted"], doc["merged"], doc["skipped"]) == (1, 1, 0), policy
        row3 = next(o for o in doc["outcomes"] if o["row"] == 3)
        assert row3["action"] == "merge" and set(row3["fields"]) == {"email", "city",
                                                                     "birthday"}
        code, out, _ = run_cli("--db", str(db_path), "customer", "show", "--phone",
                               "09121234567", "--json")
        shown = json.loads(out)
        assert (shown["name"], shown["email"], shown["city"], shown["birthday"]) == (
            "مریم", "maryam@example.com", "تهران", "1991-03-25"), policy


# -- a name over the length limit ----------------------------------------------------------

def test_a_name_over_the_limit_is_reported_on_its_row(sqlite_db, tmp_path, run_cli):
    long_name = "مریم " + "بسیاربلند" * 30  # 275 characters
    path = tmp_path / "long.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["نام", "موبایل"])
    wb.active.append([long_name, "09121234567"])
    wb.active.append(["سارا", "09351112233"])
    wb.save(path)
    report = imp(sqlite_db, path, dry_run=True)
    issues = [(i.row, i.code, i.field, i.info) for i in report.issues]
    assert issues == [(2, "row_value_truncated", "name",
                       {"limit": 200, "length": len(long_name)})]
    assert describe(report.issues[0], "en") == (
        f"The text of {len(long_name)} characters was cut to 200.")
    code, out, err = run_cli("--db", str(tmp_path / "b.sqlite3"), "--lang", "en", "import",
                             str(path), "--no-backup")
    assert code == 0, err
    assert "row 2: insert" in out
    assert f"warning: نام: The text of {len(long_name)} characters was cut to 200." in out
