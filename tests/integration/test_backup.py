"""Backups: verified online copies, names, rotation, the cheap "same state" skip, the
daily and migration backups, PostgreSQL's explanation, and private files."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from shopcrm.config import Settings
from shopcrm.error_text import describe
from shopcrm.errors import ShopError, StorageError
from shopcrm.services.backup import backups as backup
from shopcrm.services.backup.backups import BackupInfo, plan_rotation
from shopcrm.services.backup.care import open_book
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.book_id import book_id_of_file
from shopcrm.storage.db import open_database

POSIX = os.name == "posix"


def make_settings(tmp_path: Path, **values: object) -> Settings:
    env = {"SHOPCRM_BACKUP_DIR": str(tmp_path / "backups")}
    env.update({f"SHOPCRM_{k.upper()}": str(v) for k, v in values.items()})
    return Settings(path=tmp_path / "settings.toml", env=env)


def fill(db, customers: int = 3, visits: int = 2) -> list[int]:
    service, visit_service = CustomerService(db), VisitService(db)
    ids = []
    for i in range(customers):
        cid = service.add(CustomerInput(name=f"مشتری {i}", mobile=f"0912{i:07d}"))
        for _ in range(visits):
            visit_service.add(cid, VisitInput(amount=100_000))
        ids.append(cid)
    return ids


@pytest.fixture
def book(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    db = open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}")
    fill(db)
    yield db
    db.close()


def rows(path: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def test_backup_now_writes_a_verified_private_copy(book, tmp_path):
    settings = make_settings(tmp_path)
    info = backup.backup_now(book, settings)
    assert info.verified and info.reason == "manual" and info.customers == 3
    assert info.path.parent == tmp_path / "backups"
    assert backup.NAME_RE.match(info.path.name), info.path.name
    assert info.revision and info.size == info.path.stat().st_size
    assert rows(info.path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(info.path, "SELECT count(*) FROM visit") == [(6,)]
    # a single self-contained file: no WAL mode, nothing beside it but the backup
    assert rows(info.path, "PRAGMA journal_mode") == [("delete",)]
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]
    if POSIX:
        assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700


def test_backup_names_carry_time_and_reason_and_never_collide(book, tmp_path):
    settings = make_settings(tmp_path)
    when = datetime(2026, 11, 22, 20, 10, 5)
    first = backup.backup_file_copy(book.sqlite_path, reason="daily", settings=settings,
                                    now=when)
    second = backup.backup_file_copy(book.sqlite_path, reason="daily", settings=settings,
                                     now=when)
    book_id = book_id_of_file(book.sqlite_path)
    assert book_id and first.book_id == book_id and first.book_name == "book"
    assert first.path.name == f"shopcrm-book-{book_id}-2026-11-22T201005-daily.sqlite3"
    assert second.path.name == f"shopcrm-book-{book_id}-2026-11-22T201005-daily-2.sqlite3"
    listed = backup.list_backups(settings)
    assert [b.path for b in listed] == [second.path, first.path]  # newest first
    assert listed[0].taken_at == when
    with pytest.raises(ShopError):
        backup.backup_file_copy(book.sqlite_path, reason="../evil", settings=settings)


def test_backup_to_another_folder(book, tmp_path):
    info = backup.backup_now(book, make_settings(tmp_path), dest_dir=tmp_path / "usb")
    assert info.path.parent == tmp_path / "usb"
    assert backup.list_backups(make_settings(tmp_path)) == []


def test_backup_is_consistent_while_another_connection_writes(book, tmp_path):
    settings = make_settings(tmp_path)
    writer_db = open_database(book.url)
    cid = CustomerService(writer_db).add(CustomerInput(name="پرکار", mobile="09350000001"))
    stop = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        visits = VisitService(writer_db)
        try:
            while not stop.is_set():
                visits.add(cid, VisitInput(amount=50_000))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        infos = [backup.backup_file_copy(book.sqlite_path, reason="manual", settings=settings,
                                         rotate=False) for _ in range(8)]
    finally:
        stop.set()
        thread.join()
        writer_db.close()
    assert not errors
    for info in infos:
        # every copy is one snapshot: the summary column agrees with the visits table
        (visit_count,), = rows(info.path, f"SELECT visit_count FROM customer WHERE id={cid}")
        (real,), = rows(info.path, f"SELECT count(*) FROM visit WHERE customer_id={cid}")
        assert visit_count == real
        assert rows(info.path, "PRAGMA integrity_check") == [("ok",)]


def test_listing_ignores_unfinished_and_foreign_files(book, tmp_path):
    settings = make_settings(tmp_path)
    info = backup.backup_now(book, settings)
    folder = info.path.parent
    (folder / ".shopcrm-backup-999999-abcd.partial").write_bytes(b"half a file")
    (folder / "holiday-photos.sqlite3").write_bytes(b"not ours")
    (folder / "shopcrm-notes.txt").write_text("not ours")
    assert [b.path for b in backup.list_backups(settings)] == [info.path]


def test_leftover_temp_files_are_cleaned_unless_their_writer_lives(book, tmp_path):
    settings = make_settings(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_tmp = folder / f".shopcrm-backup-{int(dead.stdout)}-dead.partial"
    live_tmp = folder / f".shopcrm-backup-{os.getppid()}-live.partial"  # alive: our parent
    for path in (dead_tmp, live_tmp, folder / f"{dead_tmp.name}-journal"):
        path.write_bytes(b"\0" * 100)
    backup.backup_now(book, settings)
    assert not dead_tmp.exists() and not (folder / f"{dead_tmp.name}-journal").exists()
    assert live_tmp.exists()
    old = datetime.now().timestamp() - 2 * backup.STALE_TEMP_SECONDS
    os.utime(live_tmp, (old, old))
    backup.backup_now(book, settings)
    assert not live_tmp.exists()  # older than an hour: a dead writer whose pid was reused


def _info(when: datetime, reason: str = "daily") -> BackupInfo:
    return BackupInfo(Path(f"/b/shopcrm-{when:%Y-%m-%dT%H%M%S}-{reason}.sqlite3"), when, 1,
                      reason, True)


def test_rotation_keeps_newest_per_day_per_week_and_the_last_three():
    start = datetime(2026, 1, 1, 9, 0)
    infos = []
    for day in range(120):  # four months, three backups a day
        for hour in (9, 13, 18):
            infos.append(_info(start + timedelta(days=day, hours=hour - 9),
                               "merge" if hour == 13 else "daily"))
    kept, deleted = plan_rotation(infos, keep_daily=7, keep_weekly=8)
    assert len(kept) + len(deleted) == len(infos)
    newest = max(infos, key=lambda b: b.taken_at)
    last_day = newest.taken_at.date()
    kept_times = {b.taken_at for b in kept}
    # the three newest whatever their day (today's 18:00, 13:00, 09:00)
    assert {newest.taken_at - timedelta(hours=h) for h in (0, 5, 9)} <= kept_times
    # the newest of each of the last 7 days
    for back in range(7):
        day = last_day - timedelta(days=back)
        assert datetime(day.year, day.month, day.day, 18) in kept_times
    # nothing else of the last week but those
    week_ago = datetime.combine(last_day - timedelta(days=6), datetime.min.time())
    recent = [b for b in kept if b.taken_at >= week_ago]
    assert len(recent) == 7 + 2
    # the newest of each of the last 8 ISO weeks, and nothing older
    weeks = {}
    for b in sorted(infos, key=lambda b: b.taken_at, reverse=True):
        weeks.setdefault(b.taken_at.isocalendar()[:2], b)
    expected_weekly = list(weeks.values())[:8]
    assert {b.taken_at for b in expected_weekly} <= kept_times
    oldest_kept = min(kept_times)
    assert oldest_kept == expected_weekly[-1].taken_at
    assert len(kept) == len(kept_times | {b.taken_at for b in expected_weekly})


def test_rotation_counts_days_that_have_backups_not_calendar_days():
    # a laptop left off for two months: last month's backups are still the "last 7 days"
    infos = [_info(datetime(2026, 3, d, 10)) for d in range(1, 11)]
    infos.append(_info(datetime(2026, 5, 20, 10)))
    kept, deleted = plan_rotation(infos, keep_daily=7, keep_weekly=0, keep_newest=1)
    assert [b.taken_at.day for b in kept] == [20, 10, 9, 8, 7, 6, 5]
    assert len(deleted) == 4


def test_rotate_deletes_only_our_files_and_follows_the_settings(book, tmp_path):
    settings = make_settings(tmp_path, backup_keep_daily=2, backup_keep_weekly=1)
    folder = tmp_path / "backups"
    start = datetime(2026, 2, 2, 10)
    for day in range(6):
        backup.backup_file_copy(book.sqlite_path, reason="daily", settings=settings,
                                now=start + timedelta(days=day), rotate=False)
    foreign = folder / "my-own-copy.sqlite3"
    foreign.write_bytes(b"keep me")
    removed = backup.rotate_backups(settings)
    left = backup.list_backups(settings)
    # newest 3 (days 7, 6, 5) cover the 2 days and the 1 week; days 2-4 go
    assert [b.taken_at.day for b in left] == [7, 6, 5]
    assert len(removed) == 3 and foreign.exists()


def test_backup_before_skips_when_the_newest_backup_holds_this_state(book, tmp_path):
    settings = make_settings(tmp_path)
    first = backup.backup_before(book, settings, "import")
    assert first is not None and first.reason == "import"
    again = backup.backup_before(book, settings, "merge")
    assert again is not None and again.path == first.path  # same state: no new copy
    CustomerService(book).edit(1, CustomerInput(notes="changed"))
    changed = backup.backup_before(book, settings, "merge")
    assert changed is not None and changed.path != first.path and changed.reason == "merge"
    VisitService(book).delete(1)  # a delete is a change too
    assert backup.backup_before(book, settings, "undo").path != changed.path
    assert len(backup.list_backups(settings)) == 3


def test_automatic_backups_can_be_turned_off(book, tmp_path):
    settings = make_settings(tmp_path, backup_auto="false")
    assert backup.backup_before(book, settings, "import") is None
    assert backup.daily_backup_if_due(book, settings) is None
    assert backup.list_backups(settings) == []


def test_daily_backup_once_a_day_and_only_for_a_new_state(book, tmp_path):
    settings = make_settings(tmp_path)
    monday = datetime(2026, 3, 2, 9, 30)
    daily = backup.daily_backup_if_due(book, settings, now=monday)
    assert daily is not None and daily.reason == "daily"
    assert backup.daily_backup_if_due(book, settings, now=monday + timedelta(hours=5)) is None
    # next day, nothing changed: the newest backup already holds this book
    assert backup.daily_backup_if_due(book, settings, now=monday + timedelta(days=1)) is None
    CustomerService(book).edit(2, CustomerInput(city="شیراز"))
    tuesday = backup.daily_backup_if_due(book, settings, now=monday + timedelta(days=1))
    assert tuesday is not None and tuesday.taken_at.date() == (monday + timedelta(days=1)).date()


def _book_at_first_revision(path: Path) -> None:
    from shopcrm.storage.migrate import current_revision, upgrade_to_head

    db = open_database(f"sqlite:///{path}", migrate=False)
    upgrade_to_head(db.engine, "0001")
    assert current_revision(db.engine) == "0001"
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO customer (name, name_key, mobile, vip, sms_opt_out, email_opt_out,"
            " prior_visits, visit_count, visit_days, total_spent, version, created_at,"
            " updated_at) VALUES ('نرگس', 'نرگس', '09120000009', 0, 0, 0, 0, 0, 0, 0, 1,"
            " '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
    db.close()


def test_an_older_book_is_backed_up_before_it_is_upgraded(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    path = tmp_path / "old.sqlite3"
    _book_at_first_revision(path)
    db = open_book(f"sqlite:///{path}")
    db.close()
    backups = backup.list_backups(make_settings(tmp_path))
    assert [b.reason for b in backups] == ["migration"]
    assert rows(backups[0].path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert rows(backups[0].path, "SELECT name FROM customer") == [("نرگس",)]
    # opened again: nothing to upgrade, no new backup; a new book needs none either
    open_database(f"sqlite:///{path}").close()
    open_database(f"sqlite:///{tmp_path / 'new.sqlite3'}").close()
    assert len(backup.list_backups(make_settings(tmp_path))) == 1


def test_a_failed_migration_backup_leaves_the_book_unupgraded(tmp_path, monkeypatch):
    from shopcrm.storage.migrate import current_revision

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(blocker / "backups"))
    path = tmp_path / "old.sqlite3"
    _book_at_first_revision(path)
    with pytest.raises(StorageError) as caught:
        open_book(f"sqlite:///{path}")
    assert caught.value.code == "migration_backup_failed"
    assert "backup" in describe(caught.value, "en") and describe(caught.value, "fa")
    db = open_database(f"sqlite:///{path}", migrate=False)
    assert current_revision(db.engine) == "0001"
    db.close()


@pytest.mark.postgres
def test_postgres_books_get_pg_dump_words_not_a_pretend_backup(postgres_url, tmp_path):
    db = open_database(postgres_url)
    settings = make_settings(tmp_path)
    try:
        with pytest.raises(StorageError) as caught:
            backup.backup_now(db, settings)
        error = caught.value
        assert error.code == "backup_postgres"
        dbname = postgres_url.rsplit("/", 1)[1]
        for lang in ("en", "fa"):
            words = describe(error, lang)
            assert "pg_dump" in words and "pg_restore" in words
            assert dbname in words and "127.0.0.1" in words
        # the automatic ones (before a merge, at start-up) stay quiet instead of failing
        assert backup.backup_before(db, settings, "merge") is None
        assert backup.daily_backup_if_due(db, settings) is None
        with pytest.raises(StorageError, match="pg_dump"):
            backup.restore(postgres_url, tmp_path / "x.sqlite3", settings, confirm=True)
    finally:
        db.close()
    assert not (tmp_path / "backups").exists()
    for words in (["backup"], ["backups"], ["restore", str(tmp_path / "x"), "--yes"]):
        result = run_cli("--db", postgres_url, *words)
        assert result.returncode == 1, result.stderr
        assert "pg_dump" in result.stderr and dbname in result.stderr
        assert "Traceback" not in result.stderr


def run_cli(*args: str, env: dict | None = None, input: str | None = None):
    return subprocess.run([sys.executable, "-m", "shopcrm", *args], capture_output=True,
                          text=True, env=env, input=input, timeout=120)


def test_cli_backup_and_backups(tmp_path):
    env = dict(os.environ, SHOPCRM_BACKUP_DIR=str(tmp_path / "backups"), SHOPCRM_LANG="en")
    db = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    assert run_cli("--db", db, "customer", "add", "--name", "سارا", "--phone", "09121234567",
                   env=env).returncode == 0
    made = run_cli("backup", "--db", db, "--json", env=env)
    assert made.returncode == 0, made.stderr
    import json

    info = json.loads(made.stdout)
    assert info["verified"] is True and info["reason"] == "manual" and info["customers"] == 1
    usb = run_cli("--db", db, "backup", "--to", str(tmp_path / "usb"), env=env)
    assert usb.returncode == 0 and str(tmp_path / "usb") in usb.stdout
    listed = run_cli("--db", db, "backups", "--json", "--verify", env=env)
    assert [b["path"] for b in json.loads(listed.stdout)] == [info["path"]]
    assert json.loads(listed.stdout)[0]["verified"] is True
    text_list = run_cli("--db", db, "backups", env=env)
    assert Path(info["path"]).name in text_list.stdout


def test_database_backups_and_logs_are_private(tmp_path, monkeypatch):
    if not POSIX:
        pytest.skip("file modes are POSIX")
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    old = os.umask(0o022)  # a usual umask: new files would be world-readable
    try:
        db = open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}")
        fill(db, customers=1)
        info = backup.backup_now(db, make_settings(tmp_path))
        for path in (tmp_path / "book.sqlite3", tmp_path / "book.sqlite3-wal",
                     tmp_path / "book.sqlite3-shm", info.path):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        db.close()
        from shopcrm import logs

        log_path = logs.setup_file_logging()
        handler = next(h for h in logging.getLogger("shopcrm").handlers
                       if getattr(h, "baseFilename", None) == str(log_path))
        logging.getLogger("shopcrm.test").warning("a line before rotation")
        handler.doRollover()
        logging.getLogger("shopcrm.test").warning("a line after rotation")
        for path in (log_path, Path(f"{log_path}.1")):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(old)
