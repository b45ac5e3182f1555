"""The sentences ``send``, ``resume``, ``campaigns`` and ``credit`` print about what
happened: exclusions with their dates, repeats, the cost in money, test mode, a campaign
finished with failures, emails whose fate is unknown. Persian or English (``ctx.lang``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shopcrm.domain.dates import format_jalali
from shopcrm.domain.text import to_persian_digits
from shopcrm.services.messaging.cost import money_text

#: Exclusion reasons in words (fa, en).
REASONS: dict[str, tuple[str, str]] = {
    "opted_out": ("انصراف داده", "opted out"),
    "no_mobile": ("بی‌شماره", "no mobile"),
    "invalid_mobile": ("شماره نامعتبر", "invalid mobile"),
    "no_email": ("بی‌ایمیل", "no email"),
    "duplicate_mobile": ("شماره تکراری", "duplicate mobile"),
    "duplicate_email": ("ایمیل تکراری", "duplicate email"),
    "already_in_campaign": ("از قبل در این کارزار", "already in this campaign"),
    "not_in_book": ("در دفتر نیست", "not in the book"),
    "in_trash": ("در سطل زباله", "in the trash"),
    "not_found": ("پیدا نشد", "not found"),
    "snoozed": ("به تعویق انداخته", "snoozed"),
    "contacted": ("به‌تازگی تماس گرفته", "contacted recently"),
    "open_complaint": ("شکایت باز دارد", "has an open complaint"),
    "already_sent": ("همین پیام را گرفته", "already got this message"),
    "waiting_in_campaign": ("در کارزار ناتمام منتظر", "waiting in an unfinished campaign"),
}


def say(lang: str, fa: str, en: str, **values: Any) -> str:
    """``fa`` or ``en`` filled with ``values`` (numbers in Persian digits in Persian)."""
    if lang == "fa":
        shown = {k: to_persian_digits(f"{v:,}".replace(",", "٬")) if isinstance(v, int)
                 and not isinstance(v, bool) else v for k, v in values.items()}
        return fa.format(**shown)
    shown = {k: f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else v
             for k, v in values.items()}
    return en.format(**shown)


def day(lang: str, value: date | None) -> str:
    if value is None:
        return ""
    return format_jalali(value, persian_digits=lang == "fa") if lang == "fa" else \
        value.isoformat()


def reason(lang: str, key: str) -> str:
    fa, en = REASONS.get(key, (key, key.replace("_", " ")))
    return fa if lang == "fa" else en


def exclusion_lines(plan: Any, lang: str) -> list[str]:
    lines = []
    if plan.audience_total is not None and (plan.excluded.get("snoozed") or
                                            plan.excluded.get("contacted")):
        lines.append(say(lang, "مخاطبان: {n} نفر (مثل گزارش‌ها)؛ به‌تعویق‌افتاده‌ها و تماس‌گرفته‌های"
                               " اخیر کنار می‌روند، مثل فهرست بازگرداندن",
                         "audience: {n} customers (as in Reports); the snoozed and the recently"
                         " contacted are left out, as on the Win-back list",
                         n=plan.audience_total))
    for key, n in sorted(plan.excluded.items()):
        line = say(lang, "  کنار گذاشته، {why}: {n}", "  excluded, {why}: {n}",
                   why=reason(lang, key), n=n)
        if key == "already_sent" and plan.repeat_last is not None:
            line += say(lang, " (آخرین بار {d}، در {days} روز گذشته)",
                        " (last on {d}, within {days} days)",
                        d=day(lang, plan.repeat_last), days=plan.repeat_days)
        lines.append(line)
    if plan.repeats:
        lines.append(say(lang, "با --again: {n} نفر این پیام را برای بار دوم می‌گیرند",
                         "with --again: {n} will get this message a second time",
                         n=plan.repeats))
    return lines


def cost_line(plan: Any, settings: Any, lang: str) -> str | None:
    if not plan.by_channel.get("sms"):
        return None
    if plan.test_file:
        return say(lang, "هزینه: صفر (حالت آزمایشی)", "cost: nothing (test mode)")
    source = (say(lang, "از ارسال‌های قبلی", "learned from earlier sends")
              if plan.price_source == "gateway"
              else say(lang, "از تنظیمات", "from the settings"))
    return say(lang, "هزینه تخمینی: {money} ({parts} بخش × {price} هر بخش، {src})",
               "estimated cost: {money} ({parts} parts x {price} a part, {src})",
               money=money_text(plan.cost_estimate, settings, lang), parts=plan.parts,
               price=money_text(plan.price_per_part, settings, lang), src=source)


def test_mode_line(path: str | None, lang: str) -> str | None:
    if not path:
        return None
    return say(lang, "حالت آزمایشی: هیچ پیامی از این رایانه بیرون نرفت؛ پیام‌ها در {p} نوشته"
                     " شدند", "test mode: nothing left this machine; the messages were"
                     " written to {p}", p=path)


def finished_words(status: str, failed: int, lang: str) -> str:
    """A campaign's status in words: "finished with N failed" for ``incomplete``."""
    if status == "incomplete":
        return say(lang, "پایان با {n} ناموفق", "finished with {n} failed", n=failed)
    words = {"done": ("تمام شد", "done"), "sending": ("در حال ارسال", "sending"),
             "paused": ("متوقف", "paused"), "cancelled": ("لغو شد", "cancelled"),
             "draft": ("پیش‌نویس", "draft")}
    fa, en = words.get(status, (status, status))
    return fa if lang == "fa" else en


def unknown_risk(n: int, lang: str) -> str:
    return say(lang, "{n} ایمیل سرنوشت نامعلوم دارند: ارتباط با سرور ایمیل وسط تحویل قطع شد."
                     " ارسال دوباره ممکن است به بعضی دو ایمیل برساند؛ کنار گذاشتن ممکن است"
                     " بعضی را بی‌پیام بگذارد.",
               "{n} emails have an unknown outcome: the connection to the mail server was cut"
               " while they were handed over. Resending may give some of them the email twice;"
               " dropping may leave some without it.", n=n)
