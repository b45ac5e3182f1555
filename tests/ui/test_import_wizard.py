"""The import wizard driven the way an owner uses it, the Excel page's Undo, and the window
staying alive during a big import."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QElapsedTimer, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.storage.customer_list import customer_ids
from ui.dialogs.import_wizard import ImportWizard
from ui.pages.imports_page import ImportsPage

HEADERS = ["ردیف", "نام و نام خانوادگی", "موبایل", "شهر", "آشنایی از کجا", "توضیحات"]
ROWS = [
    [1, "مریم احمدی", "۰۹۱۲ ۱۱۱ ۲۲۳۳", "تهران", "اینستاگرام", "مو رنگ می‌کند"],
    [2, "علی رضایی", 9351234567.0, "کرج", "دوستان", None],
    [3, "ژاله كريمي", "+98 901 555 6677", "تهران", "اینستاگرام", "VIP"],
    [4, None, "تلفن ندارد", None, None, "ردیف بی‌نام"],  # neither name nor mobile: error
    [5, "بهار نادری", "0912-77", "شیراز", "تابلو", None],  # bad mobile: imported, warning
    [6, "Sara Karimi", "09127778899", "Tehran", "Google", "english name"],
]


def write_book(path: Path, rows=ROWS, headers=HEADERS, title="لیست مشتریان آرایشگاه") -> Path:
    """A workbook as owners make it: a title row above the header, then the list."""
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "مشتریان"
    sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    notes = wb.create_sheet("یادداشت")
    notes.append(["این برگه فقط یادداشت است"])
    wb.save(path)
    return path


def open_wizard(qtbot, ctx) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def choose_file(qtbot, type_text, wizard, path: Path) -> None:
    type_text(wizard.path_edit, str(path))
    qtbot.keyClick(wizard.path_edit, Qt.Key.Key_Return)  # Enter reads the file
    qtbot.waitUntil(lambda: wizard.state.loaded is not None, timeout=10_000)
    if wizard.step() == "file":
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.step() == "columns"


def click_radio(qtbot, radio) -> None:
    """Click a radio button on its circle (at the right in a right-to-left window)."""
    x = radio.width() - 10 if radio.isRightToLeft() else 10
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(x, radio.height() // 2))


def wait_job(qtbot, wizard) -> None:
    qtbot.waitUntil(lambda: wizard.job is None, timeout=30_000)


@pytest.fixture
def excel_file(tmp_path):
    return write_book(tmp_path / "مشتریان من.xlsx")


def test_import_with_a_changed_mapping_then_undo(qtbot, type_text, ctx, excel_file, tmp_path):
    wizard = open_wizard(qtbot, ctx)
    choose_file(qtbot, type_text, wizard, excel_file)
    loaded = wizard.state.loaded
    assert loaded.sheet == "مشتریان" and loaded.header_row == 2
    assert loaded.sheets == ["مشتریان", "یادداشت"]
    assert "۲" in wizard.file_summary.text()  # the header row, in Persian digits

    # Each column's field sits above its values; the unknown column is kept in the notes.
    referral_column = HEADERS.index("آشنایی از کجا")
    assert wizard.field_combo(1).currentData() == "name"
    assert wizard.field_combo(2).currentData() == "mobile"
    combo = wizard.field_combo(referral_column)
    assert combo.currentData() == ""
    assert wizard.model.data(wizard.model.index(1, 1)) == "\u2068مریم احمدی\u2069"
    assert wizard.model.headerData(1, Qt.Orientation.Vertical) == "۳"  # sheet row 3

    intro = wizard.columns_intro.text()
    combo.setCurrentIndex(combo.findData("referral"))  # the owner picks "Referred by"
    assert wizard.state.changed and wizard.columns_intro.text() != intro
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Check (dry run)
    wait_job(qtbot, wizard)
    assert wizard.step() == "check"
    report = wizard.state.report
    assert report.dry_run and report.inserted == 5 and report.error_rows == 1
    assert ctx.customers.count() == 0  # the dry run wrote nothing
    issues = wizard.issues_table
    first = [issues.item(0, c).text() for c in range(4)]
    assert first[0] == "۶"  # the row as the spreadsheet shows it
    assert "ردیف" not in first[3] and first[3]  # the reason, in Persian
    rows_listed = {issues.item(r, 0).text() for r in range(issues.rowCount())}
    assert {"۶", "۷"} <= rows_listed  # the error row and the bad mobile's warning
    assert "\u2068" in first[2]  # the value is isolated: never mirrored
    assert "۱" in wizard.check_summary.text()
    # The preview marks the rows with problems.
    row_of_error = next(r for r in range(1, wizard.model.rowCount())
                        if wizard.model.row_number(r) == 6)
    mobile_cell = wizard.model.index(row_of_error, 2)
    assert wizard.model.data(mobile_cell, Qt.ItemDataRole.ToolTipRole)
    assert wizard.model.data(mobile_cell, Qt.ItemDataRole.BackgroundRole) is not None

    bad = tmp_path / "bad rows.xlsx"
    wizard.save_bad_rows_to(str(bad))
    sheet = openpyxl.load_workbook(bad).active
    saved = list(sheet.iter_rows(values_only=True))
    assert saved[1][0] == 6 and saved[1][-1]  # original row number and a reason
    assert "ذخیره" in wizard.check_notice.text()

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Import
    wait_job(qtbot, wizard)
    assert wizard.step() == "import"
    applied = wizard.state.applied
    assert applied.batch_id and applied.inserted == 5
    with ctx.db.read_session() as s:
        ids = customer_ids(s)
    names = {c.name: c for c in (ctx.customers.get(i) for i in ids)}
    assert set(names) == {"مریم احمدی", "علی رضایی", "ژاله کریمی", "بهار نادری",
                          "Sara Karimi"}
    assert names["علی رضایی"].mobile == "09351234567"
    assert names["ژاله کریمی"].mobile == "09015556677"
    assert names["مریم احمدی"].referral == "اینستاگرام"  # the column mapped by hand
    assert "۵" in wizard.import_label.text()

    qtbot.mouseClick(wizard.undo_button, Qt.MouseButton.LeftButton)
    assert ctx.customers.count() == 0
    assert wizard.import_notice.text().startswith("ورود برگردانده شد: ۵ مشتری حذف")

    # The mapping chosen by hand is remembered for the next file with the same headers.
    second = open_wizard(qtbot, ctx)
    choose_file(qtbot, type_text, second, write_book(tmp_path / "دوباره.xlsx", ROWS[:2]))
    assert second.state.loaded.mapping_source == "remembered"
    assert second.field_combo(referral_column).currentData() == "referral"


def test_visits_sheet_and_bad_files_say_what_is_wrong(qtbot, type_text, ctx, tmp_path):
    wizard = open_wizard(qtbot, ctx)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    type_text(wizard.path_edit, str(broken))
    qtbot.keyClick(wizard.path_edit, Qt.Key.Key_Return)
    assert wizard.state.loaded is None and wizard.step() == "file"
    assert wizard.file_notice.text() and "Traceback" not in wizard.file_notice.text()

    ctx.customers.add(CustomerInput(name="مریم", mobile="09121112233"))
    visits = tmp_path / "visits.csv"
    visits.write_text("موبایل,تاریخ,مبلغ,خدمت\n09121112233,1403/05/01,450000,کوتاهی مو\n"
                      "09350000000,1403/05/02,100000,رنگ\n", encoding="utf-8")
    wizard.path_edit.clear()
    click_radio(qtbot, wizard.visits_radio)
    assert wizard.kind == "visits"
    choose_file(qtbot, type_text, wizard, visits)
    assert wizard.field_combo(1).currentData() == "date"
    assert wizard.create_check.isVisibleTo(wizard) and not wizard.policy_combo.isVisibleTo(
        wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, wizard)
    assert wizard.state.report.inserted == 1  # the unknown mobile is skipped
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, wizard)
    assert len(ctx.visits.history(ctx.customers.find(phone="09121112233").id)) == 1


def test_the_excel_page_lists_imports_and_undo_asks_about_edited_customers(
        qtbot, type_text, ctx, excel_file):
    page = ImportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert ctx.hooks.has("import") and ctx.hooks.has("export")
    assert page.table.isHidden() and not page.empty_label.isHidden()

    wizard = ctx.hooks.get("import")()  # Ctrl+I
    choose_file(qtbot, type_text, wizard, excel_file)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, wizard)
    wizard.accept()
    assert page.table.rowCount() == 1  # the page refreshed itself
    cells = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
    assert "مشتریان من.xlsx" in cells[1] and cells[4] == "۵"

    maryam = ctx.customers.find(phone="09121112233")
    ctx.customers.edit(maryam.id, CustomerInput(city="اصفهان"))  # edited since the import
    page.table.clearSelection()
    assert not page.undo_button.isEnabled()
    cell = page.table.visualItemRect(page.table.item(0, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert page.undo_button.isEnabled()
    flow = page.undo_selected()
    box = flow.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "مریم احمدی" in box.informativeText()
    assert ctx.customers.count() == 5  # nothing changed while asking
    flow.force_button.click()  # "Undo anyway"
    assert ctx.customers.count() == 0
    assert "۵" in page.notice.text()
    assert page.table.item(0, 7).text() != "در دفتر"  # marked as undone
    assert not page.undo_button.isEnabled()


def big_workbook(path: Path, rows: int) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = wb.add_worksheet("customers")
    sheet.write_row(0, 0, ["نام", "موبایل", "شهر", "تاریخ تولد"])
    for i in range(1, rows + 1):
        sheet.write_row(i, 0, [f"مشتری شماره {i}", f"0912{i:07d}", "تهران", "1370/01/05"])
    wb.close()
    return path


BIG_ROWS = 100_000


@pytest.mark.slow
def test_the_window_keeps_answering_during_a_big_import(qtbot, threaded_ctx, tmp_path):
    started = time.perf_counter()
    path = big_workbook(tmp_path / "big.xlsx", BIG_ROWS)
    made = time.perf_counter() - started
    wizard = ImportWizard(threaded_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.path_edit.setText(str(path))
    wizard.load_file()
    qtbot.waitUntil(lambda: wizard.state.loaded is not None, timeout=120_000)
    wizard.next()  # the columns

    ticks: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(clock.elapsed() / 1000))
    timer.start(20)
    imported = time.perf_counter()
    wizard.start_import()
    progress: list[int] = []
    wizard.job.progress.connect(lambda done, _total: progress.append(done))
    qtbot.waitUntil(lambda: wizard.job is None, timeout=300_000)
    seconds = time.perf_counter() - imported
    timer.stop()
    assert wizard.state.applied is not None, wizard.import_label.text()
    assert wizard.state.applied.inserted == BIG_ROWS
    assert threaded_ctx.customers.count() == BIG_ROWS
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # The event loop turned all along: a tick every 20 ms, never a pause of half a second.
    assert len(ticks) > seconds / 0.02 * 0.5, (len(ticks), seconds)
    assert max(gaps) < 0.5, [(round(t, 2), round(g, 3)) for t, g in zip(ticks, gaps,
                                                                        strict=False) if g > 0.1]
    assert len(progress) > 5 and progress == sorted(progress)
    print(f"\n[big import] {BIG_ROWS} rows: workbook {made:.1f} s, import {seconds:.1f} s, "
          f"{len(ticks)} ticks, longest pause {max(gaps) * 1000:.0f} ms")
    QApplication.processEvents()


def test_a_neighbourhood_column_is_offered_not_taken_and_a_csv_named_xlsx_is_said(
        qtbot, type_text, ctx, tmp_path):
    """محله only resembles the city: the wizard keeps it in the notes, flags it and says
    so; the owner's choice makes it the city. A CSV file named .xlsx is said to be one."""
    headers = ["نام و نام خانوادگی", "موبایل", "محله"]
    path = write_book(tmp_path / "محله.xlsx", [["مریم احمدی", "09121112233", "تجریش"]],
                      headers)
    wizard = open_wizard(qtbot, ctx)
    choose_file(qtbot, type_text, wizard, path)
    combo = wizard.field_combo(2)
    assert combo.currentData() == ""  # kept in the notes, not the city
    assert combo.property("suggested") is True and "شهر" in combo.toolTip()
    assert "ستون «محله» شاید شهر باشد" in wizard.columns_intro.text()
    combo.setCurrentIndex(combo.findData("city"))  # the owner says it is the city
    assert "شاید شهر باشد" not in wizard.columns_intro.text()
    assert combo.property("suggested") is False
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # check
    wait_job(qtbot, wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # import
    wait_job(qtbot, wizard)
    assert ctx.customers.find(phone="09121112233").city == "تجریش"

    disguised = tmp_path / "فهرست.xlsx"
    disguised.write_text("نام,موبایل\nسارا,09351112233\n", encoding="utf-8")
    second = open_wizard(qtbot, ctx)
    choose_file(qtbot, type_text, second, disguised)
    assert "فایل متنی (CSV)" in second.columns_intro.text()


def test_the_spending_column_comes_in_and_is_said(qtbot, type_text, ctx, tmp_path):
    path = write_book(tmp_path / "برون‌بری.xlsx", headers=[
        "نام و نام خانوادگی", "موبایل", "تعداد مراجعه", "جمع خرید (تومان)"], rows=[
        ["مریم احمدی", "09121112233", 4, 850_000], ["علی رضایی", "09351234567", 1, None],
        ["ژاله کریمی", "09015556677", 2, 150_000]])
    wizard = open_wizard(qtbot, ctx)
    choose_file(qtbot, type_text, wizard, path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Check (dry run)
    wait_job(qtbot, wizard)
    said = "از ستون «جمع خرید» آورده می‌شود: ۲ مشتری، روی هم ۱٬۰۰۰٬۰۰۰ تومان"
    assert said in wizard.check_summary.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Import
    wait_job(qtbot, wizard)
    assert "از ستون «جمع خرید» آورده شد: ۲ مشتری، روی هم ۱٬۰۰۰٬۰۰۰ تومان" in (
        wizard.import_label.text())
    with ctx.db.read_session() as s:
        ids = customer_ids(s)
    spent = {c.name: c.total_spent for c in (ctx.customers.get(i) for i in ids)}
    assert spent == {"مریم احمدی": 8_500_000, "علی رضایی": 0, "ژاله کریمی": 1_500_000}


def test_visits_taking_the_customer_list_s_place_are_said(qtbot, type_text, ctx, tmp_path):
    from shopcrm.services.excel.importer import import_customers, run_to_end

    listed = write_book(tmp_path / "مشتریان.xlsx", headers=[
        "نام و نام خانوادگی", "موبایل", "تعداد مراجعه", "آخرین مراجعه", "جمع خرید (تومان)"],
        rows=[["مریم احمدی", "09121112233", 3, "1403/05/10", 850_000]])
    run_to_end(import_customers(ctx.db, listed, backup=False))
    visits = tmp_path / "visits.csv"
    visits.write_text("موبایل,تاریخ,مبلغ\n09121112233,1403/05/01,300000\n"
                      "09121112233,1403/05/10,550000\n", encoding="utf-8")
    wizard = open_wizard(qtbot, ctx)
    click_radio(qtbot, wizard.visits_radio)
    choose_file(qtbot, type_text, wizard, visits)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Check (dry run)
    wait_job(qtbot, wizard)
    said = ("۲ مراجعه جای خلاصه‌ی فهرست مشتریان را برای ۱ مشتری {}: ۱ «آخرین مراجعه»ی "
            "واردشده جایگزین {}، مراجعه‌های پیش از دفتر ۱ تا و خرید پیش از دفتر ۸۵۰٬۰۰۰ "
            "تومان کم {}")
    assert said.format("می‌گیرد", "می‌شود", "می‌شود") in wizard.check_summary.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Import
    wait_job(qtbot, wizard)
    assert said.format("گرفت", "شد", "شد") in wizard.import_label.text()
    c = ctx.customers.find(phone="09121112233")
    assert (c.visit_count, c.prior_visits, c.total_spent) == (2, 1, 8_500_000)
