"""Restoring the customer book from a backup, safely and only onto its own book.

``restore``: the chosen file is copied beside the book, and that copy is checked (a
SQLite file, integrity ok, a schema revision this app knows, i.e. not newer). Then it
must be a backup of *this* book: the id inside the backup equals the book's id. Another
book's backup (or one from before backups carried an id) is refused with
``backup_other_book`` / ``backup_unknown_book``, which name both books and their sizes,
unless the caller says so (``from_other_book=True``, ``shopcrm restore FILE
--from-other-book``), or the book has nothing to lose: it does not exist, is empty, or is
too damaged to be read (it is kept, below).

Then the owner confirms; then the book is taken exclusively (switching it out of WAL mode
fails while any other connection has it open, e.g. another window: the restore is refused
with ``db_in_use``), backed up (reason ``restore``; a damaged book that cannot be verified
is kept raw as ``shopcrm-<book>-<time>-damaged.bak``), and the checked copy is fsynced
and renamed over the book; stale ``-wal``/``-shm``/``-journal`` files are removed; the book
is reopened (and migrated if the backup is older than the app). The restored book is the
backup's book again, id included; except that another book's backup put over a book with
content (as asked) keeps the replaced book's id, so its own backups stay its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shopcrm.errors import Cancelled, Conflict, InvalidInput, NotFound, ShopError, StorageError
from shopcrm.longwork import Cancel, Progress, check_cancel, run_to_end
from shopcrm.services.backup.folder import (
    RESTORE_PREFIX,
    TEMP_SUFFIX,
    BackupInfo,
    backup_dir,
    book_of_name,
    clean_temp_files,
    ensure_dir,
    is_postgres,
    local_now,
    parse_name,
    postgres_error,
    settings_or_default,
)
from shopcrm.services.backup.identity import BookIdentity, identity_of_connection
from shopcrm.services.backup.take import SQLITE_HEADER, backup_file_copy, check_backup_file
from shopcrm.storage import safety
from shopcrm.storage.book_id import book_id_of_file, write_book_id

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

log = logging.getLogger("shopcrm.backup")


@dataclass
class RestoreResult:
    """What ``restore`` did. ``db`` is the reopened book: the caller closes it."""

    db: Any
    source: BackupInfo
    safety_backup: BackupInfo | None
    damaged_copy: Path | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"restored_from": self.source.as_dict(),
                "safety_backup": self.safety_backup.as_dict() if self.safety_backup else None,
                "damaged_copy": str(self.damaged_copy) if self.damaged_copy else None}


def _confirmed(confirm: bool | Callable[[BackupInfo], bool], info: BackupInfo) -> bool:
    return bool(confirm(info)) if callable(confirm) else bool(confirm)


# -- whose backup ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Book:
    """The book a restore would replace, as far as it can be read."""

    identity: BookIdentity
    customers: int | None  # None: unreadable (damaged)
    empty: bool  # missing, empty, or no customers and no visits


def _book_now(book: Path) -> _Book:
    if not book.is_file() or book.stat().st_size == 0:
        return _Book(BookIdentity(None, ""), 0, True)
    try:
        conn = sqlite3.connect(f"{book.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return _Book(BookIdentity(None, ""), None, False)
    with contextlib.closing(conn):
        identity = identity_of_connection(conn, book)
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "customer" not in tables:
                return _Book(identity, 0, True)
            customers = int(conn.execute("SELECT count(*) FROM customer").fetchone()[0])
            visits = int(conn.execute("SELECT count(*) FROM visit").fetchone()[0]) \
                if "visit" in tables else 0
        except sqlite3.Error:
            return _Book(identity, None, False)
    return _Book(identity, customers, customers == 0 and visits == 0)


def _check_same_book(info: BackupInfo, book: Path, from_other_book: bool) -> str | None:
    """Refuse another book's backup over a book that has something to lose.

    Returns the id the restored book must keep: the replaced book's, when another book's
    backup (or one without an id) is put over a book with content, as asked. The restore
    is then a step in *this* book's life: its backups, the one taken just before included,
    stay its own (``restore --newest`` undoes it). Over a new, empty or unreadable book
    the backup's book simply moves in, id and all (None).
    """
    now = _book_now(book)
    if now.identity.same_book(info.book_id) or now.empty or now.customers is None:
        return None
    if from_other_book:
        log.info("restoring %s (book %s) over %s (book %s), as asked", info.path,
                 info.book_id, book, now.identity.id)
        return now.identity.id
    data = {"path": str(info.path), "backup_book": info.book_name or "?",
            "backup_customers": info.customers if info.customers is not None else "?",
            "book": now.identity.name, "customers": now.customers}
    if info.book_id is None:
        raise Conflict("backup_unknown_book", **data)
    raise Conflict("backup_other_book", **data)


# -- taking the book over ------------------------------------------------------------------

def _take_exclusively(book: Path) -> sqlite3.Connection | None:
    """The book to ourselves, or StorageError db_in_use; None if it is damaged.

    Leaving WAL mode needs the only connection to the book, so it proves that no other
    window or command has it open; the read transaction then held (a shared lock in
    rollback-journal mode) keeps anyone from writing to it until the restore is done,
    while still letting the same connection read it for the safety backup.
    """
    conn = sqlite3.connect(book, timeout=2, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise StorageError("db_in_use", path=str(book))
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except StorageError:
        conn.close()
        raise
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise StorageError("db_in_use", path=str(book)) from exc
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None


def _keep_damaged(book: Path, settings: SettingsView) -> Path:
    """Copy a book that cannot be backed up properly (damaged) as it is, with its WAL."""
    from shopcrm.services.backup.identity import readable_name

    folder = backup_dir(settings)
    ensure_dir(folder)
    stem = f"shopcrm-{readable_name(book)}-{local_now():%Y-%m-%dT%H%M%S}-damaged"
    target = folder / f"{stem}.bak"
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}.bak"
        n += 1
    with safety.guarded(folder):
        for suffix in ("", "-wal"):
            src = Path(f"{book}{suffix}")
            if src.is_file():
                dst = Path(f"{target}{suffix}")
                safety.create_private(dst)
                shutil.copyfile(src, dst)
                safety.fsync_file(dst)
        safety.fsync_dir(folder)
    return target


# -- restore -----------------------------------------------------------------------------

def _described(source: Path, tmp: Path, revision: str, customers: int | None) -> BackupInfo:
    """The backup as the owner is shown it: its time and reason from its name (else the
    file's time, ``external``), whose book it is from the id inside it."""
    parsed = parse_name(source)
    _name_id, book_name = book_of_name(source)
    taken = parsed[0] if parsed else datetime.fromtimestamp(
        source.stat().st_mtime).replace(microsecond=0)
    return BackupInfo(source, taken, source.stat().st_size,
                      parsed[1] if parsed else "external", True, revision, customers,
                      book_id_of_file(tmp), book_name)


def restore(db_url: str | None, backup_path: str | os.PathLike[str],
            settings: SettingsView | None = None, *,
            confirm: bool | Callable[[BackupInfo], bool],
            from_other_book: bool = False) -> RestoreResult:
    """Replace the book at ``db_url`` with the backup at ``backup_path`` (see the top).

    ``confirm`` is True, or a function shown the checked backup that returns True to go
    on (False raises Cancelled and changes nothing). ``from_other_book`` allows a backup of
    another book over this one. Close every engine on the book first: while another
    connection has it open the restore is refused (db_in_use). Returns the reopened book
    in ``RestoreResult.db`` (the caller closes it). ``restore_steps`` is the same as long
    work (progress, cancel).
    """
    result: RestoreResult = run_to_end(restore_steps(
        db_url, backup_path, settings, confirm=confirm, from_other_book=from_other_book))
    return result


RESTORE_STEPS = 4  # check the copy, back up the book, put the copy in place, reopen


def restore_steps(db_url: str | None, backup_path: str | os.PathLike[str],
                  settings: SettingsView | None = None, *, confirm: bool | Callable[[BackupInfo],
                  bool],
                  from_other_book: bool = False, cancel: Cancel = None
                  ) -> Iterator[Progress | RestoreResult]:
    """``restore`` as long work: ``Progress`` per step, then the ``RestoreResult``. All or
    nothing: a cancel before the copy replaces the book raises Cancelled, book unchanged."""
    from sqlalchemy.engine import make_url

    from shopcrm.services.backup.care import book_care
    from shopcrm.services.settings.database_choice import book_url
    from shopcrm.storage.db import open_database, resolve_url

    url = resolve_url(db_url or book_url())
    if is_postgres(url):
        raise postgres_error(url)
    database = make_url(url).database
    if not database or database == ":memory:":
        raise InvalidInput("backup_memory")
    settings = settings_or_default(settings)
    book = Path(database)
    source = Path(backup_path).expanduser()
    if not source.is_file():
        raise NotFound("backup_not_found", path=str(source))
    with open(source, "rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise InvalidInput("backup_not_sqlite", path=str(source))
    folder = book.parent
    ensure_dir(folder)
    clean_temp_files(folder, RESTORE_PREFIX)
    tmp = folder / f"{RESTORE_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    lock: sqlite3.Connection | None = None
    try:
        yield Progress(0, RESTORE_STEPS, "check")
        with safety.guarded(folder):
            safety.create_private(tmp)
            shutil.copyfile(source, tmp)
        try:
            with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
                conn.execute("PRAGMA journal_mode=DELETE").fetchall()  # one plain file
        except sqlite3.DatabaseError as exc:
            raise StorageError("backup_unverified", path=str(source), detail=str(exc)) from exc
        try:
            revision, customers = check_backup_file(tmp)
        except ShopError as exc:  # name the owner's file, not our temporary copy
            if "path" in exc.data:
                exc.data["path"] = str(source)
            raise
        info = _described(source, tmp, revision, customers)
        keep_id = _check_same_book(info, book, from_other_book)
        if not _confirmed(confirm, info):
            raise Cancelled()
        check_cancel(cancel)
        yield Progress(1, RESTORE_STEPS, "backup")
        if keep_id is not None:
            with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
                write_book_id(conn, keep_id)
        safety_backup: BackupInfo | None = None
        damaged: Path | None = None
        if book.is_file() and book.stat().st_size > 0:
            lock = _take_exclusively(book)
            if lock is not None:
                try:
                    # no rotation now: it must not delete the backup being restored
                    safety_backup = backup_file_copy(
                        lock, reason="restore", settings=settings, rotate=False,
                        identity=identity_of_connection(lock, book))
                except StorageError as exc:
                    if exc.code not in ("backup_unverified", "backup_not_a_book",
                                        "backup_failed"):
                        raise
                    damaged = _keep_damaged(book, settings)
            else:
                damaged = _keep_damaged(book, settings)
        check_cancel(cancel)  # the last moment the book is still the old one
        yield Progress(2, RESTORE_STEPS, "replace")
        with safety.guarded(folder):
            safety.fsync_file(tmp)
            os.chmod(tmp, 0o600)
        # The folder took the copy: a refusal now is the book's own file (immutable,
        # another owner's), and that file is what the owner is told about.
        with safety.guarded(book):
            os.replace(tmp, book)
        with safety.guarded(folder):
            for suffix in ("-wal", "-shm", "-journal"):
                safety.remove_quietly(f"{book}{suffix}")
            safety.fsync_dir(folder)
    except BaseException:
        safety.remove_quietly(tmp, f"{tmp}-journal")
        raise
    finally:
        if lock is not None:
            with contextlib.suppress(sqlite3.Error):
                lock.close()
    log.info("restored %s from %s", book, source)
    yield Progress(3, RESTORE_STEPS, "reopen")
    db = open_database(url, care=book_care(settings))
    yield Progress(RESTORE_STEPS, RESTORE_STEPS, "reopen")
    yield RestoreResult(db, info, safety_backup, damaged)
