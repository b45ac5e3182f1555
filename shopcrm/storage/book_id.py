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
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select

from shopcrm.storage.models import Setting

BOOK_ID_KEY = "book.id"
ID_RE = re.compile(r"^[0-9a-f]{12}$")


def new_book_id() -> str:
    return secrets.token_hex(6)


def _valid(raw: object) -> str | None:
    try:
        value = json.loads(str(raw))
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, str) and ID_RE.match(value) else None


def ensure_book_id(engine: Engine) -> str:
    """The book's id, written first if it has none. ``engine`` must take the write lock
    first on SQLite (``Database.write_engine``)."""
    with engine.begin() as conn:
        found = _valid(conn.scalar(select(Setting.value).where(Setting.key == BOOK_ID_KEY)))
        if found is not None:
            return found
        book_id = new_book_id()
        conn.execute(delete(Setting).where(Setting.key == BOOK_ID_KEY))
        conn.execute(insert(Setting).values(key=BOOK_ID_KEY, value=json.dumps(book_id)))
        return book_id


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
