"""Engine, connection pragmas, the two doors to the book, and automatic migrations.

``open_database(url)`` is the one way in: it creates the SQLite file readable by the
owner only, applies the pragmas on every connection (WAL, foreign keys, busy timeout),
checks the file, refuses a book written by a newer app, backs up an older book and
upgrades it with Alembic before anything else touches it.

Two doors (SQLAlchemy emits BEGIN itself; pysqlite's legacy mode, which runs SELECTs
outside any transaction and DDL in autocommit, is switched off):

- ``Database.reading()``, the read door: a deferred transaction (plain ``BEGIN``) that is
  never committed. On SQLite WAL a reader never waits for a writer, so every read (lists,
  counts, lookups, the customer table's pages, reports) goes through it and the window's
  GUI thread never waits on a lock. A flush of changes through it raises
  ``WriteThroughReadDoor``: a write there is a bug. ``read_session()`` is the same door
  for a generator that keeps its session open across yields (the caller closes it).
  ``reading_rows()`` is the same door as a Core connection, for a reader that needs no
  ORM (``shopcrm customers``: the ORM is imported only when a session is first opened).
- ``Database.writing()``, the write door: ``BEGIN IMMEDIATE`` on SQLite takes the write
  lock up front, so a second writer (another copy of the app, the ``shopcrm`` command)
  waits for the busy timeout instead of failing with "database is locked" when its read
  snapshot turns out stale, and a read-then-write unit (load a customer, check its
  version, update it) is atomic. Commits on success, rolls back on any error. Use it only
  for units that write. ``session()`` is its older name. Core code that writes through
  the engine uses ``write_engine`` (``BEGIN IMMEDIATE`` as well); migrations too.

Disk full, read-only places and a busy book come out of every statement as
``StorageError`` disk_full / read_only / db_locked (``shopcrm.storage.safety``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, ExceptionContext, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, NoSuchModuleError, OperationalError

from shopcrm.errors import InvalidInput, NotFound, ShopError, StorageError
from shopcrm.paths import create_private_file, db_url_from, default_db_url
from shopcrm.storage.care import BookCare
from shopcrm.storage.migrate import is_current

if TYPE_CHECKING:  # the ORM is imported when a session is first asked for, not on open
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 15_000
# Execution option read by the SQLite "begin" listener: "immediate" or "deferred".
BEGIN_OPTION = "shopcrm_sqlite_begin"


@dataclass
class Database:
    """An open customer book: its engine and its two doors (see the module's docstring).

    The ORM (``sqlalchemy.orm``) is imported when a session is first asked for: a command
    that reads through ``reading_rows()`` (``shopcrm customers``) never loads it."""

    url: str
    engine: Engine
    _sessions: sessionmaker[Session] | None = None  # the write door (BEGIN IMMEDIATE on SQLite)
    _read_sessions: sessionmaker[Session] | None = None  # the read door (deferred BEGIN)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """The write door: a unit of work that takes the write lock first (``BEGIN
        IMMEDIATE`` on SQLite), commits on success and rolls back on any error."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # The write door's older name (units of work that write).
    session = writing

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """The read door: a deferred transaction that never takes the write lock.

        On SQLite WAL a reader never waits for a writer. Nothing is committed: the
        transaction ends with the block (closing the session rolls it back; objects read
        keep their loaded values), and a flush of changes raises ``WriteThroughReadDoor``.
        """
        session = self.read_session()
        try:
            yield session
            if session.new or session.dirty or session.deleted:
                _refuse_flush(session, None, None)
        finally:
            session.close()

    def read_session(self) -> Session:
        """The read door as a plain session, for a generator that reads across yields
        (the caller closes it)."""
        if self._read_sessions is None:
            self._read_sessions = read_sessionmaker(self.engine)
        return self._read_sessions()

    @contextmanager
    def reading_rows(self) -> Iterator[Connection]:
        """The read door for Core statements, without the ORM: a connection in a deferred
        transaction (never the write lock) that is rolled back at the end. An INSERT,
        UPDATE or DELETE through it raises ``WriteThroughReadDoor``."""
        with self.engine.connect() as conn:
            event.listen(conn, "before_cursor_execute", _refuse_dml)
            conn.begin()
            try:
                yield conn
            finally:
                conn.rollback()

    @property
    def write_engine(self) -> Engine:
        """The engine for Core code that writes: its transactions take the write lock first."""
        return self.engine.execution_options(**{BEGIN_OPTION: "immediate"})

    def close(self) -> None:
        self.engine.dispose()


class WriteThroughReadDoor(RuntimeError):
    """Changes were flushed through ``Database.reading()``: a bug, never the owner's."""


def _refuse_flush(session: Session, _context: object, _instances: object) -> None:
    raise WriteThroughReadDoor(
        f"changes to {len(session.new) + len(session.dirty) + len(session.deleted)} "
        "objects were flushed through the read door; use Database.writing()")


def _refuse_dml(_conn: Connection, _cursor: object, statement: str, _parameters: object,
                context: object, _executemany: bool) -> None:
    if any(getattr(context, flag, False) for flag in ("isinsert", "isupdate", "isdelete")):
        raise WriteThroughReadDoor(f"a write through the read door: {statement[:80]}")


def read_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions of the read door: deferred BEGIN, and a flush of changes refused."""
    from sqlalchemy.orm import sessionmaker

    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _refuse_flush)
    return factory


def _normalise_url(url: str) -> str:
    """A URL or a plain file path (``--db``, ``SHOPCRM_DB``) as the URL to open."""
    return db_url_from(url)


def resolve_url(url: str | None) -> str:
    """The book's URL: ``url`` (a URL or a file path) if given, else the default book."""
    if url is not None and not url.strip():
        raise InvalidInput("db_bad_url", value=url)
    return _normalise_url(url or default_db_url())


def _check_sqlite_file(path: Path, create: bool) -> None:
    """Refuse what is not a book before SQLite opens (and so creates) anything.

    A missing file is a new book only when ``create``; otherwise NotFound
    ``db_missing_book`` (a mistyped path must not leave an empty book behind). A file that
    is there but is not a SQLite database is left to SQLite: db_corrupt, which offers the
    newest good backup (it may be the owner's book, damaged).
    """
    if path.is_dir():
        raise InvalidInput("db_is_folder", path=str(path))
    if not path.exists() and not create:
        raise NotFound("db_missing_book", path=str(path))


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # SQLAlchemy emits BEGIN (see _sqlite_begin), not pysqlite's legacy transaction control.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB: lists and bulk inserts
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "deferred")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "immediate" else "BEGIN")


