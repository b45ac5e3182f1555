"""``shopcrm backup``, ``shopcrm backups``, ``shopcrm restore`` and ``shopcrm diagnostics``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.errors import InvalidInput, NotFound, ShopError
from shopcrm.longwork import ProgressBar, run_to_end
from shopcrm.services.backup.backups import BackupInfo, RestoreResult


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


def _line(ctx: Context, info: BackupInfo) -> str:
    who = (ctx.t(", {n:,} customers", n=info.customers) if info.customers is not None
           else "")
    return f"{info.path} (" + ctx.t("{size:,} bytes", size=info.size) + f"{who})"


#: What each step of a backup or a restore is called on the progress bar.
STAGE_WORDS = {"copy": "copying the book", "verify": "checking the copy",
               "publish": "putting the copy in place", "check": "checking the backup",
               "backup": "backing up the current book", "replace": "replacing the book",
               "reopen": "opening the book"}


def _bar(ctx: Context) -> ProgressBar:
    """The steps of a backup or a restore on the command line's bar (a terminal only)."""
    return ProgressBar.for_terminal(ctx.as_json, unit=ctx.t("steps"), lang=ctx.lang,
                                    label=lambda step: ctx.t(STAGE_WORDS[step.stage]))


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_now_steps

    _refuse_postgres(ctx)
    with _bar(ctx) as bar:
        info: BackupInfo = run_to_end(backup_now_steps(ctx.db, ctx.settings,
                                                       dest_dir=args.to), bar)
    ctx.emit(info, ctx.t("backup written and verified: {line}", line=_line(ctx, info)))
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_dir, identity_for, list_backups

    _refuse_postgres(ctx)
    folder = args.dir or backup_dir(ctx.settings)
    book = None if args.all else identity_for(_book_file(ctx))
    infos = list_backups(ctx.settings, folder, verify=args.verify, book=book)
    rows = [(_taken(ctx, b.taken_at), ctx.t(b.reason), ctx.num(b.size),
             ctx.t("yes") if b.verified else ctx.t("NO"), b.book_name or "?", b.name)
            for b in infos]
    whose = (ctx.t("every book's backups") if book is None
             else ctx.t("backups of the book {name}", name=book.name))
    text = [ctx.t("{whose} in {folder}:", whose=whose, folder=str(folder)),
            *ctx.table(rows, ["taken", "reason", "bytes", "verified", "book", "file"])]
    if not infos:
        text = [ctx.t("no {whose} in {folder} yet", whose=whose, folder=str(folder))]
    if book is not None:
        others = len(list_backups(ctx.settings, folder)) - len(infos)
        if others:
            text.append(ctx.t("{n:,} more in this folder belong to other books or do not "
                              "say which book they are of (shopcrm backups --all)", n=others))
    ctx.emit(infos, text)
    return 0


def _taken(ctx: Context, taken_at: Any) -> str:
    """When a backup was taken: Jalali with Persian digits in Persian, ISO in English."""
    if ctx.lang == "fa":
        return ctx.day(taken_at, with_time=True)
    return f"{taken_at:%Y-%m-%d %H:%M:%S}"


def _asker(ctx: Context, bar: ProgressBar) -> Any:
    def ask(info: BackupInfo) -> bool:
        bar.close()  # the question on a line of its own; the next step opens a new bar
        return _ask(ctx, info)

    return ask


def _ask(ctx: Context, info: BackupInfo) -> bool:
    who = (ctx.t("{n:,} customers, ", n=info.customers) if info.customers is not None
           else "")
    book = ctx.t("book {name}, ", name=info.book_name) if info.book_name else ""
    print(ctx.t("backup {path}", path=str(info.path)) + "\n  " + ctx.t(
        "taken {when} ({reason}), {book}{who}schema {revision}; checked: sound",
        when=_taken(ctx, info.taken_at), reason=ctx.t(info.reason), book=book, who=who,
        revision=info.revision), file=sys.stderr)
    print(ctx.t("Replace the current book with this backup? The current book is backed up "
                "first. [y/N] "), end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "بله", "آره", "بلی")


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_dir, newest_good_backup, restore_steps

    _refuse_postgres(ctx)
    if args.file is None and not args.newest:
        raise CommandError("shopcrm restore: give FILE or --newest")
    if not args.yes and not sys.stdin.isatty():
        raise InvalidInput("restore_needs_confirmation")
    path = args.file
    if path is None:  # this book's newest: never another book's (see --from-other-book)
        found = newest_good_backup(ctx.settings, book=_book_file(ctx))
        if found is None:
            raise NotFound("no_backup_of_this_book", path=str(backup_dir(ctx.settings)),
                           book=_book_file(ctx))
        path = found.path
    with _bar(ctx) as bar:
        result: RestoreResult = run_to_end(restore_steps(
            ctx.db_url, path, ctx.settings, confirm=True if args.yes else _asker(ctx, bar),
            from_other_book=args.from_other_book), bar)
    try:
        text = [ctx.t("the book was restored from {path}", path=str(result.source.path))]
        if result.safety_backup is not None:
            text.append(ctx.t("the book as it was before is kept in {path}",
                              path=str(result.safety_backup.path)))
        if result.damaged_copy is not None:
            text.append(ctx.t("the damaged book is kept as it was in {path}",
                              path=str(result.damaged_copy)))
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
