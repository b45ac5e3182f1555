"""The language of what the product prints, and numbers and dates in that language.

One function decides the language (``resolve_language``): ``--lang`` given on the command
line, else the environment variable ``SHOPCRM_LANG``, else the ``ui.language`` setting,
else Persian, the product's language. The helpers below write numbers with Persian
digits and separators (``۱۲٬۳۴۵``) and dates as Jalali (``۱۴۰۳/۰۵/۱۷``, ``دی ۱۴۰۴``) in
Persian; in English they keep ASCII digits and Jalali dates with Latin digits. Qt-free.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from shopcrm.domain.dates import format_jalali, jalali_month_name
from shopcrm.domain.text import to_persian_digits

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

LANGUAGES = ("fa", "en")
DEFAULT_LANGUAGE = "fa"
ENV_NAME = "SHOPCRM_LANG"


def resolve_language(given: str | None = None, *, env: Mapping[str, str] | None = None,
                     settings: SettingsView | None = None) -> str:
    """``given`` (``--lang``), else env ``SHOPCRM_LANG``, else ``ui.language``, else fa.

    An unknown value in the environment or the settings is passed over (the settings
    loader reports a broken settings file on its own); ``given`` is checked by argparse.
    """
    env = os.environ if env is None else env
    for candidate in (given, env.get(ENV_NAME, "").strip().lower()):
        if candidate in LANGUAGES:
            return candidate
    try:
        if settings is None:
            from shopcrm.config import Settings

            settings = Settings(env=env)
        configured = settings.get("ui.language")
    except Exception:  # a broken settings file: the command itself will say so
        configured = None
    return configured if configured in LANGUAGES else DEFAULT_LANGUAGE


def given_language(argv: list[str]) -> str | None:
    """The value of ``--lang`` in raw arguments (before argparse, to translate its help)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in LANGUAGES else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGUAGES else None
    return None


def digits(text: str, lang: str) -> str:
    """``text`` with Persian digits in Persian (for mobiles, ids, times...)."""
    return to_persian_digits(text) if lang == "fa" else text


def number(value: int | float | None, lang: str, spec: str = ",") -> str:
    """``12,345`` or ``۱۲٬۳۴۵`` (``spec`` as in ``format``: ``","``, ``".1f"``, ``"g"``...)."""
    if value is None:
        return ""
    text = format(value, spec)
    if lang != "fa":
        return text
    return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))


def percent(value: float | None, lang: str) -> str:
    """A fraction as ``12.5%`` or ``۱۲٫۵٪``; "" for None."""
    if value is None:
        return ""
    text = number(value * 100, lang, ".1f")
    return f"{text}٪" if lang == "fa" else f"{text}%"


def day(value: date | datetime | None, lang: str, *, with_time: bool = False) -> str:
    """A Jalali date (``۱۴۰۳/۰۵/۱۷``; Latin digits in English); "" for None."""
    return format_jalali(value, persian_digits=lang == "fa", with_time=with_time)


def month(year: int, month_number: int, lang: str) -> str:
    """A Jalali month: ``دی ۱۴۰۴`` in Persian, ``1404/10 Dey`` in English."""
    name = jalali_month_name(month_number, lang)
    if lang == "fa":
        return f"{name} {to_persian_digits(str(year))}"
    return f"{year}/{month_number:02d} {name}"


class Formatter(string.Formatter):
    """``str.format`` that writes numbers and dates in ``lang``; text (data) stays as is.

    ``{n:,}`` groups a number, ``{x:.1f}`` rounds it, ``{when}`` is a Jalali date and
    ``{when:t}`` a Jalali date with its time.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, datetime | date):
            return day(value, self.lang, with_time=format_spec == "t"
                       and isinstance(value, datetime))
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number(value, self.lang, format_spec)
        return super().format_field(value, format_spec)
