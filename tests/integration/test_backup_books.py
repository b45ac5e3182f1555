"""Backups belong to their book, even when two books share one backup folder.

The issue's case: ``restore --newest`` on a 3,000-customer book restored a 40,000-customer
book's backup over it, because every book backed up into the same folder under the same
kind of name. Here a small book ("salon") and a bigger one ("branch2") share a folder.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from shopcrm.config import Settings
from shopcrm.errors import Conflict
from shopcrm.services.backup import backups as backup
from shopcrm.services.customers.demo import generate_demo
from shopcrm.storage.book_id import book_id_of_file
from shopcrm.storage.db import open_database


def count(path: Path, table: str = "customer") -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def make_book(path: Path, customers: int, seed: int) -> Path:
    db = open_database(str(path))
    for _ in generate_demo(db, customers=customers, seed=seed):
        pass
    db.close()
    return path


@pytest.fixture
def folder(tmp_path, monkeypatch):
    shared = tmp_path / "shared-backups"
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(shared))
    monkeypatch.setenv("SHOPCRM_LANG", "en")
    return shared


@pytest.fixture
def settings(tmp_path, folder):
    return Settings(path=tmp_path / "settings.toml", env={"SHOPCRM_BACKUP_DIR": str(folder)})


@pytest.fixture
def salon(tmp_path, folder):
    return make_book(tmp_path / "salon.sqlite3", 30, 1)


@pytest.fixture
def branch(tmp_path, folder):
    return make_book(tmp_path / "Branch 2.sqlite3", 120, 2)


def backup_of(path: Path, settings: Settings, when: datetime, reason: str = "manual"):
    db = open_database(str(path))
    try:
        return backup.backup_file_copy(path, reason=reason, settings=settings, now=when,
                                       identity=backup.identity_for(db, ensure=True))
    finally:
        db.close()


def test_each_book_has_its_own_id_and_its_backups_carry_it(salon, branch, settings, folder):
    salon_id, branch_id = book_id_of_file(salon), book_id_of_file(branch)
    assert salon_id and branch_id and salon_id != branch_id
    a = backup_of(salon, settings, datetime(2026, 3, 1, 9, 0, 0))
    b = backup_of(branch, settings, datetime(2026, 3, 1, 9, 0, 0))  # the same second
    assert a.path.parent == b.path.parent == folder
    assert a.path.name == f"shopcrm-salon-{salon_id}-2026-03-01T090000-manual.sqlite3"
    assert b.path.name == f"shopcrm-branch-2-{branch_id}-2026-03-01T090000-manual.sqlite3"
    assert book_id_of_file(b.path) == branch_id  # the id is inside the copy as well
    assert [x.path for x in backup.list_backups(settings, book=salon)] == [a.path]
    assert [x.path for x in backup.list_backups(settings, book=branch)] == [b.path]
    assert {x.path for x in backup.list_backups(settings)} == {a.path, b.path}


def test_the_cli_lists_this_books_backups_and_says_there_are_others(
        salon, branch, settings, run_cli):
    backup_of(salon, settings, datetime(2026, 3, 1, 9, 0, 0))
    backup_of(branch, settings, datetime(2026, 3, 2, 9, 0, 0))
    backup_of(branch, settings, datetime(2026, 3, 3, 9, 0, 0))
    code, out, err = run_cli("--db", str(salon), "backups", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [b["book_name"] for b in listed] == ["salon"]
    assert listed[0]["book_id"] == book_id_of_file(salon)
    code, out, _ = run_cli("--db", str(salon), "backups")
    assert "backups of the book salon" in out
    assert "2 more in this folder belong to other books" in out
    code, out, _ = run_cli("--db", str(salon), "backups", "--all", "--json")
    assert sorted(b["book_name"] for b in json.loads(out)) == ["branch-2", "branch-2",
                                                               "salon"]


def test_restore_newest_takes_this_books_backup_not_the_newer_one_of_another_book(
        salon, branch, settings, run_cli):
    own = backup_of(salon, settings, datetime(2026, 3, 1, 9, 0, 0))
    backup_of(branch, settings, datetime(2026, 3, 5, 9, 0, 0))  # newer, and bigger
    make_book(salon, 5, 9)  # the salon book changes after its backup: 35 customers
    assert count(salon) == 35
    code, out, err = run_cli("--db", str(salon), "restore", "--newest", "--yes")
    assert code == 0, err
    assert str(own.path) in out
    assert count(salon) == 30  # its own state, not the branch's 120


def test_restore_newest_with_no_backup_of_this_book_refuses(salon, branch, settings,
                                                             run_cli):
    backup_of(branch, settings, datetime(2026, 3, 5, 9, 0, 0))
    code, out, err = run_cli("--db", str(salon), "restore", "--newest", "--yes")
    assert code == 1 and out == ""
    assert err.strip().startswith("There is no good backup of this book")
    assert count(salon) == 30


def test_another_books_backup_is_refused_unless_told(salon, branch, settings, run_cli):
    other = backup_of(branch, settings, datetime(2026, 3, 5, 9, 0, 0))
    before = count(salon)
    code, out, err = run_cli("--db", str(salon), "restore", str(other.path), "--yes")
    assert code == 1 and out == ""
    assert err.strip() == (
        "This backup is of another book ('branch-2', 120 customers), not of this one "
        "('salon', 30 customers); restoring it would replace this book. If that is what "
        "you want, add --from-other-book.")
    code, _, err = run_cli("--db", str(salon), "--lang", "fa", "restore", str(other.path),
                           "--yes")
    assert code == 1 and "از دفتر دیگری است" in err and "--from-other-book" in err
    assert count(salon) == before
    assert book_id_of_file(salon) != book_id_of_file(branch)

    salon_id = book_id_of_file(salon)
    code, out, err = run_cli("--db", str(salon), "restore", str(other.path), "--yes",
                             "--from-other-book")
    assert code == 0, err
    assert count(salon) == 120
    # the salon as it was is kept, under its own name, and it is still this book's: the
    # restore is undone with --newest
    kept = [b for b in backup.list_backups(settings) if b.reason == "restore"]
    assert len(kept) == 1 and kept[0].book_name == "salon"
    assert book_id_of_file(salon) == salon_id != book_id_of_file(branch)
    code, _, err = run_cli("--db", str(salon), "restore", "--newest", "--yes")
    assert code == 0, err
    assert count(salon) == 30


def test_the_service_refuses_too(salon, branch, settings):
    other = backup_of(branch, settings, datetime(2026, 3, 5, 9, 0, 0))
    with pytest.raises(Conflict) as caught:
        backup.restore(str(salon), other.path, settings, confirm=True)
    assert caught.value.code == "backup_other_book"
    assert caught.value.data["customers"] == 30
    assert caught.value.data["backup_customers"] == 120


def test_a_backup_from_before_ids_is_refused_over_a_book_with_customers(
        salon, settings, folder, run_cli):
    own = backup_of(salon, settings, datetime(2026, 3, 1, 9, 0, 0))
    old = folder / "shopcrm-2025-12-30T100000-manual.sqlite3"  # the old name, no id inside
    shutil.copyfile(own.path, old)
    with contextlib.closing(sqlite3.connect(old)) as conn, conn:
        conn.execute("DELETE FROM setting WHERE key = 'book.id'")
    code, _, err = run_cli("--db", str(salon), "restore", str(old), "--yes")
    assert code == 1
    assert err.strip().startswith("This backup does not say which book it is of")
    code, _, err = run_cli("--db", str(salon), "restore", str(old), "--yes",
                           "--from-other-book")
    assert code == 0, err
    # --newest never takes an old-style backup: it says no book
    found = backup.newest_good_backup(settings, book=salon)
    assert found is not None and found.path != old and found.book_name == "salon"


def test_any_backup_may_fill_a_new_or_empty_book(branch, settings, tmp_path, run_cli):
    """A new machine: the owner restores the shop's backup into a fresh, empty book."""
    other = backup_of(branch, settings, datetime(2026, 3, 5, 9, 0, 0))
    fresh = tmp_path / "fresh.sqlite3"
    assert run_cli("--db", str(fresh), "init")[0] == 0
    code, _, err = run_cli("--db", str(fresh), "restore", str(other.path), "--yes")
    assert code == 0, err
    assert count(fresh) == 120
    assert book_id_of_file(fresh) == book_id_of_file(branch)  # it is that book now
    missing = tmp_path / "elsewhere" / "moved.sqlite3"
    code, _, err = run_cli("--db", str(missing), "restore", str(other.path), "--yes")
    assert code == 0, err
    assert count(missing) == 120


