"""The cancel flag of long work: now part of the long-work kit (``shopcrm.longwork``, where
the cancel protocol is written down). Kept so that older imports keep working."""

from __future__ import annotations

from shopcrm.longwork import Cancel, check_cancel, is_cancelled

__all__ = ["Cancel", "check_cancel", "is_cancelled"]
