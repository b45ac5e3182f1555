"""Export of the current view to .xlsx (read back with openpyxl), and failures in words."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from shopcrm.services.customers.fields import CustomerInput
from ui.dialogs.export_dialog import ExportDialog
from ui.pages.customers_page import CustomersPage, CustomerViewSpec
from ui.pages.imports_page import ImportsPage

PEOPLE = [("مریم رضایی", "09120000001"), ("علی رضایی", "09120000002"),
          ("ژاله کریمی", "09120000003"), ("Sara Rezaei", "09120000004"),
          ("بهار رضایی", "09120000005"), ("پرستو نادری", "09120000006")]


@pytest.fixture
def pages(qtbot, ctx):
    for name, mobile in PEOPLE:
        ctx.customers.add(CustomerInput(name=name, mobile=mobile, city="تهران"))
    customers = CustomersPage(ctx)
    excel = ImportsPage(ctx)  # fills the export hook
    for page in (customers, excel):
        qtbot.addWidget(page)
    customers.show()
    return customers, excel


def export_with_dialog(qtbot, type_text, dialog: ExportDialog, path: Path) -> None:
    dialog.path_edit.clear()
    type_text(dialog.path_edit, str(path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)


def sheet_rows(path: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path).active
    return list(sheet.iter_rows(values_only=True))


def test_export_the_search_shown_and_then_the_selection(qtbot, type_text, ctx, pages,
                                                        tmp_path):
    customers, excel = pages
    type_text(customers.search_box, "رضایی")
    qtbot.waitUntil(lambda: not customers.search_box.pending and customers.ready(),
                    timeout=3_000)
    shown = {customers.model.customer_at(r).name for r in range(customers.model.rowCount())}
    assert shown == {"مریم رضایی", "علی رضایی", "بهار رضایی"}

    qtbot.mouseClick(customers.export_button, Qt.MouseButton.LeftButton)  # the Export button
    dialog = excel.export_dialog
    assert dialog.isVisible() and dialog.what() == "view"
    assert "۳" in dialog.radios["view"].text()  # "the 3 customers shown now"
    out = tmp_path / "shown.xlsx"
    export_with_dialog(qtbot, type_text, dialog, out)
    rows = sheet_rows(out)
    assert rows[0][1] == "نام و نام خانوادگی"  # Persian headers in a Persian window
    assert {r[1] for r in rows[1:]} == shown
    assert {r[2] for r in rows[1:]} == {"09120000001", "09120000002", "09120000005"}
    assert openpyxl.load_workbook(out).active.sheet_view.rightToLeft
    assert "۳" in dialog.notice.text() and dialog.open_file_button.isVisibleTo(dialog)
    dialog.reject()

    # Two rows picked by hand: the dialog offers "only the 2 selected".
    selection = customers.table.selectionModel()
    selection.clearSelection()
    for row in (0, 2):
        selection.select(customers.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    picked = {customers.model.customer_at(r).name for r in (0, 2)}
    qtbot.mouseClick(customers.export_button, Qt.MouseButton.LeftButton)
    dialog = excel.export_dialog
    assert dialog.what() == "selected"
    out = tmp_path / "picked.xlsx"
    export_with_dialog(qtbot, type_text, dialog, out)
    assert {r[1] for r in sheet_rows(out)[1:]} == picked


def test_ctrl_e_in_the_window_and_the_other_lists(qtbot, type_text, ctx, tmp_path):
    from ui.main_window import MainWindow

    ctx.customers.add(CustomerInput(name="مریم", mobile="09121112233"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.export_action.isEnabled() and window.import_action.isEnabled()
    window.export_action.trigger()  # Ctrl+E
    dialog = window.page("imports").export_dialog
    assert dialog.what() == "all"  # nothing searched: the whole book
    dialog.choose("visits")
    out = tmp_path / "visits.xlsx"
    export_with_dialog(qtbot, type_text, dialog, out)
    assert sheet_rows(out)[0][0] == "تاریخ" and len(sheet_rows(out)) == 1
    dialog.choose("absent")
    export_with_dialog(qtbot, type_text, dialog, tmp_path / "absent.xlsx")
    assert (tmp_path / "absent.xlsx").is_file()
    assert not dialog.radios["campaign"].isEnabled()  # no campaign yet
    dialog.reject()


def read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        return folder
    if os.access("/sys", os.W_OK) and not _writes("/sys"):
        return Path("/sys")  # root ignores file modes; sysfs refuses new files even to root
    pytest.skip("no read-only folder for root here")


def _writes(folder: str) -> bool:
    try:
        with open(os.path.join(folder, ".shopcrm-probe"), "w"):
            pass
    except OSError:
        return False
    os.unlink(os.path.join(folder, ".shopcrm-probe"))
    return True


def test_a_failed_export_says_why_and_leaves_no_file(qtbot, type_text, ctx, tmp_path,
                                                     monkeypatch):
    ctx.customers.add(CustomerInput(name="مریم", mobile="09121112233"))
    spec = CustomerViewSpec("", "all", "name", False, ())
    dialog = ExportDialog(ctx, spec)
    qtbot.addWidget(dialog)
    dialog.show()

    export_with_dialog(qtbot, type_text, dialog, tmp_path / "no such folder" / "x.xlsx")
    assert "وجود ندارد" in dialog.notice.text()  # the folder does not exist

    locked = read_only_folder(tmp_path)
    export_with_dialog(qtbot, type_text, dialog, locked / "customers.xlsx")
    assert "فقط‌خواندنی" in dialog.notice.text()
    assert not (locked / "customers.xlsx").exists()

    import xlsxwriter

    def disk_full(self):  # the disk fills up as the workbook is finished
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(xlsxwriter.Workbook, "close", disk_full)
    export_with_dialog(qtbot, type_text, dialog, tmp_path / "full.xlsx")
    assert "دیسک پر است" in dialog.notice.text()
    assert list(tmp_path.glob("*.xlsx")) == [] and not list(tmp_path.glob(".*tmp*"))
    assert dialog.export_button.isEnabled()  # try again elsewhere
