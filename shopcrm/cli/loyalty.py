"""``shopcrm points``, ``shopcrm loyalty notify|report|rewards`` and ``shopcrm referrals``.

- ``points --phone P``: balance, points earned in all, tier and perk, reward progress and
  the latest ledger entries (due expiry is written first);
- ``points redeem --phone P --points N [--visit ID]``: spend points (at a visit);
- ``points adjust --phone P --points N --note T``: the owner's correction (+ or -);
- ``loyalty notify [--yes]``: the reward notices (without ``--yes``: who is due, nothing
  sent); safe to run from a scheduler, any number of times, even at once;
- ``loyalty rewards``: who has a reward waiting; ``loyalty report``: members' retention
  against non-members';
- ``referrals [--phone P]``: who brought whom, and the revenue they brought.
"""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.cli.context import Context, add_command, table
from shopcrm.cli.customers import add_customer_ref, resolve_customer
from shopcrm.domain.dates import format_jalali, utc_to_local
from shopcrm.domain.numbers import format_amount, parse_int
from shopcrm.services.loyalty import points as pts
from shopcrm.services.loyalty.rules import LoyaltyRules


def _rules(ctx: Context) -> LoyaltyRules:
    return LoyaltyRules.from_settings(ctx.settings)


def _points_arg(value: Any, *, signed: bool = False) -> int:
    number = parse_int(value)
    if number is None or (number <= 0 and not signed) or number == 0:
        from shopcrm.errors import InvalidInput

        raise InvalidInput("points_not_positive", points=value)
    return number


def _money(ctx: Context, rials: int) -> str:
    return format_amount(rials, unit=ctx.settings.get("ui.currency"), persian_digits=False,
                         with_unit=True)


def describe_points(s: pts.PointsSummary) -> list[str]:
    lines = [f"#{s.customer_id}  {s.name}  {s.mobile or ''}".rstrip()]
    if not s.enabled:
        lines.append("  the loyalty club is off (loyalty.enabled)")
    lines.append(f"  balance: {s.balance} points (earned in all {s.earned})")
    if s.expiring:
        lines.append(f"  due to expire: {s.expiring}")
    if s.rewards_available:
        lines.append(f"  rewards available: {s.rewards_available} x {s.reward_text or '-'} "
                     f"({s.reward_points} points each)")
    else:
        lines.append(f"  next reward ({s.reward_text or '-'}): {s.to_next_reward} points to go")
    if s.tier:
        lines.append(f"  tier: {s.tier.name} ({s.tier.perk or '-'})")
    if s.next_tier:
        lines.append(f"  next tier: {s.next_tier.name} in {s.to_next_tier} points")
    if s.entries:
        lines.append("")
        lines.extend(table([(e.id, format_jalali(utc_to_local(e.at), persian_digits=False,
                                                 with_time=True),
                             f"{e.points:+d}", e.reason, e.visit_id or "", e.note or "")
                            for e in s.entries],
                           ["id", "when", "points", "reason", "visit", "note"]))
    return lines


