"""Checks the window runs once it is on screen: the file's health, then the daily backup.

They take seconds on a very large book, so they run on a worker after the first paint
instead of delaying the window; damage found here is reported the same way as damage
found while opening (db_corrupt, naming the newest good backup).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from shopcrm.storage.db import Database, quick_check

if TYPE_CHECKING:
    from shopcrm.config import SettingsView


@dataclass(frozen=True)
class StartupReport:
    checked: bool  # the SQLite file was checked (PostgreSQL checks itself)
    backup_path: str | None  # the daily backup taken now, if one was due


def startup_checks(db: Database, settings: SettingsView) -> StartupReport:
    from shopcrm.services.backup.care import book_care

    quick_check(db, book_care(settings))
    from shopcrm.services.backup.backups import daily_backup_if_due

    backup = daily_backup_if_due(db, settings)
    return StartupReport(checked=db.is_sqlite,
                         backup_path=str(backup.path) if backup is not None else None)
