"""The customer card as a place to act, clicked through against the loopback fake
Kavenegar: the absent status with its reason at the top, an SMS with template, preview,
parts and cost sent exactly once as a one-recipient campaign, a call with its outcome, a
snooze, a complaint, the points slot. Screenshots of the card in Persian and English."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from support.fake_kavenegar import FakeKavenegar
from support.today_book import make_today_book

from shopcrm.config import Settings
from shopcrm.domain.dates import local_today
from shopcrm.services.today import build_today
from shopcrm.storage.models import Campaign, Customer, Interaction, OutboxMessage
from ui.app_context import build_context
from ui.dialogs.customer_card import CustomerCard
from ui.workers import Workers

SHOTS = Path(os.environ.get("SHOPCRM_TEST_SHOTS", "/tmp/shopcrm-shots"))


@pytest.fixture
def fake():
    with FakeKavenegar(credit=5_000_000) as server:
        yield server


@pytest.fixture
def kctx(book, tmp_path, fake, monkeypatch, qapp):
    for name, value in {"SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_API_KEY": fake.api_key,
                        "SHOPCRM_SMS_BASE_URL": fake.base_url, "SHOPCRM_SMS_SENDER": "10004346",
                        "SHOPCRM_SMS_QUIET_HOURS": "off",
                        "SHOPCRM_SHOP_NAME": "آرایشگاه نگار",
                        "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲"}.items():
        monkeypatch.setenv(name, value)
    context = build_context(book, Settings(path=tmp_path / "settings.toml"), "fa",
                            workers=Workers(immediate=True))
    yield context
    context.workers.shutdown()


@pytest.fixture
def ids(book):
    return make_today_book(book)


def open_card(qtbot, ctx, customer_id) -> CustomerCard:
    card = CustomerCard(ctx, customer_id)
    qtbot.addWidget(card)
    card.resize(1366, 768)
    card.show()
    return card


def test_the_status_line_and_the_actions_at_the_top(qtbot, kctx, ids):
    card = open_card(qtbot, kctx, ids["rich"])
    assert card.flag_line.isVisible()
    assert card.flag_line.text().startswith("<b>غایب:</b> معمولاً هر ۳۰ روز؛ ۳۱۰ روز")
    actions = card.card_actions
    assert all(b.isEnabled() for b in (actions.sms_button, actions.call_button,
                                       actions.snooze_button, actions.complaint_button))
    assert not actions.points.isVisible()  # the loyalty feature fills it
    actions.set_points("۱۲۰ امتیاز")
    assert actions.points.text() == "۱۲۰ امتیاز"
    new = open_card(qtbot, kctx, None)
    assert not new.card_actions.call_button.isEnabled()  # nothing to act on before saving


def test_send_an_sms_from_the_card_exactly_once(qtbot, kctx, ids, fake):
    card = open_card(qtbot, kctx, ids["rich"])
    qtbot.mouseClick(card.card_actions.sms_button, Qt.MouseButton.LeftButton)
    dialog = card.card_actions.last_dialog
    assert dialog.template.currentData() == "winback"
    dialog.update_preview()
    preview = dialog.preview.text()
    assert "مشتری" in preview  # the customer's first name, filled in
    assert preview.rstrip().endswith("لغو۱۱")
    assert "بخش" in dialog.facts.text()
    assert "پس از ارسال نخستین پیامک" in dialog.facts.text()  # no price learned yet
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert [x.receptor for x in fake.sent] == ["09120000001"]
    assert fake.sent[0].message == preview
    with kctx.db.reading() as s:
        kinds = s.execute(select(Campaign.kind, Campaign.status)).all()
        cost = s.scalar(select(OutboxMessage.cost)
                        .where(OutboxMessage.recipient == "09120000001"))
        logged = s.scalar(select(Interaction.kind).where(
            Interaction.customer_id == ids["rich"], Interaction.kind == "sms"))
    assert [tuple(k) for k in kinds] == [("winback", "done"), ("single", "done")]
    assert cost and logged == "sms"
    assert "پیامک فرستاده شد" in card.notice.text()
    assert card.contact_table.item(0, 1).text() == "پیامک"  # on the contact history

    # the same text again the same day: refused, nothing sent twice; the price is known now
    qtbot.mouseClick(card.card_actions.sms_button, Qt.MouseButton.LeftButton)
    again = card.card_actions.last_dialog
    again.update_preview()
    assert "حدود" in again.facts.text()
    qtbot.mouseClick(again.send_button, Qt.MouseButton.LeftButton)
    assert "امروز برای این مشتری فرستاده شده" in again.notice.text()
    assert len(fake.sent) == 1
    again.text.setPlainText("{first_name} عزیز، نوبت فردا ساعت ۵ یادتان نرود.")
    again.update_preview()
    qtbot.mouseClick(again.send_button, Qt.MouseButton.LeftButton)
    assert len(fake.sent) == 2


def test_sms_is_offered_only_to_who_can_get_it(qtbot, kctx, ids):
    kctx.customers.set_opt_out(ids["lost"], "sms", True)
    card = open_card(qtbot, kctx, ids["lost"])
    assert not card.card_actions.sms_button.isEnabled()
    assert card.card_actions.sms_button.toolTip() == "این مشتری پیامک را لغو کرده است."


def test_log_a_call_snooze_and_complain_from_the_card(qtbot, kctx, ids):
    card = open_card(qtbot, kctx, ids["weekly"])
    qtbot.mouseClick(card.card_actions.call_button, Qt.MouseButton.LeftButton)
    dialog = card.card_actions.last_dialog
    dialog.buttons_by_outcome["booked"].click()
    dialog.note_edit.setPlainText("پنجشنبه ساعت ۴")
    dialog.accept()
    with kctx.db.reading() as s:
        row = s.execute(select(Interaction.outcome, Interaction.summary)
                        .where(Interaction.customer_id == ids["weekly"],
                               Interaction.kind == "call")).one()
    assert tuple(row) == ("booked", "پنجشنبه ساعت ۴")
    cells = [card.contact_table.item(0, c).text() for c in range(4)]
    assert cells[1] == "تماس تلفنی" and cells[3] == "نوبت گرفت"

    card.card_actions.choose_snooze()
    menu = card.card_actions.last_dialog
    assert [a.text() for a in menu.actions()] == ["۷ روز", "۱۴ روز", "۳۰ روز", "۹۰ روز"]
    menu.actions()[1].trigger()
    with kctx.db.reading() as s:
        until = s.scalar(select(Customer.snoozed_until).where(Customer.id == ids["weekly"]))
    assert until == local_today() + timedelta(days=14)

    qtbot.mouseClick(card.card_actions.complaint_button, Qt.MouseButton.LeftButton)
    complaint = card.card_actions.last_dialog
    assert not complaint.ok.isEnabled()
    complaint.text.setPlainText("منتظر ماند")
    complaint.accept()
    today = build_today(kctx.db, kctx.settings)
    assert ids["weekly"] in [c.customer_id for c in today.complaints]
    assert ids["weekly"] not in [r.id for r in today.call.rows]  # snoozed and called


def test_screenshots_of_the_card_in_persian_and_english(qtbot, kctx, ids):
    SHOTS.mkdir(parents=True, exist_ok=True)
    card = open_card(qtbot, kctx, ids["rich"])
    QApplication.processEvents()
    assert card.grab().save(str(SHOTS / "fa-card.png"))
    app = QApplication.instance()
    try:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        en = build_context(kctx.db, kctx.settings, "en", workers=Workers(immediate=True))
        english = open_card(qtbot, en, ids["rich"])
        QApplication.processEvents()
        assert english.card_actions.sms_button.text() == "Send SMS…"
        assert english.grab().save(str(SHOTS / "en-card.png"))
    finally:
        from ui import i18n

        i18n.install(app, "fa")
