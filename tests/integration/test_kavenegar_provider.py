"""KavenegarProvider (a subclass of the real kavenegar 1.1.2 SDK) against the fake gateway
on loopback: the calls it makes, how it reads replies, retries, faults and the masked key."""

from __future__ import annotations

import json
import logging
import time
import traceback

import kavenegar
import pytest
from support.fake_kavenegar import DEFAULT_KEY, PRICES, FakeKavenegar

from shopcrm.error_text import MESSAGES, describe
from shopcrm.errors import ProviderError
from shopcrm.services.messaging.providers import (
    BLOCKED,
    DELIVERED,
    QUEUED,
    UNKNOWN,
    SmsMessage,
    SmsProvider,
    is_final,
)
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.messaging.sms_text import OPT_OUT_LINE

SENDER = "10004346"
TEXT = f"سلام، نوبت شما فردا ساعت ۱۰ است.\n{OPT_OUT_LINE}"  # 1 UCS-2 part


def mobile(n: int) -> str:
    return f"0912{n:07d}"


@pytest.fixture
def fake():
    with FakeKavenegar() as server:
        yield server


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def provider(fake, sleeps):
    with KavenegarProvider(
        fake.api_key, base_url=fake.base_url, timeout=(2, 2), sleep=sleeps.append
    ) as p:
        yield p


def test_is_the_sdk_and_an_sms_provider(provider):
    assert isinstance(provider, kavenegar.KavenegarAPI)
    assert isinstance(provider, SmsProvider)
    assert provider.max_batch == 200


def test_one_text_to_many_is_one_sms_send_call(provider, fake):
    messages = [SmsMessage(100 + i, mobile(i), TEXT) for i in range(3)]

    results = provider.send(messages)

    (call,) = fake.calls
    assert (call.action, call.method) == ("sms", "send")
    assert call.params["receptor"] == ",".join(m.receptor for m in messages)
    assert call.params["localid"] == "100,101,102"
    assert call.params["message"] == TEXT
    assert "sender" not in call.params  # the account's default line
    sent = fake.sent
    assert [r.message_id for r in results] == [s.messageid for s in sent]
    assert [r.local_id for r in results] == [100, 101, 102]
    assert [s.localid for s in sent] == ["100", "101", "102"]
    assert all(r.ok and r.status == QUEUED and r.status_text for r in results)
    assert [r.cost for r in results] == [PRICES["ucs2"]] * 3  # read from entries[].cost


def test_personalised_texts_go_as_one_sendarray_call(provider, fake):
    messages = [
        SmsMessage(7, mobile(1), f"مریم جان، دلمان برایتان تنگ شده\n{OPT_OUT_LINE}"),
        SmsMessage(8, mobile(2), "Hello Ali, 20% off this week"),
        SmsMessage(9, mobile(1), "x" * 161),  # the same receptor twice; 2 GSM parts
    ]

    results = provider.send(messages, sender=SENDER)

    (call,) = fake.calls
    assert (call.action, call.method) == ("sms", "sendarray")
    assert json.loads(call.params["receptor"]) == [m.receptor for m in messages]
    assert json.loads(call.params["sender"]) == [SENDER] * 3
    assert json.loads(call.params["message"]) == [m.text for m in messages]
    assert json.loads(call.params["localmessageids"]) == ["7", "8", "9"]
    by_local = {s.localid: s for s in fake.sent}
    for m, r in zip(messages, results, strict=True):
        assert r.local_id == m.local_id and r.receptor == m.receptor
        assert r.message_id == by_local[str(m.local_id)].messageid
        assert r.cost == by_local[str(m.local_id)].cost
    assert [r.cost for r in results] == [PRICES["ucs2"], PRICES["gsm"], 2 * PRICES["gsm"]]


def test_personalised_texts_need_a_sender_line(provider, fake):
    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(1, mobile(1), "a"), SmsMessage(2, mobile(2), "b")])
    assert info.value.code == "sms_sender_required"
    assert fake.calls == []


def test_constructor_sender_is_the_default_line(fake):
    with KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER) as p:
        p.send([SmsMessage(1, mobile(1), "a"), SmsMessage(2, mobile(2), "b")])
        p.send([SmsMessage(3, mobile(3), "c")])
    assert [json.loads(fake.calls[0].params["sender"]), fake.calls[1].params["sender"]] == [
        [SENDER, SENDER],
        SENDER,
    ]


def test_exactly_200_go_in_one_call_and_201_is_refused(provider, fake):
    batch = [SmsMessage(i, mobile(i), TEXT) for i in range(200)]
    results = provider.send(batch)
    assert len(fake.calls) == 1 and len(results) == 200 and all(r.ok for r in results)
    assert len(fake.sent) == 200

    with pytest.raises(ValueError):
        provider.send([*batch, SmsMessage(999, mobile(999), TEXT)])
    assert len(fake.calls) == 1


