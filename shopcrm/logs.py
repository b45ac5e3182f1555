"""Logging to a rotating file in the user log dir (never secrets: see SecretFilter)."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from shopcrm.paths import create_private_file, log_dir

LOG_NAME = "shopcrm.log"
_configured: Path | None = None


class SecretFilter(logging.Filter):
    """Masks known secret values in every record that passes through."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            for secret in self.secrets:
                if secret and secret in message:
                    message = message.replace(secret, "***")
            record.msg, record.args = message, ()
        return True


SECRET_FILTER = SecretFilter()


def register_secret(value: str | None) -> None:
    if value and len(value) >= 4:
        SECRET_FILTER.secrets.add(value)


def setup_file_logging(level: int = logging.INFO) -> Path:
    global _configured
    if _configured is not None:
        return _configured
    path = log_dir() / LOG_NAME
    create_private_file(path)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(SECRET_FILTER)
    root = logging.getLogger("shopcrm")
    root.addHandler(handler)
    root.setLevel(level)
    os.chmod(path, 0o600)
    _configured = path
    return path


def last_lines(count: int = 200) -> list[str]:
    path = log_dir() / LOG_NAME
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8", errors="replace").splitlines()[-count:]
