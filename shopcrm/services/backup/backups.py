"""Backups of the SQLite customer book: take, verify, rotate, list, restore.

How a backup is taken (``backup_file_copy``; ``backup_now`` for an open book):

1. A new, empty, owner-only (0600) temporary file ``.shopcrm-backup-<pid>-<hex>.partial``
   is created in the destination folder (default: setting ``backup.dir``, else
   ``<user data dir>/backups``, created 0700).
2. SQLite's online backup API copies the book into it in one step, under one read
   snapshot: the copy is consistent even while the window or the ``shopcrm`` command
   writes (WAL readers never block writers). The copy is switched to a plain rollback
   journal, so a backup is one self-contained file.
3. The copy is verified: ``PRAGMA integrity_check`` must say ok and the schema revision
   must be readable. Then it is fsynced and renamed to its final name,
   ``shopcrm-2026-11-22T201005-daily.sqlite3`` (the shop's local time, the reason, and a
   ``-2``, ``-3``... suffix if that name is taken), and the folder is fsynced.

A kill or a power cut at any point leaves either a complete verified backup under a
final name or only a ``.partial`` file, which no listing or restore ever takes as a
backup. Leftover ``.partial`` files are removed by the next backup (unless the process
that wrote one is still alive and the file is less than an hour old).

Reasons: ``manual`` (``shopcrm backup``), ``daily`` (at start-up), and the risky steps
``import``, ``merge``, ``undo``, ``restore``, ``migration``; any ``[a-z][a-z0-9_]*`` word
is accepted.

Rotation (after every backup into the configured folder; never in a folder given with
``dest_dir``/``--to``, and never a file whose name the app did not give). Every backup
counts, whatever its reason. A backup is kept when it is
  - the newest backup of one of the ``backup.keep_daily`` (7) most recent local calendar
    days that have a backup, or
  - the newest backup of one of the ``backup.keep_weekly`` (8) most recent ISO weeks
    that have a backup, or
  - one of the ``KEEP_NEWEST`` (3) newest backups (so the backups before the last few
    risky steps of today survive even though only one per day is kept beyond that).
Everything else is deleted. Counting days and weeks "that have backups" rather than
calendar days means a laptop left off for a month still finds last month's backups.

Not wasteful: ``backup_before`` (risky steps) and ``daily_backup_if_due`` (start-up)
compare a cheap fingerprint of the book (row count, highest row id and latest
``updated_at`` of every table, plus the schema revision) with the newest backup's; when
they match, the newest backup already holds this exact state and no new copy is made.
Both do nothing when ``backup.auto`` is off or the book is on PostgreSQL (the server's
own backups, pg_dump, are the owner's administrator's job; the explicit ``backup_now``,
``list_backups`` with a PostgreSQL URL and ``restore`` raise ``backup_postgres``, which
explains pg_dump/pg_restore for that server and database).

Restore (``restore``): the chosen file is copied beside the book, and that copy is
checked (a SQLite file, integrity ok, a schema revision this app knows, i.e. not newer);
then the owner confirms; then the book is taken exclusively (switching it out of WAL
mode fails while any other connection has it open, e.g. another window: the restore is
refused with ``db_in_use``), backed up (reason ``restore``; a damaged book that cannot
be verified is kept raw as ``shopcrm-<time>-damaged.bak``), and the checked copy is
fsynced and renamed over the book; stale ``-wal``/``-shm``/``-journal`` files are
removed; the book is reopened (and migrated if the backup is older than the app).

Nothing here imports Qt; all functions are plain and blocking (the window runs them on
its worker thread).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from shopcrm.domain.dates import utc_now, utc_to_local
from shopcrm.errors import Cancelled, InvalidInput, NotFound, ShopError, StorageError
from shopcrm.longwork import Cancel, Progress, check_cancel, run_to_end
from shopcrm.processes import pid_alive
from shopcrm.storage import safety

log = logging.getLogger("shopcrm.backup")

NAME_RE = re.compile(
    r"^shopcrm-(?P<day>\d{4}-\d{2}-\d{2})T(?P<time>\d{6})-(?P<reason>[a-z][a-z0-9_]*)"
    r"(?:-(?P<n>\d+))?\.sqlite3$")
REASON_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TEMP_PREFIX = ".shopcrm-backup-"
RESTORE_PREFIX = ".shopcrm-restore-"
TEMP_SUFFIX = ".partial"
KEEP_NEWEST = 3
STALE_TEMP_SECONDS = 3600
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``taken_at`` is the shop's local time (from the file name)."""

    path: Path
    taken_at: datetime
    size: int
    reason: str
    verified: bool  # passed integrity_check + revision (when written, or re-checked)
    revision: str | None = None
    customers: int | None = None  # known when the file was checked

    @property
    def name(self) -> str:
        return self.path.name

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        data["name"] = self.name
        return data


