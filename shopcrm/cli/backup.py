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
    from shopcrm.services.backup.backups import _is_postgres, postgres_error

    url = _url(ctx)
    if _is_postgres(url):
        raise postgres_error(url)


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
    from shopcrm.services.backup.backups import backup_dir, list_backups

    _refuse_postgres(ctx)
    folder = args.dir or backup_dir(ctx.settings)
    infos = list_backups(ctx.settings, folder, verify=args.verify)
    rows = [(f"{b.taken_at:%Y-%m-%d %H:%M:%S}", b.reason, f"{b.size:,}",
             "yes" if b.verified else "NO", b.name) for b in infos]
    text = [f"backups in {folder}:", *table(rows, ["taken", "reason", "bytes", "verified",
                                                    "file"])]
    if not infos:
        text = [f"no backups in {folder} yet"]
    ctx.emit(infos, text)
    return 0


def _ask(info: BackupInfo) -> bool:
    who = f"{info.customers:,} customers, " if info.customers is not None else ""
    print(f"backup {info.path}\n  taken {info.taken_at:%Y-%m-%d %H:%M:%S} ({info.reason}), "
          f"{who}schema {info.revision}; checked: sound", file=sys.stderr)
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
    if path is None:
        found = newest_good_backup(ctx.settings)
        if found is None:
            raise NotFound("no_backup_found", path=str(backup_dir(ctx.settings)))
        path = found.path
    result = restore(ctx.db_url, path, ctx.settings, confirm=True if args.yes else _ask)
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
