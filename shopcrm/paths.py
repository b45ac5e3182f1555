"""Where the owner's files live: platformdirs, overridable for tests and portable use.

``SHOPCRM_DATA_DIR``, ``SHOPCRM_CONFIG_DIR`` and ``SHOPCRM_LOG_DIR`` replace the
platform's user directories (tests point them at a temporary folder).

The book: ``--db`` and ``SHOPCRM_DB`` take a plain file path (``~/shop.sqlite3``,
``book.sqlite3`` relative to the current folder) or a SQLAlchemy URL (``sqlite:///...``,
``postgresql://user@host/name``); :func:`db_url_from` turns either into the URL the
storage opens, and refuses anything else with one sentence.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("ShopCRM", appauthor=False)


def _dir(env: str, default: str) -> Path:
    from shopcrm.env import read

    path = Path(read(env) or default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _dir("SHOPCRM_DATA_DIR", _DIRS.user_data_dir)


def config_dir() -> Path:
    return _dir("SHOPCRM_CONFIG_DIR", _DIRS.user_config_dir)


def log_dir() -> Path:
    return _dir("SHOPCRM_LOG_DIR", _DIRS.user_log_dir)


def default_db_path() -> Path:
    return data_dir() / "shopcrm.sqlite3"


def default_db_url() -> str:
    """``SHOPCRM_DB`` if set, else the book in the user data dir. The owner's choice on
    the Settings page comes between the two: ``database_choice.book_url()`` (above this
    module) resolves all three, and the window and the command open that."""
    if os.environ.get("SHOPCRM_DB"):
        return os.environ["SHOPCRM_DB"]
    return f"sqlite:///{default_db_path()}"


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def db_url_from(value: str) -> str:
    """The SQLAlchemy URL for what the owner gave as ``--db``/``SHOPCRM_DB``.

    A value without ``://`` is a path to a SQLite file (``~`` expanded, made absolute
    against the current folder). A URL must name SQLite or PostgreSQL (``postgres://``
    and ``postgresql://`` get the psycopg driver). Raises InvalidInput ``db_bad_url``
    (empty, or not a URL SQLAlchemy can read), ``db_unknown_scheme`` (another database)
    or ``db_is_folder`` (a path to a folder). Creates nothing.
    """
    from shopcrm.errors import InvalidInput

    text = (value or "").strip()
    if not text:
        raise InvalidInput("db_bad_url", value=value or "")
    if "://" not in text:
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            raise InvalidInput("db_is_folder", path=str(path))
        return f"sqlite:///{path}"
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
        backend = url.get_backend_name()
    except (ArgumentError, ValueError):
        raise InvalidInput("db_bad_url", value=_hide_password(text)) from None
    if backend == "postgres" or url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
        backend = "postgresql"
    if backend not in SUPPORTED_BACKENDS:
        raise InvalidInput("db_unknown_scheme", scheme=url.drivername,
                           value=url.render_as_string(hide_password=True))
    if backend == "sqlite" and url.database and url.database != ":memory:" and \
            Path(url.database).expanduser().is_dir():
        raise InvalidInput("db_is_folder", path=url.database)
    return url.render_as_string(hide_password=False)


def _hide_password(text: str) -> str:
    """``scheme://user:***@host...`` for a URL that could not be parsed."""
    head, sep, rest = text.partition("://")
    if "@" in rest:
        creds, at, host = rest.rpartition("@")
        if ":" in creds:
            creds = creds.split(":", 1)[0] + ":***"
        rest = f"{creds}{at}{host}"
    return f"{head}{sep}{rest}"


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def create_private_file(path: Path) -> None:
    """Create ``path`` (if missing) readable and writable by the owner only (POSIX)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
