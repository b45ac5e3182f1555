"""A full disk or a read-only place: writing the book, a backup or an export says so
clearly (disk_full / read_only) and loses nothing.

The full disk is a tiny tmpfs (mounting needs root; outside CI skipped with the reason
when that is impossible, in CI (env ``CI``) a failure: CI runs as root).
The read-only place is a tmpfs remounted read-only under root (root ignores permission
bits) and a directory without write permission otherwise.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shopcrm.error_text import describe
from shopcrm.errors import StorageError
from shopcrm.services.backup import backups as backup
from shopcrm.services.customers.demo import generate_demo
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.storage import safety
from shopcrm.storage.db import open_database


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60)


def _cannot(reason: str) -> None:
    """A real full disk cannot be made here: a failure in CI, a skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the disk-full tests on a real full disk: {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        _cannot("mounting a small tmpfs needs root (and mount)")
    where.mkdir(parents=True, exist_ok=True)
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
    if mounted.returncode != 0:
        _cannot(f"mounting a tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        _run("umount", "-l", str(where))


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "4m") as where:
        yield where


def fill_up(disk: Path, leave: int = 16 * 1024) -> Path:
    """Take all the free space of ``disk`` but ``leave`` bytes; returns the filler file."""
    filler = disk / "filler.bin"
    st = os.statvfs(disk)
    free = st.f_bavail * st.f_frsize
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


@pytest.fixture
def read_only_place(tmp_path) -> Iterator[tuple[Path, Callable[[], None]]]:
    """(folder, make_read_only): fill the folder first, then make it read-only."""
    if os.name == "posix" and os.geteuid() == 0:
        with tmpfs(tmp_path / "ro", "8m") as where:
            def make_read_only() -> None:
                result = _run("mount", "-o", "remount,ro", str(where))
                if result.returncode != 0:
                    pytest.skip(f"remounting read-only is not permitted: {result.stderr}")
            yield where, make_read_only
        return
    where = tmp_path / "ro"
    where.mkdir()
    try:
        yield where, lambda: os.chmod(where, 0o500)
    finally:
        os.chmod(where, 0o700)


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ if env is None else env, SHOPCRM_LANG="en")
    return subprocess.run([sys.executable, "-m", "shopcrm", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def one_clear_line(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


# -- the translation ---------------------------------------------------------------------

@pytest.mark.parametrize("exc, code", [
    (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "disk_full"),
    (OSError(errno.EROFS, "Read-only file system"), "read_only"),
    (PermissionError(errno.EACCES, "Permission denied"), "read_only"),
    (sqlite3.OperationalError("database or disk is full"), "disk_full"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read_only"),
    (sqlite3.OperationalError("database is locked"), "db_locked"),
    (OSError(errno.ENOENT, "No such file"), None),
    (sqlite3.IntegrityError("UNIQUE constraint failed"), None),
    (ValueError("x"), None),
])
def test_errors_are_translated_in_one_place(exc, code, tmp_path):
    clear = safety.translate(exc, tmp_path)
    if code is None:
        assert clear is None
    else:
        assert clear.code == code and clear.data["path"] == str(tmp_path)
        assert describe(clear, "en") and describe(clear, "fa")
        if code != "db_locked":
            assert str(tmp_path) in describe(clear, "en")


def test_postgres_disk_full_and_read_only_states_are_translated():
    class PgError(Exception):
        def __init__(self, sqlstate: str) -> None:
            self.sqlstate = sqlstate

    assert safety.translate(PgError("53100")).code == "disk_full"
    assert safety.translate(PgError("25006")).code == "read_only"
    assert safety.translate(PgError("23505")) is None


# -- a full disk -------------------------------------------------------------------------

def test_writing_the_book_on_a_full_disk(small_disk, monkeypatch, tmp_path):
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    path = small_disk / "book.sqlite3"
    url = f"sqlite:///{path}"
    db = open_database(url)
    service = CustomerService(db)
    for i in range(3):
        service.add(CustomerInput(name=f"مشتری {i}", mobile=f"0912000000{i}"))
    before = dump(path)
    filler = fill_up(small_disk)
    with pytest.raises(StorageError) as caught:
        for _ in generate_demo(db, customers=1500, seed=1):
            pass
    assert caught.value.code == "disk_full"
    assert caught.value.data["path"] == str(path)
    assert service.count() == 3  # the book still reads, and lost nothing
    result = cli("--db", url, "demo", "--customers", "1500", "--into-existing")
    one_clear_line(result, "The disk is full")
    db.close()
    assert integrity(path) == "ok"
    after = dump(path)
    assert set(before) <= set(after)  # nothing lost (the demo's tag list may be added)
    assert sum(line.startswith('INSERT INTO "customer"') for line in after) == 3
    filler.unlink()  # space again: the same writes go through
    db = open_database(url)
    for _ in generate_demo(db, customers=300, seed=1):
        pass
    assert CustomerService(db).count() == 303
    db.close()


def test_a_backup_to_a_full_disk(small_disk, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(small_disk / "backups"))
    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    for _ in generate_demo(db, customers=300, seed=2):
        pass
    fill_up(small_disk)
    with pytest.raises(StorageError) as caught:
        backup.backup_now(db, None)
    assert caught.value.code == "disk_full"
    assert caught.value.data["path"] == str(small_disk / "backups")
    assert list((small_disk / "backups").iterdir()) == []  # no half file, no temp file
    result = cli("--db", f"sqlite:///{path}", "backup", "--to", str(small_disk / "usb"))
    one_clear_line(result, "The disk is full")
    assert not any((small_disk / "usb").iterdir())
    db.close()
    assert integrity(path) == "ok"


def _write_workbook(target: Path, rows: int) -> None:
    import xlsxwriter

    with safety.atomic_path(target) as tmp:
        workbook = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
        sheet = workbook.add_worksheet("مشتریان")
        for r in range(rows):
            sheet.write_row(r, 0, [f"مشتری {r}", f"0912{r:07d}", os.urandom(8).hex()])
        workbook.close()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # xlsxwriter
def test_an_export_to_a_full_disk_keeps_the_old_file(small_disk):
    target = small_disk / "customers.xlsx"
    _write_workbook(target, 10)
    old = target.read_bytes()
    fill_up(small_disk, leave=8 * 1024)
    with pytest.raises(StorageError) as caught:
        _write_workbook(target, 50_000)
    assert caught.value.code == "disk_full"
    assert target.read_bytes() == old
    assert sorted(p.name for p in small_disk.iterdir()) == ["customers.xlsx", "filler.bin"]
    with pytest.raises(StorageError) as caught, \
            safety.atomic_write(small_disk / "notes.txt", "w") as fh:
        fh.write("x" * 100_000)
    assert caught.value.code == "disk_full"
    assert not (small_disk / "notes.txt").exists()


def test_the_real_exporter_on_a_full_disk_says_disk_full_in_one_line(small_disk, tmp_path):
    """``shopcrm export`` and the export service itself, on a really full filesystem: the
    one-line disk_full message (no xlsxwriter text, no ZipFile traceback), the previous
    file kept, no temporary file left."""
    from shopcrm.services.excel.exporter import export, run_to_end

    book = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{book}")
    run_to_end(generate_demo(db, 1500, seed=11))
    target = small_disk / "customers.xlsx"
    run_to_end(export(db, target, "customers", lang="en"))
    old = target.read_bytes()
    fill_up(small_disk, leave=8 * 1024)
    with pytest.raises(StorageError) as caught:
        run_to_end(export(db, target, "customers", lang="fa"))
    assert caught.value.code == "disk_full"
    db.close()
    result = cli("--db", f"sqlite:///{book}", "export", str(target), "--what", "customers")
    one_clear_line(result, "disk is full")
    assert "No space left" not in result.stderr and "Exception ignored" not in result.stderr
    assert target.read_bytes() == old
    assert sorted(p.name for p in small_disk.iterdir()) == ["customers.xlsx", "filler.bin"]


# -- a read-only place -------------------------------------------------------------------

def test_backups_and_exports_into_a_read_only_place(read_only_place, tmp_path, monkeypatch):
    where, make_read_only = read_only_place
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(where / "backups"))
    (where / "backups").mkdir()
    export = where / "customers.xlsx"
    _write_workbook(export, 5)
    old = export.read_bytes()
    make_read_only()
    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    CustomerService(db).add(CustomerInput(name="آزاده", mobile="09123334455"))
    with pytest.raises(StorageError) as caught:
        backup.backup_now(db, None)
    assert caught.value.code == "read_only"
    assert list((where / "backups").iterdir()) == []
    with pytest.raises(StorageError) as caught:
        backup.backup_before(db, None, "import")
    assert caught.value.code == "read_only"
    with pytest.raises(StorageError) as caught:
        _write_workbook(export, 100)
    assert caught.value.code == "read_only"
    assert export.read_bytes() == old
    one_clear_line(cli("--db", f"sqlite:///{path}", "backup"), "read-only")
    db.close()


def test_a_book_in_a_read_only_place(read_only_place, monkeypatch, tmp_path):
    where, make_read_only = read_only_place
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    path = where / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    CustomerService(db).add(CustomerInput(name="پریسا", mobile="09125556677"))
    db.close()
    before = path.read_bytes()
    make_read_only()
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}")
    assert caught.value.code == "read_only"
    one_clear_line(cli("--db", f"sqlite:///{path}", "customer", "add", "--name", "نو",
                       "--phone", "09120001122"), "read-only")
    assert path.read_bytes() == before
