"""Whose backup is it: the book's id (kept inside the book) and a readable name.

``identity_for(book)`` takes what callers have at hand: an open ``Database`` (its id is
written first if it has none: ``ensure=True``), a book file's path or URL (read-only; the id
is None for a book from before ids, or one too damaged to read), or a ``BookIdentity``.
The readable name is the book file's name without its suffix, in lower case, every other
character a ``-`` (``Shop Book.sqlite3`` -> ``shop-book``): it is for people, the id is
what decides.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopcrm.storage.book_id import book_id_in, book_id_of_file

DEFAULT_NAME = "book"


@dataclass(frozen=True)
class BookIdentity:
    id: str | None  # None: a book from before ids (or unreadable)
    name: str

    def same_book(self, other_id: str | None) -> bool:
        return self.id is not None and other_id == self.id


def readable_name(path: str | os.PathLike[str] | None) -> str:
    """``Shop Book.sqlite3`` -> ``shop-book`` (Persian letters and digits are kept)."""
    if path is None:
        return DEFAULT_NAME
    stem = Path(path).name
    for suffix in (".sqlite3", ".sqlite", ".db"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    slug = re.sub(r"[^\w]+|_", "-", stem.lower(), flags=re.UNICODE).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)[:40].strip("-")
    return slug or DEFAULT_NAME


def _path_of(book: Any) -> Path | None:
    if isinstance(book, Path):
        return book
    if isinstance(book, str):
        if "://" not in book:
            return Path(book).expanduser()
        from sqlalchemy.engine import make_url

        database = make_url(book).database
        return Path(database) if database and database != ":memory:" else None
    return None


def identity_for(book: Any, *, ensure: bool = False) -> BookIdentity:
    """The identity of ``book``: a ``BookIdentity``, a ``Database``, a path or a URL."""
    if isinstance(book, BookIdentity):
        return book
    if hasattr(book, "engine") and hasattr(book, "sqlite_path"):  # a Database
        path = book.sqlite_path
        if ensure and path is not None:
            from sqlalchemy.exc import OperationalError

            from shopcrm.errors import ShopError
            from shopcrm.storage.book_id import ensure_book_id

            try:
                return BookIdentity(ensure_book_id(book.write_engine), readable_name(path))
            except (ShopError, OperationalError):  # a read-only book: back it up as it is
                pass
        return BookIdentity(book_id_of_file(path) if path is not None else None,
                            readable_name(path))
    path = _path_of(book)
    return BookIdentity(book_id_of_file(path) if path is not None else None,
                        readable_name(path))


def identity_of_connection(conn: sqlite3.Connection, path: str | os.PathLike[str] | None
                           ) -> BookIdentity:
    """The identity of the book open on ``conn`` (the restore's exclusive connection)."""
    return BookIdentity(book_id_in(conn), readable_name(path))