@dataclass
class RestoreResult:
    """What ``restore`` did. ``db`` is the reopened book: the caller closes it."""

    db: Any
    source: BackupInfo
    safety_backup: BackupInfo | None
    damaged_copy: Path | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"restored_from": self.source.as_dict(),
                "safety_backup": self.safety_backup.as_dict() if self.safety_backup else None,
                "damaged_copy": str(self.damaged_copy) if self.damaged_copy else None}


# -- places and names --------------------------------------------------------------------

def _settings(settings: Any) -> Any:
    if settings is not None:
        return settings
    from shopcrm.config import Settings

    try:
        return Settings()
    except ShopError:  # an unreadable settings file must not stop a backup
        from shopcrm.paths import config_dir

        return Settings(path=config_dir() / ".no-settings.toml")


def backup_dir(settings: Any = None) -> Path:
    """The configured backup folder: ``backup.dir``, else ``<user data dir>/backups``."""
    from shopcrm.paths import data_dir

    configured = str(_settings(settings).get("backup.dir") or "").strip()
    return Path(configured).expanduser() if configured else data_dir() / "backups"


def _ensure_dir(folder: Path) -> None:
    with safety.guarded(folder):
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(folder, 0o700)


def local_now() -> datetime:
    """The shop's local wall-clock time (naive), as used in backup names."""
    return utc_to_local(utc_now()).replace(microsecond=0)


def _check_reason(reason: str) -> str:
    if not REASON_RE.match(reason or ""):
        raise InvalidInput("bad_field", field="reason", detail=repr(reason))
    return reason


def _final_name(folder: Path, taken: datetime, reason: str) -> Path:
    """``shopcrm-<time>-<reason>.sqlite3``; within one second, whatever the reasons, the
    second backup gets ``-2``, the third ``-3``..., so names also order them."""
    stamp = f"{taken:%Y-%m-%dT%H%M%S}"
    same_second = [parsed[2] for p in folder.glob(f"shopcrm-{stamp}-*.sqlite3")
                   if (parsed := parse_name(p)) is not None]
    n = max(same_second) + 1 if same_second else 1
    while True:
        candidate = folder / (f"shopcrm-{stamp}-{reason}.sqlite3" if n == 1
                              else f"shopcrm-{stamp}-{reason}-{n}.sqlite3")
        if not candidate.exists():
            return candidate
        n += 1


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


# -- PostgreSQL --------------------------------------------------------------------------

def postgres_error(url: str) -> StorageError:
    """``backup_postgres``: how to back up and restore this server's database instead."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return StorageError("backup_postgres", host=parsed.host or "localhost",
                        port=str(parsed.port or 5432), db=parsed.database or "",
                        user=parsed.username or os.environ.get("USER", "postgres"))


def _is_postgres(url: str) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name() == "postgresql"


# -- taking a backup ---------------------------------------------------------------------

def _sqlite_uri(path: Path, mode: str = "ro") -> str:
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def _copy_into(source: Path | sqlite3.Connection, tmp: Path) -> None:
    """SQLite's online backup of ``source`` (a path or an open connection) into ``tmp``."""
    own = not isinstance(source, sqlite3.Connection)
    src = (sqlite3.connect(_sqlite_uri(source), uri=True, timeout=15) if own
           else source)
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)  # all pages in one step: one consistent snapshot
            dst.execute("PRAGMA journal_mode=DELETE").fetchall()  # a self-contained file
        finally:
            dst.close()
    finally:
        if own:
            src.close()


