"""The Win-back page over a hand-built book: the absent list with its Persian reason, log a
call and snooze (each takes the customer off the list), the contacted toggle, the overdue
list, "came back after contact", and Message through the campaigns hook."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from shopcrm.domain.dates import local_today, utc_now
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.visits import VisitInput
from ui.models.followup_table import COLUMN_KEYS
from ui.pages.winback_page import WinbackPage, parse_days


def visit_days_ago(ctx, cid, days, amount=2_000_000):
    at = (local_today() - timedelta(days=days)).isoformat() + " 11:00"
    ctx.visits.add(cid, VisitInput(at=at, amount=amount))


def absent_customer(ctx, name="مریم رضایی", mobile="09121234567"):
    """A regular who came every three weeks and stopped 120 days ago."""
    cid = ctx.customers.add(CustomerInput(name=name, mobile=mobile))
    for days in (183, 162, 141, 120):
        visit_days_ago(ctx, cid, days)
    return cid


def overdue_customer(ctx):
    """A weekly client gone for five weeks: overdue, not yet absent."""
    cid = ctx.customers.add(CustomerInput(name="نگار هفتگی", mobile="09127654321"))
    for days in (63, 56, 49, 42, 35):
        visit_days_ago(ctx, cid, days, amount=500_000)
    return cid


def cell(page, row, key):
    return page.model.data(page.model.index(row, COLUMN_KEYS.index(key)))


@pytest.fixture
def page(qtbot, ctx):
    def make():
        widget = WinbackPage(ctx)
        qtbot.addWidget(widget)
        widget.show()
        return widget
    return make


def test_the_absent_list_shows_the_reason_then_a_call_takes_them_off(qtbot, ctx, page):
    mina = absent_customer(ctx)
    other = absent_customer(ctx, "سارا کریمی", "09351112233")
    wb = page()
    assert set(wb.model.ids()) == {mina, other}
    row = wb.model.ids().index(mina)
    assert cell(wb, row, "name") == "مریم رضایی"
    reason = cell(wb, row, "reason")
    assert reason == "معمولاً هر ۲۱ روز؛ ۱۲۰ روز از آخرین مراجعه گذشته"
    assert cell(wb, row, "days") == "۱۲۰" and cell(wb, row, "gap") == "۲۱"
    assert cell(wb, row, "last_contact") == "—"
    assert "۲" in wb.view_buttons["absent"].text()  # "Absent (2)" in Persian

    wb.select_ids([mina])
    assert wb.call_button.isEnabled() and wb.snooze_button.isEnabled()
    wb.ask_log_call()
    dialog = wb.last_dialog
    dialog.note.setPlainText("گفت هفته‌ی بعد می‌آید")
    dialog.accept()
    assert wb.model.ids() == [other]
    assert "۱" in wb.notice.text()
    history = ctx.contact_log.history(mina)
    assert history[0].kind == "call" and history[0].summary == "گفت هفته‌ی بعد می‌آید"

    wb.hide_contacted.setChecked(False)  # the recently contacted come back into view
    assert set(wb.model.ids()) == {mina, other}
    row = wb.model.ids().index(mina)
    assert cell(wb, row, "last_contact") == ctx.display.date(utc_now())


def test_snooze_hides_them_for_the_days_chosen(qtbot, ctx, page):
    mina = absent_customer(ctx)
    wb = page()
    wb.select_ids([mina])
    wb.ask_snooze()
    dialog = wb.last_dialog
    assert not dialog.ok.isEnabled()
    dialog.days.setText("۱۴")  # Persian digits
    assert dialog.ok.isEnabled() and dialog.days.value() == 14
    dialog.accept()
    assert wb.model.ids() == []
    snoozed = ctx.customers.get(mina)
    assert snoozed.snoozed_until == local_today() + timedelta(days=14)
    wb.hide_contacted.setChecked(False)  # a snooze is not a contact: still hidden
    assert wb.model.ids() == []


def test_snooze_days_are_checked():
    assert parse_days("۷") == 7
    for bad in ("", "0", "abc", "400"):
        with pytest.raises(Exception):  # noqa: B017 - InvalidInput, shown as a sentence
            parse_days(bad)


def test_the_overdue_list_and_the_came_back_view(qtbot, ctx, page):
    weekly = overdue_customer(ctx)
    back = absent_customer(ctx)
    FollowUpService(ctx.db).log(back, "sms", at=utc_now() - timedelta(days=20))
    visit_days_ago(ctx, back, 5)
    wb = page()
    qtbot.mouseClick(wb.view_buttons["overdue"], Qt.MouseButton.LeftButton)
    assert wb.model.ids() == [weekly]
    assert cell(wb, 0, "gap") == "۷"
    qtbot.mouseClick(wb.view_buttons["came_back"], Qt.MouseButton.LeftButton)
    assert [r.customer_id for r in wb.came_back_rows] == [back]
    assert wb.back_table.item(0, 0).text() == "مریم رضایی"
    assert wb.back_table.item(0, 3).text() == "پیامک"
    assert not wb.call_button.isEnabled()


def test_message_goes_through_the_campaigns_hook_with_the_winback_text(qtbot, ctx, page):
    mina = absent_customer(ctx)
    wb = page()
    wb.select_ids([mina])
    assert not wb.message_button.isEnabled()  # no Campaigns page yet
    asked = []
    ctx.hooks.set("message", lambda ids, template=None: asked.append((ids, template)))
    assert wb.message_button.isEnabled()
    wb.message_button.click()
    assert asked == [([mina], "winback")]


def test_scrolling_loads_the_next_page(qtbot, ctx, page, monkeypatch):
    from ui.models.followup_table import FollowUpTableModel

    monkeypatch.setattr(FollowUpTableModel, "PAGE", 2)
    ids = [absent_customer(ctx, f"مشتری {i}", f"0912000000{i}") for i in range(5)]
    wb = page()
    assert len(wb.model.rows) == 2 and wb.model.total == 5
    while wb.model.canFetchMore():
        wb.model.fetchMore()
    assert sorted(wb.model.ids()) == sorted(ids)
