"""Names offered for the files the owner saves (exports, charts, bad rows), per language.

Persian by default: ``مشتریان ۱۴۰۵-۰۹-۱۲.xlsx``; in English ``ShopCRM customers
1405-09-12.xlsx``. The date is the Jalali day, so names sort by date in a folder.
"""

from __future__ import annotations

import re
from datetime import date

from shopcrm.domain.dates import local_today, to_jalali
from shopcrm.domain.text import to_persian_digits

EXPORT_STEMS: dict[str, tuple[str, str]] = {
    "customers": ("مشتریان", "customers"),
    "visits": ("مراجعه‌ها", "visits"),
    "absent": ("غایبان", "absent"),
    "overdue": ("دیرکرده‌ها", "overdue"),
    "campaign": ("نتیجه‌ی کمپین", "campaign"),
    "bad_rows": ("ردیف‌های مشکل‌دار", "bad rows"),
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def jalali_stamp(day: date | None = None, lang: str = "fa") -> str:
    y, m, d = to_jalali(day or local_today())
    text = f"{y:04d}-{m:02d}-{d:02d}"
    return to_persian_digits(text) if lang == "fa" else text


def export_file_name(what: str, lang: str = "fa", day: date | None = None,
                     suffix: str = ".xlsx") -> str:
    """``مشتریان ۱۴۰۵-۰۹-۱۲.xlsx`` (fa) or ``ShopCRM customers 1405-09-12.xlsx`` (en)."""
    fa, en = EXPORT_STEMS.get(what, (what, what))
    stem = f"{fa} {jalali_stamp(day, lang)}" if lang == "fa" else (
        f"ShopCRM {en} {jalali_stamp(day, lang)}")
    return safe_file_name(stem) + suffix


def safe_file_name(title: str) -> str:
    """A title as a file name: no path separators or characters Windows refuses."""
    return " ".join(_UNSAFE.sub(" ", title).split()) or "shopcrm"
