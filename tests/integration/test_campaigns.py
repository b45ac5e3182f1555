"""Campaigns on both backends, sent through the real kavenegar SDK (KavenegarProvider) to the
fake gateway on loopback: audiences, exclusions, the plan, the outbox, contact history,
opt-outs, quiet hours, cancel and resume, one runner per campaign, delivery sync,
relocation and birthdays."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from support.bulk_customers import add_customers
from support.fake_kavenegar import PRICES, FakeKavenegar

from shopcrm.config import Settings
from shopcrm.domain.dates import from_jalali, to_jalali
from shopcrm.errors import Conflict, InvalidInput, ProviderError
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.messaging.campaigns import (
    Audience,
    CampaignRequest,
    CampaignService,
    send_birthday_greetings,
)
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.services.messaging.sms_text import OPT_OUT_LINE
from shopcrm.storage.models import Campaign, Customer, Interaction, OutboxMessage, Setting

SENDER = "10004346"
SHOP = "آرایشگاه نگار"


def settings_for(tmp_path, **env):
    base = {"SHOPCRM_SHOP_NAME": SHOP, "SHOPCRM_SHOP_ADDRESS": "تهران، خیابان ولیعصر",
            "SHOPCRM_SMS_SENDER": SENDER,
            "SHOPCRM_SMS_PROVIDER": "kavenegar"}
    return Settings(path=tmp_path / "settings.toml", env={**base, **env}, secrets={})


@pytest.fixture
def fake():
    with FakeKavenegar() as server:
        yield server


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def provider(fake, sleeps):
    with KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER, timeout=(2, 2),
                           sleep=sleeps.append) as p:
        yield p


def make_service(db, tmp_path, provider, sleeps, clock=None, **env):
    options = SendOptions(sleep=sleeps.append, reconcile_delay=0)
    if clock is not None:
        options.clock = clock
    return CampaignService(db, settings_for(tmp_path, **env), sms=provider, options=options)


@pytest.fixture
def book(request):
    """The book of the test: SQLite, or both backends for tests that take ``db``."""
    if "db" in request.fixturenames:
        return request.getfixturevalue("db")
    return request.getfixturevalue("sqlite_db")


@pytest.fixture
def service(book, tmp_path, provider, sleeps):
    return make_service(book, tmp_path, provider, sleeps)


@pytest.fixture
def people(book):
    return add_people(book)


def add_people(db):
    """A small book with one of each kind of customer; returns name -> id."""
    book = CustomerService(db)
    ids = {
        "sara": book.add(CustomerInput(name="خانم سارا محمدی", mobile="09121000001",
                                       email="sara@example.com")),
        "reza": book.add(CustomerInput(name="رضا کریمی", mobile="09121000002")),
        "mina": book.add(CustomerInput(name="مینا احمدی", mobile="09121000003",
                                       email="mina@example.com")),
        "no_sms": book.add(CustomerInput(name="نرگس", mobile="09121000004",
                                         email="narges@example.com")),
        "no_mobile": book.add(CustomerInput(name="بی‌شماره", email="nophone@example.com")),
        "bad_mobile": book.add(CustomerInput(name="شماره‌خراب")),
        "trashed": book.add(CustomerInput(name="حذف‌شده", mobile="09121000007")),
    }
    with db.session() as s:  # an unreadable number kept by an import
        s.get(Customer, ids["bad_mobile"]).mobile_raw = "0912-12"
    book.set_opt_out(ids["no_sms"], "sms")
    book.delete(ids["trashed"])
    return ids


def run(service, request):
    campaign_id, _ = service.create(request)
    return campaign_id, service.run_to_end(campaign_id)


def receptors(fake):
    return Counter(s.receptor for s in fake.sent)


# -- the plan ----------------------------------------------------------------------------
def test_plan_counts_every_exclusion_and_writes_nothing(service, people, db, fake):
    request = CampaignRequest("{first_name} عزیز، سلام از {shop}", Audience.everyone(),
                              channel="sms")
    plan = service.plan(request)

    assert plan.by_channel == {"sms": 3}
    assert plan.excluded == {"opted_out": 1, "no_mobile": 1, "invalid_mobile": 1}
    assert plan.personalised
    assert plan.parts == 3 and plan.parts_per_message == {1: 3}
    assert plan.credit == fake.credit  # account/info
    assert plan.sample["sms"] == f"سارا عزیز، سلام از {SHOP}\n{OPT_OUT_LINE}"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert not fake.sent


def test_parts_count_the_opt_out_line(service, people):
    # 64 Persian letters fit one part alone; with "\nلغو۱۱" (6 more) they need two.
    text = "ب" * 64
    plan = service.plan(CampaignRequest(text, Audience.ids([people["sara"]])), credit=False)
    assert plan.sms_chars == {"min": 70, "max": 70} and plan.parts == 1
    plan = service.plan(CampaignRequest(text + "ب", Audience.ids([people["sara"]])),
                        credit=False)
    assert plan.sms_chars["max"] == 71 and plan.parts_per_message == {2: 1}
    latin = service.plan(CampaignRequest("x" * 100, Audience.ids([people["sara"]])),
                         credit=False)
    assert latin.parts == 2  # the opt-out line is Persian: the whole text is UCS-2 now


def test_advertising_line_has_no_opt_out_line_and_counts_latin_as_gsm(
        book, tmp_path, provider, sleeps, people):
    service = make_service(book, tmp_path, provider, sleeps, SHOPCRM_SMS_LINE="advertising",
                           SHOPCRM_SMS_QUIET_HOURS="off")
    plan = service.plan(CampaignRequest("x" * 160, Audience.ids([people["sara"]])),
                        credit=False)
    assert plan.sample["sms"] == "x" * 160 and plan.parts == 1


def test_unknown_placeholder_is_refused_before_anything_is_written(service, people, book, fake):
    with pytest.raises(InvalidInput) as info:
        service.create(CampaignRequest("سلام {nam}", Audience.everyone()))
    assert info.value.code == "template_unknown_placeholder"
    with book.session() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0
    assert not fake.calls


def test_phone_list_audience_dedupes_and_reports(service, people):
    phones = ["۰۹۱۲۱۰۰۰۰۰۱", "+989121000001", "0912 100 0002", "12345", "09129999999",
              "09121000007"]
    plan = service.plan(CampaignRequest("{shop}: حراج", Audience.phones(phones)), credit=False)
    assert plan.by_channel == {"sms": 3}  # sara, reza, and a number not in the book
    assert plan.excluded == {"duplicate_mobile": 1, "invalid_mobile": 1, "in_trash": 1}
    personal = service.plan(CampaignRequest("{first_name}", Audience.phones(phones)),
                            credit=False)
    assert personal.excluded["not_in_book"] == 1


def test_email_and_prefer_email_routes(service, people):
    both = service.plan(CampaignRequest("{shop}", Audience.everyone(), channel="both"),
                        credit=False)
    assert both.by_channel == {"sms": 3, "email": 4}
    assert both.excluded_by_channel["email"] == {"no_email": 2}
    prefer = service.plan(CampaignRequest("{shop}", Audience.everyone(),
                                          channel="prefer_email"), credit=False)
    # email for the four with an address, SMS for reza; the bad mobile has neither
    assert prefer.by_channel == {"email": 4, "sms": 1}
    assert prefer.excluded == {"invalid_mobile": 1}


def test_segment_and_search_audiences(service, people, db):
    visits = VisitService(db)
    for _ in range(3):
        visits.add(people["reza"], VisitInput(at="2020-01-01"))
    plan = service.plan(CampaignRequest("{first_name}", Audience.segment("regular")),
                        credit=False)
    assert plan.by_channel == {"sms": 1} and "رضا" in plan.sample["sms"]
    found = service.plan(CampaignRequest("{first_name}", Audience.search("احمدی")),
                         credit=False)
    assert found.by_channel == {"sms": 1} and "مینا" in found.sample["sms"]


# -- sending -----------------------------------------------------------------------------
def test_personalised_campaign_goes_out_in_sendarray_chunks_and_is_recorded(
        db, tmp_path, provider, sleeps, fake):
    add_customers(db, 450, prefix="0913", family="احمدی", searchable=True)
    service = make_service(db, tmp_path, provider, sleeps)
    campaign_id, last = run(service, CampaignRequest("{first_name} عزیز، سلام",
                                                     Audience.everyone()))

    assert last.finished and last.status == "done" and last.sent == 450
    calls = fake.calls_to("sms", "sendarray")
    assert [len(json.loads(c.params["receptor"])) for c in calls] == [200, 200, 50]
    assert not fake.calls_to("sms", "send")
    assert sum(receptors(fake).values()) == 450 == len(receptors(fake))
    with db.session() as s:
        rows = s.scalars(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign_id)
                         .order_by(OutboxMessage.id)).all()
        by_local = {int(sms.localid): sms for sms in fake.sent}
        for row in rows:
            sms = by_local[row.id]  # the row id is the gateway's local id
            assert row.status == "sent" and row.provider_message_id == str(sms.messageid)
            assert row.cost == PRICES["ucs2"] and row.provider_status == 1
            assert row.body == sms.message and row.sent_at is not None
        assert last.cost == 450 * PRICES["ucs2"]
        assert s.scalar(select(func.count()).select_from(Interaction)
                        .where(Interaction.campaign_id == campaign_id,
                               Interaction.kind == "sms")) == 450


def test_one_shared_text_goes_out_with_sms_send(service, people, fake):
    _, last = run(service, CampaignRequest("{shop}: تخفیف ۲۰ درصد تا جمعه", Audience.everyone()))
    assert last.sent == 3
    (call,) = fake.calls_to("sms", "send")
    assert call.params["receptor"].count(",") == 2 and len(call.params["localid"].split(",")) == 3


def test_contact_history_and_last_contact_without_bumping_the_version(service, people, book):
    customers = CustomerService(book)
    before = customers.get(people["sara"])
    campaign_id, _ = run(service, CampaignRequest("{first_name} جان", Audience.ids(
        [people["sara"]])))
    after = customers.get(people["sara"])
    assert after.version == before.version  # an open edit form is not made stale
    with book.session() as s:
        customer = s.get(Customer, people["sara"])
        assert customer.last_contact_at is not None
        (log,) = s.scalars(select(Interaction).where(Interaction.customer_id == people["sara"]))
        row = s.scalar(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign_id))
        assert (log.kind, log.direction, log.campaign_id, log.outbox_id) == (
            "sms", "out", campaign_id, row.id)
        assert log.summary == row.body


def test_opted_out_customers_never_get_anything(service, people, fake):
    run(service, CampaignRequest("{shop}", Audience.everyone(), channel="sms"))
    run(service, CampaignRequest("{shop}", Audience.ids(list(people.values())), again=True))
    with pytest.raises(InvalidInput) as info:
        run(service, CampaignRequest("{shop}", Audience.phones(["09121000004"]), again=True))
    assert info.value.code == "campaign_no_recipients"
    assert "09121000004" not in receptors(fake)


def test_invalid_receptor_fails_alone_and_the_rest_go(service, book, fake):
    customers = CustomerService(book)
    ids = [customers.add(CustomerInput(name=f"م {i}", mobile=f"0912000000{i}")) for i in range(5)]
    with book.session() as s:  # a number the gateway refuses (411) slipped into the book
        s.get(Customer, ids[2]).mobile = "0912345"
    campaign_id, last = run(service, CampaignRequest("{first_name} سلام", Audience.ids(ids)))
    assert (last.status, last.sent, last.invalid) == ("incomplete", 4, 1)  # never "done"
    assert "0912345" not in receptors(fake) and len(receptors(fake)) == 4
    (bad,) = service.outbox(campaign_id, status="invalid")
    assert bad.error_code == "sms_invalid_receptor" and bad.recipient == "0912345"


# -- quiet hours ---------------------------------------------------------------------------
def test_advertising_line_queues_sms_in_quiet_hours_and_sends_them_later(
        book, tmp_path, provider, sleeps, fake, people):
    now = [datetime(2024, 8, 7, 18, 30, tzinfo=UTC)]  # 22:00 in Tehran
    service = make_service(book, tmp_path, provider, sleeps, clock=lambda: now[0],
                           SHOPCRM_SMS_LINE="advertising")
    request = CampaignRequest("{first_name}: حراج {shop}", Audience.everyone(), channel="sms")
    plan = service.plan(request, credit=False)
    assert plan.queued == 3
    assert plan.not_before == datetime(2024, 8, 8, 4, 30, tzinfo=UTC)  # 08:00 Tehran
    campaign_id, last = run(service, request)
    assert (last.status, last.pause_reason, last.queued, last.sent) == (
        "paused", "quiet_hours", 3, 0)
    assert not fake.sent
    rows = service.outbox(campaign_id)
    assert {r.not_before for r in rows} == {datetime(2024, 8, 8, 4, 30)}
    assert service.resumable() == [campaign_id]
    assert service.run_to_end(campaign_id).queued == 3  # still night: nothing goes
    now[0] = datetime(2024, 8, 8, 5, 0, tzinfo=UTC)  # 08:30 Tehran
    last = service.run_to_end(campaign_id)
    assert (last.status, last.sent, last.queued) == ("done", 3, 0)
    assert not any(OPT_OUT_LINE in s.message for s in fake.sent)


# -- cancel, resume, one runner ------------------------------------------------------------
@pytest.fixture
def crowd(book):
    return add_customers(book, 500, prefix="0913", family="احمدی", searchable=True)


def test_cancel_flag_stops_between_chunks_and_resume_finishes(service, crowd, fake):
    campaign_id, _ = service.create(CampaignRequest("{first_name} سلام", Audience.everyone()))
    stop = [False]
    for progress in service.send(campaign_id, cancel=lambda: stop[0]):
        if progress.sent:
            stop[0] = True
    assert (progress.status, progress.pause_reason, progress.sent) == ("paused", "stopped", 200)
    assert service.resumable() == []  # the owner stopped it: no scheduler takes it up
    last = service.run_to_end(campaign_id)
    assert (last.status, last.sent) == ("done", 500)
    assert set(receptors(fake).values()) == {1} and len(receptors(fake)) == 500


def test_cancel_from_elsewhere_is_seen_between_chunks(service, crowd, fake):
    campaign_id, _ = service.create(CampaignRequest("{first_name} سلام", Audience.everyone()))
    for progress in service.send(campaign_id):
        if progress.sent and not progress.finished:
            other = CampaignService(service.db, service.settings)  # another window
            assert other.cancel(campaign_id).status == "cancelled"
    assert (progress.status, progress.sent) == ("cancelled", 200)
    assert service.get(campaign_id).status == "cancelled"
    assert service.resumable() == []
    assert service.run_to_end(campaign_id).status == "done"  # resume goes on from there
    assert len(fake.sent) == 500 == len(receptors(fake))


def test_a_second_runner_is_refused_while_the_first_sends(service, crowd, fake, db):
    campaign_id, _ = service.create(CampaignRequest("{first_name} سلام", Audience.everyone()))
    first = service.send(campaign_id)
    next(first)
    with pytest.raises(Conflict) as info:
        next(service.send(campaign_id))
    assert info.value.code == "campaign_busy"
    for _ in first:
        pass
    assert len(fake.sent) == 500 == len(receptors(fake))


def test_a_lease_left_by_a_dead_process_is_taken_over(service, crowd, book):
    campaign_id, _ = service.create(CampaignRequest("{first_name} سلام", Audience.everyone()))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    import socket
    with book.session() as s:
        s.add(Setting(key=f"campaign_lease:{campaign_id}", value=json.dumps({
            "token": "x", "pid": int(dead.stdout), "host": socket.gethostname(),
            "at": datetime.now(UTC).isoformat()})))
    assert service.run_to_end(campaign_id).status == "done"
    with book.session() as s:
        assert s.get(Setting, f"campaign_lease:{campaign_id}") is None  # released


# -- delivery --------------------------------------------------------------------------------
def test_sync_status_records_delivery_and_status_14_opts_the_customer_out(
        service, people, db, fake):
    campaign_id, _ = run(service, CampaignRequest("{first_name} سلام", Audience.everyone()))
    by_receptor = {s.receptor: s.messageid for s in fake.sent}
    fake.delivery({by_receptor["09121000001"]: 10, by_receptor["09121000002"]: 14,
                   by_receptor["09121000003"]: 6})
    version = CustomerService(db).get(people["reza"]).version

    result = service.sync_status()

    assert (result.checked, result.delivered, result.failed, result.opted_out) == (3, 1, 2, 1)
    rows = {r.recipient: r for r in service.outbox(campaign_id)}
    assert rows["09121000001"].status == "delivered"
    assert (rows["09121000002"].status, rows["09121000002"].error_code) == (
        "failed", "sms_blocked")
    assert rows["09121000003"].error_code == "sms_undelivered"
    reza = CustomerService(db).get(people["reza"])
    assert reza.sms_opt_out and reza.version == version + 1
    with db.session() as s:
        assert s.get(Customer, people["reza"]).sms_opt_out_at is not None
    assert service.sync_status().checked == 0  # final statuses are not asked again
    run(service, CampaignRequest("{shop}", Audience.everyone()))
    assert receptors(fake)["09121000002"] == 1  # never again


# -- relocation -----------------------------------------------------------------------------
def test_relocation_goes_to_everyone_not_opted_out_by_sms_and_email(
        db, tmp_path, provider, sleeps, fake, people):
    from support.smtp_server import SmtpServer

    VisitService(db).add(people["mina"], VisitInput(at="2019-03-01"))  # one-off, long ago
    with SmtpServer() as smtp:
        service = make_service(db, tmp_path, provider, sleeps, SHOPCRM_SMTP_HOST=smtp.host,
                               SHOPCRM_SMTP_PORT=str(smtp.port), SHOPCRM_SMTP_SECURITY="none",
                               SHOPCRM_SMTP_FROM="shop@example.com",
                               SHOPCRM_SMTP_RATE_PER_MINUTE="0")
        with pytest.raises(InvalidInput) as info:
            service.relocation_request()
        assert info.value.code == "relocation_no_address"
        request = service.relocation_request("تهران، ونک، پلاک ۳")
        campaign_id, last = run(service, request)
        mails = smtp.messages
    assert last.status == "done"
    assert set(receptors(fake)) == {"09121000001", "09121000002", "09121000003"}
    assert all("تهران، ونک، پلاک ۳" in s.message for s in fake.sent)
    assert sorted(r for m in mails for r in m.rcpt_tos) == [
        "mina@example.com", "narges@example.com", "nophone@example.com", "sara@example.com"]
    assert service.get(campaign_id).kind == "relocation"


# -- birthdays -------------------------------------------------------------------------------
def test_birthday_greetings_once_per_customer_per_year(
        db, tmp_path, provider, sleeps, fake):
    book = CustomerService(db)
    today = date(2024, 8, 7)
    jy, jm, jd = to_jalali(today)
    born = from_jalali(1370, jm, jd)
    ids = [book.add(CustomerInput(name=f"متولد {i}", mobile=f"0915000000{i}",
                                  birthday=born.isoformat())) for i in range(3)]
    book.add(CustomerInput(name="فردا", mobile="09150000009",
                           birthday=from_jalali(1370, jm, jd + 1).isoformat()))
    book.set_opt_out(ids[2], "sms")
    settings = settings_for(tmp_path)
    options = SendOptions(sleep=sleeps.append, reconcile_delay=0)

    def greet(day):
        return list(send_birthday_greetings(db, settings, today=day, sms=provider,
                                            options=options))

    first = greet(today)
    assert first[-1].status == "done" and first[-1].sent == 2
    assert greet(today) == []  # twice the same day: nobody new
    assert len(fake.sent) == 2
    assert all(s.message.startswith("متولد عزیز، تولدتان مبارک") for s in fake.sent)
    next_year = from_jalali(jy + 1, jm, jd)
    assert greet(next_year)[-1].sent == 2  # a new year, a new greeting
    assert Counter(receptors(fake).values()) == {2: 2}
    with db.session() as s:
        keys = s.scalars(select(Campaign.dedupe_key).order_by(Campaign.id)).all()
    assert keys == [f"birthday:{jy}", f"birthday:{jy + 1}"]


def test_birthday_on_30_esfand_is_greeted_on_29_esfand_in_a_common_year(
        book, tmp_path, provider, sleeps, fake):
    customers = CustomerService(book)
    customers.add(CustomerInput(name="اسفندی", mobile="09150000001",
                           birthday=from_jalali(1399, 12, 30).isoformat()))  # 1399 is leap
    options = SendOptions(sleep=sleeps.append, reconcile_delay=0)
    day = from_jalali(1402, 12, 29)  # 1402 is a common year
    out = list(send_birthday_greetings(book, settings_for(tmp_path), today=day, sms=provider,
                                       options=options))
    assert out[-1].sent == 1


# -- providers from the settings -------------------------------------------------------------
def test_factory_builds_providers_from_settings_env_and_keyring(tmp_path, fake):
    from shopcrm.services.messaging import factory
    from shopcrm.services.messaging.providers.file import FileEmailProvider, FileSmsProvider

    default = Settings(path=tmp_path / "a.toml", env={}, secrets={})
    assert isinstance(factory.sms_provider(default), FileSmsProvider)  # works out of the box
    assert isinstance(factory.email_provider(default), FileEmailProvider)
    assert factory.test_file().name == "test-messages.jsonl"

    keyring = {"sms.api_key": fake.api_key}  # what the keyring holds
    env = {"SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_BASE_URL": fake.base_url,
           "SHOPCRM_SMS_SENDER": SENDER, "SHOPCRM_SMS_TIMEOUT": "7"}
    sms = factory.sms_provider(Settings(path=tmp_path / "b.toml", env=env, secrets=keyring))
    assert isinstance(sms, KavenegarProvider)
    assert (sms.base_url, sms.sender, sms.timeout) == (fake.base_url, SENDER, (5.0, 7.0))
    assert sms.credit().remaining == fake.credit
    assert fake.api_key not in repr(sms)
    from_env = Settings(path=tmp_path / "c.toml", secrets={},
                        env={**env, "SHOPCRM_SMS_API_KEY": fake.api_key})
    assert factory.sms_provider(from_env).credit().remaining == fake.credit

    with pytest.raises(ProviderError) as info:
        factory.sms_provider(Settings(path=tmp_path / "d.toml", env=env, secrets={}))
    assert info.value.code == "sms_not_configured"
    with pytest.raises(ProviderError) as info:
        factory.email_provider(Settings(path=tmp_path / "d.toml", env=env, secrets={}))
    assert info.value.code == "smtp_not_configured"
    none = Settings(path=tmp_path / "e.toml", env={"SHOPCRM_SMS_PROVIDER": "none"}, secrets={})
    assert factory.sms_configured(none) == "sms.provider is none"
