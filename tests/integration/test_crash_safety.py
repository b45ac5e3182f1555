"""Crash safety: SIGKILL at several kill points (tests/support/kill.py), then the book is
whole (``PRAGMA integrity_check`` ok, it opens) and nothing half-done is taken as good.

- during a backup: the backup is complete and verified, or absent (a ``.partial`` file is
  never listed, and the next backup removes it);
- during a restore: the book is the old one or the restored one, never a mix;
- during a big write (``shopcrm demo``, one transaction per chunk): every committed chunk
  is whole, no chunk is half there, and the summaries agree with the visits.

Import and bulk-send kill tests live with those features and use the same helper.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest
from support.kill import Victim, VictimExited, python_code, shopcrm_argv

from shopcrm.config import Settings
from shopcrm.services.backup import backups as backup
from shopcrm.services.customers.demo import generate_demo
from shopcrm.storage.db import open_database

BACKUP_CHILD = r"""
import sys
from support.kill import marker, park
from shopcrm.services.backup import take as backup  # the steps are patched where they run

book, point = sys.argv[1], sys.argv[2]
real_copy, real_verify, real_publish = backup._copy_into, backup._verify, backup._publish
real_rotate_unlink = backup.rotate_backups


def copy_into(source, tmp):
    if point == "mid-copy":  # half the pages in the temp file, then killed
        import sqlite3
        src, dst = sqlite3.connect(book), sqlite3.connect(tmp)
        def progress(status, remaining, total):
            if total - remaining >= total // 2:
                marker(point)
                park()
        src.backup(dst, pages=4, progress=progress)
    real_copy(source, tmp)
    if point == "copied":
        marker(point)
        park()


def verify(path):
    if point == "verifying":
        marker(point)
        park()
    result = real_verify(path)
    if point == "verified":  # checked, not yet renamed
        marker(point)
        park()
    return result


def publish(tmp, final):
    real_publish(tmp, final)
    if point == "published":  # renamed, rotation not yet done
        marker(point)
        park()


def rotate(settings, keep=None):
    from pathlib import Path
    if point == "rotating":  # killed between two deletions
        olds = backup.list_backups(settings)[1:]
        olds[-1].path.unlink()
        marker(point)
        park()
    return real_rotate_unlink(settings, keep=keep)


backup._copy_into, backup._verify, backup._publish = copy_into, verify, publish
backup.rotate_backups = rotate
marker("start")
backup.backup_file_copy(book, reason="manual")
marker("done")
"""

BACKUP_POINTS = ["mid-copy", "copied", "verifying", "verified", "published", "rotating"]


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, SHOPCRM_BACKUP_DIR=str(tmp_path / "backups"), SHOPCRM_LANG="en",
                SHOPCRM_BACKUP_KEEP_DAILY="1", SHOPCRM_BACKUP_KEEP_WEEKLY="1")


def _settings(tmp_path: Path) -> Settings:
    return Settings(path=tmp_path / "settings.toml", env=_env(tmp_path))


def _integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def demo_book(tmp_path) -> Path:
    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    for _ in generate_demo(db, customers=400, seed=3):
        pass
    db.close()
    return path


@pytest.mark.parametrize("point", BACKUP_POINTS)
def test_a_backup_killed_at_any_point_is_complete_or_absent(demo_book, tmp_path, point,
                                                          monkeypatch):
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    settings = _settings(tmp_path)
    first = backup.backup_file_copy(demo_book, reason="daily", settings=settings,
                                    rotate=False)
    second = backup.backup_file_copy(demo_book, reason="daily", settings=settings,
                                     rotate=False)
    before = {first.path, second.path}
    with Victim(python_code(BACKUP_CHILD, demo_book, point), env=_env(tmp_path)) as victim:
        victim.wait_for_marker(point, timeout=60)
        victim.kill()
    assert victim.killed
    listed = backup.list_backups(settings)
    for info in listed:  # whatever is listed is a sound book, never half a file
        assert backup.check_backup_file(info.path)[1] == 400, info.path
    names = {b.path for b in listed}
    if point in ("mid-copy", "copied", "verifying", "verified"):
        assert names == before
        assert [p for p in (tmp_path / "backups").iterdir() if p.suffix == ".partial"]
    elif point == "published":
        assert len(names - before) == 1 and before <= names
    else:  # rotating: the new one is in, an old one went, nothing half-deleted
        assert len(names - before) == 1 and len(names & before) == 1
    assert _integrity(demo_book) == "ok"
    # the next backup works and clears what the killed one left
    again = backup.backup_file_copy(demo_book, reason="manual", settings=settings)
    assert again.verified
    leftovers = [p.name for p in (tmp_path / "backups").iterdir()
                 if p.name.startswith(backup.TEMP_PREFIX)]
    assert leftovers == []
    assert backup.newest_good_backup(settings).path == again.path
    open_database(f"sqlite:///{demo_book}").close()


@pytest.mark.parametrize("delay", [0.0, 0.03, 0.08])
def test_the_backup_command_killed_while_it_copies(demo_book, tmp_path, delay):
    """The real command, no markers: killed as soon as its temporary file appears (plus a
    delay). Whatever moment that lands on, the backups folder holds only sound backups."""
    folder = tmp_path / "backups"
    folder.mkdir()
    argv = shopcrm_argv("--db", f"sqlite:///{demo_book}", "backup")
    with Victim(argv, env=_env(tmp_path)) as victim:
        # if it finished before we saw the file, the outcome must still be sound
        with contextlib.suppress(VictimExited):
            victim.wait_for(lambda: any(p.name.startswith(backup.TEMP_PREFIX)
                                        for p in folder.iterdir()),
                            timeout=60, interval=0.001, what="temporary backup file")
        victim.kill(after=delay)
    for info in backup.list_backups(_settings(tmp_path)):
        assert backup.check_backup_file(info.path)[1] == 400
    assert _integrity(demo_book) == "ok"
    made = backup.backup_file_copy(demo_book, settings=_settings(tmp_path))
    assert [p for p in folder.iterdir() if p.name.startswith(backup.TEMP_PREFIX)] == []
    assert made.verified


RESTORE_CHILD = r"""
import sys
from support.kill import marker, park
from shopcrm.services.backup import restore as backup  # patched where the restore runs
import shopcrm.storage.db as db_module