def _verify(path: Path) -> tuple[str, int | None]:
    """(schema revision, customers) of a sound book file; StorageError otherwise."""
    try:
        conn = sqlite3.connect(_sqlite_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise StorageError("backup_unverified", path=str(path), detail=str(exc)) from exc
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise StorageError("backup_unverified", path=str(path),
                               detail="; ".join(map(str, rows[:3])))
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error as exc:
            raise StorageError("backup_not_a_book", path=str(path)) from exc
        if not revision or not revision[0]:
            raise StorageError("backup_not_a_book", path=str(path))
        customers: int | None
        try:
            customers = int(conn.execute("SELECT count(*) FROM customer").fetchone()[0])
        except sqlite3.Error:
            customers = None
        return str(revision[0]), customers
    except sqlite3.DatabaseError as exc:
        raise StorageError("backup_unverified", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()


def _publish(tmp: Path, final: Path) -> None:
    safety.fsync_file(tmp)
    os.replace(tmp, final)
    safety.fsync_dir(final.parent)


def backup_file_copy(path: str | os.PathLike[str] | sqlite3.Connection, *,
                     reason: str = "manual", settings: Any = None,
                     dest_dir: str | os.PathLike[str] | None = None, rotate: bool = True,
                     now: datetime | None = None) -> BackupInfo:
    """Back up the SQLite book at ``path`` (or through an open ``sqlite3`` connection).

    Writes to ``dest_dir`` or the configured folder; rotates the configured folder.
    Raises StorageError disk_full / read_only (the destination), backup_unverified
    (the copy failed its check: nothing is published), db_missing (no book there).
    ``backup_file_steps`` is the same as long work (progress, cancel).
    """
    info: BackupInfo = run_to_end(backup_file_steps(
        path, reason=reason, settings=settings, dest_dir=dest_dir, rotate=rotate, now=now))
    return info


BACKUP_STEPS = 3  # copy, verify, publish


def backup_file_steps(path: str | os.PathLike[str] | sqlite3.Connection, *,
                      reason: str = "manual", settings: Any = None,
                      dest_dir: str | os.PathLike[str] | None = None, rotate: bool = True,
                      now: datetime | None = None, cancel: Cancel = None
                      ) -> Iterator[Progress | BackupInfo]:
    """``backup_file_copy`` as long work: ``Progress`` per step (copy, verify, publish),
    then the ``BackupInfo``. All or nothing: a cancel before the copy is published raises
    Cancelled and leaves no file."""
    reason = _check_reason(reason)
    if not isinstance(path, sqlite3.Connection):
        book = Path(path)
        if not book.is_file():
            raise NotFound("db_missing", path=str(book))
    settings = _settings(settings)
    folder = Path(dest_dir).expanduser() if dest_dir is not None else backup_dir(settings)
    taken = now or local_now()
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        _ensure_dir(folder)
        clean_temp_files(folder)
        yield Progress(0, BACKUP_STEPS, "copy")
        with safety.guarded(folder):
            safety.create_private(tmp)
            _copy_into(path, tmp)
        check_cancel(cancel)
        yield Progress(1, BACKUP_STEPS, "verify")
        revision, customers = _verify(tmp)
        check_cancel(cancel)
        yield Progress(2, BACKUP_STEPS, "publish")
        with safety.guarded(folder):
            final = _final_name(folder, taken, reason)
            _publish(tmp, final)
    except (OSError, sqlite3.Error) as exc:  # not a full or read-only place: say what
        safety.remove_quietly(tmp, f"{tmp}-journal")
        raise StorageError("backup_failed", path=str(folder), detail=str(exc)) from exc
    except BaseException:
        safety.remove_quietly(tmp, f"{tmp}-journal")
        raise
    info = BackupInfo(final, taken, final.stat().st_size, reason, True, revision, customers)
    log.info("backup %s (%s bytes, reason %s)", final, info.size, reason)
    if rotate and dest_dir is None:
        try:
            rotate_backups(settings, keep=info.path)
        except ShopError as exc:  # a backup was made; failing to prune must not hide it
            log.warning("backup rotation failed: %s", exc)
    yield Progress(BACKUP_STEPS, BACKUP_STEPS, "publish")
    yield info


def _require_file_book(db: Any) -> Path:
    if not db.is_sqlite:
        raise postgres_error(db.url)
    path = db.sqlite_path
    if path is None:
        raise InvalidInput("backup_memory")
    return Path(path)


def backup_now(db: Any, settings: Any = None, *, dest_dir: str | os.PathLike[str] | None = None,
               reason: str = "manual") -> BackupInfo:
    """Back up the open book now (``shopcrm backup [--to PATH]``)."""
    return backup_file_copy(_require_file_book(db), reason=reason, settings=settings,
                            dest_dir=dest_dir)


def backup_before(db: Any, settings: Any, reason: str) -> BackupInfo | None:
    """Before a risky step (import, merge, undo...): a backup of the current state.

    Returns the new backup, or the newest existing one when it already holds exactly
    this state, or None when automatic backups are off or the book is on PostgreSQL.
    """
    _check_reason(reason)
    settings = _settings(settings)
    if not db.is_sqlite:
        log.info("no automatic backup before %s: the book is on PostgreSQL", reason)
        return None
    if not settings.get("backup.auto"):
        return None
    book = _require_file_book(db)
    same = _newest_with_same_state(book, settings)
    if same is not None:
        return same
    return backup_file_copy(book, reason=reason, settings=settings)


def daily_backup_if_due(db: Any, settings: Any = None, *, now: datetime | None = None
                        ) -> BackupInfo | None:
    """At start-up: a ``daily`` backup unless one (of any reason) was taken today.

    Also skipped when the newest backup already holds this exact state, when automatic
    backups are off, and on PostgreSQL. Returns the new backup or None.
    """
    settings = _settings(settings)
    if not db.is_sqlite or not settings.get("backup.auto") or db.sqlite_path is None:
        return None
    today = (now or local_now()).date()
    existing = list_backups(settings)
    if any(b.taken_at.date() == today for b in existing):
        return None
    book = _require_file_book(db)
    if _newest_with_same_state(book, settings, existing) is not None:
        return None
    return backup_file_copy(book, reason="daily", settings=settings, now=now)


# -- fingerprints ------------------------------------------------------------------------

def fingerprint(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """A cheap summary of a book's content: equal for a book and its backup."""
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
    parts: list[Any] = []
    for name, _sql in tables:
        if name in virtual or any(name.startswith(f"{v}_") for v in virtual):
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({quoted})")}
        row: list[Any] = [name, conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]]
        with contextlib.suppress(sqlite3.Error):
            row.append(conn.execute(f"SELECT max(rowid) FROM {quoted}").fetchone()[0])
        if "updated_at" in columns:
            row.append(conn.execute(f"SELECT max(updated_at) FROM {quoted}").fetchone()[0])
        if name == "alembic_version":
            row.append(conn.execute("SELECT group_concat(version_num) FROM alembic_version")
                       .fetchone()[0])
        parts.append(tuple(row))
    return tuple(parts)


def _fingerprint_of(path: Path) -> tuple[Any, ...] | None:
    try:
        conn = sqlite3.connect(_sqlite_uri(path), uri=True, timeout=15)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")  # one snapshot for all the counts
        return fingerprint(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _newest_with_same_state(book: Path, settings: Any,
                            existing: list[BackupInfo] | None = None) -> BackupInfo | None:
    backups = existing if existing is not None else list_backups(settings)
    if not backups:
        return None
    newest = backups[0]
    current = _fingerprint_of(book)
    if current is not None and current == _fingerprint_of(newest.path):
        return newest
    return None


# -- listing, checking, rotating ---------------------------------------------------------

def _info_from_file(path: Path) -> BackupInfo | None:
    parsed = parse_name(path)
    if parsed is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    taken, reason, _n = parsed
    return BackupInfo(path, taken, size, reason, True)


def _sort_key(info: BackupInfo) -> tuple[datetime, int]:
    parsed = parse_name(info.path)
    return (info.taken_at, parsed[2] if parsed else 0)


def list_backups(settings: Any = None, dest_dir: str | os.PathLike[str] | None = None, *,
                 verify: bool = False) -> list[BackupInfo]:
    """The backups in the folder, newest first.

    Only files under a final backup name are listed (``.partial`` files never are); they
    were verified when written. ``verify=True`` checks each again (integrity_check and a
    known revision), which takes a moment per file.
    """
    folder = Path(dest_dir).expanduser() if dest_dir is not None else backup_dir(settings)
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if p.is_file()
             if (info := _info_from_file(p)) is not None]
    found.sort(key=_sort_key, reverse=True)
    if verify:
        found = [_checked(info) for info in found]
    return found


def _checked(info: BackupInfo) -> BackupInfo:
    try:
        revision, customers = check_backup_file(info.path)
    except ShopError:
        return BackupInfo(info.path, info.taken_at, info.size, info.reason, False)
    return BackupInfo(info.path, info.taken_at, info.size, info.reason, True, revision,
                      customers)


def check_backup_file(path: str | os.PathLike[str]) -> tuple[str, int | None]:
    """Is ``path`` a sound customer book this app can open? Returns (revision, customers).

    Raises NotFound backup_not_found, InvalidInput backup_not_sqlite, StorageError
    backup_unverified / backup_not_a_book / backup_newer.
    """
    file = Path(path)
    if not file.is_file():
        raise NotFound("backup_not_found", path=str(file))
    with open(file, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise InvalidInput("backup_not_sqlite", path=str(file))
    revision, customers = _verify(file)
    _check_revision_known(revision, file)
    return revision, customers


def _check_revision_known(revision: str, file: Path) -> None:
    from alembic.script import ScriptDirectory

    from shopcrm.storage.migrate import alembic_config

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception as exc:
        raise StorageError("backup_newer", path=str(file), revision=revision) from exc


def newest_good_backup(settings: Any = None, dest_dir: str | os.PathLike[str] | None = None
                       ) -> BackupInfo | None:
    """The newest backup that passes ``check_backup_file`` now (to offer after damage)."""
    for info in list_backups(settings, dest_dir):
        checked = _checked(info)
        if checked.verified:
            return checked
    return None


def plan_rotation(backups: Iterable[BackupInfo], keep_daily: int, keep_weekly: int,
                  keep_newest: int = KEEP_NEWEST) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(kept, deleted) under the rule in the module docstring; newest first in both."""
    ordered = sorted(backups, key=_sort_key, reverse=True)
    keep_ids: set[Path] = {b.path for b in ordered[:max(0, keep_newest)]}
    days: dict[date, BackupInfo] = {}
    weeks: dict[tuple[int, int], BackupInfo] = {}
    for info in ordered:  # newest first: the first seen per period is its newest
        days.setdefault(info.taken_at.date(), info)
        iso = info.taken_at.isocalendar()
        weeks.setdefault((iso[0], iso[1]), info)
    for info in list(days.values())[:max(0, keep_daily)]:
        keep_ids.add(info.path)
    for info in list(weeks.values())[:max(0, keep_weekly)]:
        keep_ids.add(info.path)
    kept = [b for b in ordered if b.path in keep_ids]
    deleted = [b for b in ordered if b.path not in keep_ids]
    return kept, deleted


def rotate_backups(settings: Any = None, *, keep: Path | None = None) -> list[BackupInfo]:
    """Delete the configured folder's backups that the rotation rule does not keep."""
    settings = _settings(settings)
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


    return True


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


# -- restore -----------------------------------------------------------------------------

def _confirmed(confirm: bool | Callable[[BackupInfo], bool], info: BackupInfo) -> bool:
    return bool(confirm(info)) if callable(confirm) else bool(confirm)


def _take_exclusively(book: Path) -> sqlite3.Connection | None:
    """The book to ourselves, or StorageError db_in_use; None if it is damaged.

    Leaving WAL mode needs the only connection to the book, so it proves that no other
    window or command has it open; the read transaction then held (a shared lock in
    rollback-journal mode) keeps anyone from writing to it until the restore is done,
    while still letting the same connection read it for the safety backup.
    """
    conn = sqlite3.connect(book, timeout=2, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise StorageError("db_in_use", path=str(book))
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except StorageError:
        conn.close()
        raise
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise StorageError("db_in_use", path=str(book)) from exc
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None


def _keep_damaged(book: Path, settings: Any) -> Path:
    """Copy a book that cannot be backed up properly (damaged) as it is, with its WAL."""
    folder = backup_dir(settings)
    _ensure_dir(folder)
    target = folder / f"shopcrm-{local_now():%Y-%m-%dT%H%M%S}-damaged.bak"
    n = 2
    while target.exists():
        target = folder / f"shopcrm-{local_now():%Y-%m-%dT%H%M%S}-damaged-{n}.bak"
        n += 1
    with safety.guarded(folder):
        for suffix in ("", "-wal"):
            src = Path(f"{book}{suffix}")
            if src.is_file():
                dst = Path(f"{target}{suffix}")
                safety.create_private(dst)
                shutil.copyfile(src, dst)
                safety.fsync_file(dst)
        safety.fsync_dir(folder)
    return target


def restore(db_url: str | None, backup_path: str | os.PathLike[str], settings: Any = None, *,
            confirm: bool | Callable[[BackupInfo], bool]) -> RestoreResult:
    """Replace the book at ``db_url`` with the backup at ``backup_path`` (see the top).

    ``confirm`` is True, or a function shown the checked backup that returns True to go
    on (False raises Cancelled and changes nothing). Close every engine on the book
    first: while another connection has it open the restore is refused (db_in_use).
    Returns the reopened book in ``RestoreResult.db`` (the caller closes it).
    ``restore_steps`` is the same as long work (progress, cancel).
    """
    result: RestoreResult = run_to_end(restore_steps(db_url, backup_path, settings,
                                                     confirm=confirm))
    return result


RESTORE_STEPS = 4  # check the copy, back up the book, put the copy in place, reopen


def restore_steps(db_url: str | None, backup_path: str | os.PathLike[str],
                  settings: Any = None, *, confirm: bool | Callable[[BackupInfo], bool],
                  cancel: Cancel = None) -> Iterator[Progress | RestoreResult]:
    """``restore`` as long work: ``Progress`` per step, then the ``RestoreResult``. All or
    nothing: a cancel before the copy replaces the book raises Cancelled, book unchanged."""
    from sqlalchemy.engine import make_url

    from shopcrm.services.backup.care import book_care
    from shopcrm.services.settings.database_choice import book_url
    from shopcrm.storage.db import _normalise_url, open_database

    url = _normalise_url(db_url or book_url())
    if _is_postgres(url):
        raise postgres_error(url)
    database = make_url(url).database
    if not database or database == ":memory:":
        raise InvalidInput("backup_memory")
    settings = _settings(settings)
    book = Path(database)
    source = Path(backup_path).expanduser()
    if not source.is_file():
        raise NotFound("backup_not_found", path=str(source))
    with open(source, "rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise InvalidInput("backup_not_sqlite", path=str(source))
    folder = book.parent
    _ensure_dir(folder)
    clean_temp_files(folder, RESTORE_PREFIX)
    tmp = folder / f"{RESTORE_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    lock: sqlite3.Connection | None = None
    try:
        yield Progress(0, RESTORE_STEPS, "check")
        with safety.guarded(folder):
            safety.create_private(tmp)
            shutil.copyfile(source, tmp)
        try:
            with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
                conn.execute("PRAGMA journal_mode=DELETE").fetchall()  # one plain file
        except sqlite3.DatabaseError as exc:
            raise StorageError("backup_unverified", path=str(source), detail=str(exc)) from exc
        try:
            revision, customers = check_backup_file(tmp)
        except ShopError as exc:  # name the owner's file, not our temporary copy
            if "path" in exc.data:
                exc.data["path"] = str(source)
            raise
        parsed = parse_name(source)
        info = BackupInfo(source, parsed[0] if parsed else datetime.fromtimestamp(
            source.stat().st_mtime).replace(microsecond=0), source.stat().st_size,
            parsed[1] if parsed else "external", True, revision, customers)
        if not _confirmed(confirm, info):
            raise Cancelled()
        check_cancel(cancel)
        yield Progress(1, RESTORE_STEPS, "backup")
        safety_backup: BackupInfo | None = None
        damaged: Path | None = None
        if book.is_file() and book.stat().st_size > 0:
            lock = _take_exclusively(book)
            if lock is not None:
                try:
                    # no rotation now: it must not delete the backup being restored
                    safety_backup = backup_file_copy(lock, reason="restore", settings=settings,
                                                     rotate=False)
                except StorageError as exc:
                    if exc.code not in ("backup_unverified", "backup_not_a_book",
                                        "backup_failed"):
                        raise
                    damaged = _keep_damaged(book, settings)
            else:
                damaged = _keep_damaged(book, settings)
        check_cancel(cancel)  # the last moment the book is still the old one
        yield Progress(2, RESTORE_STEPS, "replace")
        with safety.guarded(folder):
            safety.fsync_file(tmp)
            os.chmod(tmp, 0o600)
            os.replace(tmp, book)
            for suffix in ("-wal", "-shm", "-journal"):
                safety.remove_quietly(f"{book}{suffix}")
            safety.fsync_dir(folder)
    except BaseException:
        safety.remove_quietly(tmp, f"{tmp}-journal")
        raise
    finally:
        if lock is not None:
            with contextlib.suppress(sqlite3.Error):
                lock.close()
    log.info("restored %s from %s", book, source)
    yield Progress(3, RESTORE_STEPS, "reopen")
    db = open_database(url, care=book_care(settings))
    yield Progress(RESTORE_STEPS, RESTORE_STEPS, "reopen")
    yield RestoreResult(db, info, safety_backup, damaged)
