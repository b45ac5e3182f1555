""""Copy diagnostics": one plain text report for a support request, with no secrets.

``collect_diagnostics(settings, db=None)`` gathers versions (the app, Python, SQLAlchemy,
Alembic, PySide6 and the other libraries, read with ``importlib.metadata`` so that Qt is
never imported here), the platform, the paths in use, the database URL with its password
masked, the schema revision and row counts, the backups, the settings with secrets
masked, and the last 100 log lines. The whole text is scrubbed at the end: every known
secret value (the SMS API key and SMTP password from the settings, the environment and
the keyring, and every value registered with ``shopcrm.logs.register_secret``), the
password of any ``scheme://user:password@host`` URL and a Kavenegar API key inside a
gateway URL are replaced with ``***``, wherever they appear.
"""

from __future__ import annotations

import contextlib
import platform
import sys
from collections.abc import Iterable
from importlib import metadata
from typing import Any

from shopcrm.config import OPTIONS, Settings, SettingsView
from shopcrm.domain.dates import utc_now
from shopcrm.masking import _URL_PASSWORD, known_secrets, scrub
from shopcrm.masking import MASKED as _MASKED

__all__ = ["collect_diagnostics", "known_secrets", "mask_url", "scrub"]

LOG_LINES = 100
PACKAGES = ("shopcrm", "SQLAlchemy", "alembic", "PySide6-Essentials", "PySide6",
            "openpyxl", "python-calamine", "xlsxwriter", "matplotlib", "kavenegar",
            "requests", "persiantools", "platformdirs", "keyring", "psycopg")


def package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def mask_url(url: str) -> str:
    """A database URL with its password hidden."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return _URL_PASSWORD.sub(lambda m: f"{m['head']}{_MASKED}@", url)


def _section(title: str, lines: Iterable[str]) -> list[str]:
    return [f"== {title}", *lines, ""]


def _versions() -> list[str]:
    lines = [f"python: {sys.version.split()[0]} ({platform.python_implementation()}, "
             f"{sys.executable})"]
    for name in PACKAGES:
        version = package_version(name)
        if version is not None:
            lines.append(f"{name}: {version}")
        elif name in ("shopcrm", "PySide6-Essentials"):
            lines.append(f"{name}: not installed")
    return lines


def _platform() -> list[str]:
    return [f"platform: {platform.platform()}", f"machine: {platform.machine()}",
            f"byte order: {sys.byteorder}",
            f"file system encoding: {sys.getfilesystemencoding()}"]


def _paths(settings: SettingsView) -> list[str]:
    from shopcrm import paths

    lines = []
    for label, getter in (("data dir", paths.data_dir), ("config dir", paths.config_dir),
                          ("log dir", paths.log_dir)):
        try:
            lines.append(f"{label}: {getter()}")
        except OSError as exc:
            lines.append(f"{label}: unavailable ({exc})")
    try:
        from shopcrm.services.backup.backups import backup_dir

        lines.append(f"backup dir: {backup_dir(settings)}")
    except Exception as exc:
        lines.append(f"backup dir: unavailable ({type(exc).__name__})")
    return lines


def _keyring() -> list[str]:
    try:
        import keyring

        from shopcrm.secrets import keyring_available

        backend = type(keyring.get_keyring())
        return [f"keyring backend: {backend.__module__}.{backend.__name__}",
                f"keyring available: {keyring_available()}"]
    except Exception as exc:
        return [f"keyring: unavailable ({type(exc).__name__})"]


def _database(db: Any, db_url: str | None, db_error: str | None) -> list[str]:
    if db is None:
        lines = [f"url: {mask_url(db_url)}" if db_url else "url: (not opened)"]
        if db_error:
            lines.append(f"cannot open: {db_error}")
        return lines
    from sqlalchemy import func, select

    from shopcrm.storage.migrate import current_revision, head_revision
    from shopcrm.storage.models import (
        Campaign,
        Customer,
        ImportBatch,
        Interaction,
        OutboxMessage,
        Visit,
    )

    lines = [f"url: {mask_url(db.url)}", f"backend: {db.engine.dialect.name}"]
    try:
        lines.append(f"schema revision: {current_revision(db.engine)} "
                     f"(this app: {head_revision()})")
    except Exception as exc:
        lines.append(f"schema revision: unreadable ({type(exc).__name__})")
    path = db.sqlite_path
    if path is not None:
        with contextlib.suppress(OSError):
            lines.append(f"file size: {path.stat().st_size:,} bytes")
    try:
        with db.reading() as s:
            for label, model, where in (
                ("customers", Customer, Customer.deleted_at.is_(None)),
                ("customers in trash", Customer, Customer.deleted_at.is_not(None)),
                ("visits", Visit, None), ("interactions", Interaction, None),
                ("campaigns", Campaign, None), ("outbox messages", OutboxMessage, None),
                ("import batches", ImportBatch, None),
            ):
                stmt = select(func.count()).select_from(model)
                if where is not None:
                    stmt = stmt.where(where)
                lines.append(f"{label}: {int(s.scalar(stmt) or 0):,}")
    except Exception as exc:
        lines.append(f"counts: unavailable ({type(exc).__name__}: {str(exc)[:200]})")
    return lines


def _backups(settings: SettingsView) -> list[str]:
    try:
        from shopcrm.services.backup.backups import list_backups

        backups = list_backups(settings)
    except Exception as exc:
        return [f"unavailable ({type(exc).__name__})"]
    lines = [f"count: {len(backups)}"]
    if backups:
        newest = backups[0]
        lines.append(f"newest: {newest.name} ({newest.size:,} bytes)")
    return lines


def _settings(settings: Settings) -> list[str]:
    try:
        values = settings.as_dict(mask_secrets=True)
    except Exception as exc:
        return [f"unreadable ({type(exc).__name__})"]
    lines = []
    for opt in OPTIONS:
        value = values.get(opt.name)
        try:
            source = settings.source(opt.name)
        except Exception:
            source = "?"
        lines.append(f"{opt.name} = {value!r} ({source})")
    return lines


def _log_tail() -> list[str]:
    try:
        from shopcrm.logs import last_lines

        lines = last_lines(LOG_LINES)
    except Exception as exc:
        return [f"unreadable ({type(exc).__name__})"]
    return lines or ["(empty)"]


def collect_diagnostics(settings: Settings, db: Any = None, *, db_url: str | None = None,
                        db_error: str | None = None) -> str:
    """The diagnostics report as text (see the module docstring). Never raises for a
    missing part: what cannot be read is reported as unavailable."""
    lines = [f"ShopCRM diagnostics, {utc_now():%Y-%m-%d %H:%M:%S} UTC", ""]
    lines += _section("versions", _versions())
    lines += _section("platform", _platform())
    lines += _section("paths", _paths(settings))
    lines += _section("secrets", _keyring())
    lines += _section("database", _database(db, db_url, db_error))
    lines += _section("backups", _backups(settings))
    lines += _section("settings (secrets masked)", _settings(settings))
    lines += _section(f"last {LOG_LINES} log lines", _log_tail())
    return scrub("\n".join(lines).rstrip() + "\n", known_secrets(settings))