url, source, point = sys.argv[1], sys.argv[2], sys.argv[3]
real_check = backup.check_backup_file


def check(path):
    result = real_check(path)
    if point == "checked":  # the copy is beside the book, checked, not yet in place
        marker(point)
        park()
    return result


def reopen(url, **_options):
    marker(point)  # "replaced": the book is the restored one, not yet reopened
    park()


backup.check_backup_file = check
db_module.open_database = reopen
backup.restore(url, source, confirm=True)
"""


def _dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("point", ["checked", "replaced"])
def test_a_restore_killed_leaves_the_old_book_or_the_new_one(demo_book, tmp_path, point,
                                                             monkeypatch):
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    settings = _settings(tmp_path)
    old = backup.backup_file_copy(demo_book, settings=settings)
    db = open_database(f"sqlite:///{demo_book}")
    for _ in generate_demo(db, customers=50, seed=4):
        pass
    db.close()
    current = _dump(demo_book)
    restored = _dump(old.path)
    url = f"sqlite:///{demo_book}"
    with Victim(python_code(RESTORE_CHILD, url, old.path, point), env=_env(tmp_path)) as v:
        v.wait_for_marker(point, timeout=60)
        v.kill()
    assert v.killed
    assert _integrity(demo_book) == "ok"
    after = _dump(demo_book)
    if point == "checked":
        assert after == current
    else:
        assert after[1:] == restored[1:]
    open_database(url).close()
    # a later restore cleans the killed one's temporary copy
    backup.restore(url, old.path, settings, confirm=True).db.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(backup.RESTORE_PREFIX)]


DEMO_CHILD = r"""
import sys
from support.kill import marker
import shopcrm.services.customers.demo as demo
from shopcrm.cli import main

demo.CHUNK = int(sys.argv[2])
marker("start")
sys.exit(main(["--db", sys.argv[1], "demo", "--customers", sys.argv[3]]))
"""


def _customers(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM customer").fetchone()[0]
    finally:
        conn.close()


def _check_chunks(path: Path, chunk: int) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        customers = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
        ids = conn.execute("SELECT min(id), max(id) FROM customer").fetchone()
        orphans = conn.execute("SELECT count(*) FROM visit WHERE customer_id NOT IN "
                               "(SELECT id FROM customer)").fetchone()[0]
        wrong = conn.execute(
            "SELECT count(*) FROM customer c WHERE c.visit_count != "
            "(SELECT count(*) FROM visit v WHERE v.customer_id = c.id)").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM customer_fts").fetchone()[0]
    assert customers % chunk == 0, f"{customers} customers: a chunk is half there"
    if customers:
        assert ids == (1, customers)
    assert orphans == 0 and wrong == 0
    assert fts == customers  # the search index moved with every chunk
    return customers


@pytest.mark.parametrize("after_customers, delay", [
    (0, 0.15),     # inside the first chunk, before any commit
    (1000, 0.0),   # right after the first commit
    (2000, 0.12),  # in the middle of the third chunk
    (4000, 0.05),  # near the end
])
def test_a_big_write_killed_keeps_whole_chunks(tmp_path, after_customers, delay):
    path = tmp_path / "book.sqlite3"
    url = f"sqlite:///{path}"
    open_database(url).close()
    argv = python_code(DEMO_CHILD, url, "1000", "6000")
    with Victim(argv, env=_env(tmp_path)) as victim:
        victim.wait_for_marker("start")
        victim.wait_for(lambda: _customers(path) >= after_customers, timeout=120,
                        what=f"{after_customers} customers")
        victim.kill(after=delay)
    assert victim.killed, victim.describe()
    found = _check_chunks(path, 1000)
    assert after_customers <= found < 6000
    # the book opens and takes more writes after the crash
    db = open_database(url)
    for _ in generate_demo(db, customers=1000, seed=9):
        pass
    db.close()
    assert _check_chunks(path, 1000) == found + 1000


def test_shopcrm_demo_20000_killed_after_its_first_chunk(tmp_path):
    """The command as the owner runs it (chunks of 5,000), killed during its second chunk."""
    path = tmp_path / "book.sqlite3"
    url = f"sqlite:///{path}"
    open_database(url).close()
    with Victim(shopcrm_argv("--db", url, "demo", "--customers", "20000"),
                env=_env(tmp_path)) as victim:
        victim.wait_for(lambda: _customers(path) >= 5000, timeout=120, what="first chunk")
        victim.kill(after=0.3)
    assert victim.killed
    assert _check_chunks(path, 5000) in (5000, 10000)
    open_database(url).close()
