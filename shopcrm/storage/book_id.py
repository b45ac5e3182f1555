"""The book's identity: a random id kept inside the book, so its backups can name it.

The id is a ``setting`` row (``book.id``, a JSON string of 12 hex digits), written once:
when a SQLite book is opened by something that may write it (the window, ``init``, an
import...), or at its first backup. Every backup is a copy of the book, so it carries the
id inside it as well as in its file name (``shopcrm.services.backup``): a backup can be
told apart from another book's even when several books share one backup folder.

A book made before ids existed has none until then; a command that only reads never
writes one. Nothing here knows about backups.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.exc import OperationalError

from shopcrm.errors import ShopError
from shopcrm.storage.models import Setting

BOOK_ID_KEY = "book.id"
ID_RE = re.compile(r"^[0-9a-f]{12}$")
_BEGIN_OPTION = "shopcrm_sqlite_begin"  # shopcrm.storage.db.BEGIN_OPTION (db imports this)


def new_book_id() -> str:
    return secrets.token_hex(6)


def _valid(raw: object) -> str | None:
    try:
        value = json.loads(str(raw))
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, str) and ID_RE.match(value) else None


def ensure_book_id(engine: Engine, *, wait: bool = True) -> str | None:
    """The book's id, written first if it has none. ``engine`` must take the write lock
    first on SQLite (``Database.write_engine``).

    The id is looked for with a plain read first, which never waits for another process's
    write: a book that has its id (every book after its first open) is not locked at all.
    Without ``wait`` a book that another process is writing gets no id now (None; the
    window opens at once and the id is written later, at the latest by the next backup);
    with it the write waits for the lock as any write does."""
    found = read_book_id(engine.execution_options(**{_BEGIN_OPTION: "deferred"}))
    if found is not None:
        return found
    with engine.connect() as conn:
        if wait:
            return _write_book_id(conn)
        with _no_busy_wait(conn):
            try:
                return _write_book_id(conn)
            except (ShopError, OperationalError) as exc:
                if not _is_busy(exc):
                    raise
                return None


def _write_book_id(conn: Connection) -> str:
    with conn.begin():
        found = _valid(conn.scalar(select(Setting.value).where(Setting.key == BOOK_ID_KEY)))
        if found is not None:  # written meanwhile by another process
            return found
        book_id = new_book_id()
        conn.execute(delete(Setting).where(Setting.key == BOOK_ID_KEY))
        conn.execute(insert(Setting).values(key=BOOK_ID_KEY, value=json.dumps(book_id)))
        return book_id


@contextlib.contextmanager
def _no_busy_wait(conn: Connection) -> Iterator[None]:
    """SQLite's busy timeout off on this connection while the block runs (the pooled
    connection gets its timeout back after)."""
    if conn.dialect.name != "sqlite":
        yield
        return
    cursor = conn.connection.cursor()  # the DBAPI connection: no transaction begins
    try:
        previous = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        cursor.execute("PRAGMA busy_timeout = 0")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")
    finally:
        cursor.close()


def _is_busy(exc: BaseException) -> bool:
    """Another process holds the write lock (``db_locked`` once the engine's error
    translator has seen it, SQLite's own "database is locked" otherwise)."""
    if isinstance(exc, ShopError):
        return exc.code == "db_locked"
    return "database is locked" in str(exc).lower()


def read_book_id(engine: Engine) -> str | None:
    """The book's id, or None when it has none yet (a book from before ids)."""
    with engine.connect() as conn:
        return _valid(conn.scalar(select(Setting.value).where(Setting.key == BOOK_ID_KEY)))


def book_id_in(conn: sqlite3.Connection) -> str | None:
    """The id inside a SQLite book or backup read through ``sqlite3``; None when it has
    none or the row cannot be read (a damaged file, not a book)."""
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (BOOK_ID_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    return _valid(row[0]) if row else None


def write_book_id(conn: sqlite3.Connection, book_id: str) -> None:
    """Give the SQLite book open on ``conn`` the id ``book_id`` (the restore keeps the
    replaced book's id when another book's backup takes its place)."""
    from shopcrm.domain.dates import utc_now

    if not ID_RE.match(book_id):
        raise ValueError(f"not a book id: {book_id!r}")
    now = str(utc_now())
    with conn:
        conn.execute("DELETE FROM setting WHERE key = ?", (BOOK_ID_KEY,))
        conn.execute("INSERT INTO setting (key, value, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?)", (BOOK_ID_KEY, json.dumps(book_id), now, now))


def book_id_of_file(path: str | Path) -> str | None:
    """The id inside the SQLite file at ``path``, read-only (None if none or unreadable)."""
    file = Path(path)
    if not file.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    with contextlib.closing(conn):
        return book_id_in(conn)
