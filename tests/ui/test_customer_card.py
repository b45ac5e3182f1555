"""The customer card, driven the way a person types: add, edit, visits, stale edit, merge."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.visits import VisitInput
from ui.dialogs.customer_card import CustomerCard


def open_card(qtbot, ctx, customer_id=None):
    card = CustomerCard(ctx, customer_id)
    qtbot.addWidget(card)
    card.show()
    return card


def test_a_new_customer_typed_with_persian_digits(qtbot, ctx, type_text):
    card = open_card(qtbot, ctx)
    assert not card.tabs.isTabEnabled(1)  # visits wait until the customer exists
    type_text(card.name, "سارا محمدی")
    type_text(card.mobile, "۰۹۱۲ ۳۴۵ ۶۷۸۹")
    assert card.mobile.is_valid() and card.mobile.value() == "09123456789"
    type_text(card.email, "sara@")
    assert not card.email.is_valid() and card.email.error_label.text()
    assert not card.save_button.isEnabled()
    type_text(card.email, "example.com")
    assert card.email.is_valid() and card.save_button.isEnabled()
    type_text(card.birthday.edit, "۱۳۷۰/۰۵/۱۷")
    assert card.birthday.value() == date(1991, 8, 8)
    type_text(card.tags, "عروس، رنگ")
    card.sms_opt_out.setChecked(True)
    qtbot.keyClick(card.email, Qt.Key.Key_Return)  # Enter saves

    assert card.customer_id is not None
    saved = ctx.customers.get(card.customer_id)
    assert (saved.name, saved.mobile, saved.email, saved.birthday) == (
        "سارا محمدی", "09123456789", "sara@example.com", date(1991, 8, 8))
    assert saved.tags == ("رنگ", "عروس") and saved.sms_opt_out
    assert card.tabs.isTabEnabled(1)


def test_a_bad_mobile_is_explained_as_it_is_typed(qtbot, ctx, type_text):
    card = open_card(qtbot, ctx)
    type_text(card.name, "رضا")
    type_text(card.mobile, "۰۲۱ ۸۸")
    assert not card.mobile.is_valid()
    assert "۰۹۱۲۱۲۳۴۵۶۷" in card.mobile.error()  # the sentence shows a good example
    assert not card.save_button.isEnabled()
    card.mobile.clear()
    assert card.save_button.isEnabled()  # a customer without a mobile is allowed


def test_a_duplicate_mobile_names_the_existing_customer(qtbot, ctx, type_text):
    ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    card = open_card(qtbot, ctx)
    type_text(card.name, "مریم دوم")
    type_text(card.mobile, "+98 912 123 4567")
    card.save_button.click()
    assert card.customer_id is None
    assert "مریم" in card.notice.text() and ctx.customers.count() == 1


def test_edit_a_customer(qtbot, ctx, type_text):
    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567", city="تهران"))
    card = open_card(qtbot, ctx, cid)
    assert card.name.text() == "مریم" and card.mobile.text() == "۰۹۱۲۱۲۳۴۵۶۷"
    card.city.clear()
    type_text(card.city, "کرج")
    card.vip.setChecked(True)
    card.save_button.click()
    saved = ctx.customers.get(cid)
    assert (saved.city, saved.vip) == ("کرج", True)
    assert "★" in card.name_label.text()


def test_a_stale_edit_says_so_and_reloads(qtbot, ctx, type_text):
    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567", city="تهران"))
    card = open_card(qtbot, ctx, cid)
    ctx.customers.edit(cid, CustomerInput(city="شیراز"))  # someone else, meanwhile
    card.city.clear()
    type_text(card.city, "کرج")
    card.save_button.click()
    assert "جای دیگری ویرایش شده" in card.notice.text()  # the stale_edit sentence
    assert ctx.customers.get(cid).city == "شیراز"  # nothing overwritten
    assert card.city.text() == "شیراز"  # the card shows what is stored now
    card.city.clear()
    type_text(card.city, "کرج")
    card.save_button.click()  # saving again, on the fresh version, works
    assert ctx.customers.get(cid).city == "کرج"


def test_visits_are_added_edited_and_deleted_from_the_card(qtbot, ctx, type_text):
    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    card = open_card(qtbot, ctx, cid)
    card.tabs.setCurrentIndex(1)
    editor = card._open_visit_editor(None)
    type_text(editor.when.edit, "۱۴۰۳/۰۵/۱۷ ۱۴:۳۰")
    type_text(editor.amount, "۲۵۰۰۰۰")
    assert editor.amount.text() == "۲۵۰٬۰۰۰"  # grouped as typed
    type_text(editor.service, "کوتاهی مو")
    editor.save()
    [visit] = ctx.visits.history(cid)
    assert (visit.amount, visit.service) == (2_500_000, "کوتاهی مو")  # Toman -> Rials
    assert card.visit_table.rowCount() == 1
    assert "۱۴۰۳/۰۵/۱۷" in card.visit_table.item(0, 0).text()

    card.select_visit(0)
    editor = card._open_visit_editor(card._selected_visit())
    assert editor.amount.text() == "۲۵۰٬۰۰۰"
    editor.amount.clear()
    type_text(editor.amount, "300000")
    editor.save()
    assert ctx.visits.history(cid)[0].amount == 3_000_000
    assert ctx.customers.get(cid).total_spent == 3_000_000

    card.select_visit(0)
    card.delete_visit(confirm=False)
    assert ctx.visits.history(cid) == [] and card.visit_table.rowCount() == 0


def test_the_card_shows_the_contact_history(qtbot, ctx, book):
    from shopcrm.storage.models import Interaction

    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    with book.session() as s:
        s.add(Interaction(customer_id=cid, kind="complaint", summary="دیر شد", status="open"))
    card = open_card(qtbot, ctx, cid)
    assert card.contact_table.rowCount() == 1
    assert card.contact_table.item(0, 2).text() == "دیر شد"
    assert "۱" in card.tabs.tabText(2)


def test_merge_with_a_likely_duplicate(qtbot, ctx):
    keep = ctx.customers.add(CustomerInput(name="علی رضایی", mobile="09121111111"))
    other = ctx.customers.add(CustomerInput(name="علي رضايي", mobile="09122222222"))
    ctx.visits.add(other, VisitInput(amount=1000))
    card = open_card(qtbot, ctx, keep)
    assert not card.duplicate_notice.isHidden()
    assert [c.id for c in card.data.duplicates] == [other]
    card.merge_with(other)
    merged = ctx.customers.get(keep)
    assert merged.visit_count == 1 and merged.phone2 == "09122222222"
    assert card.duplicate_notice.isHidden()
    assert card.visit_table.rowCount() == 1


def test_the_card_says_why_a_customer_is_flagged(qtbot, ctx):
    from datetime import datetime, timedelta

    cid = ctx.customers.add(CustomerInput(name="مریم", mobile="09121234567"))
    start = datetime.now() - timedelta(days=200)
    for week in range(4):
        ctx.visits.add(cid, VisitInput(at=start + timedelta(days=7 * week)))
    card = open_card(qtbot, ctx, cid)
    assert not card.flag_line.isHidden()
    assert "معمولاً هر ۷ روز" in card.flag_line.text()
    assert "هر ۷ روز" in card.facts.text() or "۷" in card.facts.text()
