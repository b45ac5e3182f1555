"""Providers from the settings: the one place that knows which class to build.

``sms.provider``:

- ``auto`` (the default): Kavenegar as soon as an API key is set, the test file while
  there is none. A key typed in (or ``SHOPCRM_SMS_API_KEY``) with no provider chosen
  therefore sends for real; it never lands in the test file while a summary says "sent".
- ``kavenegar``: :class:`KavenegarProvider` with ``sms.api_key`` (the keyring, or
  ``SHOPCRM_SMS_API_KEY``), ``sms.base_url``, ``sms.sender`` and ``sms.timeout``;
- ``file``: :class:`FileSmsProvider` writing to ``test-messages.jsonl`` in the user data
  dir (test mode: every summary says nothing left the machine, and where it went);
- ``none``: no SMS (:func:`sms_provider` raises ``sms_not_configured``).

Email: :class:`SmtpProvider` when ``smtp.host`` is set (``smtp.*``, the password from the
keyring or ``SHOPCRM_SMTP_PASSWORD``, From named after ``shop.name``); without a host, the
file provider when ``sms.provider`` is ``file``; else ``smtp_not_configured``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from shopcrm.errors import ProviderError
from shopcrm.paths import data_dir
from shopcrm.services.messaging.providers.base import EmailProvider, SmsProvider

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

TEST_FILE_NAME = "test-messages.jsonl"


def test_file() -> Path:
    """Where the file providers write: ``test-messages.jsonl`` in the user data dir."""
    return data_dir() / TEST_FILE_NAME


def sms_kind(settings: SettingsView) -> str:
    """The provider ``settings`` choose: ``kavenegar``, ``file`` or ``none`` (``auto``
    resolved: Kavenegar when an API key is set, else the test file)."""
    kind = str(settings.get("sms.provider") or "auto")
    if kind == "auto":
        return "kavenegar" if str(settings.get("sms.api_key") or "").strip() else "file"
    return kind


def test_mode(settings: SettingsView) -> bool:
    """True when SMS go to the test file (nothing leaves the machine)."""
    return sms_kind(settings) == "file"


def sms_configured(settings: SettingsView) -> str | None:
    """None when SMS can be sent with ``settings``, else the reason (for a dry run)."""
    kind = sms_kind(settings)
    if kind == "none":
        return "sms.provider is none"
    if kind == "kavenegar" and not str(settings.get("sms.api_key") or "").strip():
        return "no Kavenegar API key is set"
    return None


def email_configured(settings: SettingsView) -> str | None:
    """None when email can be sent with ``settings``, else the reason."""
    if str(settings.get("smtp.host") or "").strip():
        if not _from_addr(settings):
            return "smtp.from is not set"
        return None
    if sms_kind(settings) == "file":
        return None
    return "smtp.host is not set"


def sms_provider(
    settings: SettingsView,
    *,
    sleep: Callable[[float], None] = time.sleep,
    retries: int = 3,
    backoff: float = 1.0,
) -> SmsProvider:
    """The SMS provider ``settings`` name; ProviderError ``sms_not_configured`` if none."""
    problem = sms_configured(settings)
    if problem:
        raise ProviderError("sms_not_configured", detail=problem)
    kind = sms_kind(settings)
    sender = str(settings.get("sms.sender") or "").strip() or None
    if kind == "file":
        from shopcrm.services.messaging.providers.file import FileSmsProvider

        return FileSmsProvider(test_file(), sender=sender)
    from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider

    read = float(settings.get("sms.timeout") or 30.0)
    return KavenegarProvider(
        str(settings.get("sms.api_key")),
        base_url=str(settings.get("sms.base_url") or "").strip() or "https://api.kavenegar.com",
        sender=sender,
        timeout=(min(5.0, read), read),
        retries=retries,
        backoff=backoff,
        sleep=sleep,
    )


def email_provider(
    settings: SettingsView, *, sleep: Callable[[float], None] = time.sleep
) -> EmailProvider:
    """The email provider ``settings`` name; ProviderError ``smtp_not_configured`` if none."""
    problem = email_configured(settings)
    if problem:
        raise ProviderError("smtp_not_configured", detail=problem)
    shop = str(settings.get("shop.name") or "").strip() or None
    host = str(settings.get("smtp.host") or "").strip()
    if not host:
        from shopcrm.services.messaging.providers.file import FileEmailProvider

        return FileEmailProvider(test_file(), from_addr=shop)
    from shopcrm.services.messaging.providers.smtp import SmtpProvider

    return SmtpProvider(
        host,
        int(settings.get("smtp.port") or 587),
        user=str(settings.get("smtp.user") or "").strip() or None,
        password=str(settings.get("smtp.password") or "") or None,
        security=settings.get("smtp.security"),
        from_addr=_from_addr(settings),
        from_name=shop,
        timeout=float(settings.get("sms.timeout") or 30.0),
        rate_per_minute=float(settings.get("smtp.rate_per_minute") or 0),
        sleep=sleep,
    )


def _from_addr(settings: SettingsView) -> str:
    value = str(settings.get("smtp.from") or "").strip()
    if value:
        return value
    user = str(settings.get("smtp.user") or "").strip()
    return user if "@" in user else ""
