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

from shopcrm.cli.context import Context, add_command
from shopcrm.cli.customers import add_customer_ref, resolve_customer
from shopcrm.domain.dates import utc_to_local
from shopcrm.domain.numbers import parse_int
from shopcrm.services.loyalty import points as pts
from shopcrm.services.loyalty.rules import LoyaltyRules


def _rules(ctx: Context) -> LoyaltyRules:
    return LoyaltyRules.from_settings(ctx.settings)


def _points_arg(value: Any, *, signed: bool = False) -> int:
    from shopcrm.cli.numbers import naming_option

    with naming_option("--points", value):
        number = parse_int(value)
    if number is None or (number <= 0 and not signed) or number == 0:
        from shopcrm.errors import InvalidInput

        raise InvalidInput("points_not_positive", points=value)
    return number


#: Why points moved (the ledger's reason codes), in words.
REASON_WORDS: dict[str, str] = {"earn": "earned at a visit", "redeem": "redeemed",
                                "expire": "expired", "bonus": "bonus",
                                "adjust": "correction"}
#: Why no reward notice can go, and where a customer's notice stands.
NOTICE_WORDS: dict[str, str] = {"no_mobile": "no mobile", "opted_out": "opted out",
                                "claimed": "claimed", "queued": "queued",
                                "skipped": "skipped"}


def describe_points(ctx: Context, s: pts.PointsSummary) -> list[str]:
    lines = [f"#{ctx.digits(s.customer_id)}  {s.name}  {ctx.digits(s.mobile)}".rstrip()]
    if not s.enabled:
        lines.append("  " + ctx.t("the loyalty club is off (loyalty.enabled)"))
    lines.append("  " + ctx.t("balance: {balance:,} points (earned in all {earned:,})",
                              balance=s.balance, earned=s.earned))
    if s.expiring:
        lines.append("  " + ctx.t("due to expire: {n:,}", n=s.expiring))
    if s.rewards_available:
        lines.append("  " + ctx.t("rewards available: {n:,} x {reward} ({points:,} points each)",
                                  n=s.rewards_available, reward=s.reward_text or "-",
                                  points=s.reward_points))
    else:
        lines.append("  " + ctx.t("next reward ({reward}): {n:,} points to go",
                                  reward=s.reward_text or "-", n=s.to_next_reward))
    if s.tier:
        lines.append("  " + ctx.t("tier: {name} ({perk})", name=s.tier.name,
                                  perk=s.tier.perk or "-"))
    if s.next_tier:
        lines.append("  " + ctx.t("next tier: {name} in {n:,} points", name=s.next_tier.name,
                                  n=s.to_next_tier))
    if s.entries:
        lines.append("")
        lines.extend(ctx.table([(ctx.digits(e.id), ctx.day(utc_to_local(e.at), with_time=True),
                                 ctx.num(e.points, "+,"),
                                 ctx.t(REASON_WORDS.get(e.reason, e.reason)),
                                 ctx.digits(e.visit_id or ""), e.note or "")
                                for e in s.entries],
                               ["id", "when", "points", "reason", "visit", "note"]))
    return lines


