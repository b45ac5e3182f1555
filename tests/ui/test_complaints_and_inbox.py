"""The complaint form, the complaints on the card, the complaint badge in the list, and the
Inbox page (against the fake Kavenegar's sms/receive), in Persian and English.

Screenshots go to ``$SHOPCRM_TEST_SHOTS`` when it is set (to look at them)."""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from support.fake_kavenegar import FakeKavenegar

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.visits import VisitInput
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.retention.complaints import ComplaintService
from shopcrm.services.retention.inbox import sync_inbox
from ui.dialogs.customer_card import CustomerCard

SENDER = "10004346"
COMPLAINTS_TAB = 4  # after Details, Visits, Contact history and Loyalty


def shot(widget, name: str) -> None:
    folder = os.environ.get("SHOPCRM_TEST_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@contextlib.contextmanager
def english(ctx):
    """The window in English for a while: our translators out, left to right."""
    from PySide6.QtCore import QTranslator

    from ui.display import Display

    app = QApplication.instance()
    translators = app.findChildren(QTranslator)
    for t in translators:
        app.removeTranslator(t)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    saved = ctx.lang, ctx.display
    ctx.lang, ctx.display = "en", Display.from_settings(ctx.settings, "en")
    try:
        yield
    finally:
        ctx.lang, ctx.display = saved
        for t in translators:
            app.installTranslator(t)
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)


def _customer(ctx):
    cid = ctx.customers.add(CustomerInput(name="مریم احمدی", mobile="09121234567"))
    vid = ctx.visits.add(cid, VisitInput(at="1403/05/17 14:30", service="رنگ مو",
                                         staff="لیلا", amount="1500000"))
    return cid, vid


def open_card(qtbot, ctx, cid):
    card = CustomerCard(ctx, cid)
    qtbot.addWidget(card)
    card.resize(980, 620)
    card.show()
    card.tabs.setCurrentIndex(COMPLAINTS_TAB)
    return card


def test_the_complaint_form_records_a_complaint_on_the_card(qtbot, ctx, type_text):
    cid, vid = _customer(ctx)
    card = open_card(qtbot, ctx, cid)
    panel = card.complaints_panel
    assert panel.table.rowCount() == 0 and card.complaint_badge.isHidden()
    form = panel.new_complaint()
    assert not form.save_button.isEnabled() and form.text_error.text()
    type_text(form.text, "رنگ یکدست نبود و دیر شروع شد")
    assert form.save_button.isEnabled() and not form.text_error.text()
    form.severity.setCurrentIndex(form.severity.findData("high"))
    form.visit.setCurrentIndex(form.visit.findData(vid))
    type_text(form.handled_by, "مدیر")
    shot(form, "fa-complaint-form")
    form.save()

    stored = ComplaintService(ctx.db).list(customer_id=cid)
    assert [(c.text, c.severity, c.visit_id, c.status, c.handled_by) for c in stored] == [
        ("رنگ یکدست نبود و دیر شروع شد", "high", vid, "open", "مدیر")]
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 1).text() == "زیاد" and panel.table.item(0, 2).text() == "باز"
    assert not card.complaint_badge.isHidden() and "۱" in card.complaint_badge.text()
    assert card.tabs.tabText(COMPLAINTS_TAB) == "شکایت‌ها (۱)"
    shot(card, "fa-card-complaints")

    panel.select_row(0)
    form = panel.edit_selected()
    assert form.text.isReadOnly() and not form.severity.isEnabled()
    form.status.setCurrentIndex(form.status.findData("resolved"))
    type_text(form.resolution, "رنگ دوباره و رایگان انجام شد")
    form.save()
    view = ComplaintService(ctx.db).get(stored[0].id)
    assert (view.status, view.resolution) == ("resolved", "رنگ دوباره و رایگان انجام شد")
    assert view.resolved_at is not None
    assert card.complaint_badge.isHidden() and panel.table.item(0, 2).text() == "حل‌شده"


def test_the_complaint_form_in_english(qtbot, ctx, type_text):
    cid, vid = _customer(ctx)
    ComplaintService(ctx.db).add(cid, "Colour was patchy", severity="high", visit_id=vid)
    with english(ctx):
        card = open_card(qtbot, ctx, cid)
        assert card.tabs.tabText(COMPLAINTS_TAB) == "Complaints (1)"
        assert card.complaint_badge.text().startswith("⚠ Open complaint (1)")
        assert card.complaints_panel.table.item(0, 2).text() == "open"
        shot(card, "en-card-complaints")
        form = card.complaints_panel.new_complaint()
        assert form.windowTitle() == "New complaint"
        type_text(form.text, "Waited 40 minutes")
        shot(form, "en-complaint-form")
        form.save()
    assert ComplaintService(ctx.db).open_count(cid) == 2


def test_an_open_complaint_badges_the_customer_in_the_list(ctx):
    from ui.models.customer_table import CustomerTableModel, database_fetcher
    from ui.pages.customers_page import query_flags

    cid, _ = _customer(ctx)
    other = ctx.customers.add(CustomerInput(name="رضا", mobile="09120000000"))
    ComplaintService(ctx.db).add(cid, "دیر شد")
    flags = query_flags(ctx)
    assert flags["complaint"] == {cid}
    model = CustomerTableModel(ctx.display, database_fetcher(ctx.db))
    model.set_ids([cid, other])
    model.set_flags(flags)
    assert model.badges(model.customer_at(0)) == ["complaint"]
    assert model.badges(model.customer_at(1)) == []
    assert model.badge_text("complaint") == "شکایت"


