"""The backup feature's care of the book as the storage layer asks for it (``BookCare``):
a ``migration`` backup before an upgrade, and the newest good backup after damage.

``open_book`` is ``open_database`` with that care: the window, the ``shopcrm`` command and
a restore open books through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from shopcrm.storage.care import BookCare
from shopcrm.storage.db import Database, open_database

if TYPE_CHECKING:
    from shopcrm.config import SettingsView


def book_care(settings: SettingsView | None = None) -> BookCare:
    def backup_before_migration(path: Path) -> None:
        from shopcrm.services.backup.backups import backup_file_copy

        backup_file_copy(path, reason="migration", settings=settings)

    def newest_good_backup(path: Path | None) -> str:
        from shopcrm.services.backup.backups import newest_good_backup as newest

        if path is None:
            return ""
        found = newest(settings, book=path)
        return str(found.path) if found is not None else ""

    return BookCare(backup_before_migration, newest_good_backup)


def open_book(url: str | None = None, *, migrate: bool = True, check: bool = True,
              create: bool = True, settings: SettingsView | None = None) -> Database:
    """Open the book at ``url`` (default: ``database_choice.book_url()``) with the backup
    feature's care."""
    if url is None:
        from shopcrm.services.settings.database_choice import book_url

        url = book_url()
    # "" is a mistyped --db, refused by the storage (db_bad_url), not the default book
    return open_database(url, migrate=migrate, check=check,
                         create=create, care=book_care(settings))
