"""``shopcrm visit add|edit|delete`` and ``shopcrm visits``."""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command, table
from shopcrm.cli.customers import add_customer_ref, resolve_customer
from shopcrm.domain.dates import format_jalali, utc_to_local
from shopcrm.services.customers.visits import VisitInput, VisitService, VisitView


def _fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", dest="at", help="Jalali or ISO date, optional time HH:MM "
                        "(default: now)")
    parser.add_argument("--amount", help="amount in the owner's currency (ui.currency: toman "
                        "by default, or rial); Persian digits and 1,200,000 fine")
    parser.add_argument("--service")
    parser.add_argument("--staff")
    parser.add_argument("--payment", dest="payment_method", help="cash, card, transfer, ...")
    parser.add_argument("--satisfaction", help="1 to 5")
    parser.add_argument("--note")


def _input(ctx: Context, args: argparse.Namespace) -> VisitInput:
    amount = ctx.parse_money(args.amount) if args.amount not in (None, "") else args.amount
    return VisitInput(at=args.at, amount=amount, service=args.service, staff=args.staff,
                      payment_method=args.payment_method, satisfaction=args.satisfaction,
                      note=args.note)


def _line(ctx: Context, v: VisitView) -> tuple[Any, ...]:
    return (v.id, format_jalali(utc_to_local(v.at), persian_digits=False, with_time=True),
            ctx.money(v.amount, with_unit=False), v.service or "", v.staff or "",
            v.satisfaction or "")


def _headers(ctx: Context) -> list[str]:
    return ["id", "when", ctx.money_header("مبلغ", "amount"), "service", "staff",
            "satisfaction"]


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    service = VisitService(ctx.db)
    visit = service.get(service.add(customer.id, _input(ctx, args)))
    amount = f": {ctx.money(visit.amount)}" if visit.amount is not None else ""
    ctx.emit(visit, f"visit #{visit.id} recorded for {customer.name}{amount}")
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    changes = _input(ctx, args)
    if not changes.given():
        raise CommandError("nothing to change: give at least one field")
    visit = VisitService(ctx.db).edit(args.visit_id, changes)
    ctx.emit(visit, table([_line(ctx, visit)], _headers(ctx)))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    VisitService(ctx.db).delete(args.visit_id)
    ctx.emit({"deleted": args.visit_id}, f"visit #{args.visit_id} deleted")
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args, include_deleted=True)
    visits = VisitService(ctx.db).history(customer.id, limit=args.limit)
    ctx.emit(visits, [f"#{customer.id} {customer.name}",
                      *table([_line(ctx, v) for v in visits], _headers(ctx))])
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    visit = commands.add_parser("visit", help="record, edit or delete a visit")
    sub = visit.add_subparsers(dest="action", metavar="ACTION", parser_class=type(visit))
    sub.required = True
    add = add_command(sub, common, "add", cmd_add, "record a visit")
    add_customer_ref(add)
    _fields(add)
    edit = add_command(sub, common, "edit", cmd_edit, "change a visit")
    edit.add_argument("visit_id", type=int)
    _fields(edit)
    delete = add_command(sub, common, "delete", cmd_delete, "delete a visit")
    delete.add_argument("visit_id", type=int)
    listing = add_command(commands, common, "visits", cmd_list, "a customer's visit history")
    add_customer_ref(listing)
    listing.add_argument("--limit", type=int)
