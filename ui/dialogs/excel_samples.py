"""The Excel dialogs as the screenshots show them (``python app.py --screenshots DIR``).

A small hand-kept workbook like the ones owners bring (a title row, Persian headers, mobiles
written several ways, Jalali dates as text and as date cells, a column nobody recognises and
a row that cannot be imported) is written to a temporary folder; the import wizard is shown
at its columns step and, after the dry run, at its check step; the export dialog is shown
for a search of the customers page.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.app_context import AppContext

HEADERS = ["ردیف", "نام مشتری", "موبایل", "تلفن ثابت", "تولد", "محله", "دفعات", "آخرین بار",
           "رنگ موی همیشگی"]
ROWS: list[list[Any]] = [
    [1, "نازنين اميري", "09355467797", "02132278493", "", "تجریش", 14, date(2025, 6, 17),
     "قهوه‌ای روشن"],
    [2, "ساره کیانی", 9124904399.0, "", "1361/2/2", "تجریش", 3, "1404/11/06", ""],
    [3, "مهسا یگانه", "۰۹۰۲۸۳۹۹۰۰۶", "", "", "نارمک", 1, date(2025, 9, 25), "مشکی"],
    [4, "الناز فرهادی", "+989912897087", "", "1363/4/4", "", 3, "1404/03/31", "بلوند"],
    [5, "", "ندارد", "", "", "نارمک", "", "", ""],
    [6, "فرشته زمانی", "0935 5393577", "02111701417", "", "نارمک", 9, date(2025, 7, 28), ""],
    [7, "کتایون کرمانی", "0991-343", "", "1365/6/6", "تجریش", 2, "1404/03/13", "شرابی"],
    [8, "Sara Moradi", "09127778899", "", "1990-04-12", "ونک", 5, "1404/05/01", ""],
]


def write_sample(folder: Path) -> Path:
    import xlsxwriter

    path = folder / "لیست مشتریان آرایشگاه.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("لیست")
    sheet.right_to_left()
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_string(0, 0, "مشتریان آرایشگاه - به‌روز شده")
    sheet.write_row(1, 0, HEADERS)
    for r, row in enumerate(ROWS, start=2):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            elif value:
                sheet.write_string(r, c, value)
    workbook.close()
    return path


def excel_dialogs(ctx: AppContext, window: QWidget) -> list[tuple[str, QWidget]]:
    """``(name, dialog)`` pairs ready to be shown and saved."""
    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.import_wizard import ImportWizard
    from ui.pages.customers_page import CustomerViewSpec

    path = write_sample(Path(tempfile.mkdtemp(prefix="shopcrm-shots-")))
    columns = ImportWizard(ctx, window)
    columns.path_edit.setText(str(path))
    columns.load_file()
    ctx.workers.wait_idle(60_000)
    columns.next()
    check = ImportWizard(ctx, window)
    check.path_edit.setText(str(path))
    check.load_file()
    ctx.workers.wait_idle(60_000)
    check.next()
    check.next()  # the dry run
    ctx.workers.wait_idle(60_000)
    spec = CustomerViewSpec("رضا", "regular", "name", False, ())
    export = ExportDialog(ctx, spec, window)
    ctx.workers.wait_idle(60_000)
    return [("import-columns", columns), ("import-check", check), ("export", export)]
