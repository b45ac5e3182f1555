"""Words of messaging shown to the owner: campaign names and placeholders, per language.

A campaign made without a name is called after its kind and the day (``بازگشت
۱۴۰۵/۰۹/۱۲`` in Persian, ``winback 1405/09/12`` in English). Placeholders are shown by
their Persian aliases in Persian (``{نام_کوچک}`` for ``{first_name}``): the aliases are
accepted wherever a template is, so a text shown this way can be sent as it reads.
"""

from __future__ import annotations

import re
from datetime import date

from shopcrm.domain.dates import format_jalali, local_today
from shopcrm.services.messaging.templates import ALIASES

KIND_NAMES: dict[str, tuple[str, str]] = {
    "winback": ("بازگشت", "winback"),
    "birthday": ("تبریک تولد", "birthday"),
    "relocation": ("نشانی جدید", "relocation"),
    "thanks": ("سپاس", "thanks"),
    "custom": ("پیام", "message"),
}
PERSIAN_NAME: dict[str, str] = {key: alias for alias, key in ALIASES.items()}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")


def kind_name(kind: str, lang: str = "fa") -> str:
    fa, en = KIND_NAMES.get(kind, (kind, kind))
    return fa if lang == "fa" else en


def default_campaign_name(kind: str, lang: str = "fa", day: date | None = None) -> str:
    """``بازگشت ۱۴۰۵/۰۹/۱۲`` (fa) or ``winback 1405/09/12`` (en)."""
    when = format_jalali(day or local_today(), persian_digits=lang == "fa")
    return f"{kind_name(kind, lang)} {when}"


def placeholder_word(key: str, lang: str = "fa") -> str:
    """``{نام_کوچک}`` (fa) or ``{first_name}`` (en): a placeholder as the owner reads it."""
    return "{" + (PERSIAN_NAME.get(key, key) if lang == "fa" else key) + "}"


def localise_placeholders(text: str, lang: str = "fa") -> str:
    """``text`` with its English placeholders written as their Persian aliases in fa."""
    if lang != "fa":
        return text
    return _PLACEHOLDER.sub(lambda m: placeholder_word(m.group(1), lang)
                            if m.group(1) in PERSIAN_NAME else m.group(0), text)
