"""One language in the window: every page and the main dialogs, walked widget by widget in
Persian, carry no untranslated English word.

Each page of the main window is shown on a demo book (with a sent campaign, so the
campaign tables have rows) and every visible text is read: labels, buttons, group titles,
tab names, tooltips, placeholders, combo box items, table headers and the first rows of
each table, menus (the menu bar and the customers' right-click menu). Data (names,
emails, paths, URLs, file names) and a short list of names that are the same in Persian
(ShopCRM, PNG, PDF, Ctrl+...) are left out; any other Latin word fails the test.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QEventLoop, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from sqlalchemy import text

from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService
from ui.main_window import MainWindow

# Names and marks read the same in a Persian interface.
ALLOWED = {"shopcrm", "png", "pdf", "csv", "xlsx", "xls", "ods", "ctrl", "shift", "api",
           "smtp", "starttls", "ssl", "tls", "postgresql", "sqlite", "excel", "sms", "json",
           "english",  # a language is offered under its own name
           "systemd", "cron", "launchd"}  # the system's schedulers, by their names
_LATIN = re.compile(r"[A-Za-z][A-Za-z']+")
_NOT_WORDS = [
    re.compile(r"\S+@\S+"),  # emails
    re.compile(r"\w+://\S+"),  # URLs
    re.compile(r"(?<![\w.])/\S+"),  # paths
    re.compile(r"\S*\.(?:sqlite3|xlsx|xls|csv|ods|png|pdf|db)\b"),  # file names, *.xlsx
    re.compile(r"<[^>]+>"),  # rich-text tags
]


_LATIN_MOBILE = re.compile(r"(?<![\d.])(?:\+98|0)9\d{2}[ -]?\d{3}[ -]?\d{4}(?!\d)")


def _latin_words(value: str, data: set[str]) -> set[str]:
    """Untranslated words in ``value``, and mobiles written with Latin digits."""
    mobiles = set(_LATIN_MOBILE.findall(value))
    for rule in _NOT_WORDS:
        value = rule.sub(" ", value)
    return {w for w in _LATIN.findall(value) if w.lower() not in ALLOWED | data} | mobiles


def _data_words(db) -> set[str]:
    words: set[str] = set()
    with db.engine.connect() as conn:
        for sql in ("SELECT name, email, city, address, notes, referral FROM customer",
                    "SELECT service, staff, payment_method, note FROM visit",
                    "SELECT name FROM tag", "SELECT name, template FROM campaign",
                    "SELECT recipient, body FROM outbox_message"):
            for row in conn.execute(text(sql)):
                for value in row:
                    if isinstance(value, str):
                        words.update(w.lower() for w in re.findall(r"\w+", value))
    return words


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read on ``widget``."""
    found: list[tuple[str, str]] = []

    def add(where: QWidget, value: object) -> None:
        if isinstance(value, str) and value.strip():
            found.append((f"{type(where).__name__}#{where.objectName()}", value))

    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget) and w is not widget:
            continue
        add(w, w.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            add(w, w.text())
        elif isinstance(w, QGroupBox):
            add(w, w.title())
        elif isinstance(w, QLineEdit):
            add(w, w.placeholderText())
            if _LATIN_MOBILE.search(w.text()):  # a mobile filled in by the window
                add(w, w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            add(w, w.placeholderText())
            add(w, w.toPlainText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, w.itemText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, w.tabText(i))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            root = QModelIndex()
            try:
                columns = model.columnCount(root)
            except TypeError:  # a list model: one column
                columns = 1
            for column in range(columns):
                add(w, model.headerData(column, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.DisplayRole))
                add(w, model.headerData(column, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.ToolTipRole))
            for row in range(min(model.rowCount(root), 8)):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            add(w, value)
    return found


def _menu_texts(menu: QMenu) -> list[tuple[str, str]]:
    found = []
    for action in menu.actions():
        if action.text():
            found.append((f"menu {menu.title()}", action.text()))
        if action.menu() is not None:
            found += _menu_texts(action.menu())
    return found


def _settle(window: MainWindow) -> None:
    from ui.screenshots import settle

    settle(window, rounds=2)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


@pytest.mark.demo(80)
def test_every_page_and_dialog_reads_persian(qtbot, ctx, monkeypatch, tmp_path):
    monkeypatch.setenv("SHOPCRM_SMS_PROVIDER", "file")
    service = CampaignService(ctx.db, ctx.settings)
    campaign_id, _ = service.create(CampaignRequest(
        text="{first_name} عزیز، سلام", audience=Audience.ids([1, 2, 3]), channel="sms",
        kind="winback"))
    list(service.send(campaign_id))
    data = _data_words(ctx.db)

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    leaks: list[str] = []

    def check(where: str, items: list[tuple[str, str]]) -> None:
        for widget, value in items:
            words = _latin_words(value, data)
            if words:
                leaks.append(f"{where} {widget}: {sorted(words)} in {value[:120]!r}")

    for menu in window.menuBar().findChildren(QMenu):
        check("menu bar", _menu_texts(menu))
    seen_pages = []
    for page in window.pages:
        window.show_page(page.key)
        _settle(window)
        seen_pages.append(page.key)
        texts = _texts(window)
        assert len(texts) > 15, (page.key, texts)  # the walk reads the page
        check(f"page {page.key}", texts)
    assert {"customers", "winback", "campaigns", "reports", "imports", "trash",
            "settings"} <= set(seen_pages)

    customers = next(p for p in window.pages if p.key == "customers")
    check("customers' right-click menu", _menu_texts(customers.build_context_menu([1])))

    from ui.dialogs.customer_card import CustomerCard
    from ui.dialogs.demo_offer import DemoOfferDialog
    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.record_visit import RecordVisitDialog
    from ui.dialogs.relocation_dialog import RelocationDialog
    from ui.dialogs.schedule_dialog import ScheduleDialog
    from ui.dialogs.visit_editor import VisitEditor

    mobile = ctx.customers.get(1).mobile
    for name, dialog in (("customer card", CustomerCard(ctx, 1, window)),
                         ("new customer", CustomerCard(ctx, None, window)),
                         ("record a visit", RecordVisitDialog(ctx, window, mobile=mobile)),
                         ("export", ExportDialog(ctx, None, window)),
                         ("import", ImportWizard(ctx, window)),
                         ("visit editor", VisitEditor(ctx, 1, None, window)),
                         ("relocation", RelocationDialog(ctx, service, window)),
                         ("demo offer", DemoOfferDialog(ctx, window)),
                         ("schedule", ScheduleDialog(ctx, window, backend="systemd",
                                                     env={"HOME": str(tmp_path)},
                                                     activate=False))):
        qtbot.addWidget(dialog)
        dialog.show()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        check(name, _texts(dialog))
        if isinstance(dialog, CustomerCard) and dialog.tabs.count() > 1:
            for i in range(dialog.tabs.count()):
                dialog.tabs.setCurrentIndex(i)
                check(f"{name} tab {i}", _texts(dialog))
        dialog.close()
    assert not leaks, "untranslated English on Persian screens:\n" + "\n".join(leaks)


@pytest.mark.demo(20)
def test_ready_templates_show_persian_placeholders(qtbot, ctx):
    from ui.dialogs.compose_campaign import CampaignComposer

    composer = CampaignComposer(ctx, CampaignService(ctx.db, ctx.settings))
    qtbot.addWidget(composer)
    composer.set_template("winback")
    shown = composer.text.toPlainText()
    assert "{نام_کوچک}" in shown and "{first_name}" not in shown
    inserts = [a.text() for a in composer.insert_button.menu().actions()]
    assert any("{نام_کوچک}" in t for t in inserts) and not any("{first_name}" in t
                                                               for t in inserts)
    # what it reads is what it sends: the Persian placeholders render, the kind is kept
    request = composer.request()
    assert request.kind == "winback"


def test_nothing_is_drawn_over_the_insert_field_button_text(qtbot, ctx):
    """In the right-to-left window Qt's own menu arrow sat in the lower left corner of
    «افزودن فیلد», on its last letter: the corner below the text is bare now (the ▾ is
    in the text, as on the chips and the snooze button)."""
    from ui.dialogs.compose_campaign import CampaignComposer

    composer = CampaignComposer(ctx, CampaignService(ctx.db, ctx.settings))
    qtbot.addWidget(composer)
    composer.show()
    qtbot.wait(10)
    image = composer.insert_button.grab().toImage()
    height, middle = image.height(), image.width() // 2
    for y in range(height - 8, height - 2):  # under the text, inside the frame
        face = image.pixelColor(middle, y).lightness()
        corner = [image.pixelColor(x, y).lightness() for x in range(2, 12)]
        assert all(abs(face - light) < 40 for light in corner), f"row {y}: {corner}"
    assert composer.insert_button.text().endswith("▾")
