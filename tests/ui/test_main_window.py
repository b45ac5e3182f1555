"""The main window: pages, shortcuts, remembered layout, the empty-book demo offer, and
``app.py`` itself (screenshots, a light start-up)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from shopcrm.services.customers.fields import CustomerInput
from ui.dialogs.customer_card import CustomerCard
from ui.dialogs.record_visit import RecordVisitDialog
from ui.main_window import MainWindow
from ui.pages.base import Page

ROOT = Path(__file__).resolve().parents[2]


def make_window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


@pytest.mark.demo(100)
def test_pages_status_bar_and_right_to_left(qtbot, ctx):
    window = make_window(qtbot, ctx)
    keys = [p.key for p in window.pages]
    assert keys[:2] == ["today", "customers"]
    assert {"winback", "campaigns", "reports", "imports", "trash", "settings"} <= set(keys)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.count_label.text() == "دفتر: ۱۰۰ مشتری"
    assert ctx.db.url.endswith(window.db_label.toolTip())
    window.show_page("trash")
    assert window.current_page().key == "trash"


@pytest.mark.demo(30)
def test_shortcuts(qtbot, ctx):
    window = make_window(qtbot, ctx)
    window.show_page("trash")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    customers = window.page("customers")
    assert window.current_page() is customers
    assert QApplication.focusWidget() is customers.search_box
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.last_dialog, RecordVisitDialog) and window.last_dialog.isVisible()
    window.last_dialog.reject()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.last_dialog, CustomerCard) and window.last_dialog.customer_id is None
    window.last_dialog.reject()
    assert window.import_action.isEnabled() and window.export_action.isEnabled()  # Excel page
    for name in ("import", "export"):
        ctx.hooks.set(name, None)  # an action whose hook is missing stays disabled
    assert not window.import_action.isEnabled() and not window.export_action.isEnabled()
    imported = []
    ctx.hooks.set("import", lambda: imported.append(True))
    assert window.import_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert imported == [True]


def test_a_visit_recorded_anywhere_refreshes_the_customers_page(qtbot, ctx, type_text):
    window = make_window(qtbot, ctx)
    customers = window.page("customers")
    assert customers.model.rowCount() == 0
    window.record_visit()
    dialog = window.last_dialog
    type_text(dialog.mobile, "09121234567")
    type_text(dialog.name, "مریم")
    dialog.save()
    assert customers.model.rowCount() == 1
    assert "مریم" in window.statusBar().currentMessage()
    assert window.count_label.text() == "دفتر: ۱ مشتری"


@pytest.mark.demo(30)
def test_size_splitter_and_columns_are_remembered_under_the_config_dir(qtbot, ctx):
    config = Path(os.environ["SHOPCRM_CONFIG_DIR"])
    window = make_window(qtbot, ctx)
    window.resize(760, 560)  # the offscreen screen is 800x800
    window.splitter.setSizes([210, 550])
    header = window.page("customers").table.horizontalHeader()
    header.resizeSection(1, 177)
    window.close()
    assert (config / "window.ini").is_file()

    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.restore_state()
    again.show()
    assert (again.width(), again.height()) == (760, 560)
    assert again.page("customers").table.horizontalHeader().sectionSize(1) == 177
    assert abs(again.splitter.sizes()[0] - 210) <= 2


def test_an_empty_book_offers_the_demo_and_loads_it_on_a_worker(qtbot, threaded_ctx):
    from ui.dialogs import demo_offer

    threaded_ctx.settings.set("shop.name", "آرایشگاه نگار")  # set up: the offer comes alone
    window = make_window(qtbot, threaded_ctx)
    offer = window.offer_demo_if_empty()
    assert offer is not None and offer.isVisible()
    offer.customers = 1_500
    offer.load_button.click()
    assert offer.progress is not None and offer.progress.isVisible()
    with qtbot.waitSignal(offer.loaded, timeout=60_000) as blocker:
        pass
    assert blocker.args[0].customers == 1_500
    qtbot.waitUntil(lambda: window.page("customers").model.rowCount() == 1_500, timeout=10_000)
    qtbot.waitUntil(lambda: not offer.progress.isVisible(), timeout=5_000)
    assert window.offer_demo_if_empty() is None  # not empty any more
    assert demo_offer.should_offer(threaded_ctx) is False


def test_declining_the_demo_is_remembered(qtbot, ctx):
    ctx.settings.set("shop.name", "آرایشگاه نگار")
    window = make_window(qtbot, ctx)
    offer = window.offer_demo_if_empty()
    offer.empty_button.click()
    assert window.offer_demo_if_empty() is None and ctx.customers.count() == 0


def test_a_book_with_customers_gets_no_offer(qtbot, ctx):
    ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    window = make_window(qtbot, ctx)
    assert window.offer_demo_if_empty() is None


def test_the_offer_made_on_an_empty_book_adds_nothing_once_a_customer_came(qtbot,
                                                                         threaded_ctx):
    """The offer is shown on an empty book; a customer added before Load is clicked (another
    window, an import) makes the load refuse in one sentence, and no demo customer is
    added."""
    threaded_ctx.settings.set("shop.name", "آرایشگاه نگار")
    window = make_window(qtbot, threaded_ctx)
    offer = window.offer_demo_if_empty()
    assert offer is not None
    threaded_ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    offer.customers = 50
    loaded = []
    offer.loaded.connect(loaded.append)
    offer.load_button.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None,
                    timeout=20_000)
    box = window.findChild(QMessageBox, "errorBox")
    assert box.text() == ("این دفتر ۱ مشتری دارد؛ مشتریان نمونه فقط به دفتر خالی افزوده "
                          "می‌شوند تا با مشتریان واقعی قاطی نشوند.")
    assert loaded == [] and threaded_ctx.customers.count() == 1


def test_a_new_page_is_one_call(qtbot, ctx):
    class Hello(Page):
        key = "hello"

        def title(self):
            return "Hello"

    window = make_window(qtbot, ctx)
    page = Hello(ctx)
    window.add_page(page)
    last = window.navigation.count() - 1
    assert window.navigation.item(last).text() == "Hello"
    window.navigation.setCurrentRow(last)
    assert window.current_page() is page


def run_app(args, tmp_path, timeout=180):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "app.py"), *args], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_screenshots_of_every_page_in_both_languages(tmp_path):
    from shopcrm.services.customers.demo import generate_demo
    from shopcrm.storage.db import open_database

    url = f"sqlite:///{tmp_path / 'shots.sqlite3'}"
    db = open_database(url)
    list(generate_demo(db, 300))
    db.close()
    out = tmp_path / "shots"
    proc = run_app(["--db", url, "--screenshots", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    names = sorted(p.name for p in out.glob("*.png"))
    for lang in ("fa", "en"):
        for name in ("customers", "trash", "customer-card", "record-visit", "new-customer"):
            assert f"{lang}-{name}.png" in names
    page = QImage(str(out / "fa-customers.png"))
    assert (page.width(), page.height()) == (1366, 768)
    assert all((out / n).stat().st_size > 5_000 for n in names)


LIGHT_START = """
import json, sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
from shopcrm.config import Settings
from shopcrm.storage.db import open_database
from ui import i18n, theme
from ui.app_context import build_context
from ui.main_window import MainWindow