def cmd_points(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    rules = _rules(ctx)
    pts.apply_expiry(ctx.db, customer.id, rules)
    summary = pts.summary(ctx.db, customer.id, rules, history=args.limit)
    ctx.emit(summary, describe_points(summary))
    return 0


def cmd_redeem(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    points = _points_arg(args.points)
    summary = pts.redeem(ctx.db, customer.id, points, _rules(ctx), visit_id=args.visit,
                         note=args.note)
    ctx.emit(summary, [f"redeemed {points} points for {customer.name}; "
                       f"balance {summary.balance}"])
    return 0


def cmd_adjust(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    points = _points_arg(args.points, signed=True)
    summary = pts.adjust(ctx.db, customer.id, points, args.note, _rules(ctx))
    ctx.emit(summary, [f"{points:+d} points for {customer.name}; balance {summary.balance}"])
    return 0


def cmd_notify(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.loyalty.rewards import send_reward_notices

    result = send_reward_notices(ctx.db, ctx.settings, yes=args.yes)
    if not result.enabled:
        ctx.emit(result, "the loyalty club is off (loyalty.enabled): nothing to send")
        return 0
    lines = table([(d.customer_id, d.name, d.mobile or "", d.balance, d.reward_no,
                    d.sendable or "")
                   for d in result.customers],
                  ["id", "name", "mobile", "balance", "reward", "not sendable"])
    if result.dry_run:
        lines.append(f"{result.due} reached a reward; {result.due - sum(result.skipped.values())}"
                     " would get the notice (add --yes to send)")
    else:
        lines.append(f"claimed {result.claimed}, queued {result.queued}, sent {result.sent}, "
                     f"failed {result.failed}"
                     + (f", expired {result.expired_points} points" if result.expired_points
                        else "")
                     + (f"; paused: {result.paused}" if result.paused else ""))
    ctx.emit(result, lines)
    return 0


def cmd_rewards(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.loyalty.rewards import rewards_reached

    rows = rewards_reached(ctx.db, ctx.settings)
    ctx.emit(rows, table([(d.customer_id, d.name, d.mobile or "", d.balance, d.reward_no,
                           d.notice or "not yet") for d in rows],
                         ["id", "name", "mobile", "balance", "reward", "notice"]))
    return 0


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.loyalty.report import loyalty_report

    report = loyalty_report(ctx.db, ctx.settings, period=args.period)
    lines = [f"members {report.members}, non-members {report.non_members}; points held "
             f"{report.points_balance}, earned in all {report.points_earned}"]
    lines += table([(m.label + (" *" if m.partial else ""), m.customers_at_start, _rate(m.rate),
                     n.customers_at_start, _rate(n.rate)) for m, n in report.periods],
                   ["period", "members at start", "members kept", "others at start",
                    "others kept"])
    ctx.emit(report, lines)
    return 0


def cmd_referrals(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.loyalty.referrals import referrals

    referrer_id = None
    if args.phone is not None or args.customer_id is not None:
        referrer_id = resolve_customer(ctx, args).id
    rows = referrals(ctx.db, referrer_id=referrer_id)
    lines: list[str] = []
    for r in rows:
        lines.append(f"#{r.id} {r.name} {r.mobile or ''}: brought {r.count}, "
                     f"{r.visits} visits, {_money(ctx, r.revenue)}")
        for c in r.referred:
            lines.append(f"    #{c.id} {c.name} {c.mobile or ''}  {c.visits} visits  "
                         f"{_money(ctx, c.revenue)}" + ("  (in trash)" if c.in_trash else ""))
    if not rows:
        lines.append("no referrals yet (customer edit --referred-by PHONE)")
    else:
        lines.append(f"{sum(r.count for r in rows)} customers brought by {len(rows)}; "
                     f"revenue {_money(ctx, sum(r.revenue for r in rows))}")
    ctx.emit(rows, lines)
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    points = add_command(commands, common, "points", cmd_points,
                         "a customer's loyalty points (redeem, adjust)")
    add_customer_ref(points)
    points.add_argument("--limit", type=int, default=20, help="ledger entries shown")
    sub = points.add_subparsers(dest="points_action", metavar="ACTION",
                                parser_class=type(points))
    sub.required = False
    for name, handler, text in (("redeem", cmd_redeem, "spend points"),
                                ("adjust", cmd_adjust, "correct a balance (+ or -)")):
        action = add_command(sub, common, name, handler, text)
        action.add_argument("--phone", default=argparse.SUPPRESS)
        action.add_argument("--id", type=int, dest="customer_id", default=argparse.SUPPRESS)
        action.add_argument("--points", required=True, help="how many (Persian digits fine)")
        action.add_argument("--note", required=name == "adjust")
        if name == "redeem":
            action.add_argument("--visit", type=int, help="the visit it is redeemed at")

    loyalty = commands.add_parser("loyalty", help="the loyalty club: notify, rewards, report")
    lsub = loyalty.add_subparsers(dest="action", metavar="ACTION", parser_class=type(loyalty))
    lsub.required = True
    notify = add_command(lsub, common, "notify", cmd_notify,
                         "send the reward notices (once per customer per reward)")
    notify.add_argument("--yes", "-y", action="store_true",
                        help="send (without it: who is due, nothing sent)")
    add_command(lsub, common, "rewards", cmd_rewards, "customers with a reward waiting")
    report = add_command(lsub, common, "report", cmd_report,
                         "members' retention against non-members'")
    report.add_argument("--period", choices=("month", "quarter", "year"), default="month")

    refs = add_command(commands, common, "referrals", cmd_referrals,
                       "who brought whom, and the revenue they brought")
    add_customer_ref(refs)


