"""``shopcrm backup``, ``shopcrm backups``, ``shopcrm restore`` and ``shopcrm diagnostics``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from shopcrm.cli.context import Context, add_command, table
from shopcrm.errors import InvalidInput, NotFound, ShopError
from shopcrm.services.backup.backups import BackupInfo


def _url(ctx: Context) -> str:
    return ctx.db_url_resolved


def _refuse_postgres(ctx: Context) -> None:
    from shopcrm.services.backup.backups import is_postgres, postgres_error

    url = _url(ctx)
    if is_postgres(url):
        raise postgres_error(url)


def _book_file(ctx: Context) -> str:
    """The book's file, for whose backups to list or restore (read, never created)."""
    from sqlalchemy.engine import make_url

    return make_url(_url(ctx)).database or ""


def _line(info: BackupInfo) -> str:
    who = f", {info.customers:,} customers" if info.customers is not None else ""
    return f"{info.path} ({info.size:,} bytes{who})"


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_now

    _refuse_postgres(ctx)
    info = backup_now(ctx.db, ctx.settings, dest_dir=args.to)
    ctx.emit(info, f"backup written and verified: {_line(info)}")
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_dir, identity_for, list_backups

    _refuse_postgres(ctx)
    folder = args.dir or backup_dir(ctx.settings)
    book = None if args.all else identity_for(_book_file(ctx))
    infos = list_backups(ctx.settings, folder, verify=args.verify, book=book)
    rows = [(f"{b.taken_at:%Y-%m-%d %H:%M:%S}", b.reason, f"{b.size:,}",
             "yes" if b.verified else "NO", b.book_name or "?", b.name) for b in infos]
    whose = "every book's backups" if book is None else f"backups of the book {book.name}"
    text = [f"{whose} in {folder}:", *table(rows, ["taken", "reason", "bytes", "verified",
                                                   "book", "file"])]
    if not infos:
        text = [f"no {whose} in {folder} yet"]
    if book is not None:
        others = len(list_backups(ctx.settings, folder)) - len(infos)
        if others:
            text.append(f"{others:,} more in this folder belong to other books or do not "
                        "say which book they are of (shopcrm backups --all)")
    ctx.emit(infos, text)
    return 0


def _ask(info: BackupInfo) -> bool:
    who = f"{info.customers:,} customers, " if info.customers is not None else ""
    book = f"book {info.book_name}, " if info.book_name else ""
    print(f"backup {info.path}\n  taken {info.taken_at:%Y-%m-%d %H:%M:%S} ({info.reason}), "
          f"{book}{who}schema {info.revision}; checked: sound", file=sys.stderr)
    print("Replace the current book with this backup? The current book is backed up "
          "first. [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "بله", "آره", "بلی")


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_dir, newest_good_backup, restore

    _refuse_postgres(ctx)
    if args.file is None and not args.newest:
        raise InvalidInput("bad_field", field="restore", detail="give FILE or --newest")
    if not args.yes and not sys.stdin.isatty():
        raise InvalidInput("restore_needs_confirmation")
    path = args.file
    if path is None:  # this book's newest: never another book's (see --from-other-book)
        found = newest_good_backup(ctx.settings, book=_book_file(ctx))
        if found is None:
            raise NotFound("no_backup_of_this_book", path=str(backup_dir(ctx.settings)),
                           book=_book_file(ctx))
        path = found.path
    result = restore(ctx.db_url, path, ctx.settings, confirm=True if args.yes else _ask,
                     from_other_book=args.from_other_book)
    try:
        text = [f"the book was restored from {result.source.path}"]
        if result.safety_backup is not None:
            text.append(f"the book as it was before is kept in {result.safety_backup.path}")
        if result.damaged_copy is not None:
            text.append(f"the damaged book is kept as it was in {result.damaged_copy}")
        ctx.emit(result.as_dict(), text)
    finally:
        result.db.close()
    return 0


def cmd_diagnostics(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.error_text import describe
    from shopcrm.services.backup.diagnostics import collect_diagnostics

    db: Any = None
    error: str | None = None
    try:
        db = ctx.db
    except ShopError as exc:
        error = describe(exc, "en")
    report = collect_diagnostics(ctx.settings, db, db_url=_url(ctx), db_error=error)
    ctx.emit({"report": report}, report.rstrip("\n"))
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    backup = add_command(commands, common, "backup", cmd_backup,
                         "back up the book now (verified copy; SQLite only)")
    backup.add_argument("--to", metavar="PATH",
                        help="folder to write to (default: setting backup.dir, else the "
                             "backups folder in the user data dir)")
    backups = add_command(commands, common, "backups", cmd_backups,
                          "list the backups, newest first")
    backups.add_argument("--dir", metavar="PATH", help="another backup folder to list")
    backups.add_argument("--verify", action="store_true",
                         help="check every backup again (integrity and schema)")
    backups.add_argument("--all", action="store_true",
                         help="every book's backups in the folder, not only this book's")
    restore = add_command(commands, common, "restore", cmd_restore,
                          "replace the book with a backup (the current book is backed up "
                          "first)")
    restore.add_argument("file", nargs="?", help="the backup file")
    restore.add_argument("--newest", action="store_true",
                         help="restore this book's newest good backup")
    restore.add_argument("--from-other-book", action="store_true",
                         help="allow a backup of another book to replace this one")
    restore.add_argument("--yes", "-y", action="store_true",
                         help="do not ask (needed when there is no terminal)")
    add_command(commands, common, "diagnostics", cmd_diagnostics,
                "versions, settings (secrets masked) and the last log lines, for support")
