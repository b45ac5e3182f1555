"""The customers page on a demo book: search as you type, chips, bulk actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import true

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.storage.models import Customer
from ui.pages.customers_page import CustomersPage, CustomerViewSpec


def shown_names(page):
    model = page.model
    return [model.customer_at(r).name for r in range(model.rowCount())]


def typed_search(qtbot, type_text, page, text):
    page.search_box.clear()
    qtbot.waitUntil(lambda: not page.search_box.pending, timeout=2000)
    type_text(page.search_box, text)
    assert page.search_box.pending  # debounced: nothing asked yet
    qtbot.waitUntil(lambda: not page.search_box.pending and page.ready(), timeout=2000)


@pytest.mark.demo(400)
def test_search_as_you_type_finds_persian_names_and_mobiles(qtbot, type_text, ctx):
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 400
    ali = ctx.customers.add(CustomerInput(name="علیرضا کاظمی", mobile="09351234567"))
    ctx.book_changed("customers")
    typed_search(qtbot, type_text, page, "رضا کاظ")
    assert shown_names(page) == ["علیرضا کاظمی"]
    typed_search(qtbot, type_text, page, "۰۹۳۵ ۱۲۳")  # Persian digits and a space, as typed
    assert ali in page.model.ids
    typed_search(qtbot, type_text, page, "no such person")
    assert page.model.rowCount() == 0
    assert "۰" in page.count_label.text()


def test_typing_the_referrers_name_lists_whom_they_brought(qtbot, type_text, ctx):
    from shopcrm.services.loyalty.referrals import set_referrer

    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    maryam = ctx.customers.add(CustomerInput(name="مریم پاکزاد", mobile="09194445566"))
    for name, mobile in (("ژاله بیگی", "09010001122"), ("گلاره گودرزی", "09380009988")):
        set_referrer(ctx.db, ctx.customers.add(CustomerInput(name=name, mobile=mobile)), maryam)
    ctx.book_changed("customers")
    assert "معرف: نام" in page.search_box.placeholderText()  # the window says how
    typed_search(qtbot, type_text, page, "معرف: مریم")
    assert sorted(shown_names(page)) == ["ژاله بیگی", "گلاره گودرزی"]
    assert "۲" in page.count_label.text()


@pytest.mark.demo(300)
def test_clicking_a_header_sorts_in_the_database(qtbot, ctx):
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # total spent
    spent = [page.model.customer_at(r).total_spent for r in range(page.model.rowCount())]
    assert spent == sorted(spent, reverse=True)
    assert page.spec().order == "spent" and page.spec().descending


@pytest.mark.demo(300)
def test_a_chip_filters_through_segment_filter(qtbot, type_text, ctx):
    asked = []

    def segment_filter(name, *, settings, session=None, as_of=None):
        asked.append(name)
        return {"vip": Customer.vip.is_(True), "opted-out": Customer.sms_opt_out.is_(True)
                }.get(name, true())

    ctx.segment_filter = segment_filter
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    vips = ctx.customers.count()  # all first
    assert page.model.rowCount() == vips
    qtbot.mouseClick(page.chips.chip("vip"), Qt.MouseButton.LeftButton)
    assert "vip" in asked
    rows = [page.model.customer_at(r) for r in range(page.model.rowCount())]
    assert rows and all(r.vip for r in rows)
    assert all(page.model.badges(r)[0] == "vip" for r in rows)
    typed_search(qtbot, type_text, page, rows[0].name)
    assert rows[0].id in page.model.ids and page.spec().segment == "vip"


@pytest.mark.demo(500)
def test_every_chip_runs_on_the_real_segments_service(qtbot, ctx):
    assert ctx.segment_filter is not None
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    total = page.model.rowCount()
    tags = [name for name, count in ctx.customers.all_tags() if count]
    for segment in ("regular", "absent", "overdue", "vip", "birthday:7", "new", "opted-out",
                    "rfm:at_risk", "rfm:champions", f"tag:{tags[0]}"):
        page.chips.select(segment)
        assert page.ready() and page.model.rowCount() <= total, segment
        assert not page.notice.isVisible(), page.notice.label.text()


@pytest.mark.demo(200)
def test_delete_to_trash_then_undo(qtbot, ctx):
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    chosen = page.model.ids[:3]
    page.select_ids(chosen)
    assert page.selected_ids() == sorted(chosen, key=page.model.ids.index)
    assert page.delete_button.isEnabled()
    page.delete_button.click()
    assert page.model.rowCount() == 197
    assert not set(chosen) & set(page.model.ids)
    assert page.notice.isVisible() and page.notice.action_button.isVisible()
    page.notice.action_button.click()
    assert page.model.rowCount() == 200
    assert set(page.selected_ids()) == set(chosen)


@pytest.mark.demo(50)
def test_tag_the_selection(qtbot, ctx):
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    chosen = page.model.ids[:2]
    page.tag_ids(chosen, "عروس ۱۴۰۳")
    assert all("عروس ۱۴۰۳" in ctx.customers.get(cid).tags for cid in chosen)


@pytest.mark.demo(20)
def test_message_and_export_wait_for_their_pages(qtbot, ctx):
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.select_ids(page.model.ids[:2])
    assert not page.message_button.isEnabled() and not page.export_button.isEnabled()
    menu = page.build_context_menu(page.selected_ids())
    enabled = {a.objectName(): a.isEnabled() for a in menu.actions() if a.objectName()}
    assert enabled == {"message": False, "export": False}

    messaged, exported = [], []
    ctx.hooks.set("message", messaged.append)
    ctx.hooks.set("export", exported.append)
    assert page.message_button.isEnabled() and page.export_button.isEnabled()
    page.message_button.click()
    page.export_button.click()
    assert messaged == [page.selected_ids()]
    assert isinstance(exported[0], CustomerViewSpec)
    assert exported[0].selected_ids == tuple(page.selected_ids())
