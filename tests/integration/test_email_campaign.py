"""Email campaigns to a real SMTP server on loopback (aiosmtpd), with the provider built
from the settings (SHOPCRM_SMTP_*): one message per recipient, From with the shop's name,
a right-to-left HTML part, refused and deferred recipients, a refused login, and an email
left in doubt by a crash that is never sent twice."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from support.smtp_server import PASSWORD, USER, SmtpServer

from shopcrm.config import Settings
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService
from shopcrm.services.messaging.providers.smtp import SmtpProvider
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.storage.models import Interaction

SHOP = "آرایشگاه نگار"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH:UserWarning")


@pytest.fixture
def smtp():
    with SmtpServer(auth=True, refuse={"gone@example.com"}, defer={"busy@example.com"}) as s:
        yield s


@pytest.fixture
def people(sqlite_db):
    book = CustomerService(sqlite_db)
    ids = [book.add(CustomerInput(name=f"مشتری {n}", email=f"c{i}@example.com"))
           for i, n in enumerate(["الف", "ب", "پ", "ت", "ث", "ج"])]
    ids.append(book.add(CustomerInput(name="بی‌نشانی", mobile="09121112233")))
    ids.append(book.add(CustomerInput(name="نخواسته", email="no@example.com")))
    book.set_opt_out(ids[-1], "email")
    return ids


def service_for(db, smtp, tmp_path, sleeps, *, password=PASSWORD, **options):
    env = {"SHOPCRM_SHOP_NAME": SHOP, "SHOPCRM_SHOP_ADDRESS": "تهران",
           "SHOPCRM_SMS_PROVIDER": "none",
           "SHOPCRM_SMTP_HOST": smtp.host, "SHOPCRM_SMTP_PORT": str(smtp.port),
           "SHOPCRM_SMTP_USER": USER, "SHOPCRM_SMTP_PASSWORD": password,
           "SHOPCRM_SMTP_SECURITY": "none", "SHOPCRM_SMTP_FROM": "shop@example.com",
           "SHOPCRM_SMTP_RATE_PER_MINUTE": "0"}
    settings = Settings(path=tmp_path / "settings.toml", env=env, secrets={})
    return CampaignService(db, settings, options=SendOptions(sleep=sleeps.append, **options))


def test_email_campaign_reaches_each_address_once_with_the_shops_name(
        sqlite_db, smtp, tmp_path, people):
    service = service_for(sqlite_db, smtp, tmp_path, [])
    assert isinstance(service.email_provider(), SmtpProvider)
    request = CampaignRequest("{first_name} عزیز، منتظرتان هستیم.\nنشانی: {shop}",
                              Audience.everyone(), channel="email", subject="سلام از {shop}")
    plan = service.plan(request)
    assert plan.by_channel == {"email": 6}
    assert plan.excluded == {"no_email": 1, "opted_out": 1}
    assert plan.subject == f"سلام از {SHOP}"
    campaign_id, _ = service.create(request)

    last = service.run_to_end(campaign_id)

    assert (last.status, last.sent) == ("done", 6)
    messages = smtp.messages
    assert Counter(r for m in messages for r in m.rcpt_tos) == {
        f"c{i}@example.com": 1 for i in range(6)}
    mail = messages[0].message
    assert mail["From"].addresses[0].display_name == SHOP
    assert mail["Subject"] == f"سلام از {SHOP}"
    assert mail["To"].addresses[0].display_name == "مشتری الف"
    assert mail.get_body(("plain",)).get_content().startswith("مشتری عزیز")
    html = mail.get_body(("html",)).get_content()
    assert 'dir="rtl"' in html and "لغو۱۱" not in html  # no SMS opt-out line in email
    assert all(login == (USER, True) for login in smtp.logins)
    rows = service.outbox(campaign_id)
    assert all(r.status == "sent" and r.provider_message_id.startswith("<") for r in rows)
    with sqlite_db.session() as s:
        kinds = s.scalars(select(Interaction.kind).where(Interaction.campaign_id == campaign_id))
        assert list(kinds) == ["email"] * 6


def test_refused_and_deferred_recipients(sqlite_db, smtp, tmp_path, people):
    book = CustomerService(sqlite_db)
    book.add(CustomerInput(name="رفته", email="gone@example.com"))
    book.add(CustomerInput(name="پرمشغله", email="busy@example.com"))
    sleeps: list[float] = []
    service = service_for(sqlite_db, smtp, tmp_path, sleeps, max_attempts=3)
    campaign_id, _ = service.create(CampaignRequest("{shop}", Audience.everyone(),
                                                    channel="email"))
    last = service.run_to_end(campaign_id)

    assert (last.status, last.sent, last.failed, last.invalid) == ("incomplete", 6, 2, 1)
    rows = {r.recipient: r for r in service.outbox(campaign_id)}
    assert (rows["gone@example.com"].status, rows["gone@example.com"].error_code) == (
        "invalid", "smtp_recipient_refused")
    busy = rows["busy@example.com"]
    assert (busy.status, busy.error_code, busy.attempts) == ("failed", "smtp_temporary", 3)
    assert sleeps == [5.0]  # one back-off round between the 2nd and the 3rd try
    assert len(smtp.messages) == 6


def test_a_refused_login_pauses_the_campaign(sqlite_db, smtp, tmp_path, people):
    service = service_for(sqlite_db, smtp, tmp_path, [], password="wrong")
    campaign_id, _ = service.create(CampaignRequest("{shop}", Audience.everyone(),
                                                    channel="email"))
    last = service.run_to_end(campaign_id)
    assert (last.status, last.pause_reason, last.error_code) == (
        "paused", "email_auth", "smtp_auth")
    assert "wrong" not in str(last.error_data)
    assert last.pending == 6 and not smtp.messages
    good = service_for(sqlite_db, smtp, tmp_path, [])
    assert good.run_to_end(campaign_id).sent == 6


def test_an_email_left_sending_by_a_crash_is_not_sent_again(sqlite_db, smtp, tmp_path, people):
    service = service_for(sqlite_db, smtp, tmp_path, [])
    campaign_id, _ = service.create(CampaignRequest("{shop}", Audience.everyone(),
                                                    channel="email"))
    with sqlite_db.session() as s:
        doubt = ob.due(s, campaign_id, "email", datetime(2100, 1, 1), 2)
        ob.mark_sending(s, [d.id for d in doubt], datetime.now(UTC).replace(tzinfo=None))

    last = service.run_to_end(campaign_id)

    assert (last.status, last.sent, last.failed) == ("incomplete", 4, 2)
    assert {r.id: r.error_code for r in service.outbox(campaign_id, status="unknown")} == {
        d.id: "email_unknown_outcome" for d in doubt}
    assert len(smtp.messages) == 4


def test_without_smtp_settings_email_is_refused_before_anything_is_created(
        sqlite_db, tmp_path, people):
    from shopcrm.errors import ProviderError

    settings = Settings(path=tmp_path / "s.toml", secrets={},
                        env={"SHOPCRM_SMS_PROVIDER": "kavenegar",
                             "SHOPCRM_SHOP_NAME": "آرایشگاه نگار"})
    service = CampaignService(sqlite_db, settings)
    plan = service.plan(CampaignRequest("{shop}", Audience.everyone(), channel="email"))
    with pytest.raises(ProviderError) as info:
        service.check_ready(plan)
    assert info.value.code == "smtp_not_configured"
