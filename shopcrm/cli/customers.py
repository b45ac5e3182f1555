"""``shopcrm customer ...``, ``shopcrm customers`` and ``shopcrm duplicates``."""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command, creates_book, table
from shopcrm.domain.dates import format_jalali
from shopcrm.domain.text import fold_digits
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService, CustomerView


def add_customer_ref(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--phone", help="the customer's mobile (any spelling)")
    parser.add_argument("--id", type=int, dest="customer_id", help="the customer's id")


def resolve_customer(ctx: Context, args: argparse.Namespace,
                     include_deleted: bool = False) -> CustomerView:
    if args.phone is None and args.customer_id is None:
        raise CommandError("name the customer with --phone P or --id N")
    return CustomerService(ctx.db).find(phone=args.phone, customer_id=args.customer_id,
                                        include_deleted=include_deleted)


def _fields(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    parser.add_argument("--name", required=adding, help="full name")
    parser.add_argument("--phone" if adding else "--mobile", dest="mobile",
                        required=False, help="mobile number")
    parser.add_argument("--phone2", help="second phone (landline)")
    parser.add_argument("--email")
    parser.add_argument("--birthday", help="Jalali (1370/01/05) or ISO (1991-03-25)")
    parser.add_argument("--gender", help="female|male|زن|مرد")
    parser.add_argument("--city")
    parser.add_argument("--address")
    parser.add_argument("--referral", help="who referred them / how they found the shop")
    parser.add_argument("--tags", help="comma-separated tags")
    parser.add_argument("--note", dest="notes", help="notes")
    parser.add_argument("--vip", action=argparse.BooleanOptionalAction, default=None)


def _input(args: argparse.Namespace) -> CustomerInput:
    return CustomerInput(
        name=args.name, mobile=args.mobile, phone2=args.phone2, email=args.email,
        birthday=args.birthday, gender=args.gender, city=args.city, address=args.address,
        referral=args.referral, notes=args.notes, vip=args.vip,
        tags=args.tags.split(",") if args.tags is not None else None)


def describe_customer(c: CustomerView) -> list[str]:
    lines = [f"#{c.id}  {c.name}", f"  mobile: {c.mobile or c.mobile_raw or '-'}"]
    for label, value in (("phone2", c.phone2), ("email", c.email), ("city", c.city),
                         ("address", c.address), ("referral", c.referral)):
        if value:
            lines.append(f"  {label}: {value}")
    if c.birthday:
        jalali = format_jalali(c.birthday, persian_digits=False)
        lines.append(f"  birthday: {c.birthday.isoformat()} ({jalali})")
    lines.append(f"  visits: {c.total_visits} (in the book {c.visit_count}, before it "
                 f"{c.prior_visits}); spent {c.total_spent:,} rials")
    if c.last_visit_at:
        lines.append(f"  last visit: {format_jalali(c.last_visit_at, persian_digits=False)}")
    if c.tags:
        lines.append(f"  tags: {', '.join(c.tags)}")
    flags = [name for name, on in (("VIP", c.vip), ("no SMS", c.sms_opt_out),
                                   ("no email", c.email_opt_out),
                                   ("in trash", c.deleted_at is not None)) if on]
    if flags:
        lines.append(f"  flags: {', '.join(flags)}")
    if c.notes:
        lines.append(f"  notes: {c.notes}")
    return lines


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    service = CustomerService(ctx.db)
    customer = service.get(service.add(_input(args)))
    ctx.emit(customer, describe_customer(customer))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args, include_deleted=True)
    ctx.emit(customer, describe_customer(customer))
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    service = CustomerService(ctx.db)
    changes = _input(args)
    if not changes.given() and args.sms_opt_out is None and args.email_opt_out is None:
        raise CommandError("nothing to change: give at least one field")
    if changes.given():
        customer = service.edit(customer.id, changes)
    for channel in ("sms", "email"):
        value = getattr(args, f"{channel}_opt_out")
        if value is not None:
            service.set_opt_out(customer.id, channel, value)
    customer = service.get(customer.id)
    ctx.emit(customer, describe_customer(customer))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    CustomerService(ctx.db).delete(customer.id)
    ctx.emit({"deleted": customer.id}, f"moved #{customer.id} {customer.name} to the trash")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args, include_deleted=True)
    CustomerService(ctx.db).restore(customer.id)
    ctx.emit({"restored": customer.id}, f"restored #{customer.id} {customer.name}")
    return 0