def _error_translator(path: Path | None) -> Callable[[ExceptionContext], BaseException | None]:
    def translate(context: ExceptionContext) -> BaseException | None:
        from shopcrm.storage import safety  # loaded on the first error, not on every open

        found = safety.translate(context.original_exception, path)
        if found is None and _is_damage(context.original_exception):
            # a page of the file is garbage: db_corrupt (the caller that knows the backup
            # feature names the newest good backup, see open_database and the CLI)
            return StorageError("db_corrupt", detail=_short(context.original_exception),
                                backup="")
        return found

    return translate


_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def _is_damage(exc: BaseException) -> bool:
    """SQLite says the file is damaged (malformed, or not a database any more)."""
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.OperationalError):
        return False
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text \
        or "file is not a database" in text


def make_engine(url: str, *, create: bool = True) -> Engine:
    url = _normalise_url(url)
    parsed = make_url(url)
    try:
        parsed.get_dialect()  # an unknown driver is said before any file is looked at
    except NoSuchModuleError as exc:
        raise InvalidInput("db_driver_missing", driver=parsed.drivername,
                           detail=str(exc).splitlines()[0][:200]) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            _check_sqlite_file(Path(database), create)
            create_private_file(Path(database))
        engine = _create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        where = Path(database) if database and database != ":memory:" else None
        event.listen(engine, "handle_error", _error_translator(where))
        return engine
    engine = _create_engine(url, pool_pre_ping=True)
    event.listen(engine, "handle_error", _error_translator(None))
    return engine


def _create_engine(url: str, **kwargs: object) -> Engine:
    """``create_engine``, with a missing database driver said as a user error."""
    try:
        return create_engine(url, **kwargs)  # type: ignore[arg-type]
    except (NoSuchModuleError, ImportError) as exc:
        parsed = make_url(url)
        raise InvalidInput("db_driver_missing", driver=parsed.drivername,
                           detail=str(exc).splitlines()[0][:200]) from None


