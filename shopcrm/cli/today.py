"""``shopcrm today`` (the Today page in the terminal) and ``shopcrm winback`` (who came back
after being contacted, and what they spent).

Text is in ``--lang`` (default: env ``SHOPCRM_LANG``, else the ``ui.language`` setting,
Persian); JSON keys of ``today --json``: ``call``, ``birthdays``, ``came_back``,
``complaints``, ``replies``, ``rewards``, ``messages``, ``backup``.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from typing import Any

from shopcrm.cli.context import Context, add_command, table
from shopcrm.domain.dates import format_jalali, local_today, parse_date, utc_to_local
from shopcrm.domain.numbers import format_amount
from shopcrm.domain.text import to_persian_digits
from shopcrm.errors import InvalidInput

WORDS: dict[str, tuple[str, str]] = {
    "today": ("امروز {date}", "Today, {date}"),
    "call": ("تماس امروز: {count} نفر (غایب {absent}، عقب‌افتاده {overdue})",
             "Call today: {count} (absent {absent}, overdue {overdue})"),
    "birthdays": ("تولدها: امروز {today}، تا {days} روز آینده {count}",
                  "Birthdays: {today} today, {count} in the next {days} days"),
    "came_back": ("برگشتند این هفته: {count} نفر، خرید {spent}",
                  "Came back this week: {count}, spent {spent}"),
    "winback": ("بازگشت پس از تماس ({start} تا {end}): تماس {contacted}، برگشتند {back} "
                "({rate})، درآمد برگشته {revenue}",
                "Came back after contact ({start} to {end}): contacted {contacted}, came back "
                "{back} ({rate}), revenue won back {revenue}"),
    "complaints": ("شکایت‌های باز: {count}", "Open complaints: {count}"),
    "replies": ("پاسخ‌های خوانده‌نشده: {count}", "Unread replies: {count}"),
    "rewards": ("جایزه‌های رسیده: {count}", "Rewards reached: {count}"),
    "not_wired": ("(هنوز وصل نشده)", "(not wired yet)"),
    "messages": ("پیامک‌های ناموفق یا نامعلوم: {count}", "Failed or unknown messages: {count}"),
    "backup": ("آخرین پشتیبان: {date} ({age} روز پیش)", "Last backup: {date} ({age} days ago)"),
    "no_backup": ("هنوز پشتیبانی گرفته نشده", "No backup yet"),
    "server_backup": ("پشتیبان PostgreSQL با سرور است", "PostgreSQL backups are the server's"),
}


def cli_lang(ctx: Context, args: argparse.Namespace) -> str:
    """``--lang``, else env SHOPCRM_LANG, else the ``ui.language`` setting (Persian)."""
    lang = getattr(args, "lang", None) or os.environ.get("SHOPCRM_LANG") \
        or ctx.settings.get("ui.language")
    return "fa" if lang not in ("fa", "en") else lang


def word(key: str, lang: str, **values: Any) -> str:
    fa, en = WORDS[key]
    return (fa if lang == "fa" else en).format(**values)


def num(value: int | float, lang: str) -> str:
    text = f"{value:,}"
    return to_persian_digits(text.replace(",", "٬")) if lang == "fa" else text


def day_text(value: Any, lang: str) -> str:
    if hasattr(value, "hour"):
        value = utc_to_local(value).date()
    return format_jalali(value, persian_digits=lang == "fa")


def money(rials: int, ctx: Context, lang: str) -> str:
    return format_amount(rials, unit=ctx.settings.get("ui.currency"),
                         persian_digits=lang == "fa", with_unit=True)


def rate_text(rate: float | None, lang: str) -> str:
    if rate is None:
        return "—"
    whole = round(rate * 100)
    return f"{to_persian_digits(str(whole))}٪" if lang == "fa" else f"{whole}%"


def _date(value: str | None) -> date | None:
    return parse_date(value) if value else None


def cmd_today(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.today import build_today

    day = _date(args.as_of) or local_today()
    today = build_today(ctx.db, ctx.settings, day, call_limit=args.limit)
    if ctx.as_json:
        ctx.emit(today.as_dict())
        return 0
    lang = cli_lang(ctx, args)
    fa = lang == "fa"
    lines = [word("today", lang, date=day_text(day, lang)), ""]
    call = today.call
    lines.append(word("call", lang, count=num(len(call.rows), lang),
                      absent=num(call.absent, lang), overdue=num(call.overdue, lang)))
    lines += ["  " + line for line in table(
        [(r.id, r.name, r.mobile or "", r.priority_fa if fa else r.priority_en,
          r.reason_fa if fa else r.reason_en) for r in call.rows],
        ["#", "name", "mobile", "priority", "why"])] if call.rows else []
    lines += ["", word("birthdays", lang, today=num(today.birthdays_today, lang),
                       count=num(len(today.birthdays), lang), days=num(7, lang))]
    lines += ["  " + line for line in table(
        [(b.id, b.name, b.mobile or "", day_text(b.greeting_date, lang), b.turning)
         for b in today.birthdays], ["#", "name", "mobile", "date", "turning"])] \
        if today.birthdays else []
    lines += ["", word("came_back", lang, count=num(len(today.came_back), lang),
                       spent=money(sum(r.spent_since for r in today.came_back), ctx, lang))]
    lines += ["  " + line for line in table(
        [(r.customer_id, r.name, day_text(r.returned_at, lang), money(r.spent_since, ctx, lang))
         for r in today.came_back], ["#", "name", "returned", "spent"])] \
        if today.came_back else []
    w = today.winback
    lines.append(word("winback", lang, start=day_text(w.start, lang), end=day_text(w.end, lang),
                      contacted=num(w.contacted, lang), back=num(w.came_back, lang),
                      rate=rate_text(w.rate, lang), revenue=money(w.revenue, ctx, lang)))
    lines += ["", word("complaints", lang, count=num(len(today.complaints), lang))]
    lines += [f"  #{c.customer_id} {c.name}: {c.summary or ''}" for c in today.complaints]
    for key, rows, wired in (("replies", today.replies, "replies"),
                             ("rewards", today.rewards, "rewards")):
        from shopcrm.services.today import feeds

        line = word(key, lang, count=num(len(rows), lang))
        if not getattr(feeds, f"{wired.upper()}_WIRED"):
            line += " " + word("not_wired", lang)
        lines.append(line)
    lines.append(word("messages", lang, count=num(today.failed_messages, lang)))
    lines += [f"  #{m.campaign_id} {m.name}: {num(m.failed, lang)}" for m in today.messages]
    if today.backup_kind == "server":
        lines.append(word("server_backup", lang))
    elif today.backup is None:
        lines.append(word("no_backup", lang))
    else:
        lines.append(word("backup", lang, date=day_text(today.backup.taken_at.date(), lang),
                          age=num(today.backup.age_days, lang)))
    ctx.emit(today.as_dict(), lines)
    return 0


def cmd_winback(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.absence.lists import AbsenceService
    from shopcrm.services.absence.winback_totals import default_period, winback_summary

    end = _date(args.date_to) or local_today()
    start = _date(args.date_from) or default_period(end)[0]
    if start > end:
        raise InvalidInput("bad_field", field="--from/--to", detail=f"{start} > {end}")
    rules = AbsenceService(ctx.db, ctx.settings).rules()
    summary = winback_summary(ctx.db, rules, start, end)
    lang = cli_lang(ctx, args)
    lines = [word("winback", lang, start=day_text(start, lang), end=day_text(end, lang),
                  contacted=num(summary.contacted, lang), back=num(summary.came_back, lang),
                  rate=rate_text(summary.rate, lang), revenue=money(summary.revenue, ctx, lang))]
    if summary.rows:
        lines += ["", *table([(r.customer_id, r.name, r.mobile or "",
                               day_text(r.contacted_at, lang), r.contact_kind,
                               day_text(r.returned_at, lang), num(r.visits_since, lang),
                               money(r.spent_since, ctx, lang)) for r in summary.rows],
                             ["#", "name", "mobile", "contacted", "by", "returned", "visits",
                              "spent"])]
    ctx.emit(summary, lines)
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    today = add_command(commands, common, "today", cmd_today,
                        "the owner's day: whom to call, birthdays, who came back, what "
                        "went wrong, the last backup")
    today.add_argument("--as-of", help="the day, Jalali or ISO (default: today)")
    today.add_argument("--limit", type=int, default=10, help="people on the call list")
    winback = add_command(commands, common, "winback", cmd_winback,
                          "customers contacted while absent who came back, what they spent, "
                          "and the totals of the period")
    winback.add_argument("--from", dest="date_from",
                         help="first day of contacts (default: 365 days before --to)")
    winback.add_argument("--to", dest="date_to", help="last day (default: today)")
