"""Disk full, read-only places and a busy book: one translation into clear errors.

Every place that writes the owner's data (database writes, backups, exports) runs its
I/O through this module, so a full disk or a read-only folder always reads the same way:

- ``translate(exc, path)`` turns an ``OSError`` (ENOSPC, EDQUOT, EFBIG, EROFS, EACCES,
  EPERM), a ``sqlite3`` error ("database or disk is full", "attempt to write a readonly
  database", "database is locked", "unable to open database file" in a place we cannot
  write), a PostgreSQL error (SQLSTATE 53100 disk_full, 25006 read-only transaction) or
  SQLAlchemy's wrapper of any of them into ``StorageError("disk_full" | "read_only" |
  "db_locked", path=...)``; anything else gives ``None`` (the caller re-raises it as is).
- ``guarded(path)`` is a ``with`` block doing that translation.
- ``atomic_write(path)`` / ``atomic_path(path)`` write a file to a temporary name beside
  it, fsync it and rename it over ``path`` only when complete: a full disk, a read-only
  folder or a kill leaves the old file (or nothing) in place, never half a file, and the
  temporary file is removed on failure. Exports use these.

The database engine translates its own errors with ``translate`` (a ``handle_error``
listener in ``shopcrm.storage.db``), so services see ``StorageError`` too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from shopcrm.errors import InvalidInput, ShopError, StorageError

DISK_FULL_ERRNOS = frozenset(
    e for e in (getattr(errno, "ENOSPC", None), getattr(errno, "EDQUOT", None),
                getattr(errno, "EFBIG", None)) if e is not None)
READ_ONLY_ERRNOS = frozenset(
    e for e in (getattr(errno, "EROFS", None), getattr(errno, "EACCES", None),
                getattr(errno, "EPERM", None)) if e is not None)

# SQLite primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14


def place_is_writable(path: str | os.PathLike[str] | None) -> bool:
    """Whether new files can be written where ``path`` is (a folder, or a file's folder).

    Looks at the mount's read-only flag (root ignores permissions, not a read-only mount)
    and at the permissions for the current user.
    """
    if path is None:
        return True
    place = Path(path)
    while not place.exists() and place != place.parent:
        place = place.parent
    if place.is_file():
        place = place.parent
    try:
        if os.statvfs(place).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return True
    return os.access(place, os.W_OK | os.X_OK)


def place_is_full(path: str | os.PathLike[str] | None) -> bool:
    """Whether the file system holding ``path`` has no room left for an ordinary user."""
    if path is None:
        return False
    place = Path(path)
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        st = os.statvfs(place)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def _place(path: Any) -> str:
    return "" if path is None else str(path)


def translate(exc: BaseException, path: str | os.PathLike[str] | None = None
              ) -> ShopError | None:
    """The clear ``StorageError`` for a disk-full / read-only / busy failure, else None."""
    return _translate(exc, path, depth=0)


def _translate(exc: BaseException, path: str | os.PathLike[str] | None, depth: int
               ) -> ShopError | None:
    if isinstance(exc, ShopError):
        return exc
    if depth < 4:
        # wrappers: SQLAlchemy's DBAPIError.orig, a library's own error raised from (or
        # around) the OSError, e.g. xlsxwriter's FileCreateError(OSError(ENOSPC))
        inner = [getattr(exc, "orig", None), exc.__cause__, exc.__context__,
                 *(a for a in exc.args[:1] if isinstance(a, BaseException))]
        for wrapped in inner:
            if isinstance(wrapped, BaseException) and wrapped is not exc:
                found = _translate(wrapped, path, depth + 1)
                if found is not None:
                    return found
    if isinstance(exc, OSError) and exc.errno is not None:
        where = path if path is not None else exc.filename  # the place, not a temp name
        if exc.errno in DISK_FULL_ERRNOS:
            return StorageError("disk_full", path=_place(where))
        if exc.errno in READ_ONLY_ERRNOS:
            return StorageError("read_only", path=_place(where))
        return None
    if isinstance(exc, sqlite3.Error):
        return _translate_sqlite(exc, path)
    if isinstance(exc, OverflowError) and "too large to convert" in str(exc):
        return InvalidInput("number_too_large_to_store")  # sqlite3: beyond 64-bit integers
    sqlstate = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    if sqlstate == "22003":  # PostgreSQL: numeric value out of range
        return InvalidInput("number_too_large_to_store")
    if sqlstate == "53100":
        return StorageError("disk_full", path=_place(path) or "PostgreSQL server")
    if sqlstate == "25006":
        return StorageError("read_only", path=_place(path) or "PostgreSQL server")
    return None


def _translate_sqlite(exc: sqlite3.Error, path: Any) -> ShopError | None:
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    if code == _SQLITE_FULL or "database or disk is full" in text:
        return StorageError("disk_full", path=_place(path))
    if code == _SQLITE_READONLY or "readonly database" in text:
        return StorageError("read_only", path=_place(path))
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return StorageError("db_locked", path=_place(path))
    if code in (_SQLITE_CANTOPEN, _SQLITE_IOERR) or "unable to open database" in text \
            or "disk i/o error" in text:
        if not place_is_writable(path):
            return StorageError("read_only", path=_place(path))
        if place_is_full(path):
            return StorageError("disk_full", path=_place(path))
    return None


@contextlib.contextmanager
def guarded(path: str | os.PathLike[str] | None) -> Iterator[None]:
    """Raise ``StorageError`` disk_full / read_only / db_locked for failures in the block."""
    try:
        yield
    except Exception as exc:  # OSError, sqlite3, SQLAlchemy wrappers, psycopg errors
        clear = translate(exc, path)
        if clear is None or clear is exc:
            raise
        raise clear from exc


def fsync_dir(directory: str | os.PathLike[str]) -> None:
    """Make a rename in ``directory`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_file(path: str | os.PathLike[str]) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(*paths: str | os.PathLike[str]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError,
                                 OSError):
            os.remove(path)


def temp_name_for(path: Path, tag: str = "tmp") -> Path:
    """A unique hidden temporary name beside ``path`` (same folder, same file system)."""
    return path.with_name(f".{path.name}.{tag}-{os.getpid()}-{secrets.token_hex(4)}")


def create_private(path: Path, mode: int = 0o600) -> None:
    """Create ``path`` empty and new (it must not exist), readable by the owner only."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], mode: int = 0o600) -> Iterator[Path]:
    """Yield a temporary path to write ``path`` through; publish it only if the block ends.

    For libraries that write by file name (xlsxwriter, openpyxl ``save``)::

        with atomic_path(out) as tmp:
            workbook = xlsxwriter.Workbook(tmp); ...; workbook.close()

    On success the file is fsynced, given ``mode`` and renamed over ``path``. On any error
    (translated to disk_full / read_only where that is the cause) the temporary file is
    removed and ``path`` is left as it was.
    """
    target = Path(path)
    tmp = temp_name_for(target)
    try:
        with guarded(target.parent):
            create_private(tmp, mode)
        yield tmp
        with guarded(target.parent):
            os.chmod(tmp, mode)
            fsync_file(tmp)
            os.replace(tmp, target)
            fsync_dir(target.parent)
    except BaseException as exc:
        remove_quietly(tmp)
        clear = translate(exc, target.parent) if not isinstance(exc, ShopError) else None
        if clear is not None and clear is not exc:
            raise clear from exc
        raise


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb", *, encoding: str | None = None,
                 file_mode: int = 0o600) -> Iterator[IO[Any]]:
    """Like ``open(path, mode)`` for writing, but all-or-nothing (see ``atomic_path``)."""
    if "b" not in mode and encoding is None:
        encoding = "utf-8"
    with atomic_path(path, file_mode) as tmp, guarded(Path(path).parent), \
            open(tmp, mode, encoding=encoding) as fh:
        yield fh
        fh.flush()
