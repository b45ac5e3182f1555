"""``shopcrm today`` (the Today page in the terminal) and ``shopcrm winback`` (who came back
after being contacted, and what they spent).

Text is in ``--lang`` (default: env ``SHOPCRM_LANG``, else the ``ui.language`` setting,
Persian); JSON keys of ``today --json``: ``call``, ``birthdays``, ``came_back``,
``complaints``, ``replies``, ``rewards``, ``messages``, ``backup``.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from shopcrm.cli.context import Context, add_command
from shopcrm.domain.dates import local_today, parse_date, utc_to_local
from shopcrm.errors import InvalidInput


def _date(value: str | None) -> date | None:
    return parse_date(value) if value else None


def _day(ctx: Context, value: Any) -> str:
    """A Jalali day (a stored UTC time is first taken to the local day)."""
    if hasattr(value, "hour"):
        value = utc_to_local(value).date()
    return ctx.day(value)


def _rate(ctx: Context, rate: float | None) -> str:
    return "—" if rate is None else ctx.num(round(rate * 100), "d") + ctx.t("%")


def _winback_line(ctx: Context, start: date, end: date, summary: Any) -> str:
    return ctx.t("Came back after contact ({start} to {end}): contacted {contacted:,}, came "
                 "back {back:,} ({rate}), revenue won back {revenue}", start=start, end=end,
                 contacted=summary.contacted, back=summary.came_back,
                 rate=_rate(ctx, summary.rate), revenue=ctx.money(summary.revenue))


def _indented(lines: list[str]) -> list[str]:
    return ["  " + line for line in lines]


def cmd_today(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.today import build_today, feeds

    day = _date(args.as_of) or local_today()
    today = build_today(ctx.db, ctx.settings, day, call_limit=args.limit)
    if ctx.as_json:
        ctx.emit(today.as_dict())
        return 0
    fa = ctx.lang == "fa"
    lines = [ctx.t("Today, {date}", date=day), ""]
    call = today.call
    lines.append(ctx.t("Call today: {count:,} (absent {absent:,}, overdue {overdue:,})",
                       count=len(call.rows), absent=call.absent, overdue=call.overdue))
    if call.rows:
        lines += _indented(ctx.table(
            [(ctx.digits(r.id), r.name, ctx.digits(r.mobile),
              r.priority_fa if fa else r.priority_en, r.reason_fa if fa else r.reason_en)
             for r in call.rows], ["id", "name", "mobile", "priority", "why"]))
    lines += ["", ctx.t("Birthdays: {today:,} today, {count:,} in the next {days:,} days",
                        today=today.birthdays_today, count=len(today.birthdays), days=7)]
    if today.birthdays:
        lines += _indented(ctx.table(
            [(ctx.digits(b.id), b.name, ctx.digits(b.mobile), _day(ctx, b.greeting_date),
              ctx.num(b.turning)) for b in today.birthdays],
            ["id", "name", "mobile", "greet on", "turning"]))
    lines += ["", ctx.t("Came back this week: {count:,}, spent {spent}",
                        count=len(today.came_back),
                        spent=ctx.money(sum(r.spent_since for r in today.came_back)))]
    if today.came_back:
        lines += _indented(ctx.table(
            [(ctx.digits(r.customer_id), r.name, _day(ctx, r.returned_at),
              ctx.money(r.spent_since)) for r in today.came_back],
            ["id", "name", "returned", "spent"]))
    w = today.winback
    lines.append(_winback_line(ctx, w.start, w.end, w))
    lines += ["", ctx.t("Open complaints: {count:,}", count=len(today.complaints))]
    lines += [f"  #{ctx.digits(c.customer_id)} {c.name}: {c.summary or ''}"
              for c in today.complaints]
    for rows, wired, source in ((today.replies, feeds.REPLIES_WIRED, "Unread replies: {count:,}"),
                                (today.rewards, feeds.REWARDS_WIRED,
                                 "Rewards reached: {count:,}")):
        line = ctx.t(source, count=len(rows))
        if not wired:
            line += " " + ctx.t("(not wired yet)")
        lines.append(line)
    lines.append(ctx.t("Failed or unknown messages: {count:,}", count=today.failed_messages))
    lines += [f"  #{ctx.digits(m.campaign_id)} {m.name}: {ctx.num(m.failed)}"
              for m in today.messages]
    if today.backup_kind == "server":
        lines.append(ctx.t("PostgreSQL backups are the server's"))
    elif today.backup is None:
        lines.append(ctx.t("No backup yet"))
    else:
        lines.append(ctx.t("Last backup: {date} ({age:,} days ago)",
                           date=today.backup.taken_at.date(), age=today.backup.age_days))
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
    lines = [_winback_line(ctx, start, end, summary)]
    if summary.rows:
        lines += ["", *ctx.table([(ctx.digits(r.customer_id), r.name, ctx.digits(r.mobile),
                                   _day(ctx, r.contacted_at), ctx.t(r.contact_kind),
                                   _day(ctx, r.returned_at), ctx.num(r.visits_since),
                                   ctx.money(r.spent_since)) for r in summary.rows],
                                 ["id", "name", "mobile", "contacted", "by", "returned",
                                  "visits", "spent"])]
    ctx.emit(summary, lines)
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    today = add_command(commands, common, "today", cmd_today,
                        "the owner's day: whom to call, birthdays, who came back, what "
                        "went wrong, the last backup")
    today.add_argument("--as-of", help="the day, Jalali or ISO (default: today)")
    today.add_argument("--limit", type=int, default=10,
                       help="people on the call list (default 10; 0 = all)")
    winback = add_command(commands, common, "winback", cmd_winback,
                          "customers contacted while absent who came back, what they spent, "
                          "and the totals of the period")
    winback.add_argument("--from", dest="date_from",
                         help="first day of contacts (default: 365 days before --to)")
    winback.add_argument("--to", dest="date_to", help="last day (default: today)")
