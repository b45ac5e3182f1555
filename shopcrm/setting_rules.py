"""How a setting's value is checked: one function per kind of value, used by
``Settings.set`` (the window's Save, ``shopcrm settings set``, the first-run setup) and by
each field of the window as it is typed.

A rule takes the option's name and the raw value (text from a form, a command line or an
environment variable; a number or bool from the TOML file) and returns the typed,
normalised value, or raises ``InvalidInput`` with a ``setting_*`` code that
``shopcrm.error_text`` puts into one sentence (fa/en) naming the key and what is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from shopcrm.domain.text import fold_digits, strip_marks
from shopcrm.errors import InvalidInput

Rule = Callable[[str, Any], Any]

_TRUE = ("1", "true", "yes", "on", "بله")
_FALSE = ("0", "false", "no", "off", "خیر")
_GROUPING = str.maketrans("", "", ",٬، ")
MAX_TEXT = 500


def _text(value: Any) -> str:
    """Bidi marks and zero-width characters go; a ZWNJ inside a Persian word stays."""
    return "" if value is None else strip_marks(str(value)).strip()


def text(name: str, value: Any) -> str:
    result = _text(value)
    if len(result) > MAX_TEXT or "\n" in result:
        raise InvalidInput("setting_text", key=name, maximum=MAX_TEXT)
    return result


def required_text(name: str, value: Any) -> str:
    result = text(name, value)
    if not result:
        raise InvalidInput("setting_required", key=name)
    return result


def boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    lowered = _text(value).lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InvalidInput("setting_bool", key=name, value=_text(value))


def whole(minimum: int, maximum: int) -> Rule:
    def rule(name: str, value: Any) -> int:
        if isinstance(value, bool):
            raise InvalidInput("setting_whole", key=name, value=str(value),
                               minimum=minimum, maximum=maximum)
        if isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        else:
            folded = fold_digits(_text(value)).translate(_GROUPING)
            if not re.fullmatch(r"[+-]?[0-9]{1,18}", folded):
                raise InvalidInput("setting_whole", key=name, value=_text(value),
                                   minimum=minimum, maximum=maximum)
            number = int(folded)
        if not minimum <= number <= maximum:
            raise InvalidInput("setting_whole", key=name, value=_text(value),
                               minimum=minimum, maximum=maximum)
        return number

    return rule


def decimal(minimum: float, maximum: float) -> Rule:
    def rule(name: str, value: Any) -> float:
        bounds = {"minimum": f"{minimum:g}", "maximum": f"{maximum:g}"}
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        else:
            folded = fold_digits(_text(value)).replace("٫", ".").replace("/", ".")
            if not re.fullmatch(r"[+-]?[0-9]{1,9}(\.[0-9]{1,6})?", folded):
                raise InvalidInput("setting_decimal", key=name, value=_text(value), **bounds)
            number = float(folded)
        if not minimum <= number <= maximum:
            raise InvalidInput("setting_decimal", key=name, value=_text(value), **bounds)
        return number

    return rule


def choice(choices: tuple[str, ...], words: tuple[str, ...] = ()) -> Rule:
    """One of ``choices``; a refusal lists them, and their Persian ``words`` for fa."""
    def rule(name: str, value: Any) -> str:
        result = _text(value)
        if result not in choices:
            raise InvalidInput("setting_choice", key=name, value=result,
                               choices=", ".join(choices), words="، ".join(words or choices))
        return result

    return rule


def url(name: str, value: Any) -> str:
    result = _text(value)
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", result):
        raise InvalidInput("setting_url", key=name, value=result)
    return result.rstrip("/")


def sender_line(name: str, value: Any) -> str:
    """The Kavenegar line number (digits only, Persian digits fine); empty is allowed."""
    folded = fold_digits(_text(value)).replace(" ", "")
    if folded and not re.fullmatch(r"\+?[0-9]{3,20}", folded):
        raise InvalidInput("setting_sender", key=name, value=_text(value))
    return folded


def quiet_hours(name: str, value: Any) -> str:
    from shopcrm.services.messaging.sms_text import parse_quiet_hours

    result = fold_digits(_text(value)).replace(" ", "").lower()
    try:
        parse_quiet_hours(result)
    except InvalidInput:
        raise InvalidInput("setting_quiet_hours", key=name, value=_text(value)) from None
    return result or "off"


def mobile(name: str, value: Any) -> str:
    from shopcrm.domain.phones import normalize_mobile

    if not _text(value):
        return ""
    try:
        return normalize_mobile(_text(value)) or ""
    except InvalidInput:
        raise InvalidInput("setting_mobile", key=name, value=_text(value)) from None


def email(name: str, value: Any) -> str:
    from shopcrm.services.customers.fields import normalise_email

    if not _text(value):
        return ""
    try:
        return normalise_email(_text(value)) or ""
    except InvalidInput:
        raise InvalidInput("setting_email", key=name, value=_text(value)) from None


def phone(name: str, value: Any) -> str:
    """A shop's phone as written (landline or mobile): digits, spaces, +, - and ()."""
    result = fold_digits(_text(value))
    if result and not re.fullmatch(r"[0-9+()\- ]{3,30}", result):
        raise InvalidInput("setting_phone", key=name, value=_text(value))
    return result


def secret(name: str, value: Any) -> str:
    result = "" if value is None else str(value).strip()
    if "\n" in result or len(result) > MAX_TEXT:
        raise InvalidInput("setting_text", key=name, maximum=MAX_TEXT)
    return result


#: what a rule or kind accepts, in a few words (fa, en): ``shopcrm settings list``
def tiers(name: str, value: Any) -> str:
    """VIP tiers ``name:points:perk;...`` as the loyalty club reads them."""
    from shopcrm.errors import ShopError
    from shopcrm.services.loyalty.rules import parse_tiers

    text = "" if value is None else str(value).strip()
    try:
        parse_tiers(text)
    except ShopError:
        raise InvalidInput("bad_tiers", key=name, value=text) from None
    return text


def survey_delay(name: str, value: Any) -> str:
    """``next_morning`` (or empty), or a number of hours after the visit."""
    from shopcrm.services.retention.survey import parse_delay

    hours = parse_delay("" if value is None else str(value))
    return "next_morning" if hours is None else f"{hours:g}"


ALLOWED: dict[str, tuple[str, str]] = {
    "tiers": ("نام:امتیاز:مزیت؛ ...", "name:points:perk;..."),
    "survey_delay": ("صبح روز بعد یا تعداد ساعت", "next_morning or a number of hours"),
    "url": ("https://...", "https://..."),
    "sender_line": ("رقم، مثل ۱۰۰۰۴۳۴۶", "digits, like 10004346"),
    "quiet_hours": ("۲۱:۰۰-۰۸:۰۰ | خاموش", "21:00-08:00 | off"),
    "mobile": ("موبایل، مثل ۰۹۱۲۱۲۳۴۵۶۷", "a mobile, like 09121234567"),
    "email": ("name@example.com", "name@example.com"),
    "phone": ("شماره تلفن", "a phone number"),
    "required_text": ("متن (نه خالی)", "text (not empty)"),
    "text": ("متن", "text"),
    "secret": ("رمز", "secret"),
    "bool": ("بله | خیر", "yes | no"),
    "whole": ("عدد صحیح از {low} تا {high}", "whole number {low}..{high}"),
    "decimal": ("عدد از {low} تا {high}", "number {low}..{high}"),
}