def find_by_reference(ctx: Context, reference: str) -> CustomerView:
    """A customer named on the command line as ``#12`` (an id) or a mobile."""
    service = CustomerService(ctx.db)
    text = fold_digits(reference).strip()
    if text.startswith("#") and text[1:].isdigit():
        return service.find(customer_id=int(text[1:]))
    return service.find(phone=reference)


def cmd_merge(ctx: Context, args: argparse.Namespace) -> int:
    keep = find_by_reference(ctx, args.keep)
    other = find_by_reference(ctx, args.other)
    _maybe_backup(ctx, "merge")
    merged = CustomerService(ctx.db).merge(keep.id, other.id)
    ctx.emit(merged, [f"merged #{other.id} into #{keep.id}", *describe_customer(merged)])
    return 0


def _maybe_backup(ctx: Context, reason: str) -> None:
    try:
        from shopcrm.services.backup.backups import backup_before
    except ModuleNotFoundError:
        return
    backup_before(ctx.db, ctx.settings, reason)


def segment_where(ctx: Context, segment: str | None) -> list[Any]:
    if not segment or segment == "all":
        return []
    from shopcrm.services.absence.segments import segment_filter

    return [segment_filter(segment, settings=ctx.settings, session=None)]


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.storage.customer_list import list_customers

    with ctx.db.session() as s:
        where = segment_where(ctx, args.segment)
        rows = list_customers(s, query=args.search, where=where, order=args.sort,
                              descending=args.desc, offset=args.offset, limit=args.limit,
                              include_deleted=args.trash)
        if args.trash:
            rows = [r for r in rows if r.deleted_at is not None]
    text = table([(r.id, r.name, r.mobile or "", r.city or "", r.total_visits,
                   format_jalali(r.last_visit_at, persian_digits=False), f"{r.total_spent:,}")
                  for r in rows],
                 ["id", "name", "mobile", "city", "visits", "last visit", "spent"])
    ctx.emit([r.as_dict() | {"phone": r.mobile} for r in rows], text)
    return 0


def cmd_duplicates(ctx: Context, args: argparse.Namespace) -> int:
    pairs = CustomerService(ctx.db).duplicates(limit=args.limit)
    ctx.emit([p.__dict__ for p in pairs],
             table([(p.keep_id, p.keep_name, p.other_id, p.other_name, p.reason)
                    for p in pairs], ["keep", "name", "other", "name", "same"]))
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    customer = commands.add_parser("customer", help="add, show, edit, delete, restore, "
                                   "merge one customer")
    sub = customer.add_subparsers(dest="action", metavar="ACTION",
                                  parser_class=type(customer))
    sub.required = True
    add = creates_book(add_command(sub, common, "add", cmd_add, "add a customer"))
    _fields(add, adding=True)
    show = add_command(sub, common, "show", cmd_show, "show one customer")
    add_customer_ref(show)
    edit = add_command(sub, common, "edit", cmd_edit, "change a customer's fields")
    add_customer_ref(edit)
    _fields(edit, adding=False)
    edit.add_argument("--sms-opt-out", action=argparse.BooleanOptionalAction, default=None)
    edit.add_argument("--email-opt-out", action=argparse.BooleanOptionalAction, default=None)
    delete = add_command(sub, common, "delete", cmd_delete, "move a customer to the trash")
    add_customer_ref(delete)
    restore = add_command(sub, common, "restore", cmd_restore, "restore from the trash")
    add_customer_ref(restore)
    merge = add_command(sub, common, "merge", cmd_merge,
                        "merge OTHER into KEEP (each a mobile, or #ID)")
    merge.add_argument("keep")
    merge.add_argument("other")

    listing = add_command(commands, common, "customers", cmd_list, "list or search customers")
    listing.add_argument("--search", "-s", help="name, mobile, email or notes (substring)")
    listing.add_argument("--segment", help="all, regular, absent, overdue, vip, tag:NAME, ...")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--sort", choices=("name", "mobile", "city", "visits", "last_visit",
                                            "first_visit", "spent", "created", "id"))
    listing.add_argument("--desc", action="store_true")
    listing.add_argument("--trash", action="store_true", help="list the trash")

    dupes = add_command(commands, common, "duplicates", cmd_duplicates,
                        "likely duplicate customers (same email or name)")
    dupes.add_argument("--limit", type=int, default=200)
