"""``shopcrm backup``, ``shopcrm backups``, ``shopcrm restore`` and ``shopcrm diagnostics``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.errors import InvalidInput, NotFound, ShopError
from shopcrm.services.backup.backups import BackupInfo


def _url(ctx: Context) -> str:
    from shopcrm.services.settings.database_choice import book_url
    from shopcrm.storage.db import _normalise_url

    return _normalise_url(ctx.db_url or book_url())


def _refuse_postgres(ctx: Context) -> None:
    from shopcrm.services.backup.backups import _is_postgres, postgres_error

    url = _url(ctx)
    if _is_postgres(url):
        raise postgres_error(url)


def _line(ctx: Context, info: BackupInfo) -> str:
    who = (ctx.t(", {n:,} customers", n=info.customers) if info.customers is not None
           else "")
    return f"{info.path} (" + ctx.t("{size:,} bytes", size=info.size) + f"{who})"


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_now

    _refuse_postgres(ctx)
    info = backup_now(ctx.db, ctx.settings, dest_dir=args.to)
    ctx.emit(info, ctx.t("backup written and verified: {line}", line=_line(ctx, info)))
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_dir, list_backups

    _refuse_postgres(ctx)
    folder = args.dir or backup_dir(ctx.settings)
    infos = list_backups(ctx.settings, folder, verify=args.verify)
    rows = [(_taken(ctx, b.taken_at), ctx.t(b.reason), ctx.num(b.size),
             ctx.t("yes") if b.verified else ctx.t("NO"), b.name) for b in infos]
    text = [ctx.t("backups in {folder}:", folder=str(folder)),
            *ctx.table(rows, ["taken", "reason", "bytes", "verified", "file"])]
    if not infos:
        text = [ctx.t("no backups in {folder} yet", folder=str(folder))]
    ctx.emit(infos, text)
    return 0


def _taken(ctx: Context, taken_at: Any) -> str:
    """When a backup was taken: Jalali with Persian digits in Persian, ISO in English."""
    if ctx.lang == "fa":
        return ctx.day(taken_at, with_time=True)
    return f"{taken_at:%Y-%m-%d %H:%M:%S}"


def _asker(ctx: Context) -> Any:
    def ask(info: BackupInfo) -> bool:
        return _ask(ctx, info)

    return ask


def _ask(ctx: Context, info: BackupInfo) -> bool:
    who = (ctx.t("{n:,} customers, ", n=info.customers) if info.customers is not None
           else "")
    print(ctx.t("backup {path}", path=str(info.path)) + "\n  " + ctx.t(
        "taken {when} ({reason}), {who}schema {revision}; checked: sound",
        when=_taken(ctx, info.taken_at), reason=ctx.t(info.reason), who=who,
        revision=info.revision), file=sys.stderr)
    print(ctx.t("Replace the current book with this backup? The current book is backed up "
                "first. [y/N] "), end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "بله", "آره", "بلی")


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.backup.backups import backup_dir, newest_good_backup, restore

    _refuse_postgres(ctx)
    if args.file is None and not args.newest:
        raise CommandError("shopcrm restore: give FILE or --newest")
    if not args.yes and not sys.stdin.isatty():
        raise InvalidInput("restore_needs_confirmation")
    path = args.file
    if path is None:
        found = newest_good_backup(ctx.settings)
        if found is None:
            raise NotFound("no_backup_found", path=str(backup_dir(ctx.settings)))
        path = found.path
    result = restore(ctx.db_url, path, ctx.settings,
                     confirm=True if args.yes else _asker(ctx))
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
    restore = add_command(commands, common, "restore", cmd_restore,
                          "replace the book with a backup (the current book is backed up "
                          "first)")
    restore.add_argument("file", nargs="?", help="the backup file")
    restore.add_argument("--newest", action="store_true",
                         help="restore the newest good backup of the backup folder")
    restore.add_argument("--yes", "-y", action="store_true",
                         help="do not ask (needed when there is no terminal)")
    add_command(commands, common, "diagnostics", cmd_diagnostics,
                "versions, settings (secrets masked) and the last log lines, for support")
