"""``shopcrm absent|overdue|followup|segments|retention|birthdays``: who is slipping away.

Dates are read Jalali or ISO (``--as-of 1403/09/01`` or ``2024-11-21``); JSON prints ISO
Gregorian. Thresholds come from the settings (``absence.*``) and the options here
override them for one run.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from shopcrm import i18n
from shopcrm.cli.context import Context, add_command
from shopcrm.cli.customers import add_customer_ref, resolve_customer
from shopcrm.domain.dates import local_today, parse_date
from shopcrm.domain.rfm import label as rfm_label


def _date(value: str | None) -> date | None:
    return parse_date(value) if value else None


# -- absent and overdue --------------------------------------------------------------------


def _follow_up(ctx: Context, args: argparse.Namespace, kind: str) -> int:
    from shopcrm.services.absence.lists import AbsenceService

    service = AbsenceService(ctx.db, ctx.settings)
    if kind == "absent":
        rules = service.rules(absent_days=args.days, min_visits=args.min_visits)
    else:
        rules = service.rules(overdue_min_days=args.days, min_visit_days=args.min_visits,
                              overdue_factor=args.factor)
    options = {"include_contacted": args.include_contacted, "offset": args.offset,
               "limit": args.limit}
    page = (service.absent if kind == "absent" else service.overdue)(
        as_of=_date(args.as_of) or local_today(), rules=rules, **options)
    if kind == "absent":
        head = ctx.t("absent regulars on {day} (>= {visits} visits, last visit >= {days} days "
                     "ago)", day=page.as_of, visits=rules.min_visits, days=rules.absent_days)
    else:
        head = ctx.t("overdue on {day} (> {factor:g} x usual gap and >= {days} days, "
                     ">= {visit_days} visit days)", day=page.as_of,
                     factor=rules.overdue_factor, days=rules.overdue_min_days,
                     visit_days=rules.min_visit_days)
    shown = (ctx.t("{first}-{last}", first=page.offset + 1,
                   last=page.offset + len(page.rows)) if page.rows else ctx.t("none"))
    total = ctx.num(page.total) if page.total is not None else "?"
    lines = [ctx.t("{head}: {total}; showing {shown}", head=head, total=total, shown=shown)]
    lines += ctx.table([(ctx.digits(r.id), r.name, ctx.digits(r.mobile or ""),
                         ctx.num(r.visits), ctx.day(r.last_visit_date), ctx.num(r.days_since),
                         "" if r.usual_gap_days is None else ctx.num(r.usual_gap_days, "g"),
                         ctx.money(r.total_spent, with_unit=False), ctx.num(r.priority, ".1f"),
                         r.reason(ctx.lang)) for r in page.rows],
                       ["id", "name", "mobile", "visits", "last visit", "days", "gap",
                        ctx.money_header("spent ({unit})"), "priority", "why"])
    ctx.emit(page, lines)
    return 0


def cmd_absent(ctx: Context, args: argparse.Namespace) -> int:
    return _follow_up(ctx, args, "absent")


def cmd_overdue(ctx: Context, args: argparse.Namespace) -> int:
    return _follow_up(ctx, args, "overdue")


def _list_options(parser: argparse.ArgumentParser, kind: str) -> None:
    parser.add_argument("--as-of", help="reference date, Jalali or ISO (default: today); "
                        "visits after it are ignored")
    if kind == "absent":
        parser.add_argument("--days", type=int, help="absent after this many days "
                            "(default: setting absence.absent_days, 90)")
        parser.add_argument("--min-visits", type=int, help="visits that make a regular "
                            "(default: setting absence.min_visits, 3)")
    else:
        parser.add_argument("--days", type=int, help="at least this many days since the last "
                            "visit (default: setting absence.overdue_min_days, 21)")
        parser.add_argument("--min-visits", type=int, help="distinct visit days needed "
                            "(default 3)")
        parser.add_argument("--factor", type=float, help="overdue beyond this many usual "
                            "gaps (default: setting absence.overdue_factor, 2)")
    parser.add_argument("--include-contacted", action="store_true",
                        help="also list customers contacted in the last "
                             "absence.contacted_days days")
    parser.add_argument("--limit", type=int, default=50,
                        help="customers shown (default 50; 0 = all)")
    parser.add_argument("--offset", type=int, default=0,
                        help="skip this many first (default 0)")


# -- follow-up -----------------------------------------------------------------------------


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.absence.followup import FollowUpService

    customer = resolve_customer(ctx, args)
    done = FollowUpService(ctx.db).log(customer.id, args.kind, args.note, outcome=args.outcome)
    ctx.emit({"customer_id": customer.id, "interaction_id": done.interaction_id,
              "kind": done.kind, "at": done.at, "last_contact_at": done.last_contact_at},
             ctx.t("logged a {kind} with #{id} {name}", kind=ctx.t(done.kind),
                   id=ctx.digits(customer.id), name=customer.name))
    return 0


def cmd_snooze(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.absence.followup import FollowUpService

    customer = resolve_customer(ctx, args)
    done = FollowUpService(ctx.db).snooze(customer.id, args.days, note=args.note)
    until = done.snoozed_until
    ctx.emit({"customer_id": customer.id, "interaction_id": done.interaction_id,
              "snoozed_until": until},
             ctx.t("#{id} {name} is hidden from the follow-up lists until {day}",
                   id=ctx.digits(customer.id), name=customer.name, day=until)
             + (f" ({until})" if ctx.lang != "fa" else ""))
    return 0


def cmd_unsnooze(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.absence.followup import FollowUpService

    customer = resolve_customer(ctx, args)
    done = FollowUpService(ctx.db).unsnooze(customer.id)
    ctx.emit({"customer_id": customer.id, "interaction_id": done.interaction_id,
              "snoozed_until": None},
             ctx.t("#{id} {name} is back on the lists", id=ctx.digits(customer.id),
                   name=customer.name))
    return 0


# -- segments, retention, birthdays --------------------------------------------------------


def cmd_segments(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.absence.segments import RfmService, segment_counts
    from shopcrm.services.customers.service import CustomerService

    as_of = _date(args.as_of) or local_today()
    with ctx.db.reading() as s:
        counts = segment_counts(s, ctx.settings, as_of)
    summary = RfmService(ctx.db, ctx.settings).summary(as_of)
    tags = CustomerService(ctx.db).all_tags()
    data = {"as_of": as_of, "segments": [c.__dict__ for c in counts],
            "rfm": summary.as_dict(), "tags": [{"name": n, "count": c} for n, c in tags]}
    fa = ctx.lang == "fa"
    lines = ctx.table([(c.label_fa if fa else c.label_en, ctx.num(c.count),
                        f"--segment {c.name}") for c in counts],
                      ["segment", "customers", "to choose it"])
    lines += ["", ctx.t("RFM over {months} months from {day} ({scored:,} customers scored)",
                        months=summary.window_months, day=summary.window_start,
                        scored=summary.scored)]
    lines += ctx.table([(rfm_label(name, ctx.lang), ctx.num(summary.counts[name]),
                         f"--segment rfm:{name}") for name in summary.counts],
                       ["segment", "customers", "to choose it"])
    if tags:
        lines += ["", *ctx.table([(n, ctx.num(c), f"--segment tag:{n}") for n, c in tags],
                                 ["tag", "customers", "to choose it"])]
    ctx.emit(data, lines)
    return 0


def cmd_retention(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.absence.retention import RETAIL_AVERAGE, RetentionService

    rows = RetentionService(ctx.db, ctx.settings).report(args.period, _date(args.date_from),
                                                         _date(args.date_to))
    lines = ctx.table([(_period_label(ctx, r) + (" *" if r.partial else ""),
                        ctx.num(r.customers_at_start), ctx.num(r.new), ctx.num(r.returned),
                        ctx.num(r.kept), ctx.num(r.came_back), ctx.num(r.customers_at_end),
                        "-" if r.rate is None else ctx.num(r.rate * 100, ".0f") + ctx.t("%"))
                       for r in rows],
                      [args.period, "at start", "new", "returned", "kept", "back after absence",
                       "at end", "retention"])
    lines.append(ctx.t("retail average {pct:.0f}%; * = the period is still running",
                       pct=RETAIL_AVERAGE * 100))
    ctx.emit({"period": args.period, "retail_average": RETAIL_AVERAGE,
              "rows": [r.as_dict() for r in rows]}, lines)
    return 0


def _period_label(ctx: Context, row: Any) -> str:
    """A retention period: ``دی ۱۴۰۴``, ``فصل ۲ ۱۴۰۳``, ``۱۴۰۳`` (English: the row's label)."""
    if ctx.lang != "fa":
        return str(row.label)
    from shopcrm.domain.dates import to_jalali

    jy, jm, _ = to_jalali(row.start)
    if row.period == "month":
        return i18n.month(jy, jm, ctx.lang)
    if row.period == "quarter":
        return ctx.t("quarter {n} of {year}", n=(jm - 1) // 3 + 1, year=ctx.digits(jy))
    return ctx.digits(jy)


def birthday_rows(ctx: Context, args: argparse.Namespace) -> list[Any]:
    """The customers ``shopcrm birthdays`` lists (kept apart so ``--send`` can reuse it)."""
    from shopcrm.services.absence.birthdays import BirthdayService

    return BirthdayService(ctx.db).upcoming(args.days, _date(args.as_of))


def cmd_birthdays(ctx: Context, args: argparse.Namespace) -> int:
    rows = birthday_rows(ctx, args)
    lines = ctx.table([(ctx.digits(b.id), b.name, ctx.digits(b.mobile or ""),
                        ctx.digits(b.birthday_jalali), ctx.day(b.greeting_date),
                        ctx.num(b.days_until), ctx.num(b.turning)) for b in rows],
                      ["id", "name", "mobile", "born", "greet on", "in days", "turning"])
    if not rows:
        lines = [ctx.t("no birthdays in the next {days} days", days=args.days)]
    ctx.emit({"days": args.days, "rows": [b.as_dict() for b in rows]}, lines)
    return 0


def add_birthdays_command(commands: argparse._SubParsersAction,
                          common: Any) -> argparse.ArgumentParser:
    """Register ``shopcrm birthdays``; returns its parser so more options can join it."""
    from shopcrm.services.absence.birthdays import DEFAULT_DAYS

    parser = add_command(commands, common, "birthdays", cmd_birthdays,
                         "customers whose Jalali birthday is within the next days")
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS,
                        help=f"within this many days (0 = today; default {DEFAULT_DAYS})")
    parser.add_argument("--as-of", help="count from this date (default: today)")
    return parser


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    absent = add_command(commands, common, "absent", cmd_absent,
                         "regulars who have not come for a long time, most valuable first")
    _list_options(absent, "absent")
    overdue = add_command(commands, common, "overdue", cmd_overdue,
                          "customers late by their own rhythm, most valuable first")
    _list_options(overdue, "overdue")

    followup = commands.add_parser("followup", help="log a call or message; snooze a "
                                   "customer on the follow-up lists")
    sub = followup.add_subparsers(dest="action", metavar="ACTION", parser_class=type(followup))
    sub.required = True
    log = add_command(sub, common, "log", cmd_log, "record a call, SMS, email or visit talk")
    add_customer_ref(log)
    log.add_argument("--kind", choices=("call", "sms", "email", "in_person"), default="call",
                     help="how you reached them (default call)")
    log.add_argument("--note", help="what was said")
    log.add_argument("--outcome", choices=("no_answer", "will_come", "booked",
                                           "not_interested", "wrong_number"),
                     help="what came of a call")
    snooze = add_command(sub, common, "snooze", cmd_snooze,
                         "hide a customer from the follow-up lists for some days")
    add_customer_ref(snooze)
    snooze.add_argument("--days", type=int, required=True, help="hide for this many days")
    snooze.add_argument("--note", help="why (for yourself)")
    unsnooze = add_command(sub, common, "unsnooze", cmd_unsnooze, "end a snooze now")
    add_customer_ref(unsnooze)

    segments = add_command(commands, common, "segments", cmd_segments,
                           "how many customers each segment holds, with RFM")
    segments.add_argument("--as-of", help="reference date (default: today)")

    retention = add_command(commands, common, "retention", cmd_retention,
                            "customer retention per Jalali month, quarter or year")
    retention.add_argument("--period", choices=("month", "quarter", "year"), default="month",
                           help="one row per Jalali month, quarter or year (default month)")
    retention.add_argument("--from", dest="date_from", help="first day (default: a span "
                           "of 12 months, 8 quarters or 3 years)")
    retention.add_argument("--to", dest="date_to", help="last day (default: today)")

    add_birthdays_command(commands, common)

