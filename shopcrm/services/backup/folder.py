"""The backup folder: where it is, what the backups are called, listing and rotation.

Names. A backup is ``shopcrm-<book>-<id>-<time>-<reason>.sqlite3``, e.g.
``shopcrm-branch2-3f9a0c12be44-2026-11-22T201005-daily.sqlite3``: the book's readable name
(its file name without the suffix, lower case, other characters as ``-``), the book's id
(``shopcrm.storage.book_id``; left out for a book that has none yet), the shop's local
time, the reason, and ``-2``, ``-3``... when that second already has one. Backups made
before books had ids are ``shopcrm-<time>-<reason>.sqlite3``: still listed, restorable by
name, but they belong to no book.

Several books may share one folder (the ``backup.dir`` setting, or books opened with
``--db``): a listing for one book (``book=``) shows only its backups, rotation counts each
book's backups on their own, and ``restore`` refuses another book's backup unless told.

Rotation (after every backup into the configured folder; never in a folder given with
``dest_dir``/``--to``, and never a file whose name the app did not give). Per book, every
backup counts, whatever its reason. A backup is kept when it is
  - the newest backup of one of the ``backup.keep_daily`` (7) most recent local calendar
    days that have a backup, or
  - the newest backup of one of the ``backup.keep_weekly`` (8) most recent ISO weeks
    that have a backup, or
  - one of the ``KEEP_NEWEST`` (3) newest backups (so the backups before the last few
    risky steps of today survive even though only one per day is kept beyond that).
Everything else is deleted. Counting days and weeks "that have backups" rather than
calendar days means a laptop left off for a month still finds last month's backups.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shopcrm.domain.dates import utc_now, utc_to_local
from shopcrm.errors import InvalidInput, ShopError, StorageError
from shopcrm.processes import pid_alive
from shopcrm.services.backup.identity import BookIdentity, identity_for
from shopcrm.storage import safety

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

log = logging.getLogger("shopcrm.backup")

NAME_RE = re.compile(
    r"^shopcrm-(?:(?P<name>[^/\\]+?)-(?:(?P<book>[0-9a-f]{12})-)?)?"
    r"(?P<day>\d{4}-\d{2}-\d{2})T(?P<time>\d{6})-(?P<reason>[a-z][a-z0-9_]*)"
    r"(?:-(?P<n>\d+))?\.sqlite3$")
REASON_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TEMP_PREFIX = ".shopcrm-backup-"
RESTORE_PREFIX = ".shopcrm-restore-"
TEMP_SUFFIX = ".partial"
KEEP_NEWEST = 3
STALE_TEMP_SECONDS = 3600


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``taken_at`` is the shop's local time (from the file name);
    ``book_id``/``book_name`` say whose it is (None: made before books had ids)."""

    path: Path
    taken_at: datetime
    size: int
    reason: str
    verified: bool  # passed integrity_check + revision (when written, or re-checked)
    revision: str | None = None
    customers: int | None = None  # known when the file was checked
    book_id: str | None = None
    book_name: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        data["name"] = self.name
        return data


# -- places and names --------------------------------------------------------------------

def settings_or_default(settings: SettingsView | None) -> Any:
    if settings is not None:
        return settings
    from shopcrm.config import Settings

    try:
        return Settings()
    except ShopError:  # an unreadable settings file must not stop a backup
        from shopcrm.paths import config_dir

        return Settings(path=config_dir() / ".no-settings.toml")


def backup_dir(settings: SettingsView | None = None) -> Path:
    """The configured backup folder: ``backup.dir``, else ``<user data dir>/backups``."""
    from shopcrm.paths import data_dir

    configured = str(settings_or_default(settings).get("backup.dir") or "").strip()
    return Path(configured).expanduser() if configured else data_dir() / "backups"


def ensure_dir(folder: Path) -> None:
    with safety.guarded(folder):
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(folder, 0o700)


def local_now() -> datetime:
    """The shop's local wall-clock time (naive), as used in backup names."""
    return utc_to_local(utc_now()).replace(microsecond=0)


def check_reason(reason: str) -> str:
    if not REASON_RE.match(reason or ""):
        raise InvalidInput("bad_field", field="reason", detail=repr(reason))
    return reason


def name_prefix(identity: BookIdentity | None) -> str:
    """``shopcrm-<book>-<id>-`` (``shopcrm-<book>-`` without an id, ``shopcrm-`` without a
    book)."""
    if identity is None:
        return "shopcrm-"
    return f"shopcrm-{identity.name}-" + (f"{identity.id}-" if identity.id else "")


def final_name(folder: Path, taken: datetime, reason: str,
               identity: BookIdentity | None = None) -> Path:
    """The backup's name; within one second, whatever the reasons, the second backup of
    a book gets ``-2``, the third ``-3``..., so names also order them."""
    stamp = f"{taken:%Y-%m-%dT%H%M%S}"
    prefix = name_prefix(identity)
    same_second = [parsed[2] for p in folder.glob(f"{glob_escape(prefix)}{stamp}-*.sqlite3")
                   if (parsed := parse_name(p)) is not None]
    n = max(same_second) + 1 if same_second else 1
    while True:
        candidate = folder / (f"{prefix}{stamp}-{reason}.sqlite3" if n == 1
                              else f"{prefix}{stamp}-{reason}-{n}.sqlite3")
        if not candidate.exists():
            return candidate
        n += 1


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def parse_name(path: Path) -> tuple[datetime, str, int] | None:
    """(local time, reason, counter) from a backup file name, or None if not ours."""
    match = NAME_RE.match(path.name)
    if not match:
        return None
    try:
        taken = datetime.strptime(f"{match['day']}T{match['time']}", "%Y-%m-%dT%H%M%S")
    except ValueError:
        return None
    return taken, match["reason"], int(match["n"] or 1)