def test_bad_key_is_sms_auth_and_the_key_never_shows(fake, caplog):
    key = "9F3A77C2B1D04E5F8A6B7C8D9E0F1A2B3C4D5E6F708192A3"
    caplog.set_level(logging.DEBUG)  # urllib3 logs every URL at DEBUG
    provider = KavenegarProvider(key, base_url=fake.base_url, sleep=lambda s: None)

    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(1, mobile(1), TEXT)])
    err = info.value
    logging.getLogger("shopcrm.test").exception("send failed: %r", provider)

    assert err.code == "sms_auth" and err.data["status"] == 403
    assert fake.sent == []
    shown = [
        str(err),
        repr(err),
        describe(err, "fa"),
        describe(err, "en"),
        repr(err.data),
        "".join(traceback.format_exception(err)),
        repr(provider),
        str(provider),
        caplog.text,
    ]
    for text in shown:
        assert key not in text
    assert "9F…A3" in repr(provider) and "9F…A3" in str(provider)
    assert "/sms/send.json" in caplog.text  # urllib3's record is there, masked
    assert err.__cause__ is None and err.__context__ is None


@pytest.mark.parametrize("status", [401, 407])
def test_disabled_account_and_foreign_ip_are_sms_auth(provider, fake, status):
    fake.fail_next(status)
    with pytest.raises(ProviderError) as info:
        provider.credit()
    assert (info.value.code, info.value.data["status"]) == ("sms_auth", status)


def test_busy_409_is_retried_then_succeeds(provider, fake, sleeps):
    fake.fail_next(409)
    results = provider.send([SmsMessage(1, mobile(1), TEXT)])
    assert results[0].ok
    assert sleeps == [1.0]
    assert len(fake.calls_to("sms", "send")) == 2 and len(fake.sent) == 1


def test_451_waits_as_long_as_retry_after_says(provider, fake, sleeps):
    fake.fail_next(451, retry_after=7)
    assert provider.credit().remaining == fake.credit
    assert sleeps == [7.0]


def test_no_credit_418_is_sms_no_credit_and_nothing_is_sent(fake, sleeps):
    fake.credit = PRICES["ucs2"] * 2  # enough for two of three
    provider = KavenegarProvider(fake.api_key, base_url=fake.base_url, sleep=sleeps.append)
    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(i, mobile(i), TEXT) for i in range(3)])
    assert (info.value.code, info.value.data["status"]) == ("sms_no_credit", 418)
    assert fake.sent == [] and sleeps == []
    assert "credit" in str(info.value)


def test_5xx_is_retried_with_backoff_then_given_up(provider, fake, sleeps):
    fake.fail_next(500, times=4)  # plain HTML, as from a proxy
    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(1, mobile(1), TEXT)])
    err = info.value
    assert err.code == "sms_retryable"
    assert err.data["status"] == 500 and err.data["attempts"] == 4
    assert sleeps == [1.0, 2.0, 4.0]
    assert len(fake.calls) == 4 and fake.sent == []


def test_json_5xx_envelope_is_retried_too(provider, fake, sleeps):
    fake.fail_next(503, html=False)
    assert provider.status_by_local_ids([1])[0].status == UNKNOWN
    assert sleeps == [1.0]


def test_malformed_reply_is_sms_malformed_not_a_crash(provider, fake, sleeps):
    fake.malformed_next()
    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(1, mobile(1), TEXT)])
    assert info.value.code == "sms_malformed"
    assert info.value.data["unknown_outcome"] is True  # HTTP 200 to a send: ask first
    assert sleeps == []

    fake.malformed_next()
    with pytest.raises(ProviderError) as info:
        provider.credit()
    assert info.value.code == "sms_malformed" and info.value.data["unknown_outcome"] is False


def test_dropped_reply_is_lost_reply_never_resent_and_found_by_local_id(provider, fake, sleeps):
    messages = [SmsMessage(500 + i, mobile(i), TEXT) for i in range(3)]
    fake.drop_reply_next()

    with pytest.raises(ProviderError) as info:
        provider.send(messages)

    assert info.value.code == "sms_lost_reply" and info.value.data["unknown_outcome"]
    assert len(fake.calls_to("sms", "send")) == 1 and sleeps == []  # not resent
    accepted = {int(s.localid): s.messageid for s in fake.sent}
    assert sorted(accepted) == [500, 501, 502]

    found = provider.status_by_local_ids([500, 501, 502, 503])
    assert [(d.local_id, d.message_id) for d in found[:3]] == sorted(accepted.items())
    assert all(d.status == QUEUED for d in found[:3])
    assert (found[3].message_id, found[3].status) == (None, UNKNOWN)  # never sent


def test_hanging_server_times_out_within_the_configured_seconds(fake, sleeps):
    provider = KavenegarProvider(
        fake.api_key, base_url=fake.base_url, timeout=(1, 0.5), sleep=sleeps.append
    )
    fake.hang_next(10)
    started = time.monotonic()
    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(1, mobile(1), TEXT)])
    elapsed = time.monotonic() - started
    assert info.value.code == "sms_lost_reply"
    assert 0.4 < elapsed < 2.0
    assert sleeps == []

    fake.hang_next(10, times=2)  # a read-only call is retried after a timeout
    started = time.monotonic()
    provider.retries = 1
    with pytest.raises(ProviderError) as info:
        provider.credit()
    assert info.value.code == "sms_retryable" and sleeps == [1.0]
    assert time.monotonic() - started < 3.0