@pytest.fixture
def gateway():
    with FakeKavenegar() as fake, KavenegarProvider(
            fake.api_key, base_url=fake.base_url, sender=SENDER, timeout=(2, 2)) as provider:
        yield fake, provider


def _inbox_window(qtbot, ctx, provider):
    from ui.main_window import MainWindow
    from ui.pages.inbox_page import InboxPage

    page = InboxPage(ctx, sync=functools.partial(sync_inbox, sms=provider))
    window = MainWindow(ctx, pages=[page])
    qtbot.addWidget(window)
    window.show()
    return window, page


def test_the_inbox_reads_replies_and_counts_the_unread(qtbot, ctx, gateway):
    fake, provider = gateway
    cid, _ = _customer(ctx)
    other = ctx.customers.add(CustomerInput(name="سارا", mobile="09350000001"))
    fake.inject_reply("+98 912 123 4567", "لغو۱۱")
    fake.inject_reply("۰۹۳۵۰۰۰۰۰۰۱", "سلام، فردا ساعت ۵ وقت خالی دارید؟")
    fake.inject_reply("09129999999", "کی باز هستید؟")
    window, page = _inbox_window(qtbot, ctx, provider)
    assert page.table.rowCount() == 0 and window.navigation.item(0).text() == "صندوق دریافت"

    page.check_replies()
    assert page.table.rowCount() == 3
    assert ctx.customers.get(cid).sms_opt_out
    assert page.unread == 2 and page.count_label.text() == "۲ خوانده‌نشده"
    assert window.navigation.item(0).text() == "صندوق دریافت (۲)"
    assert "۱ لغو عضویت" in page.notice.text() or "۱" in page.notice.text()
    texts = {page.table.item(r, 3).text(): page.table.item(r, 5).text()
             for r in range(page.table.rowCount())}
    assert texts["لغو۱۱"] == "از پیامک خارج شد"
    shot(window, "fa-inbox")

    row = next(r for r in range(3) if page.rows[r].customer_id == other)
    page.select_rows([row])
    assert page.complaint_button.isEnabled()
    page.complaint_from_selected()
    assert ComplaintService(ctx.db).list(customer_id=other)[0].channel == "sms_reply"
    assert page.unread == 1
    page.select_rows(list(range(page.table.rowCount())))
    page.mark_selected_read()
    assert page.unread == 0 and window.navigation.item(0).text() == "صندوق دریافت"

    page.check_replies()  # nothing new: the gateway handed each reply out once
    assert page.table.rowCount() == 3 and len(fake.calls_to("sms", "receive")) == 3

    card = open_card(qtbot, ctx, cid)  # the reply is in the customer's contact history
    history = [(card.contact_table.item(r, 2).text(), card.contact_table.item(r, 3).text())
               for r in range(card.contact_table.rowCount())]
    assert ("لغو۱۱", "از پیامک خارج شد") in history


def test_the_inbox_in_english_and_without_an_inbox(qtbot, ctx, gateway):
    fake, provider = gateway
    _customer(ctx)
    fake.inject_reply("09121234567", "Thanks, see you next week")
    with english(ctx):
        window, page = _inbox_window(qtbot, ctx, provider)
        page.check_replies()
        assert window.navigation.item(0).text() == "Inbox (1)"
        assert page.table.item(0, 5).text() == "for you to answer"
        shot(window, "en-inbox")

    from ui.pages.inbox_page import InboxPage

    plain = InboxPage(ctx)  # the settings' provider: the test file
    qtbot.addWidget(plain)
    plain.check_replies()
    assert "صندوق دریافت ندارد" in plain.notice.text()


def test_the_complaints_page_shows_the_report(qtbot, ctx):
    from datetime import datetime, timedelta

    from ui.pages.complaints_page import ComplaintsPage

    cid, vid = _customer(ctx)
    service = ComplaintService(ctx.db)
    t0 = datetime(2024, 8, 8, 8, 0)
    first = service.add(cid, "رنگ یکدست نبود", severity="high", visit_id=vid, at=t0)
    service.add(cid, "معطلی", at=t0)
    service.resolve(first.id, "جبران شد", at=t0 + timedelta(days=2))
    page = ComplaintsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    page.activated()
    assert page.table.rowCount() == 1 and page.table.item(0, 8).text() == "معطلی"
    assert page.summary.text() == "۱ باز (۰ در حال پیگیری)، ۱ حل‌شده، میانه‌ی زمان حل ۲ روز"
    assert page.by_staff.item(0, 0).text() in ("لیلا", "—")
    page.open_only.setChecked(False)
    assert page.table.rowCount() == 2
    service_rows = {page.by_service.item(r, 0).text(): page.by_service.item(r, 2).text()
                    for r in range(page.by_service.rowCount())}
    assert service_rows == {"رنگ مو": "۱", "—": "۰"}
    shot(page, "fa-complaints-page")
    row = next(r for r in range(2) if page.rows[r].id == first.id)
    page.select_row(row)
    form = page.edit_selected()
    assert form is not None and form.status.currentData() == "resolved"
    form.reject()


def test_the_survey_settings_are_on_the_settings_page(qtbot, ctx, type_text):
    from ui.pages.settings_page import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.load()
    enabled = page.bindings["survey.enabled"].widget
    delay = page.bindings["survey.delay"].widget
    assert not enabled.isChecked() and page.bindings["survey.delay"].valid()
    enabled.setChecked(True)
    delay.clear()
    type_text(delay, "۳")
    assert page.bindings["survey.delay"].valid()
    page.save()
    assert ctx.settings.get("survey.enabled") is True
    assert ctx.settings.get("survey.delay") == "3"
    delay.clear()
    type_text(delay, "فردا")
    assert not page.bindings["survey.delay"].valid()
