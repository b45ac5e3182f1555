"""Backups of the SQLite customer book: the door to take, list, rotate and restore them.

Each part lives in its own module; this one re-exports what callers use, so
``from shopcrm.services.backup.backups import backup_now`` keeps working:

- ``identity``: whose backup it is (the book's id kept inside the book, a readable name);
- ``folder``: the backup folder, the names (book, id, time, reason), listing per book,
  rotation per book, leftovers of killed backups;
- ``take``: taking one (online backup API, verify, publish atomically), before risky
  steps and daily without needless copies, checking a backup file, the newest good one;
- ``restore``: putting a backup back over its own book (another book's only when told).

Nothing here imports Qt; all functions are plain and blocking (the window runs them on
its worker thread). To replace a step in a test, patch it in the module that calls it
(``take._verify``, ``restore.check_backup_file``), not here.
"""

from __future__ import annotations

from shopcrm.services.backup.folder import (
    KEEP_NEWEST,
    NAME_RE,
    REASON_RE,
    RESTORE_PREFIX,
    STALE_TEMP_SECONDS,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    BackupInfo,
    backup_dir,
    belongs_to,
    book_of_name,
    clean_temp_files,
    is_postgres,
    list_backups,
    local_now,
    parse_name,
    plan_rotation,
    postgres_error,
    rotate_backups,
)
from shopcrm.services.backup.identity import BookIdentity, identity_for, readable_name
from shopcrm.services.backup.restore import RESTORE_STEPS, RestoreResult, restore, restore_steps
from shopcrm.services.backup.take import (
    BACKUP_STEPS,
    SQLITE_HEADER,
    backup_before,
    backup_file_copy,
    backup_file_steps,
    backup_now,
    backup_now_steps,
    check_backup_file,
    daily_backup_if_due,
    fingerprint,
    newest_good_backup,
)

__all__ = [
    "BACKUP_STEPS",
    "KEEP_NEWEST",
    "NAME_RE",
    "REASON_RE",
    "RESTORE_PREFIX",
    "RESTORE_STEPS",
    "SQLITE_HEADER",
    "STALE_TEMP_SECONDS",
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "BackupInfo",
    "BookIdentity",
    "RestoreResult",
    "backup_before",
    "backup_dir",
    "backup_file_copy",
    "backup_file_steps",
    "backup_now",
    "backup_now_steps",
    "belongs_to",
    "book_of_name",
    "check_backup_file",
    "clean_temp_files",
    "daily_backup_if_due",
    "fingerprint",
    "identity_for",
    "is_postgres",
    "list_backups",
    "local_now",
    "newest_good_backup",
    "parse_name",
    "plan_rotation",
    "postgres_error",
    "readable_name",
    "restore",
    "restore_steps",
    "rotate_backups",
]
