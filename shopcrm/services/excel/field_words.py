"""The owner's words for the fields of a customer list or a visit sheet, per language."""

from __future__ import annotations

from collections.abc import Iterable

FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("نام", "name"),
    "first_name": ("نام کوچک", "first name"),
    "last_name": ("نام خانوادگی", "last name"),
    "mobile": ("موبایل", "mobile"),
    "phone2": ("تلفن ثابت", "landline"),
    "email": ("ایمیل", "email"),
    "birthday": ("تاریخ تولد", "birthday"),
    "gender": ("جنسیت", "gender"),
    "city": ("شهر", "city"),
    "address": ("نشانی", "address"),
    "notes": ("یادداشت", "notes"),
    "note": ("یادداشت", "note"),
    "tags": ("برچسب‌ها", "tags"),
    "referral": ("معرف", "referral"),
    "last_visit": ("آخرین مراجعه", "last visit"),
    "visit_count": ("تعداد مراجعه", "visit count"),
    "prior_visits": ("مراجعه‌های پیشین", "earlier visits"),
    "vip": ("ویژه", "VIP"),
    "date": ("تاریخ", "date"),
    "time": ("ساعت", "time"),
    "amount": ("مبلغ", "amount"),
    "service": ("خدمت", "service"),
    "staff": ("کارمند", "staff"),
    "payment": ("نحوه پرداخت", "payment"),
    "satisfaction": ("رضایت", "satisfaction"),
    "ignore": ("نادیده", "ignore"),
}


def field_word(field: str, lang: str = "fa") -> str:
    """``موبایل`` for ``mobile`` in Persian; the English word otherwise (unknown: as is)."""
    fa, en = FIELD_WORDS.get(field, (field, field))
    return fa if lang == "fa" else en


def field_list(fields: str | Iterable[object] | None, lang: str = "fa") -> str:
    """Fields named in ``lang``, comma-separated (``، `` in Persian)."""
    items = [str(f).strip() for f in (fields.split(",") if isinstance(fields, str)
                                      else fields or ()) if str(f).strip()]
    return ("، " if lang == "fa" else ", ").join(field_word(f, lang) for f in items)
