"""The outbox under faults of the gateway (the fake on loopback, through the real SDK): a reply
lost after the batch was accepted, busy servers, no credit mid-campaign, 5xx, malformed
replies, a hanging server, a refused key, a crash with messages in flight. After each, every
eligible recipient has exactly one message."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from support.bulk_customers import add_customers
from support.fake_kavenegar import PRICES, FakeKavenegar

from shopcrm.config import Settings
from shopcrm.error_text import describe
from shopcrm.errors import ProviderError
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService
from shopcrm.services.messaging.providers import SmsMessage
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.storage.models import OutboxMessage

SENDER = "10004346"
N = 500  # three chunks: 200, 200, 100

@pytest.fixture
def fake():
    with FakeKavenegar() as server:
        yield server


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def book(request):
    if "db" in request.fixturenames:
        return request.getfixturevalue("db")
    return request.getfixturevalue("sqlite_db")


def make(book, tmp_path, fake, sleeps, *, key=None, read_timeout=2.0, **options):
    provider = KavenegarProvider(key or fake.api_key, base_url=fake.base_url, sender=SENDER,
                                 timeout=(2, read_timeout), sleep=sleeps.append)
    settings = Settings(path=tmp_path / "settings.toml", secrets={},
                        env={"SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران",
                             "SHOPCRM_SMS_SENDER": SENDER})
    opts = SendOptions(sleep=sleeps.append, reconcile_delay=0.5, **options)
    return CampaignService(book, settings, sms=provider, options=opts)


@pytest.fixture
def service(book, tmp_path, fake, sleeps):
    add_customers(book, N)
    return make(book, tmp_path, fake, sleeps)


def start(service, text="{first_name} عزیز، منتظرتان هستیم"):
    campaign_id, _ = service.create(CampaignRequest(text, Audience.everyone()))
    return campaign_id


def assert_exactly_once(service, fake, campaign_id):
    """Every row is sent, each with the message the gateway accepted for its local id, and
    no mobile got two."""
    counts = Counter(s.receptor for s in fake.sent)
    assert len(counts) == N and set(counts.values()) == {1}, counts.most_common(3)
    by_local = {int(s.localid): s.messageid for s in fake.sent}
    rows = service.outbox(campaign_id, limit=None)
    assert {r.status for r in rows} == {"sent"}
    assert {r.id: int(r.provider_message_id) for r in rows} == by_local


def test_reply_lost_after_the_server_accepted_the_batch(service, fake, sleeps, db):
    campaign_id = start(service)
    fake.drop_reply_next()  # the first sendarray is carried out, the socket closed

    last = service.run_to_end(campaign_id)

    assert (last.status, last.sent) == ("done", N)
    lookups = fake.calls_to("sms", "statuslocalmessageid")
    assert len(lookups) == 1 and len(lookups[0].params["localid"].split(",")) == 200
    assert len(fake.calls_to("sms", "sendarray")) == 3  # the lost chunk was not sent again
    assert 0.5 in sleeps  # it waited a moment before asking
    assert_exactly_once(service, fake, campaign_id)


@pytest.mark.parametrize(("status", "retry_after", "waited"), [(409, None, 1.0),
                                                               (451, 3, 3.0)])
def test_busy_then_success(service, fake, sleeps, status, retry_after, waited):
    campaign_id = start(service)
    fake.fail_next(status, retry_after=retry_after)
    last = service.run_to_end(campaign_id)
    assert last.status == "done"
    assert sleeps == [waited]  # the provider backed off once (Retry-After honoured)
    assert_exactly_once(service, fake, campaign_id)


def test_no_credit_mid_campaign_pauses_and_resume_after_top_up_finishes(service, fake):
    fake.credit = 200 * PRICES["ucs2"] + 100  # the first chunk only
    campaign_id = start(service)

    last = service.run_to_end(campaign_id)

    assert (last.status, last.pause_reason, last.error_code) == ("paused", "no_credit",
                                                                 "sms_no_credit")
    assert (last.sent, last.pending) == (200, N - 200)
    assert "Top it up" in describe(ProviderError(last.error_code), "en")
    assert service.get(campaign_id).pause_reason == "no_credit"
    assert {r.status for r in service.outbox(campaign_id, limit=None)[200:]} == {"pending"}
    assert campaign_id in service.resumable()
    fake.credit += 10_000_000  # the owner tops up
    last = service.run_to_end(campaign_id)
    assert (last.status, last.sent) == ("done", N)
    assert_exactly_once(service, fake, campaign_id)


def test_5xx_is_retried_and_502_on_a_send_is_looked_up_first(service, fake, sleeps):
    campaign_id = start(service)
    fake.fail_next(500, times=2)
    service.run_to_end(campaign_id)
    assert sleeps[:2] == [1.0, 2.0]
    campaign2, _ = service.create(CampaignRequest("{first_name} جان، سلام دوباره",
                                                  Audience.everyone()))
    fake.fail_next(502)  # a proxy's answer: the gateway may or may not have sent
    before = len(fake.calls_to("sms", "statuslocalmessageid"))
    last = service.run_to_end(campaign2)
    assert last.status == "done"
    assert len(fake.calls_to("sms", "statuslocalmessageid")) == before + 1
    assert Counter(Counter(s.receptor for s in fake.sent).values()) == {2: N}


def test_a_gateway_down_for_long_pauses_the_campaign_then_resume_goes_on(
        book, tmp_path, fake, sleeps):
    add_customers(book, N)
    service = make(book, tmp_path, fake, sleeps, max_round_failures=1, backoff=5.0)
    campaign_id = start(service)
    fake.fail_next(503, times=8)  # 2 rounds x (1 try + 3 retries)

    last = service.run_to_end(campaign_id)

    assert (last.status, last.pause_reason, last.error_code) == (
        "paused", "unreachable", "sms_retryable")
    assert 5.0 in sleeps  # the loop's own back-off between rounds
    assert last.pending == N and not fake.sent
    last = service.run_to_end(campaign_id)
    assert last.status == "done"
    assert_exactly_once(service, fake, campaign_id)


def test_malformed_json_on_a_send_is_an_error_and_is_looked_up(service, fake):
    campaign_id = start(service)
    fake.malformed_next()  # HTTP 200 with an HTML page: nothing was sent
    last = service.run_to_end(campaign_id)
    assert last.status == "done"
    assert len(fake.calls_to("sms", "statuslocalmessageid")) == 1
    assert len(fake.calls_to("sms", "sendarray")) == 4  # the chunk went again after "100"
    assert_exactly_once(service, fake, campaign_id)


def test_a_lookup_that_fails_leaves_the_chunk_in_doubt_until_it_can_be_asked(
        book, tmp_path, fake, sleeps):
    add_customers(book, N)
    service = make(book, tmp_path, fake, sleeps, max_round_failures=1)
    campaign_id = start(service)
    fake.drop_reply_next()  # the send is lost...
    fake.malformed_next()  # ...and so is the lookup after it
    fake.fail_next(500, times=4)  # ...and the next lookup's 4 tries

    last = service.run_to_end(campaign_id)
    assert (last.status, last.pause_reason) == ("paused", "unreachable")
    assert len(service.outbox(campaign_id, status="sending")) == 200  # in doubt: not resent
    assert len(fake.sent) == 200

    last = service.run_to_end(campaign_id)
    assert last.status == "done"
    assert_exactly_once(service, fake, campaign_id)


def test_a_hanging_server_times_out_and_nothing_is_sent_twice(book, tmp_path, fake, sleeps):
    add_customers(book, N)
    service = make(book, tmp_path, fake, sleeps, read_timeout=0.3)
    campaign_id = start(service)
    fake.hang_next(10)  # carries the batch out, then does not answer

    started = time.monotonic()
    last = service.run_to_end(campaign_id)

    assert time.monotonic() - started < 5
    assert last.status == "done"
    assert len(fake.calls_to("sms", "statuslocalmessageid")) == 1
    assert_exactly_once(service, fake, campaign_id)


def test_a_refused_key_stops_the_campaign_with_a_clear_message(book, tmp_path, fake, sleeps):
    add_customers(book, N)
    wrong = make(book, tmp_path, fake, sleeps, key="not-the-key")
    campaign_id = start(wrong)

    last = wrong.run_to_end(campaign_id)

    assert (last.status, last.pause_reason, last.error_code) == ("paused", "auth", "sms_auth")
    assert "API key" in describe(ProviderError(last.error_code, **last.error_data), "en")
    assert "not-the-key" not in str(last.error_data)
    assert last.pending == N and not fake.sent
    right = make(book, tmp_path, fake, sleeps)
    assert right.run_to_end(campaign_id).status == "done"
    assert_exactly_once(right, fake, campaign_id)


def test_a_crash_with_chunks_in_flight_resumes_without_sending_twice(service, fake, book):
    """What a kill leaves behind, made by hand: one chunk marked ``sending`` and accepted
    by the gateway, one marked ``sending`` that never left. Resume sorts them out."""
    campaign_id = start(service)
    with book.session() as s:
        first = ob.due(s, campaign_id, "sms", datetime(2100, 1, 1), 200)
        ob.mark_sending(s, [d.id for d in first], datetime.now(UTC).replace(tzinfo=None))
    service.sms_provider().send([SmsMessage(d.id, d.recipient, d.body) for d in first])
    with book.session() as s:
        second = ob.due(s, campaign_id, "sms", datetime(2100, 1, 1), 200)
        ob.mark_sending(s, [d.id for d in second], datetime.now(UTC).replace(tzinfo=None))

    last = service.run_to_end(campaign_id)

    assert last.status == "done"
    assert len(fake.calls_to("sms", "sendarray")) == 1 + 2  # second chunk + the last 100
    assert_exactly_once(service, fake, campaign_id)
    with book.session() as s:
        attempts = Counter(s.scalars(select(OutboxMessage.attempts)))
    assert attempts == {1: 300, 2: 200}  # the chunk that never left was tried again


def test_a_malformed_delivery_reply_is_an_error_not_a_crash(service, fake):
    campaign_id = start(service)
    service.run_to_end(campaign_id)
    fake.malformed_next()
    with pytest.raises(ProviderError) as info:
        service.sync_status()
    assert info.value.code == "sms_malformed"
    assert service.sync_status().checked == N  # the next try works
