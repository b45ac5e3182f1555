"""The Settings page's buttons, without Qt: a test SMS, the credit, an SMTP login, and the
values as typed (before Save).

:class:`SettingsDraft` reads like ``Settings`` (``get(name)``) but answers the values on
the form first, so "send me a test SMS" tries exactly what the owner typed; the secrets
typed are used in memory only and never written anywhere by these checks.

Every function here blocks on the network (the window runs them on a worker thread) and
raises the providers' ``ProviderError`` codes (``sms_auth``, ``smtp_connect``...) that
``shopcrm.error_text`` puts into words.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shopcrm.config import SettingsView, option
from shopcrm.domain.phones import normalize_mobile
from shopcrm.errors import InvalidInput, ProviderError
from shopcrm.services.messaging import factory
from shopcrm.services.messaging.providers.base import Credit, SmsMessage
from shopcrm.services.messaging.sms_text import parse_quiet_hours, sms_parts, with_opt_out

TEST_TEXT = {
    "fa": "پیام آزمایشی ShopCRM از {shop}. اگر این را می‌خوانید، پیامک کار می‌کند.",
    "en": "Test message from ShopCRM for {shop}. If you can read this, SMS works.",
}


class SettingsDraft(SettingsView):
    """``base`` with the form's ``values`` on top (each checked like ``Settings.set``);
    reads like ``Settings``, typed accessors included (``draft.sms.api_key``)."""

    def __init__(self, base: SettingsView, values: Mapping[str, Any]) -> None:
        self.base = base
        self.values = {name: option(name).check(value) for name, value in values.items()}

    def get(self, name: str) -> Any:
        if name in self.values:
            return self.values[name]
        return self.base.get(name)


@dataclass(frozen=True)
class SmsTestResult:
    """What the gateway said about the test SMS (plain data)."""

    receptor: str
    message_id: int | None
    status: int | None
    cost: int | None
    parts: int
    provider: str
    text: str


def sms_test_text(settings: SettingsView, lang: str = "fa") -> str:
    """The test message, with the opt-out line a service line needs."""
    shop = settings.shop.name.strip() or "ShopCRM"
    text = TEST_TEXT["fa" if lang == "fa" else "en"].format(shop=shop)
    return with_opt_out(text, settings.sms.line)


def sms_test_local_id() -> int:
    """A local id for a test SMS, far above any outbox row id (outbox rows use their own
    ids as local ids, and a lookup by local id must never find the test message)."""
    return int(time.time() * 1000)


def send_test_sms(settings: SettingsView, mobile: str | None = None, *,
                  lang: str = "fa") -> SmsTestResult:
    """Send one test SMS to ``mobile`` (default ``sms.test_mobile``) with the provider the
    settings name. Raises ``bad_mobile``, ``sms_not_configured`` or the provider's error."""
    target = normalize_mobile(mobile or settings.sms.test_mobile)
    if target is None:
        raise InvalidInput("bad_mobile", value=mobile or "")
    text = sms_test_text(settings, lang)
    provider = factory.sms_provider(settings)
    try:
        (result,) = provider.send([SmsMessage(sms_test_local_id(), target, text)])
    finally:
        provider.close()
    if not result.ok:
        raise ProviderError(result.error_code or "sms_rejected", detail=result.status_text,
                            status=result.status)
    return SmsTestResult(target, result.message_id, result.status, result.cost,
                   sms_parts(text).parts, getattr(provider, "name", type(provider).__name__),
                   text)


def sms_credit(settings: SettingsView) -> Credit:
    """The SMS account's remaining credit (``account/info``)."""
    provider = factory.sms_provider(settings)
    try:
        return provider.credit()
    finally:
        provider.close()


def check_smtp(settings: SettingsView) -> str:
    """Connect to the SMTP server, log in and leave; returns ``host:port``."""
    provider = factory.email_provider(settings)
    try:
        provider.test_connection()
    finally:
        provider.close()
    return f"{settings.smtp.host}:{settings.smtp.port}"


def check_quiet_hours(text: str) -> str:
    """``21:00-08:00`` (Persian digits fine) or ``off``, normalised; InvalidInput if not."""
    value = text.strip()
    parse_quiet_hours(value)
    from shopcrm.domain.text import fold_digits

    return fold_digits(value).replace(" ", "").lower() if value else value
