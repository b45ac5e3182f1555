"""``shopcrm init`` and ``shopcrm demo``: create a book, fill it with a demo."""

from __future__ import annotations

import argparse
import time
from typing import Any

from shopcrm.cli.context import Context, add_command, creates_book
from shopcrm.longwork import ProgressBar, run_to_end
from shopcrm.services.customers.demo import DemoResult, generate_demo


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.storage.migrate import current_revision

    db = ctx.db  # opening creates and migrates
    revision = current_revision(db.engine)
    ctx.emit({"db": db.url.split("@")[-1], "revision": revision},
             ctx.t("the book is ready ({where}, schema {revision})",
                   where=db.url.split("@")[-1], revision=revision))
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with ProgressBar.for_terminal(ctx.as_json, unit=ctx.t("customers"),
                                  lang=ctx.lang) as bar:
        result = run_to_end(generate_demo(ctx.db, customers=args.customers, seed=args.seed,
                                          only_if_empty=not args.into_existing), bar)
    assert isinstance(result, DemoResult)
    seconds = round(time.perf_counter() - started, 2)
    ctx.emit({"customers": result.customers, "visits": result.visits, "seconds": seconds},
             ctx.t("added {customers:,} demo customers with {visits:,} visits in {seconds:g} s",
                   customers=result.customers, visits=result.visits, seconds=seconds))
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    """Check the book's file for damage (SQLite's quick_check, or the full integrity_check)."""
    from sqlalchemy import text

    from shopcrm.errors import StorageError

    db = ctx.db
    if not db.is_sqlite:
        ctx.emit({"ok": True, "checked": False},
                 ctx.t("PostgreSQL checks its own data; nothing to do here"))
        return 0
    pragma = "integrity_check" if args.full else "quick_check"
    with db.engine.connect() as conn:
        problems = [r[0] for r in conn.execute(text(f"PRAGMA {pragma}"))]
    if problems != ["ok"]:
        raise StorageError("db_corrupt", detail="; ".join(map(str, problems[:3])))
    ctx.emit({"ok": True, "checked": pragma}, ctx.t("the book is sound ({check})",
                                                    check=ctx.t(pragma)))
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    creates_book(add_command(commands, common, "init", cmd_init,
                             "create the book (or upgrade it)"))
    check = add_command(commands, common, "check", cmd_check,
                        "check the book's file for damage")
    check.add_argument("--full", action="store_true", help="the slower, complete check")
    demo = add_command(commands, common, "demo", cmd_demo,
                       "add a realistic demo book (Persian names, two years of visits)")
    creates_book(demo)
    demo.add_argument("--customers", type=int, default=500,
                      help="how many demo customers to add (default 500)")
    demo.add_argument("--seed", type=int, default=1403,
                      help="the same seed makes the same demo book (default 1403)")
    demo.add_argument("--into-existing", action="store_true",
                      help="add the demo customers even though the book already has "
                           "customers (they mix with the real ones)")
