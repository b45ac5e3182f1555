"""Every message the owner meant, once (issue 13), against the fake Kavenegar on loopback
through the real SDK: no repeat by accident, nobody left behind after an outage, the
win-back audience the follow-up list shows, promotional vs notice, money before and after,
no placeholder shop, a key without a provider, and test mode said out loud."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from support.bulk_customers import add_customers
from support.fake_kavenegar import PRICES, FakeKavenegar

from shopcrm.config import Settings
from shopcrm.domain.dates import local_today
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.messaging import factory
from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.services.retention.complaints import ComplaintService
from shopcrm.storage.models import Customer, OutboxMessage

SENDER = "10004346"
SHOP = {"SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲"}
N = 600  # three chunks of 200
TEXT = "{first_name} عزیز، منتظرتان هستیم."

@pytest.fixture
def fake():
    with FakeKavenegar() as server:
        yield server


def settings_for(tmp_path, **env):
    return Settings(path=tmp_path / "settings.toml", secrets={},
                    env={**SHOP, "SHOPCRM_SMS_SENDER": SENDER, **env})


def service_for(db, tmp_path, fake, **options):
    provider = KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER,
                                 timeout=(2, 2), sleep=lambda _s: None)
    opts = SendOptions(sleep=lambda _s: None, reconcile_delay=0, **options)
    return CampaignService(db, settings_for(tmp_path), sms=provider, options=opts)


def received(fake) -> Counter[str]:
    return Counter(s.receptor for s in fake.sent)


# -- no repeat by accident ----------------------------------------------------------------
def test_a_repeated_campaign_reaches_nobody_twice_without_again(db, tmp_path, fake):
    add_customers(db, N)
    service = service_for(db, tmp_path, fake)
    first, _ = service.create(CampaignRequest(TEXT, Audience.everyone()))
    assert service.run_to_end(first).sent == N

    plan = service.plan(CampaignRequest(TEXT, Audience.everyone()), credit=False)
    assert plan.recipients == 0 and plan.excluded == {"already_sent": N}
    assert plan.repeat_last == local_today()  # "already got this on <today>"
    with pytest.raises(InvalidInput) as info:
        service.create(CampaignRequest(TEXT, Audience.everyone()))
    assert info.value.code == "campaign_no_recipients"
    # the same ready template with another wording of one placeholder is the same message
    assert service.plan(CampaignRequest(TEXT, Audience.segment("all")),
                        credit=False).excluded == {"already_sent": N}

    again = service.plan(CampaignRequest(TEXT, Audience.everyone(), again=True), credit=False)
    assert (again.recipients, again.repeats) == (N, N)
    assert set(received(fake).values()) == {1} and len(received(fake)) == N


def test_a_relocation_run_twice_does_not_double_the_messages_or_the_cost(
        sqlite_db, tmp_path, fake):
    add_customers(sqlite_db, 50)
    service = service_for(sqlite_db, tmp_path, fake)
    request = service.relocation_request("خیابان تازه ۵", channel="sms")
    first, _ = service.create(request)
    spent = service.run_to_end(first).cost
    assert spent == sum(s.cost for s in fake.sent) > 0
    other_words = service.relocation_request("خیابان تازه ۵", channel="sms",
                                             text="ما به {new_address} رفتیم. {shop}")
    plan = service.plan(other_words, credit=False)
    assert plan.recipients == 0 and plan.excluded == {"already_sent": 50}
    assert len(fake.sent) == 50 and sum(s.cost for s in fake.sent) == spent


def test_send_instead_of_resume_offers_the_unfinished_campaign(sqlite_db, tmp_path, fake):
    add_customers(sqlite_db, N)
    service = service_for(sqlite_db, tmp_path, fake)
    crashed, _ = service.create(CampaignRequest(TEXT, Audience.everyone()))
    with sqlite_db.session() as s:  # it sent its first chunk, then the laptop closed
        for row in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id).limit(200)):
            row.status, row.sent_at = "sent", datetime.now(UTC).replace(tzinfo=None)

    plan = service.plan(CampaignRequest(TEXT, Audience.everyone()), credit=False)
    assert plan.unfinished == [crashed]
    assert plan.excluded == {"already_sent": 200, "waiting_in_campaign": N - 200}
    assert plan.recipients == 0


# -- nobody silently left behind -----------------------------------------------------------
def test_an_outage_of_every_call_then_resume_leaves_nobody_without_and_nobody_with_two(
        db, tmp_path, fake):
    add_customers(db, N)
    service = service_for(db, tmp_path, fake, max_attempts=2, max_round_failures=100)
    campaign_id, _ = service.create(CampaignRequest(TEXT, Audience.everyone()))
    fake.fail_next(500, times=10_000)  # the gateway answers 500 to everything

    last = service.run_to_end(campaign_id)
    assert (last.status, last.sent, last.failed) == ("incomplete", 0, N)
    view = service.get(campaign_id)
    assert (view.status, view.failed, view.retryable) == ("incomplete", N, N)
    assert campaign_id in service.resumable()  # a scheduler's resume --all takes it up

    fake._faults.clear()  # the gateway is back
    last = service.run_to_end(campaign_id)
    assert (last.status, last.sent, last.failed, last.retried) == ("done", N, 0, N)
    assert len(received(fake)) == N and set(received(fake).values()) == {1}
    assert campaign_id not in service.resumable()


def test_a_busy_gateway_failure_is_tried_again_on_resume(sqlite_db, tmp_path, fake):
    add_customers(sqlite_db, 10)
    service = service_for(sqlite_db, tmp_path, fake, max_attempts=1)
    campaign_id, _ = service.create(CampaignRequest(TEXT, Audience.everyone()))
    fake.fail_next(503, times=4)  # one call and its three retries
    last = service.run_to_end(campaign_id)
    assert last.status == "incomplete" and last.failed == 10
    last = service.run_to_end(campaign_id)
    assert (last.status, last.sent) == ("done", 10)
    assert set(received(fake).values()) == {1}


# -- money before and after -------------------------------------------------------------------
def test_the_estimate_is_in_money_and_learns_the_gateways_price(sqlite_db, tmp_path, fake):
    add_customers(sqlite_db, 20)
    service = service_for(sqlite_db, tmp_path, fake)
    service.settings.override("sms.price_service", 500)
    plan = service.plan(CampaignRequest(TEXT, Audience.everyone()), credit=False)
    assert (plan.price_per_part, plan.price_source) == (500, "setting")
    assert plan.cost_estimate == plan.parts * 500 > 0
    campaign_id, _ = service.create(CampaignRequest(TEXT, Audience.everyone()))
    spent = service.run_to_end(campaign_id).cost
    assert spent == sum(s.cost for s in fake.sent) == plan.parts * PRICES["ucs2"]

    learned = service.plan(CampaignRequest("{first_name}، تخفیف ویژه", Audience.everyone()),
                           credit=False)
    assert (learned.price_per_part, learned.price_source) == (PRICES["ucs2"], "gateway")
    assert learned.cost_estimate == learned.parts * PRICES["ucs2"]


def test_reconciled_messages_carry_their_cost(db, tmp_path, fake):
    add_customers(db, N)
    service = service_for(db, tmp_path, fake)
    campaign_id, _ = service.create(CampaignRequest(TEXT, Audience.everyone()))
    fake.drop_reply_next()  # the first chunk is accepted and charged; its reply is lost
    last = service.run_to_end(campaign_id)
    assert (last.status, last.sent) == ("done", N)
    charged = sum(s.cost for s in fake.sent)
    assert last.cost == service.get(campaign_id).cost == charged
    rows = service.outbox(campaign_id, limit=None)
    assert all(r.cost and r.cost > 0 for r in rows)


# -- the audience the owner expects --------------------------------------------------------
def test_snoozed_and_recently_contacted_are_left_out_of_a_winback_send(
        db, tmp_path, fake):
    ids = add_customers(db, 5)
    visits = VisitService(db)
    for customer_id in ids:
        for day in ("2023-01-01", "2023-02-01", "2023-03-01"):
            visits.add(customer_id, VisitInput(at=day))
    follow = FollowUpService(db)
    follow.snooze(ids[0], 14)
    follow.log(ids[1], "call", "قرار شد بیاید")
    service = service_for(db, tmp_path, fake)
    request = CampaignRequest(TEXT, Audience.segment("absent"), kind="winback")

    plan = service.plan(request, credit=False)
    assert plan.excluded == {"snoozed": 1, "contacted": 1}
    assert (plan.audience_total, plan.recipients) == (5, 3)
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.services.absence.lists import follow_up_hides

    with db.reading() as s:  # the follow-up list's own rule says the same
        hidden = s.scalars(select(Customer.id).where(
            ~Customer.id.in_(select(Customer.id).where(*follow_up_hides(
                AbsenceRules.from_settings(service.settings), local_today()))))).all()
    assert sorted(hidden) == sorted(ids[:2])
    campaign_id, _ = service.create(request)
    assert service.run_to_end(campaign_id).sent == 3
    with db.reading() as s:
        mobiles = s.scalars(select(Customer.mobile).where(Customer.id.in_(ids[:2]))).all()
    assert not set(mobiles) & set(received(fake))


def test_promotions_leave_out_an_open_complaint_and_notices_reach_it(
        sqlite_db, tmp_path, fake):
    ids = add_customers(sqlite_db, 4)
    complaints = ComplaintService(sqlite_db)
    complaints.add(ids[0], "رنگ مو خراب شد")
    complaints.resolve(complaints.add(ids[1], "دیر شد").id)
    service = service_for(sqlite_db, tmp_path, fake)
    promo = service.plan(CampaignRequest(TEXT, Audience.everyone(), kind="winback"),
                         credit=False)
    assert (promo.purpose, promo.excluded, promo.recipients) == (
        "promotional", {"open_complaint": 1}, 3)
    notice = service.plan(service.relocation_request("خیابان تازه", channel="sms"),
                          credit=False)
    assert (notice.purpose, notice.excluded, notice.recipients) == ("notice", {}, 4)


# -- no placeholder shop, no pretend sends --------------------------------------------------
def test_a_real_send_is_refused_while_the_shop_is_the_placeholder(sqlite_db, tmp_path, fake):
    add_customers(sqlite_db, 3)
    service = service_for(sqlite_db, tmp_path, fake)
    service.settings = Settings(path=tmp_path / "s.toml", secrets={},
                                env={"SHOPCRM_SMS_SENDER": SENDER})
    with pytest.raises(InvalidInput) as info:  # {shop} with no name: the text cannot be made
        service.create(CampaignRequest("{shop}: " + TEXT, Audience.everyone()))
    assert (info.value.code, info.value.data["setting"]) == ("template_missing_value",
                                                             "shop.name")
    with pytest.raises(InvalidInput) as info:  # no {shop}, still no real send without a name
        service.create(CampaignRequest(TEXT, Audience.everyone()))
    assert (info.value.code, info.value.data["setting"]) == ("shop_placeholder", "shop.name")
    service.settings.override("shop.name", "آرایشگاه من")  # the name earlier versions filled in
    with pytest.raises(InvalidInput) as info:
        service.create(CampaignRequest(TEXT, Audience.everyone()))
    assert (info.value.code, info.value.data["setting"]) == ("shop_placeholder", "shop.name")
    service.settings.override("shop.name", "آرایشگاه نگار")
    with pytest.raises(InvalidInput) as info:
        service.create(CampaignRequest(TEXT, Audience.everyone()))
    assert info.value.data["setting"] == "shop.address"
    assert not fake.sent


def test_a_key_without_a_provider_sends_through_kavenegar(sqlite_db, tmp_path, fake, run_cli,
                                                          monkeypatch):
    add_customers(sqlite_db, 29)
    env = {**SHOP, "SHOPCRM_SMS_API_KEY": fake.api_key, "SHOPCRM_SMS_BASE_URL": fake.base_url,
           "SHOPCRM_SMS_SENDER": SENDER}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("SHOPCRM_SMS_PROVIDER", raising=False)
    assert factory.sms_kind(Settings()) == "kavenegar"
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", TEXT, "--yes",
                             "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["sent"], result["written"], result["test_mode"]) == (29, 0, False)
    assert len(received(fake)) == 29
    code, out, _ = run_cli("--db", sqlite_db.url, "credit", "--json")
    assert json.loads(out)["remaining"] == fake.credit and not json.loads(out)["test_mode"]


def test_a_test_mode_send_says_so(sqlite_db, run_cli, monkeypatch):
    add_customers(sqlite_db, 7)
    monkeypatch.delenv("SHOPCRM_SMS_API_KEY", raising=False)
    monkeypatch.delenv("SHOPCRM_SMS_PROVIDER", raising=False)
    path = str(factory.test_file())
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", TEXT, "--yes",
                             "--lang", "en")
    assert code == 0, err
    assert "7 written to the test file (not sent)" in out and "sent 7" not in out
    assert f"nothing left this machine; the messages were written to {path}" in out
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", "دوباره " + TEXT,
                             "--yes", "--json")
    result = json.loads(out)
    assert (result["sent"], result["written"], result["test_mode"], result["test_file"]) == (
        0, 7, True, path)
    code, out, _ = run_cli("--db", sqlite_db.url, "outbox", "--lang", "en")
    assert out.count("test (not sent)") == 14 and " sent " not in out
    code, out, _ = run_cli("--db", sqlite_db.url, "campaigns", "--json")
    assert all(c["test_mode"] and c["test_file"] == path and c["sent"] == 0
               for c in json.loads(out))
    code, out, _ = run_cli("--db", sqlite_db.url, "credit", "--lang", "en")
    assert out.startswith("test mode:") and path in out
    with sqlite_db.reading() as s:  # nobody was contacted: the win-back lists are unchanged
        assert not s.scalars(select(Customer.id).where(
            Customer.last_contact_at.is_not(None))).all()


def test_the_command_line_refuses_a_repeat_and_names_the_unfinished_campaign(
        sqlite_db, tmp_path, fake, run_cli, monkeypatch):
    add_customers(sqlite_db, 30)
    for key, value in {**SHOP, "SHOPCRM_SMS_API_KEY": fake.api_key,
                       "SHOPCRM_SMS_BASE_URL": fake.base_url,
                       "SHOPCRM_SMS_SENDER": SENDER}.items():
        monkeypatch.setenv(key, value)
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", TEXT, "--yes")
    assert code == 0, err
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", TEXT, "--yes",
                             "--lang", "en")
    assert code == 1 and "already got this message: 30 (last on" in out
    assert "nobody to send to" in err and "Traceback" not in err
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", TEXT,
                             "--dry-run", "--again", "--lang", "en")
    assert "with --again: 30 will get this message a second time" in out
    assert len(received(fake)) == 30 and set(received(fake).values()) == {1}

    service = service_for(sqlite_db, tmp_path, fake)
    waiting, _ = service.create(CampaignRequest("{first_name}، نوبت شما", Audience.everyone()))
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text",
                             "{first_name}، نوبت شما", "--yes", "--lang", "en")
    assert code == 1 and f"shopcrm resume {waiting}" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("segment", ["absent", "overdue"])
def test_winback_counts_agree_with_reports_and_the_winback_list(sqlite_db, tmp_path, fake,
                                                                 segment):
    """On a demo book with snoozes and calls: the campaign's audience is the segment of
    Reports; minus the snoozed and contacted it is the Win-back list; minus the channel's
    exclusions it is who gets the message."""
    from shopcrm.services.absence.lists import AbsenceService
    from shopcrm.services.absence.segments import segment_counts
    from shopcrm.services.customers.demo import generate_demo

    for _step in generate_demo(sqlite_db, customers=600):
        pass
    service = service_for(sqlite_db, tmp_path, fake)
    lists = AbsenceService(sqlite_db, service.settings)
    page = getattr(lists, segment)(with_total=True, limit=1000)
    follow = FollowUpService(sqlite_db)
    for row in page.rows[:5]:
        follow.snooze(row.id, 10)
    for row in page.rows[5:12]:
        follow.log(row.id, "call", "تماس گرفتم")
    plan = service.plan(CampaignRequest(TEXT, Audience.segment(segment), kind="winback"),
                        credit=False)
    with sqlite_db.reading() as s:
        reports = {c.name: c.count for c in segment_counts(s, service.settings)}[segment]
    winback = getattr(lists, segment)(with_total=True).total
    assert plan.audience_total == reports
    assert (plan.excluded.get("snoozed"), plan.excluded.get("contacted"), len(page.rows),
            plan.audience_total) == (5, 7, page.total, reports), plan.excluded
    assert plan.audience_total - 12 == winback
    channel_left_out = sum(n for k, n in plan.excluded.items()
                           if k not in ("snoozed", "contacted"))
    assert plan.recipients + channel_left_out == winback


def test_a_key_with_the_test_file_chosen_says_test_mode_and_how_to_send(
        sqlite_db, run_cli, monkeypatch, fake):
    add_customers(sqlite_db, 3)
    monkeypatch.setenv("SHOPCRM_SMS_PROVIDER", "file")
    monkeypatch.setenv("SHOPCRM_SMS_API_KEY", fake.api_key)
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", TEXT,
                             "--dry-run", "--lang", "en")
    assert code == 0, err
    assert "test mode: nothing will leave this machine" in out
    assert "a Kavenegar API key is set but sms.provider is file" in out
    code, out, err = run_cli("--db", sqlite_db.url, "send", "--all", "--text", TEXT, "--yes",
                             "--json")
    result = json.loads(out)
    assert (result["sent"], result["written"], result["key_unused"]) == (0, 3, True)
    assert not fake.sent
