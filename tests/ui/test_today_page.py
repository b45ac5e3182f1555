"""The Today page, clicked through the way the owner uses it: its counts equal
``build_today`` (the same numbers the linked pages show), its actions write (call with an
outcome, snooze, resolve a complaint, back up, the day's work), its links open the pages,
and it is the first page of the window. Screenshots in Persian and English at 1366x768."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from support.today_book import make_today_book

from shopcrm.services.absence.lists import AbsenceService
from shopcrm.services.today import build_today
from shopcrm.storage.models import Customer, Interaction
from ui.main_window import MainWindow

SHOTS = Path(os.environ.get("SHOPCRM_TEST_SHOTS", "/tmp/shopcrm-shots"))


@pytest.fixture
def ids(book, ctx):
    # a named shop: its greetings fill {shop} (an empty name stops them, as it should)
    ctx.settings.override("shop.name", "آرایشگاه نگار")
    ctx.settings.override("shop.address", "تهران، ولیعصر ۱۲")
    return make_today_book(book)


def make_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    return window


def test_today_is_the_first_page_and_its_counts_are_the_data(qtbot, ctx, settings, ids):
    window = make_window(qtbot, ctx)
    page = window.current_page()
    assert page.key == "today" and page.ready()
    data = build_today(ctx.db, settings)
    assert page.call.count.text() == ctx.display.number(len(data.call.rows)) == "۳"
    assert page.call.keys == [r.id for r in data.call.rows]
    assert "۲ غایب" in page.call.summary.text() or "۲" in page.call.summary.text()
    absent = AbsenceService(ctx.db, settings).absent(limit=0).total
    assert str(absent) == "2" and ctx.display.number(absent) in page.call.summary.text()
    assert page.birthdays.count.text() == "۲"
    assert page.came_back.count.text() == "۱"
    assert page.complaints.count.text() == "۱"
    assert page.messages.count.text() == "۳"
    assert page.replies.count.text() == "۰"
    assert "نشده" in page.replies.empty.text() or page.replies.empty.text()
    assert page.backup.summary.text()


def test_call_actions_log_an_outcome_and_snooze(qtbot, ctx, ids):
    window = make_window(qtbot, ctx)
    page = window.page("today")
    first = page.call.keys[0]
    assert first == ids["rich"]
    page.call.select(0)
    qtbot.mouseClick(page.call.action_button("logCall"), Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert not dialog.ok.isEnabled()
    dialog.buttons_by_outcome["will_come"].click()
    dialog.note_edit.setPlainText("فردا ساعت ۵ می‌آید")
    dialog.accept()
    with ctx.db.reading() as s:
        call = s.execute(select(Interaction.kind, Interaction.outcome, Interaction.summary)
                         .where(Interaction.customer_id == first)
                         .order_by(Interaction.id.desc())).first()
    assert tuple(call) == ("call", "will_come", "فردا ساعت ۵ می‌آید")
    assert first not in page.call.keys  # contacted today: off the list, the page reloaded

    page.call.select(0)
    snoozed = page.call.selected_key()
    qtbot.mouseClick(page.call.action_button("snooze"), Qt.MouseButton.LeftButton)
    with ctx.db.reading() as s:
        assert s.scalar(select(Customer.snoozed_until).where(Customer.id == snoozed))
    assert snoozed not in page.call.keys


def test_complaint_resolve_backup_and_links(qtbot, ctx, ids):
    window = make_window(qtbot, ctx)
    page = window.page("today")
    qtbot.mouseClick(page.complaints.action_button("resolve"), Qt.MouseButton.LeftButton)
    assert page.complaints.count.text() == "۰"
    qtbot.mouseClick(page.backup.action_button("backupNow"), Qt.MouseButton.LeftButton)
    assert "(۰ روز پیش)" in page.backup.summary.text()
    qtbot.mouseClick(page.came_back.link, Qt.MouseButton.LeftButton)
    assert window.current_page().key == "winback" and window.current_page().view == "came_back"
    window.show_page("today")
    qtbot.mouseClick(page.messages.link, Qt.MouseButton.LeftButton)
    assert window.current_page().key == "campaigns"


def test_double_click_opens_the_card_and_ctrl_r_records_for_the_selected(qtbot, ctx, ids):
    window = make_window(qtbot, ctx)
    page = window.page("today")
    page.call.select(0)
    page.call.activated.emit()
    card = page.last_dialog
    assert card.customer_id == ids["rich"]
    card.reject()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.call.select(1)
    page.call.select(0)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.last_dialog
    assert dialog.mobile.value() == "09120000001"
    dialog.reject()


def test_the_days_work_from_the_window(qtbot, ctx, ids):
    window = make_window(qtbot, ctx)
    page = window.page("today")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    result = page.last_daily
    assert result.steps[0].name == "resume"
    assert result.step("birthdays").status == "done"  # "born": greeted (file provider)
    assert "تبریک تولدهای امروز: انجام شد" in page.notice.text()


def test_schedule_dialog_installs_a_systemd_timer_in_a_temp_home(qtbot, ctx, tmp_path):
    from ui.dialogs.schedule_dialog import ScheduleDialog

    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    dialog = ScheduleDialog(ctx, None, backend="systemd", env=env, activate=False)
    qtbot.addWidget(dialog)
    assert "نصب نشده" in dialog.state_label.text()
    dialog.time.setText("۰۸:۳۰")
    qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    timer = tmp_path / "cfg" / "systemd" / "user" / "shopcrm-daily.timer"
    assert "OnCalendar=*-*-* 08:30:00" in timer.read_text()
    assert "۰۸:۳۰" in dialog.state_label.text()
    assert ctx.settings.get("daily.time") == "08:30"  # remembered for the next install
    dialog.birthdays.setChecked(False)
    assert ctx.settings.get("daily.birthdays") is False
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert not timer.exists()


def test_screenshots_of_today_in_persian_and_english(qtbot, ctx, ids):
    from ui import i18n
    from ui.app_context import build_context
    from ui.workers import Workers

    SHOTS.mkdir(parents=True, exist_ok=True)
    window = make_window(qtbot, ctx)
    window.page("today").call.select(0)
    QApplication.processEvents()
    assert window.grab().save(str(SHOTS / "fa-today.png"))
    app = QApplication.instance()
    try:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        en_ctx = build_context(ctx.db, ctx.settings, "en", workers=Workers(immediate=True))
        english = make_window(qtbot, en_ctx)
        english.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        QApplication.processEvents()
        assert english.page("today").call.count.text() == "3"
        assert english.grab().save(str(SHOTS / "en-today.png"))
    finally:
        i18n.install(app, "fa")


def test_the_three_winback_surfaces_agree(qtbot, ctx, settings, ids):
    """Today, the Win-back page and the Reports page show the same came-back totals (one
    computation), and Today's call counts are the Win-back page's list counts."""
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.domain.dates import local_today
    from shopcrm.services.absence.winback_totals import winback_summary
    from shopcrm.services.reports.series import report_period

    window = make_window(qtbot, ctx)
    today = window.page("today")
    winback = window.show_page("winback")
    qtbot.waitUntil(winback.ready)
    assert winback.winback_line.text() == today.came_back.summary.text()
    assert "تماس با ۳ نفر، ۱ نفر برگشتند" in winback.winback_line.text()
    assert winback.view_buttons["absent"].text().endswith("(۲)")
    assert winback.view_buttons["overdue"].text().endswith("(۳)")
    assert "۲ غایب، ۳ دیرکرده" in today.call.summary.text()
    # the Win-back list ranks in words too: its first row reads as Today's first row
    first = winback.model.index(0, 0)
    assert first.data() == today.call.cell(0, 2) == (
        "ارزش بالا، بیش از ۱۰ برابر فاصله‌ی معمول")
    assert first.data(Qt.ItemDataRole.ToolTipRole).startswith("اولویت ")
    winback.show_view("came_back")
    assert winback.back_table.rowCount() == len(today.data.winback.rows) == 1

    reports = window.show_page("reports")
    qtbot.waitUntil(lambda: getattr(reports, "winback_summary", None) is not None,
                    timeout=20_000)
    period = report_period()
    expected = winback_summary(ctx.db, AbsenceRules.from_settings(settings), period.start,
                               period.as_of)
    shown = reports.winback_summary
    assert shown.end == period.as_of == local_today()  # not the month's last day
    assert (shown.contacted, shown.came_back, shown.revenue) == (
        expected.contacted, expected.came_back, expected.revenue) == (3, 1, 6_000_000)
    assert reports.headlines["winback"].value.text() == ctx.display.money(6_000_000,
                                                                           with_unit=True)


def test_birthdays_this_week_on_the_customers_page_show_the_date(qtbot, ctx, ids):
    """The Today page's birthday count is the Customers page's "Birthdays this week" chip,
    and that list now says whose birthday it is and when."""
    from ui.models.customer_table import COLUMN_KEYS

    window = make_window(qtbot, ctx)
    today = window.page("today")
    customers = window.show_page("customers")
    qtbot.mouseClick(customers.chips.chip("birthday:7"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(customers.ready)
    model = customers.model
    assert model.rowCount() == len(today.data.birthdays) == 2
    column = COLUMN_KEYS.index("birthday")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "تولد بعدی"
    shown = {model.index(r, 0).data(): model.index(r, column).data()
             for r in range(model.rowCount())}
    soon = next(b for b in today.data.birthdays if b.id == ids["soon"])
    assert shown == {"مشتری born": "امروز",
                     "مشتری soon": ctx.display.date(soon.greeting_date)}


def test_greet_todays_birthdays_once_and_check_deliveries(qtbot, ctx, ids):
    window = make_window(qtbot, ctx)
    page = window.page("today")
    greet = page.birthdays.action_button("greet")
    assert greet.isEnabled()  # one birthday today
    qtbot.mouseClick(greet, Qt.MouseButton.LeftButton)
    # the test file: written, not sent, and said so
    assert (page.last_step.status, page.last_step.detail["sent"],
            page.last_step.detail["written"]) == ("done", 0, 1)
    assert "۱ پیام در فایل آزمایشی نوشته شد، ارسال نشد" in page.notice.text()
    qtbot.mouseClick(greet, Qt.MouseButton.LeftButton)
    assert (page.last_step.status, page.last_step.reason) == ("skipped", "greeted_already")
    qtbot.mouseClick(page.messages.action_button("sync"), Qt.MouseButton.LeftButton)
    assert page.last_step.name == "sync"


def test_ctrl_r_on_the_customers_page_records_for_the_selected(qtbot, ctx, ids):
    window = make_window(qtbot, ctx)
    customers = window.show_page("customers")
    qtbot.waitUntil(customers.ready)
    customers.select_ids([ids["weekly"]])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.last_dialog
    assert dialog.mobile.value() == "09120000002"
    assert "مشتری weekly" in dialog.who.text()
    dialog.reject()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    customers.select_ids([])
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.last_dialog.mobile.text() == ""  # nobody selected: an empty form
    window.last_dialog.reject()
