"""Words for error codes, in Persian and English.

The core raises ``ShopError(code, **data)``; the CLI and the window call
``describe(error, lang)``. The words live in
``shopcrm/error_words/`` (one module per area: ``code: (fa, en)``, the templates use
``str.format`` fields from the error's data); this module joins them and words an error.
"""

from __future__ import annotations

import re
from typing import Any

from shopcrm.error_words import absence, backups, book, excel, messaging, retention, settings

# One table of every code's words, joined from the areas' modules (shopcrm/error_words/).
MESSAGES: dict[str, tuple[str, str]] = {}
for _area in (absence, backups, book, excel, messaging, retention, settings):
    MESSAGES.update(_area.WORDS)


# Field names of the import, as the owner reads them (``{field_word}`` in a template).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("نام", "name"), "first_name": ("نام کوچک", "first name"),
    "last_name": ("نام خانوادگی", "last name"), "mobile": ("موبایل", "mobile"),
    "phone2": ("تلفن دوم", "second phone"), "email": ("ایمیل", "email"),
    "birthday": ("تاریخ تولد", "birthday"), "gender": ("جنسیت", "gender"),
    "city": ("شهر", "city"), "address": ("نشانی", "address"), "notes": ("یادداشت", "notes"),
    "tags": ("برچسب", "tags"), "referral": ("معرف", "referral"),
    "last_visit": ("آخرین مراجعه", "last visit"),
    "visit_count": ("تعداد مراجعه", "number of visits"), "vip": ("مشتری ویژه", "VIP"),
    "date": ("تاریخ", "date"), "time": ("ساعت", "time"), "amount": ("مبلغ", "amount"),
    "service": ("خدمت", "service"), "staff": ("کارمند", "staff"),
    "payment": ("نحوه‌ی پرداخت", "payment"), "satisfaction": ("رضایت", "satisfaction"),
    "note": ("یادداشت", "note"),
}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def describe(error: Any, lang: str = "fa", *, surface: str = "") -> str:
    """One sentence for ``error`` (a ShopError, or any exception) in ``lang``.

    ``surface="cli"`` prefers the ``code@cli`` words where the fix differs on the command
    line (a ``shopcrm settings set`` command instead of the window's Settings page)."""
    code = getattr(error, "code", "error")
    data: dict[str, Any] = dict(getattr(error, "data", {}) or {})
    templates = MESSAGES.get(f"{code}@{surface}") if surface else None
    templates = templates or MESSAGES.get(code)
    if templates is None:
        templates = MESSAGES["error"]
        data.setdefault("detail", code if hasattr(error, "code") else repr(error))
    text = templates[0] if lang == "fa" else templates[1]
    data.setdefault("detail", "")
    if "{field_word}" in text and "field_word" not in data:
        words = FIELD_WORDS.get(str(data.get("field", "")))
        data["field_word"] = (words[0] if lang == "fa" else words[1]) if words else \
            data.get("field", "")
    # "value" quotes what was typed or read, as it was; other fields are the book's words
    return text.format_map(_Blank({k: v if k == "value" and isinstance(v, str)
                                   else _show(v, lang) for k, v in data.items()}))


def _show(value: Any, lang: str) -> str:
    """A field of a message: numbers, and mobiles or dates (text of digits), in Persian
    digits in Persian; any other text as it is."""
    if lang == "fa" and ((isinstance(value, int) and not isinstance(value, bool))
                         or (isinstance(value, str) and _NUMERIC.fullmatch(value))):
        from shopcrm.domain.text import to_persian_digits

        return to_persian_digits(str(value))
    return str(value)


_NUMERIC = re.compile(r"[+#]?[0-9][0-9 /:\-]*")  # "#30": a customer's id as typed
