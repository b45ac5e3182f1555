"""SmtpProvider against a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import pytest
from support.smtp_server import PASSWORD, USER, SmtpServer

from shopcrm.error_text import describe
from shopcrm.errors import ProviderError
from shopcrm.services.messaging.providers import EmailMessage, EmailProvider
from shopcrm.services.messaging.providers.smtp import SmtpProvider

SHOP = "آرایشگاه گیسو"
FROM = "salon@example.com"
# The loopback server takes AUTH without TLS on purpose; aiosmtpd warns about it.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

TEXT = "سلام مریم جان،\nدلمان برایتان تنگ شده است. <تخفیف> ۲۰٪ & بیشتر"


def make(server: SmtpServer, **kwargs) -> SmtpProvider:
    kwargs.setdefault("from_addr", FROM)
    kwargs.setdefault("from_name", SHOP)
    kwargs.setdefault("rate_per_minute", 0)
    return SmtpProvider(server.host, server.port, timeout=5, **kwargs)


def email(local_id: int, to: str = "maryam@example.com", **kwargs) -> EmailMessage:
    kwargs.setdefault("to_name", "مریم رضایی")
    kwargs.setdefault("subject", "دلمان برایتان تنگ شده")
    kwargs.setdefault("text", TEXT)
    return EmailMessage(local_id, to, **kwargs)


def test_plain_text_and_rtl_html_parts_with_utf8_names():
    with SmtpServer() as server:
        provider = make(server)
        (result,) = provider.send([email(1)])

    assert isinstance(provider, EmailProvider)
    assert result.ok and result.error is None and result.local_id == 1
    (got,) = server.messages
    assert got.mail_from == FROM and got.rcpt_tos == ["maryam@example.com"]
    msg = got.message
    assert msg["From"].addresses[0].display_name == SHOP
    assert msg["From"].addresses[0].addr_spec == FROM
    assert msg["To"].addresses[0].display_name == "مریم رضایی"
    assert str(msg["Subject"]) == "دلمان برایتان تنگ شده"
    raw_headers = got.data.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()  # names and subject travel RFC 2047-encoded
    assert b"=?utf-8?" in raw_headers
    assert msg["Message-ID"] == result.message_id and result.message_id.endswith("@example.com>")
    assert msg["Date"] is not None
    assert msg.get_content_type() == "multipart/alternative"
    assert msg.get_body(("plain",)).get_content().rstrip("\n") == TEXT
    html = msg.get_body(("html",)).get_content()
    assert '<div dir="rtl" style="font-family:Vazirmatn,Tahoma,sans-serif">' in html
    assert "&lt;تخفیف&gt; ۲۰٪ &amp; بیشتر" in html  # escaped
    assert "سلام مریم جان،<br>" in html


def test_callers_html_is_used_as_given():
    with SmtpServer() as server:
        make(server).send([email(1, html="<p dir='rtl'>سلام</p>")])
    body = server.messages[0].message.get_body(("html",)).get_content()
    assert body.strip() == "<p dir='rtl'>سلام</p>"


def test_one_connection_for_a_batch_and_one_result_each_in_order():
    with SmtpServer() as server:
        results = make(server).send([email(i, f"c{i}@example.com") for i in range(5)])
    assert [r.local_id for r in results] == [0, 1, 2, 3, 4] and all(r.ok for r in results)
    assert server.greetings == 1
    assert [m.rcpt_tos for m in server.messages] == [[f"c{i}@example.com"] for i in range(5)]
    assert len({r.message_id for r in results}) == 5


def test_from_address_with_a_name_in_it():
    with SmtpServer() as server:
        provider = SmtpProvider(
            server.host, server.port, from_addr=f"{SHOP} <{FROM}>", rate_per_minute=0
        )
        provider.send([email(1)])
    sender = server.messages[0].message["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == (SHOP, FROM)


def test_login_succeeds_and_test_connection_passes():
    with SmtpServer(auth=True) as server:
        provider = make(server, user=USER, password=PASSWORD)
        provider.test_connection()
        (result,) = provider.send([email(1)])
    assert result.ok
    assert server.logins == [(USER, True), (USER, True)]
    assert server.messages[0].login == USER


def test_wrong_password_is_smtp_auth_and_never_shown(caplog):
    secret = "wrong-but-secret-Pa55word"
    with SmtpServer(auth=True) as server:
        provider = make(server, user=USER, password=secret)
        with pytest.raises(ProviderError) as info:
            provider.send([email(1)])
        with pytest.raises(ProviderError) as again:
            provider.test_connection()
    err = info.value
    assert err.code == "smtp_auth" and again.value.code == "smtp_auth"
    assert server.messages == []
    for text in (str(err), repr(err), describe(err, "fa"), repr(provider), caplog.text):
        assert secret not in text
    assert err.__context__ is None


def test_missing_login_is_refused_by_a_server_that_requires_it():
    with SmtpServer(auth=True) as server:
        (result,) = make(server).send([email(1)])
    assert not result.ok and result.error == "smtp_sender_refused"


def test_refused_recipient_fails_alone():
    with SmtpServer(refuse={"nobody@example.com"}, defer={"busy@example.com"}) as server:
        results = make(server).send(
            [
                email(1, "a@example.com"),
                email(2, "nobody@example.com"),
                email(3, "busy@example.com"),
                email(4, "not an address"),
                email(5, "b@example.com"),
            ]
        )
    assert [(r.ok, r.error) for r in results] == [
        (True, None),
        (False, "smtp_recipient_refused"),
        (False, "smtp_temporary"),
        (False, "smtp_recipient_refused"),
        (True, None),
    ]
    assert "550" in results[1].detail and results[1].message_id is None
    assert [m.rcpt_tos for m in server.messages] == [["a@example.com"], ["b@example.com"]]


def test_no_server_is_smtp_connect():
    with SmtpServer() as server:
        host, port = server.host, server.port
    provider = SmtpProvider(host, port, from_addr=FROM, timeout=2)
    with pytest.raises(ProviderError) as info:
        provider.send([email(1)])
    assert info.value.code == "smtp_connect"
    with pytest.raises(ProviderError):
        provider.test_connection()


def test_starttls_against_a_server_without_it_is_smtp_connect():
    with SmtpServer() as server:
        provider = make(server, security="starttls")
        with pytest.raises(ProviderError) as info:
            provider.test_connection()
    assert info.value.code == "smtp_connect" and "STARTTLS" in info.value.data["detail"]


def test_sending_is_paced_to_the_rate():
    waits: list[float] = []
    now = [100.0]
    with SmtpServer() as server:
        provider = make(server, rate_per_minute=120, sleep=waits.append, clock=lambda: now[0])
        provider.send([email(i) for i in range(3)])
        provider.send([email(3)])
    assert waits == [0.5, 1.0, 1.5]  # the clock stood still: each waits for its slot
    assert len(server.messages) == 4


def test_not_configured_without_host_or_from():
    with pytest.raises(ProviderError) as info:
        SmtpProvider("", 25, from_addr=FROM)
    assert info.value.code == "smtp_not_configured"
    with pytest.raises(ProviderError):
        SmtpProvider("mail.example.com", 25, from_addr="")
