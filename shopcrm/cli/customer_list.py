"""``shopcrm customers`` (list or search) and ``shopcrm duplicates``: lists of customers.

``shopcrm customers`` is the command people run most and in scripts, so it starts light:
without ``--segment`` it reads its page through the read door's Core connection
(``storage/customer_page.py``) and loads neither the customer service nor the ORM models,
and its module registers only these two commands (tests/unit/test_cli_lazy.py keeps the
budget; benchmarks/bench_structure.py measures it).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from shopcrm.cli.context import Context, add_command

if TYPE_CHECKING:
    from shopcrm.storage.customer_page import CustomerRow


def segment_where(ctx: Context, segment: str | None) -> list[Any]:
    if not segment or segment == "all":
        return []
    from shopcrm.services.absence.segments import segment_filter

    return [segment_filter(segment, settings=ctx.settings, session=None)]


def _page(ctx: Context, args: argparse.Namespace, count: bool
          ) -> tuple[list[CustomerRow], int | None]:
    """The page asked for, and (when ``count``) how many customers the same search,
    segment and trash hold: without ``--segment`` through the read door's Core connection
    (no ORM import), with it through a session (segments are written against the
    models)."""
    if not args.segment or args.segment == "all":
        from shopcrm.storage.customer_page import count_page, read_page

        with ctx.db.reading_rows() as conn:
            rows = read_page(conn, query=args.search, order=args.sort, descending=args.desc,
                             offset=args.offset, limit=args.limit, trash=args.trash)
            total = (count_page(conn, query=args.search, trash=args.trash)
                     if count else None)
        return rows, total
    from shopcrm.storage.customer_list import count_customers, list_customers

    where = segment_where(ctx, args.segment)
    with ctx.db.reading() as s:
        rows = list_customers(s, query=args.search, where=where, order=args.sort,
                              descending=args.desc, offset=args.offset, limit=args.limit,
                              trash=args.trash)
        total = (count_customers(s, query=args.search, where=where, trash=args.trash)
                 if count else None)
    return rows, total


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    """The page under one line with the real total (as ``absent`` prints it): «مشتری‌ها:
    ۵۰۰؛ نمایش ۱ تا ۵۰». ``--json`` prints the page's rows alone, as before (no count
    is made)."""
    rows, total = _page(ctx, args, count=not ctx.as_json)
    if ctx.as_json:
        ctx.emit([r.as_dict() | {"phone": r.mobile} for r in rows])
        return 0
    if not total:
        ctx.emit(None, [ctx.t("no customers found")])
        return 0
    head = ctx.t("customers in the trash" if args.trash else
                 "customers found" if args.search or (args.segment or "all") != "all"
                 else "customers")
    shown = (ctx.t("{first}-{last}", first=args.offset + 1, last=args.offset + len(rows))
             if rows else ctx.t("none"))
    lines = [ctx.t("{head}: {total}; showing {shown}", head=head, total=ctx.num(total),
                   shown=shown)]
    if rows:
        lines += ctx.table([(ctx.digits(r.id), r.name, ctx.digits(r.mobile or ""),
                             r.city or "",
                             ctx.num(r.total_visits), ctx.day(r.last_visit_at),
                             ctx.money(r.total_spent, with_unit=False)) for r in rows],
                           ["id", "name", "mobile", "city", "visits", "last visit",
                            ctx.money_header("spent ({unit})")])
    ctx.emit(None, lines)
    return 0


def cmd_duplicates(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.customers.service import CustomerService

    pairs = CustomerService(ctx.db).duplicates(limit=args.limit)
    ctx.emit([p.__dict__ for p in pairs],
             ctx.table([(ctx.digits(p.keep_id), p.keep_name, ctx.digits(p.other_id),
                         p.other_name, ctx.t(p.reason)) for p in pairs],
                       ["keep", "name", "other", "other name", "same"])
             if pairs else [ctx.t("no likely duplicates")])
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    listing = add_command(commands, common, "customers", cmd_list, "list or search customers")
    listing.add_argument("--search", "-s", help="name, mobile, email or notes (substring); "
                         "\"referrer: NAME\" lists whom someone brought")
    listing.add_argument("--segment", help="all, regular, absent, overdue, vip, tag:NAME, ...")
    listing.add_argument("--limit", type=int, default=50,
                         help="customers shown (default 50; 0 = all)")
    listing.add_argument("--offset", type=int, default=0,
                         help="skip this many first (default 0)")
    listing.add_argument("--sort", choices=("name", "mobile", "city", "visits", "last_visit",
                                            "first_visit", "spent", "created", "id",
                                            "points"),
                         help="sort by this column (default: name; a search keeps its "
                              "own order)")
    listing.add_argument("--desc", action="store_true", help="largest or latest first")
    listing.add_argument("--trash", action="store_true", help="list the trash")

    dupes = add_command(commands, common, "duplicates", cmd_duplicates,
                        "likely duplicate customers (same email or name)")
    dupes.add_argument("--limit", type=int, default=200,
                       help="pairs shown (default 200; 0 = all)")
