"""The one secret masker: logs, error reports and diagnostics all scrub text through it.

``scrub(text, secrets)`` replaces every given secret value (four characters or more), the
password of any ``scheme://user:password@host`` URL and a Kavenegar API key inside a
gateway URL (``/v1/<key>/``) with ``***``. ``known_secrets(settings)`` is every secret
value this process knows of: the secret options from the environment and the settings,
and every value registered with ``shopcrm.logs.register_secret``.

(``shopcrm.config.mask`` is a different thing: how one secret is *shown* on screen,
``ab…yz``.)
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

MASKED = "***"
MIN_SECRET = 4  # shorter values are too common to replace everywhere

_URL_PASSWORD = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)[^@\s]+@")
_KAVENEGAR_KEY = re.compile(r"(?P<head>/v1/)[A-Za-z0-9+=\-]{6,}(?=/)")


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret value, URL password and gateway key masked."""
    for secret in sorted({s for s in secrets if s and len(s) >= MIN_SECRET},
                         key=len, reverse=True):
        text = text.replace(secret, MASKED)
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASKED}@", text)
    return _KAVENEGAR_KEY.sub(lambda m: f"{m['head']}{MASKED}", text)


def known_secrets(settings: SettingsView | None = None) -> set[str]:
    """Every secret value this process knows of (environment, settings, the log filter)."""
    from shopcrm.config import OPTIONS
    from shopcrm.logs import SECRET_FILTER

    values: set[str] = set(SECRET_FILTER.secrets)
    for opt in OPTIONS:
        if not opt.secret:
            continue
        values.add(os.environ.get(opt.env_name, ""))
        if settings is not None:
            with contextlib.suppress(Exception):
                values.add(str(settings.get(opt.name) or ""))
    return {v for v in values if v and len(v) >= MIN_SECRET}