def test_rotation_counts_each_books_backups_on_their_own(salon, branch, settings):
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(12):  # the branch backs up every day, twelve days
        backup_of(branch, settings, start + timedelta(days=day))
    own = backup_of(salon, settings, start)  # the salon once, the oldest of all
    keep = Settings(path=settings.path, env={"SHOPCRM_BACKUP_DIR": str(own.path.parent),
                                             "SHOPCRM_BACKUP_KEEP_DAILY": "2",
                                             "SHOPCRM_BACKUP_KEEP_WEEKLY": "1"})
    backup.rotate_backups(keep)
    assert own.path.exists()  # the other book's many backups do not push it out
    left = backup.list_backups(keep, book=branch)
    assert len(left) == 3  # the branch's own newest three (days and week inside them)


def test_the_daily_backup_is_per_book(salon, branch, settings):
    now = datetime(2026, 3, 1, 12, 0)
    db_branch = open_database(str(branch))
    db_salon = open_database(str(salon))
    try:
        assert backup.daily_backup_if_due(db_branch, settings, now=now) is not None
        made = backup.daily_backup_if_due(db_salon, settings, now=now)
        assert made is not None and made.book_name == "salon"
        assert backup.daily_backup_if_due(db_salon, settings, now=now) is None
    finally:
        db_branch.close()
        db_salon.close()


def test_a_read_only_command_gives_an_old_book_no_id_but_work_does(salon, run_cli):
    with contextlib.closing(sqlite3.connect(salon)) as conn, conn:
        conn.execute("DELETE FROM setting WHERE key = 'book.id'")
    assert run_cli("--db", str(salon), "customers", "--json")[0] == 0
    assert book_id_of_file(salon) is None
    assert run_cli("--db", str(salon), "init")[0] == 0
    assert book_id_of_file(salon) is not None