app = QApplication([])
theme.apply(app)
lang = i18n.install(app, "fa")
ctx = build_context(open_database({url!r}), Settings(), lang)
window = MainWindow(ctx)
window.show()
ctx.workers.wait_idle()
heavy = sorted(m for m in ("matplotlib", "openpyxl", "python_calamine") if m in sys.modules)
print(json.dumps({{"heavy": heavy, "font": app.font().family(), "lang": lang}}))
ctx.workers.shutdown()
"""


def test_start_up_loads_no_heavy_module(tmp_path):
    """The window is up over a book, and matplotlib, openpyxl, calamine are not loaded."""
    url = f"sqlite:///{tmp_path / 'light.sqlite3'}"
    script = LIGHT_START.format(root=str(ROOT), url=url)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report == {"heavy": [], "font": "Vazirmatn", "lang": "fa"}


@pytest.mark.parametrize("damage", ["garbage", "newer"])
def test_a_book_that_cannot_open_is_explained_not_traced(qtbot, tmp_path, settings, damage):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    import app

    path = tmp_path / "book.sqlite3"
    if damage == "garbage":
        path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    else:
        import sqlite3

        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
            conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.reject()
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(20, read_and_close)
    assert app.open_book(f"sqlite:///{path}", settings, "fa") is None
    assert seen and ("آسیب" in seen[0] or "نسخه" in seen[0])
