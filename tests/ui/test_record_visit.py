"""Record a visit at the counter: keyboard first, Persian digits, found or created."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.visits import VisitInput
from ui.dialogs.record_visit import RecordVisitDialog


def open_dialog(qtbot, ctx, **kwargs):
    dialog = RecordVisitDialog(ctx, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_known_customer_by_persian_digits_then_enter(qtbot, ctx, type_text):
    cid = ctx.customers.add(CustomerInput(name="مریم رضایی", mobile="09121234567"))
    ctx.visits.add(cid, VisitInput(service="رنگ مو", staff="نازنین", amount=10))
    dialog = open_dialog(qtbot, ctx)
    assert dialog.mobile.hasFocus() or dialog.focusWidget() is dialog.mobile
    recorded = []
    dialog.recorded.connect(recorded.append)
    type_text(dialog.mobile, "۰۹۱۲۱۲۳۴۵۶۷")
    assert dialog.found is not None and dialog.found.id == cid
    assert "مریم رضایی" in dialog.who.text() and dialog.name.isHidden()
    type_text(dialog.amount, "۱۲۰۰۰۰")
    assert dialog.amount.text() == "۱۲۰٬۰۰۰"
    type_text(dialog.service, "رنگ")
    completer = dialog.service.completer()
    assert completer is not None and completer.model().stringList() == ["رنگ مو"]
    dialog.service.setText("رنگ مو")
    qtbot.keyClick(dialog.service, Qt.Key.Key_Return)  # Enter saves

    assert [r.customer_id for r in recorded] == [cid] and not recorded[0].created
    visits = ctx.visits.history(cid)
    assert len(visits) == 2
    assert (visits[0].amount, visits[0].service) == (1_200_000, "رنگ مو")  # Toman -> Rials
    assert not dialog.isVisible()


def test_a_new_mobile_asks_for_the_name_and_creates_the_customer(qtbot, ctx, type_text):
    dialog = open_dialog(qtbot, ctx)
    type_text(dialog.mobile, "0935 111 2233")
    assert dialog.found is None and not dialog.name.isHidden()
    type_text(dialog.amount, "50000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.notice.text()  # the name is needed first
    type_text(dialog.name, "سارا احمدی")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.saved_visit is not None and dialog.saved_visit.created
    customer = ctx.customers.find(phone="09351112233")
    assert customer.name == "سارا احمدی" and customer.total_spent == 500_000


def test_a_bad_mobile_or_amount_saves_nothing(qtbot, ctx, type_text):
    dialog = open_dialog(qtbot, ctx)
    type_text(dialog.mobile, "۰۹۱۲")
    assert not dialog.mobile.is_valid() and dialog.name.isHidden()
    dialog.save()
    assert dialog.notice.text() and ctx.customers.count() == 0
    dialog.mobile.clear()
    type_text(dialog.mobile, "09121234567")
    type_text(dialog.name, "رضا")
    type_text(dialog.amount, "12x")
    assert not dialog.amount.is_valid()
    dialog.save()
    assert ctx.customers.count() == 0


def test_opened_for_a_customer_the_mobile_is_filled_in(qtbot, ctx):
    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    dialog = open_dialog(qtbot, ctx, mobile="09121234567")
    assert dialog.mobile.text() == "۰۹۱۲۱۲۳۴۵۶۷"
    assert dialog.found is not None and dialog.found.id == cid


def test_a_customer_in_the_trash_is_not_duplicated(qtbot, ctx, type_text):
    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    ctx.customers.delete(cid)
    dialog = open_dialog(qtbot, ctx)
    type_text(dialog.mobile, "09121234567")
    assert dialog.found is not None and dialog.found.deleted
    dialog.save()
    assert "سطل زباله" in dialog.notice.text()  # duplicate_mobile_deleted, in Persian
    assert ctx.customers.count(include_deleted=True) == 1


def test_service_and_staff_are_picked_from_the_lists_of_past_visits(qtbot, ctx):
    """Both forms (Ctrl+R and the card's visit editor) drop the learned lists down from a
    button, and still take any other text."""
    from ui.dialogs.visit_editor import VisitEditor
    from ui.widgets.pick_list import show_all

    cid = ctx.customers.add(CustomerInput(name="سارا", mobile="09121112233"))
    ctx.visits.add(cid, VisitInput(service="کوتاهی مو", staff="نازنین", amount=10))
    ctx.visits.add(cid, VisitInput(service="رنگ مو", staff="مریم", amount=10))
    for dialog in (RecordVisitDialog(ctx), VisitEditor(ctx, cid)):
        qtbot.addWidget(dialog)
        dialog.show()
        for edit, words in ((dialog.service, {"کوتاهی مو", "رنگ مو"}),
                            (dialog.staff, {"نازنین", "مریم"})):
            button = edit.findChild(QAction, "pickListAction")
            assert button is not None
            button.trigger()
            completer = edit.completer()
            assert completer.popup().isVisible()
            shown = {completer.completionModel().index(i, 0).data()
                     for i in range(completer.completionModel().rowCount())}
            assert shown == words
            completer.popup().hide()
            show_all(edit)
            edit.setText("اصلاح ابرو")  # free to type something new
            assert edit.text() == "اصلاح ابرو"
def test_a_visit_in_the_future_is_refused_as_it_is_typed(qtbot, ctx, type_text):
    """Tomorrow's date (or a time an hour ahead) is said under the field; Save records
    nothing until it is fixed. Today's date alone, at any hour, is fine."""
    from datetime import timedelta

    from shopcrm.domain.dates import format_jalali, local_today, utc_now, utc_to_local

    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    dialog = open_dialog(qtbot, ctx, mobile="09121234567")
    tomorrow = format_jalali(local_today() + timedelta(days=1))
    type_text(dialog.when.edit, tomorrow)
    assert not dialog.when.is_valid()
    assert "در آینده است" in dialog.when_error.text() and dialog.when_error.isVisible()
    dialog.save()
    assert "در آینده است" in dialog.notice.text()
    assert ctx.visits.history(cid) == [] and dialog.isVisible()

    in_an_hour = format_jalali(utc_to_local(utc_now() + timedelta(hours=1)), with_time=True)
    dialog.when.edit.clear()
    type_text(dialog.when.edit, in_an_hour)
    assert not dialog.when.is_valid()

    dialog.when.edit.clear()
    type_text(dialog.when.edit, format_jalali(local_today()))
    assert dialog.when.is_valid()
    qtbot.keyClick(dialog.when.edit, Qt.Key.Key_Return)
    visits = ctx.visits.history(cid)
    assert len(visits) == 1 and visits[0].at <= utc_now()
    assert not dialog.isVisible()


def test_the_visit_editor_refuses_a_future_date_too(qtbot, ctx, type_text):
    from datetime import timedelta

    from shopcrm.domain.dates import format_jalali, local_today
    from ui.dialogs.visit_editor import VisitEditor

    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    visit_id = ctx.visits.add(cid, VisitInput(at="1403/05/01 10:00", amount=100))
    editor = VisitEditor(ctx, cid, ctx.visits.get(visit_id))
    qtbot.addWidget(editor)
    editor.show()
    editor.when.edit.clear()
    type_text(editor.when.edit, format_jalali(local_today() + timedelta(days=30)))
    assert not editor.when.is_valid() and "در آینده است" in editor.when.error()
    editor.save()
    assert ctx.visits.get(visit_id).at.year == 2024  # unchanged
