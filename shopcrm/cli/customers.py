"""``shopcrm customer add|show|edit|delete|restore|merge``: one customer.

The lists (``shopcrm customers``, ``shopcrm duplicates``) are :mod:`.customer_list`. The
customer service is imported by the commands that use it; other command modules import
``add_customer_ref`` and ``resolve_customer`` from here.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from shopcrm.cli.context import CommandError, Context, add_command, creates_book
from shopcrm.domain.text import fold_digits

if TYPE_CHECKING:
    from shopcrm.services.customers.fields import CustomerInput
    from shopcrm.services.customers.service import CustomerService, CustomerView


def _service(ctx: Context) -> CustomerService:
    from shopcrm.services.customers.service import CustomerService

    return CustomerService(ctx.db)


def add_customer_ref(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--phone", help="the customer's mobile (any spelling)")
    parser.add_argument("--id", type=int, dest="customer_id", help="the customer's id")


def resolve_customer(ctx: Context, args: argparse.Namespace,
                     include_deleted: bool = False) -> CustomerView:
    if args.phone is None and args.customer_id is None:
        raise CommandError("name the customer with --phone P or --id N")
    return _service(ctx).find(phone=args.phone, customer_id=args.customer_id,
                                        include_deleted=include_deleted)


def _fields(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    parser.add_argument("--name", required=adding, help="full name")
    parser.add_argument("--phone" if adding else "--mobile", dest="mobile",
                        required=False, help="mobile number")
    parser.add_argument("--phone2", help="second phone (landline)")
    parser.add_argument("--email", help="email address")
    parser.add_argument("--birthday", help="Jalali (1370/01/05) or ISO (1991-03-25)")
    parser.add_argument("--gender", help="female|male|زن|مرد")
    parser.add_argument("--city", help="city")
    parser.add_argument("--address", help="postal address")
    parser.add_argument("--referral", help="how they found the shop (Instagram, Divar...)")
    parser.add_argument("--referred-by", dest="referred_by", metavar="PHONE",
                        help="the customer who brought them: a mobile or #ID"
                             + ("" if adding else "; 'none' removes the link"))
    parser.add_argument("--tags", help="comma-separated tags")
    parser.add_argument("--note", dest="notes", help="notes")
    parser.add_argument("--vip", action=argparse.BooleanOptionalAction, default=None,
                        help="mark as a VIP customer (--no-vip: unmark)")


def _input(args: argparse.Namespace) -> CustomerInput:
    from shopcrm.services.customers.fields import CustomerInput

    return CustomerInput(
        name=args.name, mobile=args.mobile, phone2=args.phone2, email=args.email,
        birthday=args.birthday, gender=args.gender, city=args.city, address=args.address,
        referral=args.referral, notes=args.notes, vip=args.vip,
        tags=args.tags.split(",") if args.tags is not None else None)


def describe_customer(ctx: Context, c: CustomerView) -> list[str]:
    lines = [f"#{ctx.digits(c.id)}  {c.name}",
             "  " + ctx.t("mobile: {value}",
                          value=ctx.digits(c.mobile or c.mobile_raw or "-"))]
    for label, value in (("phone2: {value}", ctx.digits(c.phone2) if c.phone2 else None),
                         ("email: {value}", c.email), ("city: {value}", c.city),
                         ("address: {value}", c.address), ("referral: {value}", c.referral)):
        if value:
            lines.append("  " + ctx.t(label, value=value))
    if c.referred_by_id:
        lines.append("  " + ctx.t("referred by: #{id}", id=ctx.digits(c.referred_by_id)))
    if c.points_balance or c.points_earned:
        lines.append("  " + ctx.t("points: {balance:,} (earned in all {earned:,})",
                                  balance=c.points_balance, earned=c.points_earned))
    if c.birthday:
        if ctx.lang == "fa":
            lines.append("  " + ctx.t("birthday: {value}", value=ctx.day(c.birthday)))
        else:
            lines.append(f"  birthday: {c.birthday.isoformat()} ({ctx.day(c.birthday)})")
    lines.append("  " + ctx.t("visits: {total:,} (in the book {book:,}, before it {prior:,}); "
                              "spent {spent}", total=c.total_visits, book=c.visit_count,
                              prior=c.prior_visits, spent=ctx.money(c.total_spent)))
    if c.last_visit_at:
        lines.append("  " + ctx.t("last visit: {day}", day=c.last_visit_at))
    if c.tags:
        lines.append("  " + ctx.t("tags: {value}", value=ctx.t(", ").join(c.tags)))
    flags = [ctx.t(name) for name, on in (("VIP", c.vip), ("no SMS", c.sms_opt_out),
                                          ("no email", c.email_opt_out),
                                          ("in trash", c.deleted_at is not None)) if on]
    if flags:
        lines.append("  " + ctx.t("flags: {value}", value=ctx.t(", ").join(flags)))
    if c.notes:
        lines.append("  " + ctx.t("notes: {value}", value=c.notes))
    return lines


def _referrer(ctx: Context, args: argparse.Namespace) -> int | bool | None:
    """The --referred-by customer's id, None for 'none', False when not given."""
    text = getattr(args, "referred_by", None)
    if text is None:
        return False
    if fold_digits(text).strip().lower() in ("none", "-", "هیچ"):
        return None
    return find_by_reference(ctx, text).id


