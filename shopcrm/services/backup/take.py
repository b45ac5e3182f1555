"""Taking a backup of the SQLite customer book, and checking one.

How a backup is taken (``backup_file_copy``; ``backup_now`` for an open book):

1. A new, empty, owner-only (0600) temporary file ``.shopcrm-backup-<pid>-<hex>.partial``
   is created in the destination folder (default: setting ``backup.dir``, else
   ``<user data dir>/backups``, created 0700).
2. SQLite's online backup API copies the book into it in one step, under one read
   snapshot: the copy is consistent even while the window or the ``shopcrm`` command
   writes (WAL readers never block writers). The copy is switched to a plain rollback
   journal, so a backup is one self-contained file.
3. The copy is verified: ``PRAGMA integrity_check`` must say ok and the schema revision
   must be readable. Then it is fsynced and renamed to its final name (the book's name
   and id, the shop's local time, the reason: see ``folder``), and the folder is fsynced.

A kill or a power cut at any point leaves either a complete verified backup under a
final name or only a ``.partial`` file, which no listing or restore ever takes as a
backup. Leftover ``.partial`` files are removed by the next backup (unless the process
that wrote one is still alive and the file is less than an hour old).

Reasons: ``manual`` (``shopcrm backup``), ``daily`` (at start-up), and the risky steps
``import``, ``merge``, ``undo``, ``restore``, ``migration``; any ``[a-z][a-z0-9_]*`` word
is accepted.

Not wasteful: ``backup_before`` (risky steps) and ``daily_backup_if_due`` (start-up)
compare a cheap fingerprint of the book (row count, highest row id and latest
``updated_at`` of every table, plus the schema revision) with the newest backup *of this
book*; when they match, that backup already holds this exact state and no new copy is
made. Both do nothing when ``backup.auto`` is off or the book is on PostgreSQL (the
server's own backups, pg_dump, are the owner's administrator's job; the explicit
``backup_now``, ``list_backups`` with a PostgreSQL URL and ``restore`` raise
``backup_postgres``, which explains pg_dump/pg_restore for that server and database).

Nothing here imports Qt; all functions are plain and blocking (the window runs them on
its worker thread).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shopcrm.errors import InvalidInput, NotFound, ShopError, StorageError
from shopcrm.longwork import Cancel, Progress, check_cancel, run_to_end
from shopcrm.services.backup.folder import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    BackupInfo,
    backup_dir,
    check_reason,
    clean_temp_files,
    ensure_dir,
    final_name,
    list_backups,
    local_now,
    postgres_error,
    rotate_backups,
    settings_or_default,
)
from shopcrm.services.backup.identity import (
    BookIdentity,
    identity_for,
    identity_of_connection,
)
from shopcrm.storage import safety

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

log = logging.getLogger("shopcrm.backup")

SQLITE_HEADER = b"SQLite format 3\x00"


# -- taking a backup ---------------------------------------------------------------------

def _sqlite_uri(path: Path, mode: str = "ro") -> str:
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def _copy_into(source: Path | sqlite3.Connection, tmp: Path) -> None:
    """SQLite's online backup of ``source`` (a path or an open connection) into ``tmp``."""
    if isinstance(source, sqlite3.Connection):
        src, own = source, False
    else:
        src, own = sqlite3.connect(_sqlite_uri(source), uri=True, timeout=15), True
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)  # all pages in one step: one consistent snapshot
            dst.execute("PRAGMA journal_mode=DELETE").fetchall()  # a self-contained file
        finally:
            dst.close()
    finally:
        if own:
            src.close()


