"""Customers' replies and the after-visit survey, through the real kavenegar SDK
(KavenegarProvider) against the fake gateway's ``sms/receive``, on both backends."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, select
from support.fake_kavenegar import FakeKavenegar

from shopcrm.config import Settings
from shopcrm.domain.dates import local_date_of, local_to_utc, utc_now
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.services.retention.call_list import call_list
from shopcrm.services.retention.complaints import ComplaintService
from shopcrm.services.retention.inbox import InboxService, sync_inbox
from shopcrm.services.retention.survey import send_due_surveys
from shopcrm.storage.models import Complaint, InboundMessage, SurveyRequest

SENDER = "10004346"
OPT_OUT_SPELLINGS = ["11", "۱۱", "١١", " 11 ", "لغو", "لغو ۱۱", "لغو۱۱", "۱۱ لغو", "لغو 11",
                     "STOP", "stop", "Stop."]
SENDER_SPELLINGS = ["+98912200{:04d}", "0098912200{:04d}", "98912200{:04d}", "0912200{:04d}",
                    "912200{:04d}"]


def settings_for(tmp_path, fake=None, **env):
    base = {"SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SMS_SENDER": SENDER,
            "SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_QUIET_HOURS": "off",
            "SHOPCRM_SURVEY_ENABLED": "true"}
    if fake is not None:
        base.update(SHOPCRM_SMS_API_KEY=fake.api_key, SHOPCRM_SMS_BASE_URL=fake.base_url)
    return Settings(path=tmp_path / "s.toml", env={**base, **env}, secrets={})


@pytest.fixture
def fake():
    with FakeKavenegar() as server:
        yield server


@pytest.fixture
def provider(fake):
    with KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER,
                           timeout=(2, 2), sleep=lambda _s: None) as p:
        yield p


def _to_persian(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_opt_out_words_in_every_spelling_opt_out(db, tmp_path, fake):
    book = CustomerService(db)
    ids = [book.add(CustomerInput(name=f"مشتری {i}", mobile=f"0912200{i:04d}"))
           for i in range(len(OPT_OUT_SPELLINGS))]
    stay = book.add(CustomerInput(name="می‌ماند", mobile="09122009999"))
    dates = {}
    for i, word in enumerate(OPT_OUT_SPELLINGS):
        sender = SENDER_SPELLINGS[i % len(SENDER_SPELLINGS)].format(i)
        if i % 3 == 0:
            sender = _to_persian(sender)
        dates[ids[i]] = 1_722_000_000 + i * 60
        fake.inject_reply(sender, word, date=dates[ids[i]])
    fake.inject_reply("09122009999", "نوبت فردا لغو شد؟", date=1_722_100_000)
    fake.inject_reply("09350000000", "11", date=1_722_100_100)  # nobody in the book

    settings = settings_for(tmp_path, fake)  # the provider the settings name
    result = sync_inbox(db, settings)
    assert (result.available, result.fetched, result.stored) == (True, 14, 14)
    assert result.opted_out == len(OPT_OUT_SPELLINGS) and result.listed == 1
    assert result.unmatched == 1
    assert fake.calls_to("sms", "receive")[0].params == {
        "linenumber": SENDER, "isread": "0"}
    for cid in ids:
        customer = book.get(cid)
        assert customer.sms_opt_out, customer.name
        when = datetime.fromtimestamp(dates[cid], UTC).replace(tzinfo=None)
        assert customer.sms_opt_out_at == when
    assert not book.get(stay).sms_opt_out

    again = sync_inbox(db, settings)  # the gateway hands nothing out twice
    assert (again.fetched, again.stored, again.acted) == (0, 0, 0)
    inbox = InboxService(db)
    assert inbox.unread_count() == 1
    unread = inbox.list(unread_only=True)
    assert [(m.text, m.customer_id, m.classification) for m in unread] == [
        ("نوبت فردا لغو شد؟", stay, "other")]
    assert {m.action for m in inbox.list() if m.classification == "optout"} == {
        "opted_out", "not_in_book"}

    fake.inject_reply("+98 912 200 0001", "۱۲")  # re-subscribes
    assert sync_inbox(db, settings).opted_in == 1
    assert not book.get(ids[1]).sms_opt_out and book.get(ids[1]).sms_opt_out_at is None


def test_file_provider_has_no_inbox(db, tmp_path):
    settings = Settings(path=tmp_path / "s.toml", env={"SHOPCRM_SMS_PROVIDER": "file"},
                        secrets={})
    result = sync_inbox(db, settings)
    assert (result.available, result.reason) == (False, "inbox_not_available")


def _visit_days_ago(db, customer_id: int, days: int, hour: int = 15) -> int:
    day = local_date_of(utc_now()) - timedelta(days=days)
    at = datetime.combine(day, time(hour, 0))
    return VisitService(db).add(customer_id, VisitInput(at=at, service="رنگ مو",
                                                        staff="لیلا"))


def test_survey_reply_2_sets_satisfaction_and_opens_one_complaint(db, tmp_path, fake, provider):
    book = CustomerService(db)
    cid = book.add(CustomerInput(name="سارا محمدی", mobile="09121000001"))
    other = book.add(CustomerInput(name="رضا", mobile="09121000002"))
    opted = book.add(CustomerInput(name="نرگس", mobile="09121000003"))
    book.set_opt_out(opted, "sms")
    visit = _visit_days_ago(db, cid, 2)
    _visit_days_ago(db, other, 2)
    _visit_days_ago(db, opted, 2)
    settings = settings_for(tmp_path)
    options = SendOptions(sleep=lambda _s: None, reconcile_delay=0)

    first = send_due_surveys(db, settings, sms=provider, options=options)
    assert (first.due, first.created, first.sent) == (3, 2, 2)
    assert first.skipped == {"opted_out": 1}
    assert sorted(m.receptor for m in fake.sent) == ["09121000001", "09121000002"]
    assert "از ۱ تا ۵" in fake.sent[0].message and fake.sent[0].message.endswith("لغو۱۱")
    second = send_due_surveys(db, settings, sms=provider, options=options)
    assert second.created == 0 and len(fake.sent) == 2  # once per visit

    fake.inject_reply("+989121000001", "۲")
    fake.inject_reply("09121000002", "5")
    result = sync_inbox(db, settings, sms=provider)
    assert (result.scores, result.complaints_opened) == (2, 1)
    fake.mark_unread()  # the gateway hands the same replies out again
    again = sync_inbox(db, settings, sms=provider)
    assert (again.fetched, again.stored, again.acted) == (2, 0, 0)
    fake.inject_reply("09121000001", "2")  # a second answer: no survey waits for it
    late = sync_inbox(db, settings, sms=provider)
    assert (late.scores, late.listed, late.complaints_opened) == (0, 1, 0)

    assert VisitService(db).get(visit).satisfaction == 2
    with db.reading() as s:
        complaints = s.scalars(select(Complaint)).all()
        assert len(complaints) == 1
        assert (complaints[0].customer_id, complaints[0].visit_id, complaints[0].channel,
                complaints[0].status) == (cid, visit, "survey", "open")
        assert s.scalar(select(func.count()).select_from(InboundMessage)) == 3
        answered = s.scalar(select(SurveyRequest).where(SurveyRequest.visit_id == visit))
        assert answered.score == 2
    assert [c.customer_id for c in call_list(db)] == [cid]
    assert ComplaintService(db).open_customer_ids() == {cid}

    from shopcrm.services.absence.followup import FollowUpService

    FollowUpService(db).log(cid, "call", "عذرخواهی شد")
    assert call_list(db) == []


def test_survey_is_due_the_next_morning_and_not_for_old_visits(db, tmp_path):
    book = CustomerService(db)
    cid = book.add(CustomerInput(name="سارا", mobile="09121000001"))
    old = book.add(CustomerInput(name="قدیمی", mobile="09121000002"))
    day = datetime(2024, 8, 7).date()
    VisitService(db).add(cid, VisitInput(at=datetime.combine(day, time(15, 0))))
    VisitService(db).add(old, VisitInput(at=datetime.combine(day - timedelta(days=5),
                                                             time(15, 0))))
    settings = settings_for(tmp_path)

    def due(local: datetime) -> int:
        return send_due_surveys(db, settings, now=local_to_utc(local), dry_run=True).due

    assert due(datetime.combine(day, time(20, 0))) == 0
    assert due(datetime.combine(day + timedelta(days=1), time(9, 59))) == 0
    assert due(datetime.combine(day + timedelta(days=1), time(10, 0))) == 1
    hours = settings_for(tmp_path, SHOPCRM_SURVEY_DELAY="2")
    assert send_due_surveys(db, hours, now=local_to_utc(datetime.combine(day, time(17, 0))),
                            dry_run=True).due == 1
    off = settings_for(tmp_path, SHOPCRM_SURVEY_ENABLED="false")
    assert send_due_surveys(db, off).reason == "survey_disabled"
    quiet = settings_for(tmp_path, SHOPCRM_SMS_QUIET_HOURS="21:00-08:00")
    at_night = local_to_utc(datetime.combine(day + timedelta(days=1), time(23, 0)))
    assert send_due_surveys(db, quiet, now=at_night).reason == "quiet_hours"


def test_two_syncs_at_once_act_once(db, tmp_path, fake):
    book = CustomerService(db)
    ids = [book.add(CustomerInput(name=f"م {i}", mobile=f"0912300{i:04d}")) for i in range(20)]
    for i in range(20):
        fake.inject_reply(f"0912300{i:04d}", "لغو۱۱")
    settings = settings_for(tmp_path, fake)
    results = []

    def run() -> None:
        fake.mark_unread()
        results.append(sync_inbox(db, settings))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 3
    assert sum(r.opted_out for r in results) == 20
    assert sum(r.acted for r in results) == 20
    assert all(book.get(cid).sms_opt_out for cid in ids)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(InboundMessage)) == 20


def test_two_survey_runs_at_once_ask_each_visit_once(db, tmp_path, fake):
    book = CustomerService(db)
    for i in range(30):
        cid = book.add(CustomerInput(name=f"م {i}", mobile=f"0912400{i:04d}"))
        _visit_days_ago(db, cid, 1, hour=12)
    settings = settings_for(tmp_path)
    results, errors = [], []

    def run() -> None:
        with KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER,
                               timeout=(2, 5), sleep=lambda _s: None) as own:
            try:
                results.append(send_due_surveys(
                    db, settings, sms=own,
                    options=SendOptions(sleep=lambda _s: None, reconcile_delay=0)))
            except Exception as exc:
                errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sum(r.created for r in results) == 30
    with KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER,
                           timeout=(2, 5), sleep=lambda _s: None) as own:
        later = send_due_surveys(db, settings, sms=own,  # the next run sends what waits
                                 options=SendOptions(sleep=lambda _s: None, reconcile_delay=0))
    assert later.created == 0 and later.pending == 0 and later.sent == 30
    assert sorted(m.receptor for m in fake.sent) == [f"0912400{i:04d}" for i in range(30)]
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SurveyRequest)) == 30


def test_the_daily_plugs(db, tmp_path, fake, provider):
    from shopcrm.services.messaging.campaigns import CampaignService
    from shopcrm.services.retention import daily_steps

    book = CustomerService(db)
    cid = book.add(CustomerInput(name="سارا", mobile="09121000001"))
    _visit_days_ago(db, cid, 2)
    settings = settings_for(tmp_path)
    service = CampaignService(db, settings, sms=provider,
                              options=SendOptions(sleep=lambda _s: None, reconcile_delay=0))
    surveys = daily_steps.surveys_step(db, settings, service)
    assert (surveys["enabled"], surveys["created"], surveys["sent"]) == (True, 1, 1)
    assert daily_steps.surveys_step(db, settings, service)["sent"] == 0  # once per visit
    off = daily_steps.surveys_step(db, settings_for(tmp_path, SHOPCRM_SURVEY_ENABLED="0"),
                                   service)
    assert (off["enabled"], off["reason"]) == (False, "survey_disabled")

    fake.inject_reply("09121000001", "۱")
    fake.inject_reply("09121000001", "ممنون، عالی بود")
    inbox = daily_steps.inbox_step(db, settings, service)
    assert (inbox["enabled"], inbox["scores"], inbox["complaints_opened"]) == (True, 1, 1)
    with db.reading() as s:
        complaints = daily_steps.open_complaints(s)
        replies = daily_steps.unread_replies(s)
    assert [(c.customer_id, c.status, c.severity) for c in complaints] == [
        (cid, "open", "high")]
    assert [(r["customer_id"], r["text"]) for r in replies] == [(cid, "ممنون، عالی بود")]
    quick = daily_steps.add_complaint(db, cid, "پارکینگ نبود")
    daily_steps.resolve_complaint(db, quick)
    assert ComplaintService(db).get(quick).status == "resolved"

    file_settings = Settings(path=tmp_path / "f.toml", env={"SHOPCRM_SMS_PROVIDER": "file"},
                             secrets={})
    no_inbox = daily_steps.inbox_step(db, file_settings, CampaignService(db, file_settings))
    assert (no_inbox["enabled"], no_inbox["reason"]) == (False, "inbox_not_available")