def book_of_name(path: Path) -> tuple[str | None, str | None]:
    """(book id, book name) a backup's file name carries (None, None for an old name)."""
    match = NAME_RE.match(path.name)
    if not match:
        return None, None
    return match["book"], match["name"]


# -- PostgreSQL --------------------------------------------------------------------------

def postgres_error(url: str) -> StorageError:
    """``backup_postgres``: how to back up and restore this server's database instead."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return StorageError("backup_postgres", host=parsed.host or "localhost",
                        port=str(parsed.port or 5432), db=parsed.database or "",
                        user=parsed.username or os.environ.get("USER", "postgres"))


def is_postgres(url: str) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name() == "postgresql"


# -- listing -----------------------------------------------------------------------------

def info_from_file(path: Path) -> BackupInfo | None:
    parsed = parse_name(path)
    if parsed is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    taken, reason, _n = parsed
    book_id, book_name = book_of_name(path)
    return BackupInfo(path, taken, size, reason, True, book_id=book_id, book_name=book_name)


def sort_key(info: BackupInfo) -> tuple[datetime, int]:
    parsed = parse_name(info.path)
    return (info.taken_at, parsed[2] if parsed else 0)


def belongs_to(info: BackupInfo, identity: BookIdentity) -> bool:
    """Is ``info`` a backup of the book ``identity``? By id; a book whose id cannot be read
    (damaged, or older than ids) is matched by its readable name, among backups with one."""
    if identity.id is not None:
        return info.book_id == identity.id
    return info.book_name is not None and info.book_name == identity.name


def list_backups(settings: SettingsView | None = None,
                 dest_dir: str | os.PathLike[str] | None = None, *,
                 verify: bool = False, book: Any = None) -> list[BackupInfo]:
    """The backups in the folder, newest first: all of them, or only those of ``book`` (a
    ``Database``, a book file's path or a ``BookIdentity``).

    Only files under a final backup name are listed (``.partial`` files never are); they
    were verified when written. ``verify=True`` checks each again (integrity_check and a
    known revision), which takes a moment per file.
    """
    folder = Path(dest_dir).expanduser() if dest_dir is not None else backup_dir(settings)
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if p.is_file()
             if (info := info_from_file(p)) is not None]
    if book is not None:
        identity = identity_for(book)
        found = [info for info in found if belongs_to(info, identity)]
    found.sort(key=sort_key, reverse=True)
    if verify:
        from shopcrm.services.backup.take import checked

        found = [checked(info) for info in found]
    return found


# -- rotating ----------------------------------------------------------------------------

def plan_rotation(backups: Iterable[BackupInfo], keep_daily: int, keep_weekly: int,
                  keep_newest: int = KEEP_NEWEST) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(kept, deleted) under the rule in the module docstring, each book on its own;
    newest first in both."""
    ordered = sorted(backups, key=sort_key, reverse=True)
    keep_ids: set[Path] = set()
    books: dict[tuple[str | None, str | None], list[BackupInfo]] = {}
    for info in ordered:
        books.setdefault((info.book_id, None if info.book_id else info.book_name),
                         []).append(info)
    for own in books.values():
        keep_ids.update(b.path for b in own[:max(0, keep_newest)])
        days: dict[date, BackupInfo] = {}
        weeks: dict[tuple[int, int], BackupInfo] = {}
        for info in own:  # newest first: the first seen per period is its newest
            days.setdefault(info.taken_at.date(), info)
            iso = info.taken_at.isocalendar()
            weeks.setdefault((iso[0], iso[1]), info)
        keep_ids.update(info.path for info in list(days.values())[:max(0, keep_daily)])
        keep_ids.update(info.path for info in list(weeks.values())[:max(0, keep_weekly)])
    kept = [b for b in ordered if b.path in keep_ids]
    deleted = [b for b in ordered if b.path not in keep_ids]
    return kept, deleted


def rotate_backups(settings: SettingsView | None = None, *,
                   keep: Path | None = None) -> list[BackupInfo]:
    """Delete the configured folder's backups that the rotation rule does not keep."""
    settings = settings_or_default(settings)
    backups = list_backups(settings)
    _kept, deleted = plan_rotation(backups, int(settings.get("backup.keep_daily")),
                                   int(settings.get("backup.keep_weekly")))
    removed = []
    for info in deleted:
        if keep is not None and info.path == keep:
            continue
        with contextlib.suppress(OSError):
            info.path.unlink()
            removed.append(info)
            log.info("backup rotated out: %s", info.path)
    return removed


# -- leftovers of killed backups and restores ----------------------------------------------

def clean_temp_files(folder: Path, prefix: str = TEMP_PREFIX) -> list[Path]:
    """Remove unfinished ``.partial`` files left by killed backups (or restores)."""
    removed: list[Path] = []
    try:
        entries = [p for p in folder.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    now = time.time()
    for path in entries:
        match = re.match(re.escape(prefix) + r"(\d+)-", path.name)
        pid = int(match.group(1)) if match else -1
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        if pid_alive(pid) and age < STALE_TEMP_SECONDS:
            continue  # a backup in progress in another process (or thread)
        safety.remove_quietly(path)
        removed.append(path)
    return removed
