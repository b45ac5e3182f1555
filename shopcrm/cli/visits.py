"""``shopcrm visit add|edit|delete`` and ``shopcrm visits``."""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.cli.customers import add_customer_ref, resolve_customer
from shopcrm.domain.dates import utc_to_local
from shopcrm.services.customers.visits import VisitInput, VisitService, VisitView


def _fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", dest="at", help="Jalali or ISO date, optional time HH:MM "
                        "(default: now)")
    parser.add_argument("--amount", help="amount in the owner's currency (ui.currency: toman "
                        "by default, or rial); Persian digits and 1,200,000 fine")
    parser.add_argument("--service", help="the service given (haircut, colour...)")
    parser.add_argument("--staff", help="who served the customer")
    parser.add_argument("--payment", dest="payment_method", help="cash, card, transfer, ...")
    parser.add_argument("--satisfaction", help="1 to 5")
    parser.add_argument("--note", help="notes")


def _input(ctx: Context, args: argparse.Namespace) -> VisitInput:
    amount = ctx.parse_money(args.amount) if args.amount not in (None, "") else args.amount
    return VisitInput(at=args.at, amount=amount, service=args.service, staff=args.staff,
                      payment_method=args.payment_method, satisfaction=args.satisfaction,
                      note=args.note)


def _line(ctx: Context, v: VisitView) -> tuple[Any, ...]:
    return (ctx.digits(v.id), ctx.day(utc_to_local(v.at), with_time=True),
            ctx.money(v.amount, with_unit=False), v.service or "",
            v.staff or "", ctx.digits(v.satisfaction or ""))


def _headers(ctx: Context) -> list[str]:
    return ["id", "when", ctx.money_header("amount ({unit})"), "service", "staff",
            "satisfaction"]


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    service = VisitService(ctx.db, ctx.settings)
    visit = service.get(service.add(customer.id, _input(ctx, args)))
    amount = (ctx.t(": {amount}", amount=ctx.money(visit.amount))
              if visit.amount is not None else "")
    ctx.emit(visit, ctx.t("visit #{id} recorded for {name}", id=ctx.digits(visit.id),
                          name=customer.name) + amount + _points_note(ctx, visit))
    return 0


def _points_note(ctx: Context, visit: VisitView) -> str:
    """" (+12 points, balance 58)" when the visit earned loyalty points."""
    from shopcrm.services.loyalty.points import ledger_sums, visit_points

    with ctx.db.reading() as s:
        earned = visit_points(s, visit.id)
        if not earned:
            return ""
        balance, _ = ledger_sums(s, visit.customer_id)
    return ctx.t(" (+{earned:,} points, balance {balance:,})", earned=earned, balance=balance)


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    changes = _input(ctx, args)
    if not changes.given():
        raise CommandError("nothing to change: give at least one field")
    visit = VisitService(ctx.db, ctx.settings).edit(args.visit_id, changes)
    ctx.emit(visit, ctx.table([_line(ctx, visit)], _headers(ctx)))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    VisitService(ctx.db, ctx.settings).delete(args.visit_id)
    ctx.emit({"deleted": args.visit_id},
             ctx.t("visit #{id} deleted", id=ctx.digits(args.visit_id)))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args, include_deleted=True)
    visits = VisitService(ctx.db, ctx.settings).history(customer.id, limit=args.limit)
    rows = ctx.table([_line(ctx, v) for v in visits], _headers(ctx)) if visits else [
        ctx.t("no visits yet")]
    ctx.emit(visits, [f"#{ctx.digits(customer.id)} {customer.name}", *rows])
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    visit = commands.add_parser("visit", help="record, edit or delete a visit")
    sub = visit.add_subparsers(dest="action", metavar="ACTION", parser_class=type(visit))
    sub.required = True
    add = add_command(sub, common, "add", cmd_add, "record a visit")
    add_customer_ref(add)
    _fields(add)
    edit = add_command(sub, common, "edit", cmd_edit, "change a visit")
    edit.add_argument("visit_id", type=int, help="the visit's id (see shopcrm visits)")
    _fields(edit)
    delete = add_command(sub, common, "delete", cmd_delete, "delete a visit")
    delete.add_argument("visit_id", type=int, help="the visit's id (see shopcrm visits)")
    listing = add_command(commands, common, "visits", cmd_list, "a customer's visit history")
    add_customer_ref(listing)
    listing.add_argument("--limit", type=int,
                         help="visits shown, newest first (default: all; 0 = all)")
