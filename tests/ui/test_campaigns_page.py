"""The Campaigns page against the loopback fake Kavenegar (real HTTP, real threads):
compose with a live preview and counted exclusions, send with progress and results per
recipient while the event loop keeps turning, cancel mid-way then resume (nobody gets a
message twice), delivery sync, the relocation notice, and the ``message`` hook."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import insert
from support.fake_kavenegar import FakeKavenegar

from shopcrm.config import Settings
from shopcrm.domain.dates import utc_now
from shopcrm.domain.text import search_key, sort_key
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.messaging.campaigns import CampaignService
from shopcrm.services.messaging.outbox import OutboxView
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.storage.models import Customer
from ui.app_context import build_context
from ui.models.outbox_table import OutboxTableModel
from ui.pages.campaigns_page import CampaignsPage
from ui.workers import Workers

SENDER = "10004346"
NAMES = ["مریم رضایی", "سارا کریمی", "نگار احمدی", "لیلا موسوی", "زهرا حسینی", "آیدا نوری",
         "مینا صالحی", "رویا کاظمی"]


@pytest.fixture
def fake():
    with FakeKavenegar(credit=5_000_000) as server:
        yield server


@pytest.fixture
def kctx(book, tmp_path, fake, monkeypatch, qapp):
    """A window context whose SMS settings name the fake, through the environment."""
    for name, value in {"SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_API_KEY": fake.api_key,
                        "SHOPCRM_SMS_BASE_URL": fake.base_url, "SHOPCRM_SMS_SENDER": SENDER,
                        "SHOPCRM_SHOP_NAME": "آرایشگاه نگار",
                        "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر"}.items():
        monkeypatch.setenv(name, value)
    context = build_context(book, Settings(path=tmp_path / "settings.toml"), "fa",
                            workers=Workers())
    yield context
    context.workers.shutdown()


def people(ctx, n):
    return [ctx.customers.add(CustomerInput(name=NAMES[i], mobile=f"0912{i + 1:07d}"))
            for i in range(n)]


def make_page(qtbot, ctx, chunk=200):
    def factory():
        options = SendOptions(sms_chunk=chunk, reconcile_delay=0, sleep=lambda _s: None)
        return CampaignService(ctx.db, ctx.settings, options=options)

    page = CampaignsPage(ctx, service_factory=factory)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.ready(), timeout=5000)
    return page


def composed(qtbot, page):
    qtbot.waitUntil(lambda: not page.composer.busy, timeout=5000)
    return page.composer


def confirm_send(qtbot, page):
    page.composer.ask_send()
    box = page.composer.confirm_box
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.job is not None, timeout=5000)
    return page.job


def test_compose_preview_send_with_progress_results_and_sync(qtbot, kctx, fake):
    ids = people(kctx, 5)
    kctx.customers.set_opt_out(ids[4], "sms")  # left out, and counted
    page = make_page(qtbot, kctx, chunk=2)
    assert kctx.hooks.has("message")
    kctx.hooks.get("message")(ids, template="winback")
    composer = composed(qtbot, page)
    assert composer.error == "", composer.error
    summary = composer.summary.text()
    assert "۴ پیام" in summary and "۱" in summary  # four to send, one opted out
    bubble = composer.preview.bubble.text()
    assert bubble.startswith("مریم عزیز") and "آرایشگاه نگار" in bubble
    assert bubble.endswith("لغو۱۱")  # a service line carries the opt-out line
    assert "۲" in composer.preview.length_label.text()  # Persian text: 2 SMS parts
    composer.preview.customer.setCurrentIndex(1)
    composer.preview.customer.activated.emit(1)
    qtbot.waitUntil(lambda: not composer.busy, timeout=5000)
    assert composer.preview.bubble.text().startswith("سارا عزیز")

    fake.hang_next(0.2)  # the first chunk waits at the gateway: progress is seen
    job = confirm_send(qtbot, page)
    seen = []
    job.progress.connect(lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(lambda: job.done, timeout=15_000)
    assert seen and seen[-1] == (4, 4)
    assert page.last_progress.status == "done" and page.last_progress.sent == 4
    assert sorted(s.receptor for s in fake.sent) == [f"0912{i:07d}" for i in range(1, 5)]

    qtbot.waitUntil(lambda: {r.status for r in page.outbox.rows} == {"sent"}, timeout=5000)
    rows = page.outbox.rows
    assert len(rows) == 4 and all(r.cost for r in rows)
    assert page.outbox.text("name", rows[0]) == "مریم رضایی"
    assert page.outbox.text("status", rows[0]) == "ارسال شد"
    assert "انجام شد" in page.list.item(0, 1).text()

    fake.deliver_all(10)
    page.sync_button.click()
    qtbot.waitUntil(lambda: {r.status for r in page.outbox.rows} == {"delivered"},
                    timeout=5000)
    assert "۴" in page.notice.text()


def test_cancel_mid_way_then_resume_sends_each_message_once(qtbot, kctx, fake):
    ids = people(kctx, 6)
    page = make_page(qtbot, kctx, chunk=2)
    page.message_customers(ids, template="thanks")
    composed(qtbot, page)
    fake.hang_next(0.5)  # the first chunk is at the gateway when Cancel is pressed
    job = confirm_send(qtbot, page)
    qtbot.waitUntil(lambda: job.last_progress is not None, timeout=5000)
    assert page.progress.isVisible() and page.cancel_button.isEnabled()
    page.cancel_button.click()
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    last = page.last_progress
    assert last.status == "paused" and last.pause_reason == "stopped"
    assert last.sent == 2 and last.pending == 4
    assert "متوقف" in page.notice.text() or "توقف" in page.notice.text()
    qtbot.waitUntil(lambda: page.resume_button.isEnabled(), timeout=5000)

    page.resume_button.click()
    qtbot.waitUntil(lambda: page.job.done, timeout=10_000)
    assert page.last_progress.status == "done" and page.last_progress.sent == 6
    receptors = [s.receptor for s in fake.sent]
    assert len(receptors) == 6 == len(set(receptors))


def test_the_relocation_notice_asks_counts_and_sends(qtbot, kctx, fake):
    people(kctx, 3)
    page = make_page(qtbot, kctx)
    dialog = page.open_relocation()
    with qtbot.waitSignal(dialog.planned, timeout=5000):
        dialog.address.setPlainText("")
    assert not dialog.send_button.isEnabled()
    dialog.channel.setCurrentIndex(dialog.channel.findData("sms"))
    with qtbot.waitSignal(dialog.planned, timeout=5000):
        dialog.address.setPlainText("تهران، خیابان ولیعصر، پلاک ۱۲")
    assert "۳ پیام" in dialog.counts.text()
    assert "خیابان ولیعصر" in dialog.preview.bubble.text()
    dialog.send_now()
    qtbot.waitUntil(lambda: page.job is not None and page.job.done, timeout=10_000)
    assert len(fake.sent) == 3 and "ولیعصر" in fake.sent[0].message
    assert kctx.settings.get("shop.new_address") == "تهران، خیابان ولیعصر، پلاک ۱۲"


def test_bad_templates_and_unknown_numbers_are_explained(qtbot, kctx):
    people(kctx, 2)
    page = make_page(qtbot, kctx)
    composer = page.composer
    composer.set_template("free")
    composer.text.setPlainText("سلام {nickname}")
    qtbot.waitUntil(lambda: not composer.busy, timeout=5000)
    assert "{nickname}" in composer.error and not composer.send_button.isEnabled()
    composer.text.setPlainText("{first_name} عزیز، سلام")
    composer.set_audience("phones", "۰۹۱۲۰۰۰۰۰۰۱\n0912-000-0002، 12345, 09359998877")
    qtbot.waitUntil(lambda: not composer.busy, timeout=5000)
    summary = composer.summary.text()
    assert "۲ پیام" in summary  # the two customers of the book
    assert "معتبر" in summary and "دفتر" in summary  # invalid, not in the book


def test_the_event_loop_keeps_turning_during_a_bulk_send(qtbot, kctx, fake):
    """300 SMS in chunks of 50, each chunk held 0.4 s at the gateway: a 5 ms timer keeps
    ticking in the GUI thread the whole time (no gap near a chunk's 0.4 s, which is what a
    send on the GUI thread would leave), and the progress bar moves. The longest gap is
    measured rather than the number of ticks, which a busy machine thins out."""
    now = utc_now()
    names = [f"{NAMES[i % len(NAMES)]} {i}" for i in range(300)]
    rows = [{"name": n, "name_key": search_key(n), "name_sort": sort_key(n),
             "mobile": f"0913{i:07d}", "search_text": search_key(n), "created_at": now,
             "updated_at": now} for i, n in enumerate(names)]
    with kctx.db.session() as s:  # one bulk insert: the send is what is measured
        s.execute(insert(Customer.__table__), rows)
    page = make_page(qtbot, kctx, chunk=50)
    page.composer.set_audience("all")
    page.composer.set_template("thanks")
    composed(qtbot, page)
    assert page.composer.snapshot.plan.recipients == 300
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    fake.hang_next(0.4, times=6)
    values = []
    page.progress.valueChanged.connect(values.append)
    timer.start()
    job = confirm_send(qtbot, page)
    qtbot.waitUntil(lambda: job.done, timeout=30_000)
    timer.stop()
    assert page.last_progress.status == "done" and page.last_progress.sent == 300
    longest = max(b - a for a, b in itertools.pairwise(ticks))
    assert len(ticks) >= 20 and longest < 0.3, \
        f"the event loop stalled during the send ({len(ticks)} ticks, longest gap {longest:.2f} s)"
    assert len(set(values)) >= 3 and max(values) == 300


def test_outbox_errors_read_in_the_owners_words(qtbot, kctx):
    model = OutboxTableModel(kctx.display)
    row = OutboxView(1, 1, 7, "sms", "09121234567", "invalid", 1, None, 411, None,
                     "sms_invalid_receptor", "receptor invalid", 1, None, None, "متن")
    strange = OutboxView(2, 1, None, "sms", "09121234568", "failed", 1, None, 6, None,
                         "some_new_code", "gateway words", 1, None, None, "متن")
    model.set_rows([row, strange], {7: "مریم"})
    assert "شماره" in model.text("error", row) and "receptor invalid" in model.text("error", row)
    assert model.text("error", strange) == "gateway words"
    assert model.text("status", row) == "شماره‌ی نامعتبر"
    assert model.text("name", row) == "مریم" and model.text("name", strange) == "—"
    assert model.text("recipient", row) == "\u2066۰۹۱۲ ۱۲۳ ۴۵۶۷\u2069"


def test_a_campaign_cut_off_by_a_crash_is_offered_for_resume(qtbot, kctx, fake):
    from sqlalchemy import update

    from shopcrm.services.messaging.campaigns import Audience, CampaignRequest
    from shopcrm.storage.models import Campaign

    ids = people(kctx, 3)
    service = CampaignService(kctx.db, kctx.settings)
    campaign_id, _ = service.create(CampaignRequest(text="{first_name} عزیز، سلام",
                                                    audience=Audience.ids(ids)))
    with kctx.db.session() as s:  # the window was closed mid-send
        s.execute(update(Campaign).where(Campaign.id == campaign_id).values(status="sending"))
    page = make_page(qtbot, kctx)
    assert "۳" in page.notice.text() and page.notice.action_button.isVisible()
    page.notice.action_button.click()
    qtbot.waitUntil(lambda: page.job is not None and page.job.done, timeout=10_000)
    assert page.last_progress.status == "done" and len(fake.sent) == 3
