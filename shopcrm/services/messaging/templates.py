"""Message templates: placeholders, ready Persian texts, rendering for one customer.

A template is plain text with placeholders in braces::

    {first_name} عزیز، مدتی است به {shop} سر نزده‌اید. آخرین دیدار: {last_visit}

=============== ============================================== ===================
placeholder     value                                          Persian alias
=============== ============================================== ===================
name            the customer's full name                       نام
first_name      the first word of it, titles skipped           نام_کوچک
shop            ``shop.name``                                  فروشگاه
shop_address    ``shop.address``                               نشانی
shop_phone      ``shop.phone``                                 تلفن
last_visit      the last visit, Jalali (۱۴۰۳/۰۵/۱۷)            آخرین_مراجعه
days_absent     whole days since the last visit                روز_غیبت
new_address     ``shop.new_address`` or the one given          نشانی_جدید
=============== ============================================== ===================

``{{`` and ``}}`` write literal braces. Anything else in braces is refused with
``InvalidInput("template_unknown_placeholder")`` when the template is compiled, that is
before a campaign is created, so nothing is ever sent with a hole in it. A shop value the
template uses but the settings leave empty (``{shop_phone}`` without ``shop.phone``) is
refused too (``template_missing_value``). A customer value that is missing (``{last_visit}``
of a customer without dated visits) renders empty and is reported by :meth:`Template.missing`.

Digits (dates, days) are Persian when the template has Persian letters, ASCII otherwise: one
Persian digit would turn a Latin SMS into UCS-2 and halve its length.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from shopcrm.domain.dates import format_jalali, local_date_of, local_today, utc_to_local
from shopcrm.domain.text import first_name, to_persian_digits
from shopcrm.errors import InvalidInput

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

PLACEHOLDERS: dict[str, str] = {
    "name": "the customer's full name",
    "first_name": "the customer's first name",
    "shop": "the shop's name (shop.name)",
    "shop_address": "the shop's address (shop.address)",
    "shop_phone": "the shop's phone (shop.phone)",
    "last_visit": "the last visit, Jalali date",
    "days_absent": "days since the last visit",
    "new_address": "the shop's new address (shop.new_address)",
}
ALIASES: dict[str, str] = {
    "نام": "name",
    "نام_کوچک": "first_name",
    "فروشگاه": "shop",
    "نشانی": "shop_address",
    "تلفن": "shop_phone",
    "آخرین_مراجعه": "last_visit",
    "روز_غیبت": "days_absent",
    "نشانی_جدید": "new_address",
}
_ALIAS_OF = {field: alias for alias, field in ALIASES.items()}  # field -> its Persian name
#: Placeholders whose value differs per customer: a template using one is personalised.
PERSONAL = frozenset({"name", "first_name", "last_visit", "days_absent"})
SHOP_FIELDS = frozenset({"shop", "shop_address", "shop_phone", "new_address"})
_SHOP_SETTING = {
    "shop": "shop.name",
    "shop_address": "shop.address",
    "shop_phone": "shop.phone",
    "new_address": "shop.new_address",
}
_SHOP_SETTING_FA = {  # the same settings by their names on the Persian settings page
    "shop": "نام فروشگاه",
    "shop_address": "نشانی فروشگاه",
    "shop_phone": "تلفن فروشگاه",
    "new_address": "نشانی تازه‌ی فروشگاه",
}
_PERSIAN_LETTER = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")
_FORMATTER = string.Formatter()
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True, slots=True)
class ReadyTemplate:
    """A ready text the owner can send as is (or start from)."""

    key: str
    kind: str  # the Campaign.kind it makes
    title: str
    text: str
    subject: str  # for email


READY: dict[str, ReadyTemplate] = {
    t.key: t
    for t in (
        ReadyTemplate(
            "winback",
            "winback",
            "بازگشت مشتری",
            "{first_name} عزیز، دلمان برایتان تنگ شده! مدتی است به {shop} سر نزده‌اید."
            " منتظر دیدارتان هستیم.",
            "دلمان برایتان تنگ شده",
        ),
        ReadyTemplate(
            "birthday",
            "birthday",
            "تبریک تولد",
            "{first_name} عزیز، تولدتان مبارک! با آرزوی بهترین‌ها، {shop}",
            "تولدتان مبارک",
        ),
        ReadyTemplate(
            "relocation",
            "relocation",
            "اطلاع‌رسانی نشانی جدید",
            "مشتری گرامی، {shop} به نشانی جدید منتقل شد:\n{new_address}\nمنتظر دیدارتان هستیم.",
            "نشانی جدید {shop}",
        ),
        ReadyTemplate(
            "thanks",
            "thanks",
            "سپاس از مراجعه",
            "{first_name} عزیز، از اینکه {shop} را انتخاب کردید سپاسگزاریم."
            " منتظر دیدار دوباره‌تان هستیم.",
            "سپاس از انتخاب شما",
        ),
    )
}
READY_ALIASES = {"thank-you": "thanks", "thankyou": "thanks", "win-back": "winback"}


def ready(key: str) -> ReadyTemplate:
    """The ready template ``key`` (winback, birthday, relocation, thanks)."""
    found = READY.get(READY_ALIASES.get(key, key))
    if found is None:
        raise InvalidInput("template_unknown_ready", key=key, known=", ".join(READY))
    return found


@dataclass(frozen=True, slots=True)
class ShopInfo:
    """The shop's values for the shop placeholders."""

    name: str = ""
    address: str = ""
    phone: str = ""
    new_address: str = ""

    @classmethod
    def from_settings(cls, settings: SettingsView, *, new_address: str | None = None) -> ShopInfo:
        return cls(
            name=str(settings.get("shop.name") or "").strip(),
            address=str(settings.get("shop.address") or "").strip(),
            phone=str(settings.get("shop.phone") or "").strip(),
            new_address=(new_address or str(settings.get("shop.new_address") or "")).strip(),
        )

    def value(self, field: str) -> str:
        return {
            "shop": self.name,
            "shop_address": self.address,
            "shop_phone": self.phone,
            "new_address": self.new_address,
        }[field]


