"""``shopcrm import``, ``import undo``, ``import-visits``, ``imports`` and ``export``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
import make_fixtures as fx  # noqa: E402


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'book.sqlite3'}"


def customers(run_cli, url) -> list[dict]:
    code, out, _ = run_cli("customers", "--db", url, "--json", "--limit", "500")
    assert code == 0
    return json.loads(out)


def test_import_json_contract(run_cli, url, tmp_path):
    path = fx.titled_customers_xlsx(tmp_path / "t.xlsx")
    code, out, err = run_cli("import", str(path), "--db", url, "--json", "--no-backup")
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["inserted"], doc["updated"], doc["skipped"], doc["batch"]) == (10, 0, 0, 1)
    assert doc["errors"] == [{
        "row": 12, "column": "", "value": "", "code": "row_no_identity",
        "severity": "error", "message": "Has neither a name nor a mobile; not imported."}]
    assert {"row", "column", "value", "message"} <= set(doc["warnings"][0])
    assert doc["dry_run"] is False and doc["error_rows"] == 1
    assert [o["action"] for o in doc["outcomes"]].count("insert") == 10
    assert len(customers(run_cli, url)) == 10


def test_dry_run_text_lists_every_row_and_writes_nothing(run_cli, url, tmp_path):
    path = fx.duplicates_customers_xlsx(tmp_path / "d.xlsx")
    assert run_cli("--db", url, "init")[0] == 0  # a dry run only reads: it makes no book
    code, out, _ = run_cli("--db", url, "import", str(path), "--dry-run",
                           "--on-duplicate", "fill")
    assert code == 0
    assert out.startswith("DRY RUN, nothing written: d.xlsx, sheet مشتریان")
    for row in range(2, 10):
        assert f"  row {row}: " in out
    assert "row 3: merge - Repeats row 2 (same mobile); merged into it: email, city, notes," \
        " tags." in out
    assert customers(run_cli, url) == []
    code, out, _ = run_cli("--db", url, "imports", "--json")
    assert json.loads(out) == []


def test_map_errors_file_and_persian_words(run_cli, url, tmp_path):
    path = fx.unknown_headers_xlsx(tmp_path / "u.xlsx")
    errors = tmp_path / "fix.xlsx"
    code, out, err = run_cli("--db", url, "--lang", "fa", "import", str(path), "--map",
                             "Kunde=نام، Handy=موبایل، Stadt=شهر، Bemerkung=یادداشت",
                             "--errors", str(errors), "--no-backup")
    assert code == 0, err
    assert "ستون‌ها: دستی" in out and "۰ ردیفِ نیازمند اصلاح" in out
    code, out, err = run_cli("--db", url, "import",
                             str(fx.unknown_headers_xlsx(tmp_path / "u2.xlsx", shuffled=True)),
                             "--no-backup", "--json")
    assert json.loads(out)["mapping_source"] == "remembered"
    code, out, err = run_cli("--db", url, "--lang", "fa", "import",
                             str(fx.titled_customers_xlsx(tmp_path / "t.xlsx")), "--errors",
                             str(errors), "--no-backup")
    assert code == 0 and "۱ ردیفِ نیازمند اصلاح" in out
    assert "نه نام دارد نه موبایل" in out
    rows = list(openpyxl.load_workbook(errors).active.iter_rows(values_only=True))
    assert rows[1][0] == 12 and "نه نام دارد نه موبایل" in rows[1][-1]


def test_undo_lists_conflicts_and_needs_force(run_cli, url, tmp_path):
    path = fx.history_customers_xlsx(tmp_path / "h.xlsx")
    assert run_cli("--db", url, "import", str(path), "--no-backup")[0] == 0
    assert run_cli("--db", url, "customer", "edit", "--phone", "09121234567", "--city",
                   "یزد")[0] == 0
    code, out, err = run_cli("--db", url, "import", "undo", "1", "--no-backup")
    assert code == 1
    assert "#1 مریم احمدی 09121234567 (edited)" in err
    assert err.strip().splitlines()[-1] == (
        "1 customers of import 1 changed since (#1); add --force to undo anyway.")
    assert len(customers(run_cli, url)) == 8
    code, out, err = run_cli("--db", url, "import", "undo", "1", "--no-backup", "--json")
    assert code == 1 and json.loads(out)["done"] is False
    code, out, err = run_cli("import", "undo", "1", "--force", "--db", url)
    assert code == 0, err
    assert out.startswith("import #1 undone: 8 customers removed, 0 restored, 4 visits")
    assert "kept in" in out  # a backup of the book before the undo
    assert customers(run_cli, url) == []
    code, out, err = run_cli("--db", url, "import", "undo", "1")
    assert (code, err.strip()) == (1, "Import 1 was already undone.")
    code, out, err = run_cli("--db", url, "import", "undo")
    assert (code, err.strip()) == (1, "Give the import number: shopcrm import undo 3")
    code, out, err = run_cli("--db", url, "import", "undo", "x")
    assert code == 1 and "not an import number" in err
    code, out, err = run_cli("--db", url, "imports")
    assert code == 0 and "h.xlsx" in out and "customers" in out


def test_a_file_named_undo_still_imports(run_cli, url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fx.csv_utf8_semicolon(tmp_path / "undo")
    code, out, err = run_cli("--db", url, "import", "undo", "--no-backup", "--json")
    assert code == 0, err
    assert json.loads(out)["inserted"] == 3


def test_import_visits_command(run_cli, url, tmp_path):
    run_cli("--db", url, "customer", "add", "--name", "مریم احمدی", "--phone", "09121234567")
    path = fx.visits_sheet_xlsx(tmp_path / "v.xlsx")
    code, out, err = run_cli("--db", url, "import-visits", str(path), "--json", "--no-backup")
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["inserted"], doc["customers_created"], doc["error_rows"]) == (1, 0, 1)
    code, out, err = run_cli("--db", url, "import-visits", str(path), "--create-customers",
                             "--no-backup")
    assert code == 0 and "added 4 visits, created 3 customers" in out


def test_export_command(run_cli, url, tmp_path):
    run_cli("--db", url, "import", str(fx.history_customers_xlsx(tmp_path / "h.xlsx")),
            "--no-backup")
    out_file = tmp_path / "out.xlsx"
    code, out, err = run_cli("--db", url, "export", str(out_file), "--sheet-lang", "fa")
    assert code == 0, err
    assert out.startswith(f"wrote 8 rows (customers) to {out_file}")
    ws = openpyxl.load_workbook(out_file).active
    assert ws.max_row == 9 and ws.sheet_view.rightToLeft
    code, out, _ = run_cli("--db", url, "export", str(out_file), "--segment", "tag:عروس",
                           "--json")
    assert json.loads(out)["rows"] == 1
    code, out, _ = run_cli("--db", url, "export", str(out_file), "--search", "لیلا", "--json")
    assert json.loads(out)["rows"] == 1
    for what, rows in (("visits", 4), ("absent", 2), ("overdue", 0)):
        code, out, err = run_cli("--db", url, "export", str(out_file), "--what", what,
                                 "--json")
        assert code == 0 and json.loads(out)["rows"] == rows, (what, err)
    code, out, err = run_cli("--db", url, "export", str(out_file), "--what", "campaign")
    assert code == 1 and err.strip() == "Give the campaign with --campaign ID."
    code, out, err = run_cli("--db", url, "export", str(tmp_path / "x.csv"))
    assert code == 1 and err.strip() == "'x.csv' must end with .xlsx."
    code, out, err = run_cli("--db", url, "export", str(out_file), "--sheet-lang", "en",
                             "--as-of", "1403/06/01", "--json")
    assert code == 0


@pytest.mark.parametrize("builder,message", [
    (fx.corrupt_xlsx, "is damaged"), (fx.encrypted_xlsx, "password-protected"),
    (fx.text_as_xlsx, "is named .xlsx but is a plain text file"),
])
def test_bad_files_one_line_exit_1(run_cli, url, tmp_path, builder, message):
    code, out, err = run_cli("--db", url, "import", str(builder(tmp_path / "b.xlsx")))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    code, out, err = run_cli("--db", url, "import", str(tmp_path / "missing.xlsx"))
    assert code == 1 and "was not found" in err


def test_the_command_in_a_subprocess(url, tmp_path):
    """``python -m shopcrm import`` as a user runs it (no Qt, exit 0)."""
    import subprocess

    path = fx.history_customers_xlsx(tmp_path / "h.xlsx")
    done = subprocess.run([sys.executable, "-m", "shopcrm", "--db", url, "import", str(path),
                           "--json", "--no-backup"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inserted"] == 8