def cmd_points(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    rules = _rules(ctx)
    pts.apply_expiry(ctx.db, customer.id, rules)
    summary = pts.summary(ctx.db, customer.id, rules, history=args.limit)
    ctx.emit(summary, describe_points(ctx, summary))
    return 0


def cmd_redeem(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    points = _points_arg(args.points)
    summary = pts.redeem(ctx.db, customer.id, points, _rules(ctx), visit_id=args.visit,
                         note=args.note)
    ctx.emit(summary, [ctx.t("redeemed {points:,} points for {name}; balance {balance:,}",
                             points=points, name=customer.name, balance=summary.balance)])
    return 0


def cmd_adjust(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    points = _points_arg(args.points, signed=True)
    summary = pts.adjust(ctx.db, customer.id, points, args.note, _rules(ctx))
    ctx.emit(summary, [ctx.t("{points:+,} points for {name}; balance {balance:,}",
                             points=points, name=customer.name, balance=summary.balance)])
    return 0


def cmd_notify(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.loyalty.rewards import send_reward_notices

    result = send_reward_notices(ctx.db, ctx.settings, yes=args.yes)
    if not result.enabled:
        ctx.emit(result, ctx.t("the loyalty club is off (loyalty.enabled): nothing to send"))
        return 0
    lines: list[str] = []
    if result.customers:
        lines = ctx.table([(ctx.digits(d.customer_id), d.name, ctx.digits(d.mobile),
                            ctx.num(d.balance), ctx.num(d.reward_no),
                            ctx.t(NOTICE_WORDS.get(d.sendable, d.sendable)) if d.sendable
                            else "") for d in result.customers],
                          ["id", "name", "mobile", "balance", "reward", "not sendable"])
    if result.dry_run:
        lines.append(ctx.t("{due:,} reached a reward; {n:,} would get the notice (add --yes "
                           "to send)", due=result.due,
                           n=result.due - sum(result.skipped.values())))
    else:
        line = ctx.t("claimed {claimed:,}, queued {queued:,}, sent {sent:,}, failed {failed:,}",
                     claimed=result.claimed, queued=result.queued, sent=result.sent,
                     failed=result.failed)
        if result.expired_points:
            line += ctx.t(", expired {n:,} points", n=result.expired_points)
        if result.paused:
            line += ctx.t("; paused: {reason}", reason=ctx.t(result.paused))
        lines.append(line)
    ctx.emit(result, lines)
    return 0


def cmd_rewards(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.loyalty.rewards import rewards_reached

    rows = rewards_reached(ctx.db, ctx.settings)
    ctx.emit(rows, ctx.table([(ctx.digits(d.customer_id), d.name, ctx.digits(d.mobile),
                               ctx.num(d.balance), ctx.num(d.reward_no),
                               ctx.t(NOTICE_WORDS.get(d.notice, d.notice)) if d.notice
                               else ctx.t("not yet")) for d in rows],
                             ["id", "name", "mobile", "balance", "reward", "notice"])
             if rows else [ctx.t("nobody has a reward waiting")])
    return 0


def _rate(ctx: Context, value: float | None) -> str:
    return "-" if value is None else ctx.num(value * 100, ".0f") + ctx.t("%")


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.cli.absence import _period_label
    from shopcrm.services.loyalty.report import loyalty_report

    report = loyalty_report(ctx.db, ctx.settings, period=args.period)
    lines = [ctx.t("members {members:,}, non-members {others:,}; points held {held:,}, "
                   "earned in all {earned:,}", members=report.members,
                   others=report.non_members, held=report.points_balance,
                   earned=report.points_earned)]
    lines += ctx.table([(_period_label(ctx, m) + (" *" if m.partial else ""),
                         ctx.num(m.customers_at_start), _rate(ctx, m.rate),
                         ctx.num(n.customers_at_start), _rate(ctx, n.rate))
                        for m, n in report.periods],
                       [args.period, "members at start", "members kept", "others at start",
                        "others kept"])
    if any(m.partial for m, _ in report.periods):
        lines.append(ctx.t("* = the period is still running"))
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
        lines.append(ctx.t("#{id} {name} {mobile}: brought {count:,}, {visits:,} visits, "
                           "{revenue}", id=ctx.digits(r.id), name=r.name,
                           mobile=ctx.digits(r.mobile), count=r.count, visits=r.visits,
                           revenue=ctx.money(r.revenue)))
        for c in r.referred:
            lines.append("    " + ctx.t("#{id} {name} {mobile}  {visits:,} visits  {revenue}",
                                        id=ctx.digits(c.id), name=c.name,
                                        mobile=ctx.digits(c.mobile), visits=c.visits,
                                        revenue=ctx.money(c.revenue))
                         + ("  (" + ctx.t("in trash") + ")" if c.in_trash else ""))
    if not rows:
        lines.append(ctx.t("no referrals yet (customer edit --referred-by PHONE)"))
    else:
        lines.append(ctx.t("{n:,} customers brought by {by:,}; revenue {revenue}",
                           n=sum(r.count for r in rows), by=len(rows),
                           revenue=ctx.money(sum(r.revenue for r in rows))))
    ctx.emit(rows, lines)
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    points = add_command(commands, common, "points", cmd_points,
                         "a customer's loyalty points (redeem, adjust)")
    add_customer_ref(points)
    points.add_argument("--limit", type=int, default=20,
                        help="ledger entries shown (default 20; 0 = all)")
    sub = points.add_subparsers(dest="points_action", metavar="ACTION",
                                parser_class=type(points))
    sub.required = False
    for name, handler, text in (("redeem", cmd_redeem, "spend points"),
                                ("adjust", cmd_adjust, "correct a balance (+ or -)")):
        action = add_command(sub, common, name, handler, text)
        action.add_argument("--phone", default=argparse.SUPPRESS,
                            help="the customer's mobile (any spelling)")
        action.add_argument("--id", type=int, dest="customer_id", default=argparse.SUPPRESS,
                            help="the customer's id")
        action.add_argument("--points", required=True, help="how many (Persian digits fine)")
        action.add_argument("--note", required=name == "adjust",
                            help="why" + (" (required)" if name == "adjust" else ""))
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
    report.add_argument("--period", choices=("month", "quarter", "year"), default="month",
                        help="one row per Jalali month, quarter or year (default month)")

    refs = add_command(commands, common, "referrals", cmd_referrals,
                       "who brought whom, and the revenue they brought")
    add_customer_ref(refs)


