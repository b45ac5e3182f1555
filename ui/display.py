"""How values read on screen: Jalali or Gregorian dates, Persian or ASCII digits, money in
Rials or Tomans, mobiles kept left to right inside right-to-left text.

One ``Display`` is built from the settings and the language at start-up and handed to the
widgets that show values; it holds no Qt state (the table model calls it for every cell).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, datetime

from shopcrm.config import SettingsView
from shopcrm.domain.dates import (
    format_gregorian,
    format_jalali,
    jalali_month_name,
    local_today,
    to_jalali,
    utc_to_local,
)
from shopcrm.domain.money import format_money, unit_word
from shopcrm.domain.phones import format_mobile
from shopcrm.domain.text import to_persian_digits

LRI = "\u2066"  # left-to-right isolate: a number stays in reading order inside Persian text
FSI = "\u2068"  # first-strong isolate: a name keeps its own direction inside a sentence
PDI = "\u2069"


def ltr(text: str) -> str:
    """``text`` as a left-to-right island (mobiles, emails, codes) inside any paragraph."""
    return f"{LRI}{text}{PDI}" if text else ""


def isolate(text: str) -> str:
    """A name or other typed text inside a sentence of the window's language: its own
    direction stays inside, and it does not turn the sentence around (a Persian name at
    the start of an English sentence, an English name in a Persian one)."""
    return f"{FSI}{text}{PDI}" if text else ""


@dataclass(frozen=True)
class Display:
    lang: str = "fa"  # fa|en
    calendar: str = "jalali"  # jalali|gregorian
    currency: str = "toman"  # rial|toman

    @classmethod
    def from_settings(cls, settings: SettingsView, lang: str) -> Display:
        return cls(lang=lang, calendar=settings.calendar, currency=settings.currency)

    @property
    def persian_digits(self) -> bool:
        return self.lang == "fa"

    @property
    def rtl(self) -> bool:
        return self.lang == "fa"

    def separator(self) -> str:
        """Between the facts of one line: «، » in Persian (a middle dot beside Persian
        digits reads as a zero, ۰), `` · `` in English."""
        return "، " if self.rtl else " · "

    def digits(self, text: str) -> str:
        return to_persian_digits(text) if self.persian_digits else text

    def number(self, value: int | float | None) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and not value.is_integer():
            text = f"{value:,.1f}"
            if self.persian_digits:
                return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))
            return text
        text = f"{int(value):,}"
        return to_persian_digits(text.replace(",", "٬")) if self.persian_digits else text

    def date(self, value: date | datetime | None) -> str:
        """A calendar date; a naive datetime is taken as a UTC instant (shown local)."""
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = utc_to_local(value).date()
        if self.calendar == "gregorian":
            return self.digits(format_gregorian(value))
        return format_jalali(value, persian_digits=self.persian_digits)

    def datetime(self, value: datetime | None) -> str:
        """A UTC instant as local date and time."""
        if value is None:
            return ""
        local = utc_to_local(value)
        if self.calendar == "gregorian":
            return self.digits(format_gregorian(local, with_time=True))
        return format_jalali(local, persian_digits=self.persian_digits, with_time=True)

    def long_date(self, value: dt.date | None) -> str:
        """``۱۷ مرداد ۱۳۷۰`` / ``17 Mordad 1370`` (Gregorian: ``7 Aug 1991``)."""
        if value is None:
            return ""
        if self.calendar == "gregorian":
            return self.digits(f"{value.day} {value:%b %Y}")
        y, m, d = to_jalali(value)
        return self.digits(f"{d} {jalali_month_name(m, self.lang)} {y}")

    def date_input(self, value: dt.date | None) -> str:
        """A date as the owner would type it back: ``۱۳۷۰/۰۵/۱۷`` or ``1991-08-07``."""
        return self.date(value)

    def datetime_input(self, value: dt.datetime | None) -> str:
        return self.datetime(value)

    def days_ago(self, value: dt.datetime | None, today: dt.date | None = None) -> int | None:
        if value is None:
            return None
        return ((today or local_today()) - utc_to_local(value).date()).days

    def money(self, rials: int | None, *, with_unit: bool = False) -> str:
        if rials is None:
            return ""
        return format_money(rials, self.currency, self.lang, with_unit=with_unit)

    def money_header(self, label: str) -> str:
        """A column header naming the unit: «مبلغ (تومان)», ``Amount (tomans)``."""
        return f"{label} ({unit_word(self.currency, self.lang)})"

    def set_currency(self, currency: str) -> None:
        """The owner chose the currency (first-run setup): every widget holding this
        Display shows and reads money in it from now on."""
        if currency not in ("toman", "rial"):
            raise ValueError(f"unknown currency {currency!r}")
        object.__setattr__(self, "currency", currency)

    @property
    def money_factor(self) -> int:
        """Rials per unit the owner types (a Toman is ten Rials)."""
        return 10 if self.currency == "toman" else 1

    def mobile(self, mobile: str | None) -> str:
        """``۰۹۱۲ ۳۴۵ ۶۷۸۹`` as one left-to-right island: never mirrored in Persian text."""
        if not mobile:
            return ""
        return ltr(format_mobile(mobile, persian_digits=self.persian_digits))

    def phone(self, phone: str | None) -> str:
        if not phone:
            return ""
        return ltr(self.digits(phone))

    def email(self, email: str | None) -> str:
        return ltr(email or "")