def test_connection_refused_is_retried_and_safe_to_resend(sleeps):
    with FakeKavenegar() as gone:
        url = gone.base_url  # a port nobody listens on once the fake stops
    provider = KavenegarProvider(DEFAULT_KEY, base_url=url, retries=2, sleep=sleeps.append)
    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(1, mobile(1), TEXT)])
    assert info.value.code == "sms_retryable" and sleeps == [1.0, 2.0]
    assert DEFAULT_KEY not in str(info.value.data)


def test_status_by_message_ids_including_blocked(provider, fake):
    results = provider.send([SmsMessage(i, mobile(i), TEXT) for i in range(3)])
    ids = [r.message_id for r in results]
    fake.delivery({ids[0]: DELIVERED, ids[1]: BLOCKED})

    statuses = provider.status([ids[1], ids[0], ids[2], 123])

    assert [(s.message_id, s.status) for s in statuses] == [
        (ids[1], BLOCKED),
        (ids[0], DELIVERED),
        (ids[2], QUEUED),
        (123, UNKNOWN),
    ]
    assert [is_final(s.status) for s in statuses] == [True, True, False, False]
    assert statuses[0].status_text  # the gateway's words


def test_status_is_chunked_by_500(provider, fake):
    results = provider.send([SmsMessage(1, mobile(1), TEXT)])
    ids = [results[0].message_id, *range(1, 1001)]
    statuses = provider.status(ids)
    calls = fake.calls_to("sms", "status")
    assert [len(c.params["messageid"].split(",")) for c in calls] == [500, 500, 1]
    assert len(statuses) == 1001 and statuses[0].status == QUEUED


def test_unreadable_status_entries_are_sms_malformed(provider, monkeypatch):
    monkeypatch.setattr(provider, "sms_status", lambda params: [{"messageid": "x"}])
    with pytest.raises(ProviderError) as info:
        provider.status([1])
    assert info.value.code == "sms_malformed"


def test_credit_reads_remaincredit(provider, fake):
    before = provider.credit().remaining
    provider.send([SmsMessage(1, mobile(1), TEXT), SmsMessage(2, mobile(2), TEXT)])
    after = provider.credit()
    assert before == 10_000_000
    assert (after.remaining, after.currency) == (before - 2 * PRICES["ucs2"], "rial")


def test_one_bad_receptor_fails_alone(provider, fake):
    messages = [
        SmsMessage(1, mobile(1), TEXT),
        SmsMessage(2, "02188776655", TEXT),  # a Tehran landline: the gateway says 411
        SmsMessage(3, mobile(3), TEXT),
        SmsMessage(4, "0912,0913", TEXT),  # never leaves: a comma would add a receptor
    ]
    results = provider.send(messages)
    assert [r.error_code for r in results] == [
        None,
        "sms_invalid_receptor",
        None,
        "sms_invalid_receptor",
    ]
    assert sorted(s.localid for s in fake.sent) == ["1", "3"]
    assert all("0912,0913" not in c.params.get("receptor", "") for c in fake.calls)


def test_too_long_or_empty_text_fails_without_a_call(provider, fake):
    results = provider.send([SmsMessage(1, mobile(1), "ب" * 901), SmsMessage(2, mobile(2), " ")])
    assert [r.error_code for r in results] == ["sms_rejected", "sms_rejected"]
    assert fake.calls == []


def test_invalid_sender_is_sms_rejected_for_the_call(provider, fake):
    with pytest.raises(ProviderError) as info:
        provider.send([SmsMessage(1, mobile(1), TEXT)], sender="my-shop")
    assert (info.value.code, info.value.data["status"]) == ("sms_rejected", 412)


def test_empty_key_is_not_configured():
    with pytest.raises(ProviderError) as info:
        KavenegarProvider("  ")
    assert info.value.code == "sms_not_configured"


def test_every_provider_code_has_words_in_both_languages():
    codes = [
        "sms_not_configured", "sms_auth", "sms_no_credit", "sms_invalid_receptor",
        "sms_rejected", "sms_sender_required", "sms_retryable", "sms_malformed",
        "sms_lost_reply", "smtp_not_configured", "smtp_auth", "smtp_connect",
        "smtp_sender_refused", "smtp_recipient_refused", "smtp_rejected", "smtp_temporary",
        "file_provider_write",
    ]  # fmt: skip
    for code in codes:
        fa, en = MESSAGES[code]
        err = ProviderError(code, status=403, detail="DETAIL", path="/tmp/x")
        assert "{" not in describe(err, "fa") and "{" not in describe(err, "en"), code
        assert fa != en