@dataclass(frozen=True, slots=True)
class Person:
    """What the personal placeholders need of one recipient (None: not in the book)."""

    name: str
    last_visit_at: datetime | None = None  # naive UTC


class Template:
    """A compiled template: literal text and the placeholders between."""

    __slots__ = ("fields", "persian", "segments", "text")

    def __init__(self, text: str) -> None:
        if text is None or not str(text).strip():
            raise InvalidInput("template_empty")
        self.text = str(text)
        segments: list[tuple[str, str | None]] = []
        try:
            parsed = list(_FORMATTER.parse(self.text))
        except ValueError as exc:
            raise InvalidInput("template_syntax", detail=str(exc)) from None
        for literal, field, spec, conversion in parsed:
            if field is None:
                segments.append((literal, None))
                continue
            key = ALIASES.get(field.strip(), field.strip())
            if key not in PLACEHOLDERS:
                raise InvalidInput(
                    "template_unknown_placeholder",
                    placeholder="{" + field + "}",
                    known=" ".join("{" + k + "}" for k in PLACEHOLDERS),
                )
            if spec or conversion:
                raise InvalidInput(
                    "template_syntax", detail=f"{{{field}}}: write a placeholder as {{{key}}}"
                )
            segments.append((literal, key))
        self.segments = tuple(segments)
        self.fields = frozenset(f for _, f in segments if f)
        self.persian = bool(_PERSIAN_LETTER.search(self.text))

    def __repr__(self) -> str:
        return f"Template({self.text!r})"

    @property
    def personal(self) -> bool:
        """True when the text differs per customer (sent with ``sms/sendarray``)."""
        return bool(self.fields & PERSONAL)

    def check_shop(self, shop: ShopInfo) -> None:
        """Refuse a shop placeholder whose setting is empty (``template_missing_value``)."""
        for field in sorted(self.fields & SHOP_FIELDS):
            if not shop.value(field):
                raise InvalidInput(
                    "template_missing_value",
                    placeholder="{" + field + "}",
                    placeholder_fa="{" + _ALIAS_OF[field] + "}",
                    setting=_SHOP_SETTING[field],
                    setting_fa=_SHOP_SETTING_FA[field],
                )

    def values(self, person: Person | None, shop: ShopInfo, today: date) -> dict[str, str]:
        """Every placeholder's text for ``person`` (missing ones empty)."""
        out: dict[str, str] = {f: shop.value(f) for f in self.fields & SHOP_FIELDS}
        if not self.fields & PERSONAL:
            return out
        name = person.name.strip() if person and person.name else ""
        out["name"] = name
        out["first_name"] = first_name(name) if name else ""
        last = person.last_visit_at if person else None
        if last is None:
            out["last_visit"] = out["days_absent"] = ""
        else:
            digits = self.persian
            out["last_visit"] = format_jalali(utc_to_local(last).date(), persian_digits=digits)
            days = str(max(0, (today - local_date_of(last)).days))
            out["days_absent"] = to_persian_digits(days) if digits else days
        return out

    def render(self, person: Person | None, shop: ShopInfo, today: date | None = None) -> str:
        """The text for ``person``; missing customer values are left empty."""
        return self.fill(self.values(person, shop, today or local_today()))

    def fill(self, values: dict[str, str]) -> str:
        """The text with ``values`` (from :meth:`values`) in place."""
        text = "".join(literal + (values[f] if f else "") for literal, f in self.segments)
        if not all(values.values()):  # an empty value leaves a double space behind
            text = _SPACES.sub(" ", text)
        return text.strip()

    def missing(
        self, person: Person | None, shop: ShopInfo, today: date | None = None
    ) -> list[str]:
        """The placeholders that render empty for ``person``."""
        values = self.values(person, shop, today or local_today())
        return sorted(f for f in self.fields if not values.get(f))


@lru_cache(maxsize=64)
def compile_template(text: str) -> Template:
    """A compiled :class:`Template` (cached); raises InvalidInput for a bad template."""
    return Template(text)