def _verify(path: Path) -> tuple[str, int | None]:
    """(schema revision, customers) of a sound book file; StorageError otherwise."""
    try:
        conn = sqlite3.connect(_sqlite_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise StorageError("backup_unverified", path=str(path), detail=str(exc)) from exc
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise StorageError("backup_unverified", path=str(path),
                               detail="; ".join(map(str, rows[:3])))
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error as exc:
            raise StorageError("backup_not_a_book", path=str(path)) from exc
        if not revision or not revision[0]:
            raise StorageError("backup_not_a_book", path=str(path))
        customers: int | None
        try:
            customers = int(conn.execute("SELECT count(*) FROM customer").fetchone()[0])
        except sqlite3.Error:
            customers = None
        return str(revision[0]), customers
    except sqlite3.DatabaseError as exc:
        raise StorageError("backup_unverified", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()


def _publish(tmp: Path, final: Path) -> None:
    safety.fsync_file(tmp)
    os.replace(tmp, final)
    safety.fsync_dir(final.parent)


def _identity_of_source(source: Path | sqlite3.Connection) -> BookIdentity:
    if isinstance(source, sqlite3.Connection):
        name = None
        with contextlib.suppress(sqlite3.Error, IndexError):
            name = source.execute("PRAGMA database_list").fetchall()[0][2] or None
        return identity_of_connection(source, name)
    return identity_for(source)


def backup_file_copy(path: str | os.PathLike[str] | sqlite3.Connection, *,
                     reason: str = "manual", settings: SettingsView | None = None,
                     dest_dir: str | os.PathLike[str] | None = None, rotate: bool = True,
                     now: datetime | None = None,
                     identity: BookIdentity | None = None) -> BackupInfo:
    """Back up the SQLite book at ``path`` (or through an open ``sqlite3`` connection).

    Writes to ``dest_dir`` or the configured folder; rotates the configured folder. The
    name carries ``identity`` (default: the id read from the book and its file name).
    Raises StorageError disk_full / read_only (the destination), backup_unverified
    (the copy failed its check: nothing is published), db_missing (no book there).
    ``backup_file_steps`` is the same as long work (progress, cancel).
    """
    info: BackupInfo = run_to_end(backup_file_steps(
        path, reason=reason, settings=settings, dest_dir=dest_dir, rotate=rotate, now=now,
        identity=identity))
    return info


BACKUP_STEPS = 3  # copy, verify, publish


def backup_file_steps(path: str | os.PathLike[str] | sqlite3.Connection, *,
                      reason: str = "manual", settings: SettingsView | None = None,
                      dest_dir: str | os.PathLike[str] | None = None, rotate: bool = True,
                      now: datetime | None = None, identity: BookIdentity | None = None,
                      cancel: Cancel = None) -> Iterator[Progress | BackupInfo]:
    """``backup_file_copy`` as long work: ``Progress`` per step (copy, verify, publish),
    then the ``BackupInfo``. All or nothing: a cancel before the copy is published raises
    Cancelled and leaves no file."""
    reason = check_reason(reason)
    if not isinstance(path, sqlite3.Connection):
        book = Path(path)
        if not book.is_file():
            raise NotFound("db_missing", path=str(book))
        source: Path | sqlite3.Connection = book
    else:
        source = path
    if identity is None:
        identity = _identity_of_source(source)
    settings = settings_or_default(settings)
    folder = Path(dest_dir).expanduser() if dest_dir is not None else backup_dir(settings)
    taken = now or local_now()
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        ensure_dir(folder)
        clean_temp_files(folder)
        yield Progress(0, BACKUP_STEPS, "copy")
        with safety.guarded(folder):
            safety.create_private(tmp)
            _copy_into(source, tmp)
        check_cancel(cancel)
        yield Progress(1, BACKUP_STEPS, "verify")
        revision, customers = _verify(tmp)
        check_cancel(cancel)
        yield Progress(2, BACKUP_STEPS, "publish")
        with safety.guarded(folder):
            final = final_name(folder, taken, reason, identity)
            _publish(tmp, final)
    except (OSError, sqlite3.Error) as exc:  # not a full or read-only place: say what
        safety.remove_quietly(tmp, f"{tmp}-journal")
        raise StorageError("backup_failed", path=str(folder), detail=str(exc)) from exc
    except BaseException:
        safety.remove_quietly(tmp, f"{tmp}-journal")
        raise
    info = BackupInfo(final, taken, final.stat().st_size, reason, True, revision, customers,
                      identity.id, identity.name)
    log.info("backup %s (%s bytes, reason %s)", final, info.size, reason)
    if rotate and dest_dir is None:
        try:
            rotate_backups(settings, keep=info.path)
        except ShopError as exc:  # a backup was made; failing to prune must not hide it
            log.warning("backup rotation failed: %s", exc)
    yield Progress(BACKUP_STEPS, BACKUP_STEPS, "publish")
    yield info


def _require_file_book(db: Any) -> Path:
    if not db.is_sqlite:
        raise postgres_error(db.url)
    path = db.sqlite_path
    if path is None:
        raise InvalidInput("backup_memory")
    return Path(path)


def backup_now(db: Any, settings: SettingsView | None = None, *,
               dest_dir: str | os.PathLike[str] | None = None,
               reason: str = "manual") -> BackupInfo:
    """Back up the open book now (``shopcrm backup [--to PATH]``)."""
    info: BackupInfo = run_to_end(backup_now_steps(db, settings, dest_dir=dest_dir,
                                                   reason=reason))
    return info


def backup_now_steps(db: Any, settings: SettingsView | None = None, *,
                     dest_dir: str | os.PathLike[str] | None = None, reason: str = "manual",
                     cancel: Cancel = None) -> Iterator[Progress | BackupInfo]:
    """``backup_now`` as long work (``backup_file_steps``: progress per step, all or
    nothing). A book that cannot be backed up this way is refused at once."""
    book = _require_file_book(db)
    return backup_file_steps(book, reason=reason, settings=settings, dest_dir=dest_dir,
                             identity=identity_for(db, ensure=True), cancel=cancel)


def backup_before(db: Any, settings: SettingsView | None, reason: str) -> BackupInfo | None:
    """Before a risky step (import, merge, undo...): a backup of the current state.

    Returns the new backup, or the newest existing one of this book when it already holds
    exactly this state, or None when automatic backups are off or the book is on
    PostgreSQL.
    """
    check_reason(reason)
    settings = settings_or_default(settings)
    if not db.is_sqlite:
        log.info("no automatic backup before %s: the book is on PostgreSQL", reason)
        return None
    if not settings.get("backup.auto"):
        return None
    book = _require_file_book(db)
    identity = identity_for(db, ensure=True)
    same = _newest_with_same_state(book, settings, identity)
    if same is not None:
        return same
    return backup_file_copy(book, reason=reason, settings=settings, identity=identity)


def daily_backup_if_due(db: Any, settings: SettingsView | None = None, *,
                        now: datetime | None = None
                        ) -> BackupInfo | None:
    """At start-up: a ``daily`` backup unless this book already has one from today (local
    time) or its newest backup already holds this exact state. None when nothing was done
    (or automatic backups are off, or the book is on PostgreSQL)."""
    settings = settings_or_default(settings)
    if not db.is_sqlite or not settings.get("backup.auto") or db.sqlite_path is None:
        return None
    today = (now or local_now()).date()
    identity = identity_for(db, ensure=True)
    existing = list_backups(settings, book=identity)
    if any(b.taken_at.date() == today for b in existing):
        return None
    book = _require_file_book(db)
    if _newest_with_same_state(book, settings, identity, existing) is not None:
        return None
    return backup_file_copy(book, reason="daily", settings=settings, now=now,
                            identity=identity)


# -- fingerprints ------------------------------------------------------------------------

def fingerprint(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """A cheap summary of a book's content: equal for a book and its backup."""
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
    parts: list[Any] = []
    for name, _sql in tables:
        if name in virtual or any(name.startswith(f"{v}_") for v in virtual):
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({quoted})")}
        row: list[Any] = [name, conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]]
        with contextlib.suppress(sqlite3.Error):
            row.append(conn.execute(f"SELECT max(rowid) FROM {quoted}").fetchone()[0])
        if "updated_at" in columns:
            row.append(conn.execute(f"SELECT max(updated_at) FROM {quoted}").fetchone()[0])
        if name == "alembic_version":
            row.append(conn.execute("SELECT group_concat(version_num) FROM alembic_version")
                       .fetchone()[0])
        parts.append(tuple(row))
    return tuple(parts)


def _fingerprint_of(path: Path) -> tuple[Any, ...] | None:
    try:
        conn = sqlite3.connect(_sqlite_uri(path), uri=True, timeout=15)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")  # one snapshot for all the counts
        return fingerprint(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _newest_with_same_state(book: Path, settings: SettingsView, identity: BookIdentity,
                            existing: list[BackupInfo] | None = None) -> BackupInfo | None:
    backups = existing if existing is not None else list_backups(settings, book=identity)
    if not backups:
        return None
    newest = backups[0]
    current = _fingerprint_of(book)
    if current is not None and current == _fingerprint_of(newest.path):
        return newest
    return None


# -- checking ----------------------------------------------------------------------------

def checked(info: BackupInfo) -> BackupInfo:
    """``info`` checked again now (``verified`` False when it fails)."""
    try:
        revision, customers = check_backup_file(info.path)
    except ShopError:
        return BackupInfo(info.path, info.taken_at, info.size, info.reason, False,
                          book_id=info.book_id, book_name=info.book_name)
    return BackupInfo(info.path, info.taken_at, info.size, info.reason, True, revision,
                      customers, info.book_id, info.book_name)


def check_backup_file(path: str | os.PathLike[str]) -> tuple[str, int | None]:
    """Is ``path`` a sound customer book this app can open? Returns (revision, customers).

    Raises NotFound backup_not_found, InvalidInput backup_not_sqlite, StorageError
    backup_unverified / backup_not_a_book / backup_newer.
    """
    file = Path(path)
    if not file.is_file():
        raise NotFound("backup_not_found", path=str(file))
    with open(file, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise InvalidInput("backup_not_sqlite", path=str(file))
    revision, customers = _verify(file)
    _check_revision_known(revision, file)
    return revision, customers


def _check_revision_known(revision: str, file: Path) -> None:
    from alembic.script import ScriptDirectory

    from shopcrm.storage.migrate import alembic_config

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception as exc:
        raise StorageError("backup_newer", path=str(file), revision=revision) from exc


def newest_good_backup(settings: SettingsView | None = None,
                       dest_dir: str | os.PathLike[str] | None = None,
                       *, book: Any = None) -> BackupInfo | None:
    """The newest backup (of ``book``, when given: see ``list_backups``) that passes
    ``check_backup_file`` now (to offer after damage, and ``restore --newest``)."""
    for info in list_backups(settings, dest_dir, book=book):
        found = checked(info)
        if found.verified:
            return found
    return None