def open_database(
    url: str | None = None, *, migrate: bool = True, check: bool = True, create: bool = True,
    care: BookCare | None = None,
) -> Database:
    """Open the book at ``url`` (a URL or a SQLite file path; default: the owner's book)
    and bring its schema up to date.

    A missing SQLite file is created only with ``create`` (the default: the window,
    ``init``, ``demo``, ``import``...); commands that only read pass ``create=False`` and
    get NotFound ``db_missing_book`` instead, with nothing made on disk.

    ``care`` (``shopcrm.services.backup.care.book_care()``) backs an older file book up
    before it is upgraded and names the newest good backup of a damaged one; without it
    an older file book is not upgraded (``migration_backup_failed``)."""
    url = resolve_url(url)
    path: Path | None = None
    engine: Engine | None = None
    try:
        engine = make_engine(url, create=create)
        writer = engine.execution_options(**{BEGIN_OPTION: "immediate"})
        if engine.dialect.name == "sqlite":
            database = make_url(url).database
            path = Path(database) if database and database != ":memory:" else None
        if check and engine.dialect.name == "sqlite":
            _quick_check(engine, care)
        if migrate and not is_current(engine):  # a read: never waits for a writer
            from shopcrm.storage.migrate import upgrade_to_head

            if path is not None:
                _backup_before_migration(engine, path, care)
            upgrade_to_head(writer)
        if migrate and create and path is not None:
            _give_book_an_id(writer)
    except BaseException as exc:
        if engine is not None:  # no pooled connection may keep a refused book open
            engine.dispose()
        if isinstance(exc, OperationalError):
            raise StorageError("db_open_failed", detail=_short(exc)) from exc
        if isinstance(exc, DatabaseError):
            raise _corrupt_error(_short(exc), care, path) from exc
        if isinstance(exc, StorageError) and exc.code == "db_corrupt" and \
                not exc.data.get("backup"):
            raise _corrupt_error(str(exc.data.get("detail", "")), care, path) from exc
        raise
    return Database(url, engine)


def _give_book_an_id(writer: Engine) -> None:
    """A SQLite book opened for work gets its id once (``shopcrm.storage.book_id``), so its
    backups carry it; a book that cannot be written now simply gets it later."""
    from shopcrm.storage.book_id import ensure_book_id

    try:
        ensure_book_id(writer, wait=False)  # the window opens at once, id or not
    except (ShopError, OperationalError) as exc:
        import logging

        logging.getLogger("shopcrm.storage").info("no book id written now: %s", exc)


def quick_check(db: Database, care: BookCare | None = None) -> None:
    """``PRAGMA quick_check`` on a SQLite book: raises db_corrupt (naming the newest good
    backup ``care`` finds) on damage. Seconds on a very large book, so the window runs it
    on a worker once it is idle after its first paint; ``shopcrm check`` runs it on demand."""
    if db.is_sqlite:
        _quick_check(db.engine, care)


def _quick_check(engine: Engine, care: BookCare | None) -> None:
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA quick_check"))]
    if rows != ["ok"]:
        database = engine.url.database
        path = Path(database) if database and database != ":memory:" else None
        raise _corrupt_error("; ".join(map(str, rows[:3])), care, path)


def _corrupt_error(detail: str, care: BookCare | None, path: Path | None) -> StorageError:
    """db_corrupt, naming the newest good backup of this book (``backup``, "" if none)."""
    backup = ""
    if care is not None:
        try:
            backup = care.newest_good_backup(path)
        except Exception:  # never hide the damage behind a second failure
            backup = ""
    return StorageError("db_corrupt", detail=detail, backup=backup)


def _backup_before_migration(engine: Engine, path: Path, care: BookCare | None) -> None:
    """Back up a SQLite book the app is about to upgrade (not a new or a newer one)."""
    from shopcrm.storage.migrate import alembic_config, current_revision, head_revision

    current = current_revision(engine)
    if current is None or current == head_revision():
        return
    from alembic.script import ScriptDirectory

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(current)
    except Exception:
        return  # unknown revision: upgrade_to_head refuses it (db_newer)
    if care is None:
        raise StorageError("migration_backup_failed", path=str(path),
                           detail="opened without the backup feature: not upgraded")
    try:
        care.backup_before_migration(path)
    except ShopError as exc:
        raise StorageError("migration_backup_failed", detail=str(exc),
                           path=exc.data.get("path", "")) from exc


def _short(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).splitlines()[0][:300]
