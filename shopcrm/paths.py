"""Where the owner's files live: platformdirs, overridable for tests and portable use.

``SHOPCRM_DATA_DIR``, ``SHOPCRM_CONFIG_DIR`` and ``SHOPCRM_LOG_DIR`` replace the
platform's user directories (tests point them at a temporary folder).
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


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def create_private_file(path: Path) -> None:
    """Create ``path`` (if missing) readable and writable by the owner only (POSIX)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
