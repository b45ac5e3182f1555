"""Typed errors raised by the core.

Each error carries a stable ``code`` and plain ``data``. The core never words a
message for the owner: ``shopcrm.error_text`` turns codes into Persian or English
sentences for the CLI and the window alike.
"""

from __future__ import annotations

from typing import Any


class ShopError(Exception):
    """Base of every error the owner may see. ``code`` names the situation."""

    code: str = "error"

    def __init__(self, code: str | None = None, /, **data: Any) -> None:
        if code is not None:
            self.code = code
        self.data: dict[str, Any] = data
        super().__init__(self.code, data)

    def __str__(self) -> str:  # English wording, for logs and tracebacks
        from shopcrm.error_text import describe

        return describe(self, "en")


class InvalidInput(ShopError):
    """A value typed or read from a file cannot be used (bad phone, bad date...)."""

    code = "invalid_input"


class NotFound(ShopError):
    code = "not_found"


class Conflict(ShopError):
    """The operation clashes with what is stored (duplicate mobile, stale edit, a demo
    into a book that has customers: ``demo_book_not_empty``...)."""

    code = "conflict"


class StorageError(ShopError):
    """The database or a file cannot be read or written."""

    code = "storage"


class ProviderError(ShopError):
    """An SMS or email provider refused or failed."""

    code = "provider"


class Cancelled(ShopError):
    code = "cancelled"
