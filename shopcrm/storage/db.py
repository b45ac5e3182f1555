"""Engine, connection pragmas, sessions and automatic migrations.

``open_database(url)`` is the one way in: it creates the SQLite file readable by the
owner only, applies the pragmas on every connection (WAL, foreign keys, busy timeout),
checks the file, refuses a book written by a newer app, and upgrades an older book
with Alembic before anything else touches it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from shopcrm.errors import StorageError
from shopcrm.paths import create_private_file, default_db_url

BUSY_TIMEOUT_MS = 15_000


@dataclass
class Database:
    """An open customer book: its engine and a session factory."""

    url: str
    engine: Engine
    _sessions: sessionmaker[Session]

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
    def session(self) -> Iterator[Session]:
        """A short unit of work: commits on success, rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def read_session(self) -> Session:
        """A session for reads only (the caller closes it)."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()


def _normalise_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB: lists and bulk inserts
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


def make_engine(url: str) -> Engine:
    url = _normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            create_private_file(Path(database))
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_database(
    url: str | None = None, *, migrate: bool = True, check: bool = True
) -> Database:
    """Open (creating if needed) the book at ``url`` and bring its schema up to date."""
    url = _normalise_url(url or default_db_url())
    try:
        engine = make_engine(url)
        if check and engine.dialect.name == "sqlite":
            _quick_check(engine)
        if migrate:
            from shopcrm.storage.migrate import upgrade_to_head

            upgrade_to_head(engine)
    except OperationalError as exc:
        raise StorageError("db_open_failed", detail=_short(exc)) from exc
    except DatabaseError as exc:
        raise StorageError("db_corrupt", detail=_short(exc)) from exc
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))


def _quick_check(engine: Engine) -> None:
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA quick_check"))]
    if rows != ["ok"]:
        raise StorageError("db_corrupt", detail="; ".join(map(str, rows[:3])))


def _short(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).splitlines()[0][:300]
