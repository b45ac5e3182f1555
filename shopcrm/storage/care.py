"""What the storage layer asks of the backup feature, without importing it.

Opening an older book upgrades it, and an upgrade must never run without a backup first;
a damaged book is explained naming the newest good backup. Both are the backup feature's
work (``shopcrm.services.backup``), which sits above storage: the caller that opens the
book hands ``open_database`` a ``BookCare`` (``shopcrm.services.backup.care.book_care``),
so storage imports nothing above it. Without one, storage refuses to upgrade a file book
(``migration_backup_failed``) rather than upgrade it unprotected, and names no backup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BookCare:
    """``backup_before_migration(path)`` copies the book before an upgrade (raises
    ShopError when it cannot); ``newest_good_backup(path)`` is the path of the newest
    backup of the book at ``path`` that passes its check now, or ""."""

    backup_before_migration: Callable[[Path], None]
    newest_good_backup: Callable[[Path | None], str]
