"""Logging to a rotating file in the user log dir (never secrets: see SecretFilter)."""

from __future__ import annotations

import contextlib
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
            record.msg, record.args = self.mask(record.getMessage()), ()
        return True

    def mask(self, text: str) -> str:
        from shopcrm.masking import scrub

        return scrub(text, self.secrets)


SECRET_FILTER = SecretFilter()


def register_secret(value: str | None) -> None:
    if value and len(value) >= 4:
        SECRET_FILTER.secrets.add(value)


class _MaskingFormatter(logging.Formatter):
    """Masks secrets in the whole formatted record, tracebacks included (a filter sees
    only the message; an exception's text, e.g. the Kavenegar SDK's, may hold the key)."""

    def format(self, record: logging.LogRecord) -> str:
        return SECRET_FILTER.mask(super().format(record))


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file it opens, the rotated ones too, is readable by the owner only."""

    def _open(self):  # type: ignore[no-untyped-def]
        create_private_file(Path(self.baseFilename))
        stream = super()._open()
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return stream


def _register_env_secrets() -> None:
    from shopcrm.config import OPTIONS

    for opt in OPTIONS:
        if opt.secret:
            register_secret(os.environ.get(opt.env_name))


def setup_file_logging(level: int = logging.INFO) -> Path:
    global _configured
    if _configured is not None:
        return _configured
    path = log_dir() / LOG_NAME
    create_private_file(path)
    _register_env_secrets()
    handler = _PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                          encoding="utf-8")
    handler.setFormatter(_MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
