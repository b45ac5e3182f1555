"""Restore gives back exactly the book of the backup; it checks the file first, asks,
backs up the current book, refuses while the book is open elsewhere; and the start-up
check answers a damaged or newer book with a clear message and the backup to restore."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shopcrm.config import Settings
from shopcrm.error_text import describe
from shopcrm.errors import Cancelled, ShopError, StorageError
from shopcrm.services.backup import backups as backup
from shopcrm.services.backup.care import open_book
from shopcrm.services.customers.demo import generate_demo
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.db import open_database


def dump(path: Path) -> list[str]:
    """Every table's rows and the schema, as SQL text (what a full comparison needs)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def settings_for(tmp_path: Path) -> Settings:
    return Settings(path=tmp_path / "settings.toml",
                    env={"SHOPCRM_BACKUP_DIR": str(tmp_path / "backups")})


def cli_env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, SHOPCRM_BACKUP_DIR=str(tmp_path / "backups"), SHOPCRM_LANG="en")


def run_cli(*args: str, env: dict, stdin=None, input: str | None = None):
    return subprocess.run([sys.executable, "-m", "shopcrm", *args], capture_output=True,
                          text=True, env=env, input=input, timeout=120,
                          **({"stdin": stdin} if stdin is not None else {}))


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A small demo book at tmp_path/book.sqlite3 (closed), backup folder in tmp_path."""
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    for _ in generate_demo(db, customers=60, seed=7):
        pass
    db.close()
    return path


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def change_the_book(path: Path) -> None:
    db = open_database(url_of(path))
    customers, visits = CustomerService(db), VisitService(db)
    customers.edit(1, CustomerInput(notes="یادداشت تازه", tags=["تازه"]))
    customers.delete(2)
    visits.add(3, VisitInput(amount=1_500_000, service="رنگ مو"))
    customers.merge(4, 5)
    for _ in generate_demo(db, customers=25, seed=8):
        pass
    db.close()


def test_restore_of_a_backup_taken_before_a_change_gives_back_exactly_that_book(book, tmp_path):
    settings = settings_for(tmp_path)
    db = open_database(url_of(book))
    before_change = backup.backup_before(db, settings, "import")
    db.close()
    expected = dump(book)
    change_the_book(book)
    assert dump(book) != expected
    changed = dump(book)
    result = backup.restore(url_of(book), before_change.path, settings, confirm=True)
    result.db.close()
    assert dump(book) == expected
    assert result.source.customers == 60
    # the changed book was kept, and is itself restorable
    assert result.safety_backup is not None and result.safety_backup.reason == "restore"
    assert dump(result.safety_backup.path)[1:] == changed[1:]  # same rows and schema
    again = backup.restore(url_of(book), result.safety_backup.path, settings, confirm=True)
    again.db.close()
    assert dump(book) == changed
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shopcrm-restore-")]


def test_cli_restore_of_the_backup_taken_before_a_merge(book, tmp_path):
    env = cli_env(tmp_path)
    expected = dump(book)
    merged = run_cli("--db", url_of(book), "customer", "merge", "#4", "#5", env=env)
    assert merged.returncode == 0, merged.stderr
    backups = backup.list_backups(settings_for(tmp_path))
    assert [b.reason for b in backups] == ["merge"]  # merge backs up first
    assert dump(book) != expected
    done = run_cli("--db", url_of(book), "restore", str(backups[0].path), "--yes", "--json",
                   env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["restored_from"]["path"] == str(backups[0].path)
    assert report["safety_backup"]["reason"] == "restore"
    assert dump(book) == expected


SAMPLE_WORKBOOK = Path(__file__).resolve().parents[1] / "data" / "customers-sample.xlsx"


def test_cli_restore_of_the_backup_taken_before_an_import(book, tmp_path):
    """The issue's "done when": restore of a backup taken before an import gives back
    exactly the book before it."""
    env = cli_env(tmp_path)
    expected = dump(book)
    imported = run_cli("--db", url_of(book), "import", str(SAMPLE_WORKBOOK), env=env)
    assert imported.returncode == 0, imported.stderr
    assert dump(book) != expected
    backups = [b for b in backup.list_backups(settings_for(tmp_path)) if b.reason == "import"]
    assert len(backups) == 1
    done = run_cli("--db", url_of(book), "restore", str(backups[0].path), "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert dump(book) == expected


def test_cli_restore_refuses_without_a_terminal_or_yes(book, tmp_path):
    env = cli_env(tmp_path)
    db = open_database(url_of(book))
    info = backup.backup_now(db, settings_for(tmp_path))
    CustomerService(db).edit(1, CustomerInput(city="یزد"))
    db.close()
    expected = dump(book)
    refused = run_cli("--db", url_of(book), "restore", str(info.path), env=env,
                      stdin=subprocess.DEVNULL)
    assert refused.returncode == 1
    assert "--yes" in refused.stderr and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert dump(book) == expected
    assert len(backup.list_backups(settings_for(tmp_path))) == 1  # not even a safety copy


@pytest.mark.parametrize("answer, replaced", [("y\n", True), ("n\n", False)])
def test_cli_restore_asks_on_a_terminal(book, tmp_path, answer, replaced):
    env = cli_env(tmp_path)
    db = open_database(url_of(book))
    info = backup.backup_now(db, settings_for(tmp_path))
    db.close()
    expected = dump(book)
    change_the_book(book)
    changed = dump(book)
    primary, secondary = pty.openpty()
    try:
        os.write(primary, answer.encode())
        result = run_cli("--db", url_of(book), "restore", str(info.path), env=env,
                         stdin=secondary)
    finally:
        os.close(primary)
        os.close(secondary)
    assert "Replace the current book" in result.stderr
    assert "60 customers" in result.stderr
    if replaced:
        assert result.returncode == 0, result.stderr
        assert dump(book) == expected
    else:
        assert result.returncode == 1 and "Cancelled" in result.stderr
        assert dump(book) == changed


def test_a_refused_confirmation_changes_nothing(book, tmp_path):
    settings = settings_for(tmp_path)
    db = open_database(url_of(book))
    info = backup.backup_now(db, settings)
    CustomerService(db).edit(1, CustomerInput(city="قم"))
    db.close()
    expected = dump(book)
    shown = []
    with pytest.raises(Cancelled):
        backup.restore(url_of(book), info.path, settings,
                       confirm=lambda checked: shown.append(checked) or False)
    assert shown and shown[0].customers == 60 and shown[0].revision
    assert dump(book) == expected
    assert len(backup.list_backups(settings)) == 1


def _not_a_book(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")


def _newer_book(path: Path, source: Path) -> None:
    path.write_bytes(source.read_bytes())
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")


def _truncated(path: Path, source: Path) -> None:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbled(path: Path, source: Path) -> None:
    data = bytearray(source.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):
        data[start:start + page] = os.urandom(page)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind, code", [
    ("missing", "backup_not_found"),
    ("random bytes", "backup_not_sqlite"),
    ("spreadsheet", "backup_not_sqlite"),
    ("not a book", "backup_not_a_book"),
    ("newer", "backup_newer"),
    ("truncated", "backup_unverified"),
    ("garbled", "backup_unverified"),
])
def test_restore_checks_the_file_first_and_changes_nothing(book, tmp_path, kind, code):
    settings = settings_for(tmp_path)
    db = open_database(url_of(book))
    good = backup.backup_now(db, settings)
    db.close()
    bad = tmp_path / "bad.sqlite3"
    if kind == "random bytes":
        bad.write_bytes(os.urandom(20_000))
    elif kind == "spreadsheet":
        bad.write_bytes(b"PK\x03\x04" + os.urandom(5000))
    elif kind == "not a book":
        _not_a_book(bad)
    elif kind == "newer":
        _newer_book(bad, good.path)
    elif kind == "truncated":
        _truncated(bad, good.path)
    elif kind == "garbled":
        _garbled(bad, good.path)
    expected = dump(book)
    with pytest.raises(ShopError) as caught:
        backup.restore(url_of(book), bad, settings, confirm=True)
    assert caught.value.code == code, caught.value
    assert caught.value.data.get("path") == str(bad)  # the owner's file, not a temp copy
    assert describe(caught.value, "en") and describe(caught.value, "fa")
    assert dump(book) == expected
    assert [b.path for b in backup.list_backups(settings)] == [good.path]  # no safety copy
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shopcrm-restore-")]
    result = run_cli("--db", url_of(book), "restore", str(bad), "--yes",
                     env=cli_env(tmp_path)) if kind in ("newer", "garbled") else None
    if result is not None:
        assert result.returncode == 1 and "Traceback" not in result.stderr


def test_restore_is_refused_while_the_book_is_open_elsewhere(book, tmp_path):
    settings = settings_for(tmp_path)
    window = open_database(url_of(book))  # another window holding the book open
    try:
        info = backup.backup_now(window, settings)
        CustomerService(window).edit(1, CustomerInput(city="کرج"))
        expected = dump(book)
        with pytest.raises(StorageError) as caught:
            backup.restore(url_of(book), info.path, settings, confirm=True)
        assert caught.value.code == "db_in_use"
        assert "close" in describe(caught.value, "en")
        assert dump(book) == expected
        assert CustomerService(window).get(1).city == "کرج"  # the window still works
    finally:
        window.close()
    done = backup.restore(url_of(book), info.path, settings, confirm=True)
    done.db.close()


def test_restore_replaces_a_damaged_book_and_keeps_the_damaged_one(book, tmp_path):
    settings = settings_for(tmp_path)
    db = open_database(url_of(book))
    info = backup.backup_now(db, settings)
    db.close()
    expected = dump(book)
    _garbled(book, info.path)
    with pytest.raises(StorageError) as caught:
        open_database(url_of(book))
    assert caught.value.code == "db_corrupt"
    result = backup.restore(url_of(book), info.path, settings, confirm=True)
    result.db.close()
    assert dump(book) == expected
    assert result.damaged_copy is not None and result.damaged_copy.exists()
    assert result.damaged_copy.read_bytes()[:16] == b"SQLite format 3\x00"
    assert result.safety_backup is None


def test_restore_onto_a_new_machine_without_a_book(book, tmp_path):
    settings = settings_for(tmp_path)
    db = open_database(url_of(book))
    info = backup.backup_now(db, settings)
    db.close()
    target = tmp_path / "new-laptop" / "shopcrm.sqlite3"
    result = backup.restore(url_of(target), info.path, settings, confirm=True)
    assert CustomerService(result.db).count() == 60
    result.db.close()
    assert result.safety_backup is None
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def corrupt_pages(path: Path) -> None:
    """Overwrite the customer table's root page and a run of pages in the middle of the file
    with garbage (the root page: wherever the layout puts the rest, reading customers
    meets the damage)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND "
                            "name = 'customer'").fetchone()[0]
    data = bytearray(path.read_bytes())
    at = (root - 1) * page_size
    data[at:at + page_size] = os.urandom(page_size)
    start = len(data) // 3 // 4096 * 4096
    data[start:start + 8 * 4096] = os.urandom(8 * 4096)
    path.write_bytes(bytes(data))


