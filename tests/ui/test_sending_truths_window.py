"""The composer and the Campaigns page tell the truth before and after a send (issue 13),
against the loopback fake Kavenegar: the exclusions (already sent, with the date; snoozed;
recently contacted; opted out) with their counts and the estimated cost in money before
the Send button; "Finished with N failed" and "Retry the failed" after an outage; test
mode said on the page; a placeholder shop sends the owner to Settings. Screenshots are
saved under SHOPCRM_TEST_SCREENSHOTS (default: the test's tmp dir)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import update
from support.fake_kavenegar import FakeKavenegar

from shopcrm.config import Settings
from shopcrm.domain.dates import utc_now
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.services.messaging.templates import READY
from shopcrm.storage.models import Customer, OutboxMessage
from ui.app_context import build_context
from ui.pages.campaigns_page import CampaignsPage
from ui.workers import Workers

SENDER = "10004346"
NAMES = ["مریم رضایی", "سارا کریمی", "نگار احمدی", "لیلا موسوی", "زهرا حسینی", "آیدا نوری",
         "مینا صالحی", "رویا کاظمی"]


@pytest.fixture
def fake():
    with FakeKavenegar(credit=50_000_000) as server:
        yield server


def context(book, tmp_path, monkeypatch, env):
    for name in ("SHOPCRM_SMS_PROVIDER", "SHOPCRM_SMS_API_KEY", "SHOPCRM_SHOP_NAME",
                 "SHOPCRM_SHOP_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return build_context(book, Settings(path=tmp_path / "settings.toml"), "fa",
                         workers=Workers())


@pytest.fixture
def kctx(book, tmp_path, fake, monkeypatch, qapp):
    ctx = context(book, tmp_path, monkeypatch, {
        "SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_API_KEY": fake.api_key,
        "SHOPCRM_SMS_BASE_URL": fake.base_url, "SHOPCRM_SMS_SENDER": SENDER,
        "SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲"})
    yield ctx
    ctx.workers.shutdown()


def factory_for(ctx, **options):
    def factory():
        return CampaignService(ctx.db, ctx.settings, options=SendOptions(
            reconcile_delay=0, sleep=lambda _s: None, **options))
    return factory


def make_page(qtbot, ctx, **options):
    page = CampaignsPage(ctx, service_factory=factory_for(ctx, **options))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.ready(), timeout=5000)
    return page


def shot(widget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SHOPCRM_TEST_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def absent_people(ctx, n):
    visits = VisitService(ctx.db)
    ids = []
    for i in range(n):
        cid = ctx.customers.add(CustomerInput(name=NAMES[i], mobile=f"0912{i + 1:07d}"))
        for day in ("2023-01-01", "2023-02-01", "2023-03-01"):
            visits.add(cid, VisitInput(at=day))
        ids.append(cid)
    return ids


def test_the_composer_shows_each_exclusion_and_the_money_before_the_send_button(
        qtbot, kctx, fake, tmp_path):
    ids = absent_people(kctx, 8)
    follow = FollowUpService(kctx.db)
    follow.snooze(ids[0], 14)  # snoozed
    follow.log(ids[1], "call", "قرار شد بیاید")  # contacted today
    kctx.customers.set_opt_out(ids[2], "sms")  # opted out
    service = factory_for(kctx)()
    earlier, _ = service.create(CampaignRequest(READY["winback"].text, Audience.ids(ids[3:4]),
                                                kind="winback"))
    service.run_to_end(earlier)
    twenty_days_ago = utc_now() - timedelta(days=20)  # sent 20 days ago: in the window
    with kctx.db.session() as s:
        s.execute(update(OutboxMessage).values(sent_at=twenty_days_ago))
        s.execute(update(Customer).where(Customer.id == ids[3])
                  .values(last_contact_at=twenty_days_ago))

    page = make_page(qtbot, kctx)
    composer = page.composer
    composer.set_audience("segment", "absent")
    composer.set_template("winback")
    qtbot.waitUntil(lambda: not composer.busy and composer.snapshot is not None, timeout=5000)
    plan = composer.snapshot.plan
    assert plan.excluded == {"snoozed": 1, "contacted": 1, "opted_out": 1, "already_sent": 1}
    assert plan.recipients == 4 and plan.audience_total == 8
    d = kctx.display
    summary = composer.summary.text()
    left_out = next(line for line in summary.splitlines() if line.startswith("کنار گذاشته:"))
    for words in ("به تعویق افتاده: ۱", "به‌تازگی تماس گرفته‌شده: ۱", "انصراف داده: ۱",
                  "همین پیام را گرفته: ۱"):
        assert words in left_out, summary
    # the Jalali date it went out
    assert f"همین پیام در {d.date(twenty_days_ago)} فرستاده شده است" in summary
    assert "این گروه ۸ مشتری دارد" in summary  # the difference from Reports is named
    money = d.money(plan.parts * 1_180, with_unit=True)
    assert plan.cost_estimate == plan.parts * 1_180 and f"هزینه‌ی تخمینی: {money}" in summary
    assert "تومان" in money
    # the summary sits above the button, and the button names the count
    assert composer.summary.mapTo(composer, composer.summary.rect().topLeft()).y() < \
        composer.send_button.mapTo(composer, composer.send_button.rect().topLeft()).y()
    assert composer.send_button.text() == "ارسال ۴ پیام…"
    page.splitter.setSizes([640, 128])  # the whole composer in view, the button included
    path = shot(page, "fa-composer-exclusions", tmp_path)
    assert path.stat().st_size > 10_000

    composer.again.setChecked(True)
    qtbot.waitUntil(lambda: not composer.busy and composer.snapshot.plan.recipients == 5,
                    timeout=5000)
    assert "۱ مشتری این پیام را برای بار دوم می‌گیرند" in composer.summary.text()


def test_an_outage_shows_finished_with_failed_and_retry_the_failed(qtbot, kctx, fake, tmp_path):
    ids = [kctx.customers.add(CustomerInput(name=NAMES[i], mobile=f"0912{i + 1:07d}"))
           for i in range(6)]
    page = make_page(qtbot, kctx, max_attempts=1, max_round_failures=100, sms_chunk=2)
    page.message_customers(ids, template="thanks")
    qtbot.waitUntil(lambda: not page.composer.busy, timeout=5000)
    fake.fail_next(500, times=10_000)
    page.composer.ask_send()
    page.composer.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.job is not None and page.job.done, timeout=15_000)
    assert page.last_progress.status == "incomplete"
    qtbot.waitUntil(lambda: "پایان با ۶ ناموفق" in page.campaign_label.text(), timeout=5000)
    assert "پایان با ۶ ناموفق" in page.list.item(0, 1).text()
    assert page.notice.action_button.text() == "ارسال دوباره‌ی ناموفق‌ها"
    assert page.resume_button.text() == "ارسال دوباره‌ی ناموفق‌ها"
    shot(page, "fa-campaign-finished-with-failed", tmp_path)
    # sending the same again would double on a retry: the composer leaves them out, offers
    # the unfinished campaign instead
    qtbot.waitUntil(lambda: not page.composer.busy and page.composer.snapshot.plan.excluded
                    == {"waiting_in_campaign": 6}, timeout=5000)
    assert page.composer.snapshot.plan.unfinished == [page.selected_id]

    fake._faults.clear()
    page.resume_button.click()
    qtbot.waitUntil(lambda: page.job.done and page.last_progress.status == "done",
                    timeout=15_000)
    assert page.last_progress.sent == 6
    assert sorted(s.receptor for s in fake.sent) == sorted({s.receptor for s in fake.sent})


def test_test_mode_is_said_on_the_page(qtbot, book, tmp_path, monkeypatch, qapp):
    ctx = context(book, tmp_path, monkeypatch, {  # no key, no provider: test mode
        "SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲"})
    try:
        ids = [ctx.customers.add(CustomerInput(name=NAMES[i], mobile=f"0912{i + 1:07d}"))
               for i in range(3)]
        page = make_page(qtbot, ctx)
        page.message_customers(ids, template="thanks")
        qtbot.waitUntil(lambda: not page.composer.busy, timeout=5000)
        assert "حالت آزمایشی: هیچ پیامی از این رایانه بیرون نمی‌رود" in \
            page.composer.summary.text()
        page.load_credit()
        assert "Test mode" in page.credit_label.text() or "آزمایشی" in page.credit_label.text()
        page.composer.ask_send()
        assert "حالت آزمایشی" in page.composer.confirm_box.text()
        page.composer.confirm_box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: page.job is not None and page.job.done, timeout=10_000)
        assert page.last_progress.written == 3 and page.last_progress.sent == 0
        assert "حالت آزمایشی: ۳ پیام در" in page.notice.text()
        qtbot.waitUntil(lambda: "هیچ پیامی از این رایانه بیرون نرفت" in
                        page.campaign_label.text(), timeout=5000)
        qtbot.waitUntil(lambda: page.outbox.rows and {r.status for r in page.outbox.rows}
                        == {"test"}, timeout=5000)
        assert page.outbox.text("status", page.outbox.rows[0]) == \
            "فایل آزمایشی (ارسال نشد)"
        shot(page, "fa-campaign-test-mode", tmp_path)
    finally:
        ctx.workers.shutdown()


def test_a_placeholder_shop_takes_the_owner_to_settings(qtbot, book, tmp_path, fake,
                                                        monkeypatch, qapp):
    ctx = context(book, tmp_path, monkeypatch, {
        "SHOPCRM_SMS_API_KEY": fake.api_key, "SHOPCRM_SMS_BASE_URL": fake.base_url,
        "SHOPCRM_SMS_SENDER": SENDER})
    try:
        ids = [ctx.customers.add(CustomerInput(name=NAMES[0], mobile="09120000001"))]
        page = make_page(qtbot, ctx)
        # a text without {shop}: planning passes, the real send is refused
        page.message_customers(ids, template="thanks")
        page.composer.text.setPlainText("سلام {first_name}، منتظرتان هستیم.")
        qtbot.waitUntil(lambda: not page.composer.busy and page.composer.snapshot is not None
                        and page.composer.snapshot.plan is not None, timeout=5000)
        page.composer.ask_send()
        page.composer.confirm_box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: page.notice.isVisible() and "«نام فروشگاه»" in
                        page.notice.text(), timeout=5000)
        assert page.notice.action_button.text() == "باز کردن تنظیمات"
        assert not fake.sent
    finally:
        ctx.workers.shutdown()


def test_unknown_emails_are_listed_with_the_risk_and_can_be_dropped(qtbot, kctx, tmp_path):
    ids = [kctx.customers.add(CustomerInput(name=NAMES[i], email=f"c{i}@example.com"))
           for i in range(3)]
    service = factory_for(kctx)()
    campaign_id, _ = service.create(CampaignRequest("{first_name} عزیز، سلام",
                                                    Audience.ids(ids), channel="email"))
    with kctx.db.session() as s:  # a kill cut the connection while two were handed over
        s.execute(update(OutboxMessage).where(OutboxMessage.id.in_([1, 2]))
                  .values(status="unknown", error_code="email_unknown_outcome"))
        s.execute(update(OutboxMessage).where(OutboxMessage.id == 3).values(status="sent"))
    page = make_page(qtbot, kctx)
    page.select_campaign(campaign_id)
    qtbot.waitUntil(lambda: "سرنوشت ۲ ایمیل نامعلوم است" in page.campaign_label.text(),
                    timeout=5000)
    assert "دو ایمیل برساند" in page.campaign_label.text()  # the risk of resending
    assert "بی‌ایمیل بگذارد" in page.campaign_label.text()  # the risk of dropping
    assert page.resend_button.isVisible() and page.drop_button.isVisible()
    shot(page, "fa-campaign-unknown-emails", tmp_path)
    page.drop_button.click()
    qtbot.waitUntil(lambda: not page.drop_button.isVisible(), timeout=5000)
    rows = service.outbox(campaign_id)
    assert {r.id: (r.status, r.error_code) for r in rows if r.id in (1, 2)} == {
        1: ("failed", "email_dropped"), 2: ("failed", "email_dropped")}
