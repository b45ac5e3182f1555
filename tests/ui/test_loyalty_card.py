"""The card's Loyalty tab: the points shown equal the ledger, Redeem spends them (typed in
Persian digits), the referral picker links by name; screenshots in Persian and English."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from sqlalchemy import func, select

from shopcrm.config import Settings
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.visits import VisitInput
from shopcrm.storage.models import Customer, PointsEntry
from ui.dialogs.customer_card import CustomerCard

SHOTS = os.environ.get("SHOPCRM_TEST_SCREENSHOTS")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(path=tmp_path / "settings.toml", env={
        "SHOPCRM_LOYALTY_ENABLED": "1", "SHOPCRM_LOYALTY_POINTS_PER_VISIT": "10",
        "SHOPCRM_LOYALTY_POINTS_PER_AMOUNT": "100000", "SHOPCRM_LOYALTY_REWARD_POINTS": "50",
        "SHOPCRM_LOYALTY_REWARD_TEXT": "یک کوتاهی مو رایگان",
        "SHOPCRM_LOYALTY_REFERRAL_BONUS": "5",
        "SHOPCRM_LOYALTY_TIERS": "نقره‌ای:30:۵٪ تخفیف;طلایی:150:۱۰٪ تخفیف"})


def ledger(ctx, customer_id: int) -> int:
    with ctx.db.reading() as s:
        return int(s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0))
                            .where(PointsEntry.customer_id == customer_id)))


@pytest.fixture
def maryam(ctx):
    friend = ctx.customers.add(CustomerInput(name="پروانه رضایی", mobile="09125550000"))
    cid = ctx.customers.add(CustomerInput(name="مریم احمدی", mobile="09121234567"))
    for amount in ("12,000,000", "4,500,000", "2,000,000", None):
        ctx.visits.add(cid, VisitInput(amount=amount))
    return cid, friend


def open_loyalty(qtbot, ctx, customer_id):
    card = CustomerCard(ctx, customer_id)
    qtbot.addWidget(card)
    card.resize(900, 640)
    card.show()
    card.tabs.setCurrentWidget(card.loyalty)
    return card


def save(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


def test_points_on_the_card_equal_the_ledger_and_redeem_spends_them(qtbot, ctx, maryam,
                                                                     type_text):
    cid, _ = maryam
    # 4 visits x 10 + 1 per 100,000 tomans: 12 + 4 + 2 + 0
    assert ledger(ctx, cid) == 58
    card = open_loyalty(qtbot, ctx, cid)
    panel = card.loyalty
    assert card.tabs.isTabEnabled(card.tabs.indexOf(panel))
    assert panel.notice.text() == ""
    assert panel.balance.text() == "۵۸ امتیاز"
    assert "نقره‌ای" in panel.tier.text() and "۵٪ تخفیف" in panel.tier.text()
    assert "جایزه آماده است" in panel.reward_line.text()
    assert panel.entries.rowCount() == 4
    assert "۵۸ امتیاز" in card.facts.text()
    save(card, "fa-card-loyalty.png")

    dialog = panel.open_redeem()
    assert dialog.points.text() == "۵۰"  # one reward by default
    dialog.points.clear()
    type_text(dialog.points, "۷۰")
    assert not dialog.ok_button.isEnabled() and "۵۸" in dialog.error.text()
    dialog.points.clear()
    type_text(dialog.points, "۵۰")
    assert dialog.ok_button.isEnabled()
    save(dialog, "fa-redeem.png")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert ledger(ctx, cid) == 8
    assert card.loyalty.balance.text() == "۸ امتیاز"
    with ctx.db.reading() as s:
        entry = s.execute(select(PointsEntry.points, PointsEntry.reason, PointsEntry.visit_id,
                                 PointsEntry.note).order_by(PointsEntry.id.desc())).first()
        cached = s.scalar(select(Customer.points_balance).where(Customer.id == cid))
    assert (entry.points, entry.reason, entry.note) == (-50, "redeem", "یک کوتاهی مو رایگان")
    assert entry.visit_id is not None  # today's visit
    assert cached == 8
    assert "۴۲ امتیاز دیگر تا جایزه" in card.loyalty.reward_line.text()


def test_the_referral_picker_links_by_name_and_pays_the_bonus(qtbot, ctx, maryam, type_text):
    cid, friend = maryam
    card = open_loyalty(qtbot, ctx, cid)
    panel = card.loyalty
    assert panel.referrer.text() == "هیچ‌کس"
    type_text(panel.referrer_edit, "پروانه")
    panel._search()  # the typing pause
    assert list(panel._candidates.values()) == [friend]
    panel.set_referrer_from_text()
    assert ctx.customers.get(cid).referred_by_id == friend
    assert "پروانه رضایی" in panel.referrer.text()
    assert ledger(ctx, cid) == 58 + 5 and ledger(ctx, friend) == 5
    assert card.loyalty.balance.text() == "۶۳ امتیاز"

    other = open_loyalty(qtbot, ctx, friend)
    assert "۱ مشتری" in other.loyalty.brought.text()
    assert "مریم احمدی" in other.loyalty.brought.text()
    assert "۱٬۸۵۰٬۰۰۰ تومان" in other.loyalty.brought.text()  # the visits' sum
    save(other, "fa-card-referrals.png")

    panel.referrer_edit.setText("هیچ‌کسِ ناموجود")
    panel.set_referrer_from_text()
    assert "یک مشتری مشخص پیدا نشد" in panel.notice.text()
    assert ctx.customers.get(cid).referred_by_id == friend


def test_the_tab_in_english(qtbot, ctx, maryam, qapp):
    """The English window: the translator is removed for the test, the layout turned."""
    from ui.display import Display

    cid, _ = maryam
    translators = qapp.findChildren(QTranslator)
    for t in translators:
        QCoreApplication.removeTranslator(t)
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        ctx.display = Display(lang="en", calendar="jalali", currency="toman")
        ctx.lang = "en"
        card = open_loyalty(qtbot, ctx, cid)
        assert card.loyalty.balance.text() == "58 points"
        assert "Reward ready" in card.loyalty.reward_line.text()
        save(card, "en-card-loyalty.png")
    finally:
        for t in translators:
            QCoreApplication.installTranslator(t)
        qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))


def test_the_counter_offers_the_reward_and_spends_it_with_the_visit(qtbot, ctx, maryam,
                                                                    type_text):
    from ui.dialogs.record_visit import RecordVisitDialog

    cid, _friend = maryam
    dialog = RecordVisitDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.mobile, "۰۹۱۲۵۵۵۰۰۰۰")  # 0 points: nothing offered
    assert dialog.found is not None and dialog.redeem.isHidden()
    dialog.mobile.clear()
    type_text(dialog.mobile, "۰۹۱۲۱۲۳۴۵۶۷")
    assert not dialog.redeem.isHidden()
    assert "یک کوتاهی مو رایگان" in dialog.redeem.text() and "۵۸" in dialog.redeem.text()
    dialog.redeem.setChecked(True)
    save(dialog, "fa-record-visit-reward.png")
    recorded = []
    dialog.recorded.connect(recorded.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [result] = recorded
    assert result.redeemed == 50
    assert ledger(ctx, cid) == 58 + 10 - 50
    with ctx.db.reading() as s:
        spent = s.execute(select(PointsEntry.visit_id).where(PointsEntry.reason == "redeem")
                          ).scalar_one()
    assert spent == result.visit_id  # redeemed at this very visit


def test_the_club_is_set_up_on_the_settings_page(qtbot, ctx, type_text, tmp_path):
    from ui.pages.settings_page import SettingsPage

    ctx.settings = Settings(path=tmp_path / "owner.toml", env={}, secrets={})
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    tiers = page.bindings["loyalty.tiers"].widget
    tiers.clear()
    type_text(tiers, "طلایی")
    assert not tiers.is_valid() and "نقره‌ای:500" in tiers.error()
    tiers.clear()
    type_text(tiers, "نقره‌ای:۵۰۰:۵٪ تخفیف;طلایی:1500:۱۰٪ تخفیف")
    assert tiers.is_valid()
    page.bindings["loyalty.enabled"].widget.setChecked(True)
    per_visit = page.bindings["loyalty.points_per_visit"].widget
    per_visit.clear()
    type_text(per_visit, "۲۵")
    group = tiers.parentWidget()
    while group is not None and not group.inherits("QGroupBox"):
        group = group.parentWidget()
    assert group is not None and group.title() == "باشگاه مشتریان"
    save(group, "fa-settings-loyalty.png")
    assert page.save()
    saved = Settings(path=tmp_path / "owner.toml", env={}, secrets={})
    assert saved.get("loyalty.enabled") is True
    assert saved.get("loyalty.points_per_visit") == 25
    assert saved.get("loyalty.tiers") == "نقره‌ای:۵۰۰:۵٪ تخفیف;طلایی:1500:۱۰٪ تخفیف"


def test_the_reports_page_compares_members_with_the_others(qtbot, ctx, maryam):
    from shopcrm.services.loyalty.report import loyalty_report
    from ui.pages.reports_page import ReportsPage

    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.reload()
    card = page.headlines["loyalty"]
    assert not card.isHidden()
    report = loyalty_report(ctx.db, ctx.settings, period="year")
    ours, _theirs = report.periods[-1]
    expected = page.percent(ours.rate) if ours.rate is not None else "—"
    assert card.value.text() == expected
    assert report.members == 1 and report.non_members == 1  # Maryam earned; her friend not
    save(page, "fa-reports-loyalty.png")