def test_a_damaged_book_gives_db_corrupt_and_names_the_newest_good_backup(book, tmp_path):
    settings = settings_for(tmp_path)
    db = open_database(url_of(book))
    older = backup.backup_now(db, settings)
    CustomerService(db).edit(1, CustomerInput(city="اراک"))
    newest = backup.backup_now(db, settings)
    db.close()
    _garbled(newest.path, newest.path)  # the newest backup went bad on the USB disk
    corrupt_pages(book)
    with pytest.raises(StorageError) as caught:
        open_book(url_of(book), settings=settings)
    assert caught.value.code == "db_corrupt"
    assert caught.value.data["backup"] == str(older.path)
    assert backup.newest_good_backup(settings).path == older.path
    listed = {b.path: b.verified for b in backup.list_backups(settings, verify=True)}
    assert listed == {older.path: True, newest.path: False}
    env = cli_env(tmp_path)
    result = run_cli("--db", url_of(book), "customers", env=env)
    assert result.returncode == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    restored = run_cli("--db", url_of(book), "restore", "--newest", "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    assert str(older.path) in restored.stdout
    assert run_cli("--db", url_of(book), "customers", env=env).returncode == 0


def test_a_file_that_is_not_a_database_gives_db_corrupt(tmp_path):
    path = tmp_path / "book.sqlite3"
    path.write_bytes(os.urandom(50_000))
    with pytest.raises(StorageError) as caught:
        open_database(url_of(path))
    assert caught.value.code == "db_corrupt"


def test_a_book_from_a_newer_app_is_refused_not_migrated(book, tmp_path):
    settings = settings_for(tmp_path)
    db = open_database(url_of(book))
    good = backup.backup_now(db, settings)
    db.close()
    with contextlib.closing(sqlite3.connect(book)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_newer_app'")
    before = dump(book)
    with pytest.raises(StorageError) as caught:
        open_database(url_of(book))
    assert caught.value.code == "db_newer"
    assert "ffff_newer_app" in describe(caught.value, "en")
    result = run_cli("--db", url_of(book), "customers", env=cli_env(tmp_path))
    assert result.returncode == 1 and "newer version" in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(book) == before
    assert [b.path for b in backup.list_backups(settings)] == [good.path]  # no migration one
    # the refused open left no connection behind: a restore in the same process works
    restored = backup.restore(url_of(book), good.path, settings, confirm=True)
    restored.db.close()
