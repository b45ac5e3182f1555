"""The cancel flag of long work (DESIGN: a service generator honours a cancel flag)."""

from __future__ import annotations

from typing import Any

Cancel = Any  # a threading.Event, or a callable returning True to stop, or None


def is_cancelled(cancel: Cancel) -> bool:
    """True once the owner asked to stop: ``cancel.is_set()`` or ``cancel()``."""
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(cancel())
