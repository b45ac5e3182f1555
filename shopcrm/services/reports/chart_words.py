"""The words and numbers of the charts: (fa, en) words, thousands separators and Persian
digits, percentages, and money scaled to a short axis (thousand, million, billion)."""

from __future__ import annotations

import math
from typing import Any

from shopcrm.domain.text import to_persian_digits

# (fa, en) words of the charts.
WORDS: dict[str, tuple[str, str]] = {
    "visits_revenue": ("مراجعه‌ها و درآمد ماهانه", "Visits and revenue by month"),
    "new_returning": ("مشتریان تازه و بازگشتی", "New and returning customers"),
    "retention": ("نرخ ماندگاری مشتریان", "Customer retention rate"),
    "absent_over_time": ("مشتریان ثابتِ غایب در پایان هر ماه",
                         "Absent regulars at each month's end"),
    "rfm_segments": ("گروه‌بندی ارزش مشتریان", "RFM segments"),
    "cities": ("مشتریان به تفکیک شهر", "Customers by city"),
    "top_services": ("پرطرفدارترین خدمات", "Top services"),
    "satisfaction": ("میانگین رضایت مشتریان", "Average satisfaction"),
    "messages": ("پیامک و ایمیل", "SMS and email"),
    "winback": ("بازگرداندن مشتریان غایب", "Win-back of absent customers"),
    "visits": ("تعداد مراجعه", "Visits"),
    "revenue": ("درآمد", "Revenue"),
    "new": ("تازه", "New"),
    "returning": ("بازگشتی", "Returning"),
    "customers": ("مشتری", "Customers"),
    "rate": ("نرخ ماندگاری", "Retention rate"),
    "retail": ("میانگین خرده‌فروشی {pct}", "Retail average {pct}"),
    "absent": ("غایب", "Absent"),
    "absent_axis": ("تعداد مشتری غایب", "Absent customers"),
    "of_regulars": ("{day}: {n} غایب، {pct} از مشتریان ثابت",
                    "{day}: {n} absent, {pct} of regulars"),
    "running": ("(ماه {month} تا {day})", "({month} up to {day})"),
    "all_customers": ("همه‌ی مشتریان", "All customers"),
    "active": ("با مراجعه در این دوره", "Came in this period"),
    "other_cities": ("سایر شهرها", "Other cities"),
    "no_city": ("بدون شهر", "No city"),
    "no_service": ("بدون خدمت", "No service"),
    "by_visits": ("بر اساس تعداد مراجعه", "By visits"),
    "by_revenue": ("بر اساس درآمد ({unit})", "By revenue ({unit})"),
    "average": ("میانگین رضایت (از ۵)", "Average (out of 5)"),
    "ratings": ("تعداد نظر", "Ratings"),
    "sms": ("پیامک", "SMS"),
    "email": ("ایمیل", "Email"),
    "sent": ("ارسال‌شده", "Sent"),
    "delivered": ("رسیده", "Delivered"),
    "failed": ("ناموفق", "Failed"),
    "cost": ("هزینه ({unit})", "Cost ({unit})"),
    "cost_total": ("هزینه‌ی کل: {amount} {unit}", "Total cost: {amount} {unit}"),
    "contacted": ("تماس در زمان غیبت", "Contacted while absent"),
    "came_back": ("بازگشت در {days} روز", "Came back within {days} days"),
    "waiting": ("در انتظار", "Still waiting"),
    "winback_rate": ("بازگشت: {pct} از {n} مشتری", "Came back: {pct} of {n} customers"),
    "messages_axis": ("تعداد پیام", "Messages"),
    "no_data": ("برای این دوره داده‌ای نیست", "No data for this period"),
    "period": ("{start} تا {end}", "{start} to {end}"),
    "as_of": ("تا {day}", "as of {day}"),
    "rial": ("ریال", "rials"),
    "toman": ("تومان", "tomans"),
    "thousand": ("هزار", "thousand"),
    "million": ("میلیون", "million"),
    "billion": ("میلیارد", "billion"),
}


def word(key: str, lang: str, **values: Any) -> str:
    fa, en = WORDS[key]
    return (fa if lang == "fa" else en).format(**values)


def chart_title(name: str, lang: str = "fa") -> str:
    """The chart's title (also the label of its tab or menu entry)."""
    return word(name, lang)


# -- numbers -------------------------------------------------------------------------------


def number(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """``12,345`` or ``۱۲٬۳۴۵``; one decimal for a fraction (``۴٫۳``) unless told."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if lang == "fa":
        return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))
    return text


def percent(value: float, lang: str) -> str:
    text = number(round(value * 100, 1), lang)
    return f"{text}٪" if lang == "fa" else f"{text}%"


def money_scale(largest: float, unit: str, lang: str) -> tuple[float, str]:
    """Divisor from Rials and the unit's words, so axis numbers stay short."""
    base = 10.0 if unit == "toman" else 1.0
    value = largest / base
    for divisor, key in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if value >= divisor * 10:
            return base * divisor, f"{word(key, lang)} {word(unit, lang)}"
    return base, word(unit, lang)