def _link_referrer(ctx: Context, customer_id: int, referrer: int | bool | None) -> None:
    if referrer is False:
        return
    from shopcrm.services.loyalty.referrals import set_referrer
    from shopcrm.services.loyalty.rules import LoyaltyRules

    set_referrer(ctx.db, customer_id, referrer,  # type: ignore[arg-type]
                 LoyaltyRules.from_settings(ctx.settings))


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    service = _service(ctx)
    referrer = _referrer(ctx, args)  # a wrong reference stops before anything is added
    customer_id = service.add(_input(args))
    _link_referrer(ctx, customer_id, referrer)
    customer = service.get(customer_id)
    ctx.emit(customer, describe_customer(ctx, customer))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args, include_deleted=True)
    ctx.emit(customer, describe_customer(ctx, customer))
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    service = _service(ctx)
    changes = _input(args)
    referrer = _referrer(ctx, args)
    if (not changes.given() and args.sms_opt_out is None and args.email_opt_out is None
            and referrer is False):
        raise CommandError("nothing to change: give at least one field")
    if changes.given():
        customer = service.edit(customer.id, changes)
    _link_referrer(ctx, customer.id, referrer)
    for channel in ("sms", "email"):
        value = getattr(args, f"{channel}_opt_out")
        if value is not None:
            service.set_opt_out(customer.id, channel, value)
    customer = service.get(customer.id)
    ctx.emit(customer, describe_customer(ctx, customer))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    _service(ctx).delete(customer.id)
    ctx.emit({"deleted": customer.id}, ctx.t("moved #{id} {name} to the trash",
                                             id=ctx.digits(customer.id), name=customer.name))
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args, include_deleted=True)
    _service(ctx).restore(customer.id)
    ctx.emit({"restored": customer.id}, ctx.t("restored #{id} {name}",
                                              id=ctx.digits(customer.id), name=customer.name))
    return 0


def find_by_reference(ctx: Context, reference: str) -> CustomerView:
    """A customer named on the command line as ``#12`` (an id) or a mobile."""
    service = _service(ctx)
    text = fold_digits(reference).strip()
    if text.startswith("#") and text[1:].isdigit():
        return service.find(customer_id=int(text[1:]))
    return service.find(phone=reference)


def cmd_merge(ctx: Context, args: argparse.Namespace) -> int:
    keep = find_by_reference(ctx, args.keep)
    other = find_by_reference(ctx, args.other)
    _maybe_backup(ctx, "merge")
    merged = _service(ctx).merge(keep.id, other.id)
    ctx.emit(merged, [ctx.t("merged #{other} into #{keep}", other=ctx.digits(other.id),
                                keep=ctx.digits(keep.id)), *describe_customer(ctx, merged)])
    return 0


def _maybe_backup(ctx: Context, reason: str) -> None:
    try:
        from shopcrm.services.backup.backups import backup_before
    except ModuleNotFoundError:
        return
    backup_before(ctx.db, ctx.settings, reason)


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
    edit.add_argument("--sms-opt-out", action=argparse.BooleanOptionalAction, default=None,
                      help="send them no more SMS (--no-sms-opt-out: send again)")
    edit.add_argument("--email-opt-out", action=argparse.BooleanOptionalAction,
                      default=None,
                      help="send them no more email (--no-email-opt-out: send again)")
    delete = add_command(sub, common, "delete", cmd_delete, "move a customer to the trash")
    add_customer_ref(delete)
    restore = add_command(sub, common, "restore", cmd_restore, "restore from the trash")
    add_customer_ref(restore)
    merge = add_command(sub, common, "merge", cmd_merge,
                        "merge OTHER into KEEP (each a mobile, or #ID)")
    merge.add_argument("keep", help="the customer who stays: a mobile or #ID")
    merge.add_argument("other", help="the customer merged in and removed: a mobile or #ID")
