"""Which database the app opens at start: the owner's choice from the Settings page.

The choice is a SQLAlchemy URL kept in ``database.toml`` in the config dir (owner-only,
like the settings file). A password in a PostgreSQL URL is never written there: it goes to
the secret store (the keyring, or the private secrets file when ``secrets.store = "file"``)
under ``database.password`` and is put back when the URL is read.

Precedence at start-up: ``--db``, then ``SHOPCRM_DB``, then this choice, then the book in
the user data dir; ``book_url()`` resolves them after ``--db``. A change takes effect at the next
start: the open book is never switched under a running window.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from shopcrm.errors import InvalidInput, StorageError
from shopcrm.paths import config_dir, create_private_file

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

FILE_NAME = "database.toml"
SECRET_NAME = "database.password"
POSTGRES_DRIVER = "postgresql+psycopg"


def choice_file() -> Path:
    return config_dir() / FILE_NAME


def parse_choice(text: str) -> str:
    """A typed database as a URL: a file path (``~`` fine) becomes ``sqlite:///<abs path>``;
    ``postgresql://user:pass@host:port/name`` gets the psycopg driver. InvalidInput
    ``bad_field`` (field ``database``) for anything else."""
    value = text.strip()
    if not value:
        raise InvalidInput("bad_field", field="database", detail="empty")
    if "://" not in value:
        path = Path(value).expanduser()
        if path.exists() and path.is_dir():
            raise InvalidInput("bad_field", field="database", detail=f"{path} is a folder")
        return f"sqlite:///{path.resolve()}"
    try:
        url = make_url(value)
    except ArgumentError:
        raise InvalidInput("bad_field", field="database", detail="not a database URL") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise InvalidInput("bad_field", field="database", detail="no file")
        return url.render_as_string(hide_password=False)
    if backend not in ("postgresql", "postgres"):
        raise InvalidInput("bad_field", field="database",
                           detail=f"{backend}: only SQLite files and PostgreSQL")
    if not url.host or not url.database:
        raise InvalidInput("bad_field", field="database", detail="host and database needed")
    return url.set(drivername=POSTGRES_DRIVER).render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """The URL as shown on screen: a file path, or the URL with the password hidden."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ""
    return parsed.render_as_string(hide_password=True)


def _secrets(settings: SettingsView) -> Any:
    """The secret store the settings use (one given to ``Settings(secrets=...)`` in tests),
    else the keyring / private file store."""
    store = getattr(settings, "_secrets", None)
    if store is not None:
        return store
    from shopcrm.secrets import SecretStore

    return SecretStore(settings)


def save_choice(url: str, settings: SettingsView) -> None:
    """Remember ``url`` (from :func:`parse_choice`) for the next start; its password goes to
    the secret store (StorageError ``no_keyring`` when there is none and the owner has not
    chosen the private file)."""
    parsed = make_url(url)
    password = parsed.password
    if password:
        _secrets(settings).set(SECRET_NAME, str(password))
        parsed = parsed._replace(password=None)  # set() ignores None
    else:
        _forget_password(settings)
    path = choice_file()
    create_private_file(path)
    tmp = path.with_suffix(".tmp")
    escaped = parsed.render_as_string(hide_password=False).replace("\\", "\\\\").replace(
        '"', '\\"')
    tmp.write_text(f'url = "{escaped}"\n', encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def clear_choice(settings: SettingsView) -> None:
    """Back to the default book at the next start."""
    path = choice_file()
    if path.exists():
        path.unlink()
    _forget_password(settings)


def _forget_password(settings: SettingsView) -> None:
    with contextlib.suppress(StorageError):  # no store at all: nothing was kept in one
        _secrets(settings).set(SECRET_NAME, "")


def book_url(settings: SettingsView | None = None) -> str:
    """The book to open when no ``--db`` is given: ``SHOPCRM_DB``, else the owner's choice,
    else the book in the user data dir."""
    from shopcrm.paths import default_db_path

    if os.environ.get("SHOPCRM_DB"):
        return os.environ["SHOPCRM_DB"]
    return chosen_url(settings) or f"sqlite:///{default_db_path()}"


def chosen_url(settings: SettingsView | None = None) -> str | None:
    """The saved choice (with its password), or None. A damaged file counts as no choice
    (the default book opens; the Settings page shows the file to fix)."""
    path = choice_file()
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            url = str(tomllib.load(fh).get("url") or "").strip()
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if not url:
        return None
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" and parsed.username and not parsed.password:
        if settings is None:
            from shopcrm.config import Settings

            try:
                settings = Settings()
            except Exception:  # an unreadable settings file: the keyring is still there
                settings = Settings(path=config_dir() / ".no-settings.toml")
        password = _secrets(settings).get(SECRET_NAME)
        if password:
            parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


def check_connection(url: str, timeout: float = 5.0) -> str:
    """Connect to ``url`` and ask the server one question; the server's version on
    success, StorageError ``db_open_failed`` (with the reason) if not. Creates nothing:
    a SQLite file must already exist."""
    from sqlalchemy import create_engine, text

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not path.is_file():
            raise StorageError("db_open_failed", detail=f"{path}: no such file yet (it is "
                                                        "created at the next start)")
        args: dict[str, Any] = {}
        query = "select sqlite_version()"
    else:
        args = {"connect_timeout": int(timeout)}
        query = "select version()"
    engine = create_engine(url, connect_args=args)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text(query)).scalar())
    except Exception as exc:
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()
        raise StorageError("db_open_failed", detail=(detail[0] if detail else repr(exc))
                           .replace(str(parsed.password or "\0"), "***")) from None
    finally:
        engine.dispose()
