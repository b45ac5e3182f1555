"""Backup and restore on the command line are long work like the rest: the open book's
backup reports its steps to the end, a cancel leaves no half-written file, and
``shopcrm backup`` / ``shopcrm restore`` on a terminal show the kit's progress bar, in
Persian with Persian digits."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from shopcrm.config import Settings
from shopcrm.errors import Cancelled
from shopcrm.longwork import Progress, run_to_end
from shopcrm.services.backup import backups
from shopcrm.services.customers.demo import generate_demo
from shopcrm.storage.db import open_database


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A real SQLite book with 40 demo customers (closed)."""
    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    run_to_end(generate_demo(db, customers=40, seed=3))
    db.close()
    return path


def _settings(tmp_path: Path) -> Settings:
    settings = Settings(path=tmp_path / "settings.toml", env={})
    settings.set("backup.dir", str(tmp_path / "backups"))
    return settings


def _customers(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM customer").fetchone()[0])


def test_the_open_books_backup_reports_progress_to_the_total(book: Path, tmp_path: Path
                                                             ) -> None:
    db = open_database(f"sqlite:///{book}")
    seen: list[Progress] = []
    try:
        info = run_to_end(backups.backup_now_steps(db, _settings(tmp_path)), seen.append)
    finally:
        db.close()
    assert isinstance(info, backups.BackupInfo)
    assert [p.stage for p in seen] == ["copy", "verify", "publish", "publish"]
    assert [p.done for p in seen] == [0, 1, 2, 3] and {p.total for p in seen} == {3}
    assert _customers(info.path) == 40 == info.customers


@pytest.mark.parametrize("stop_at", ["copy", "verify", "publish"])
def test_a_cancelled_backup_of_the_open_book_leaves_no_half_written_file(
        book: Path, tmp_path: Path, stop_at: str) -> None:
    """Before the copy is put in place a cancel leaves nothing; once it is being put in
    place (the point of no return) the backup ends whole: never a partial file."""
    db = open_database(f"sqlite:///{book}")
    stop = threading.Event()

    def progress(step: Progress) -> None:
        if step.stage == stop_at:
            stop.set()  # the owner's Ctrl-C / Cancel while this step runs

    steps = backups.backup_now_steps(db, _settings(tmp_path), cancel=stop)
    try:
        if stop_at == "publish":
            info = run_to_end(steps, progress)
            assert list((tmp_path / "backups").iterdir()) == [info.path]
            assert _customers(info.path) == 40
        else:
            with pytest.raises(Cancelled):
                run_to_end(steps, progress)
            assert list((tmp_path / "backups").iterdir()) == []  # no .partial, no backup
    finally:
        db.close()


def _on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run ``shopcrm`` with stderr on a pseudo-terminal of 100 columns (stdout a pipe)."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    try:
        done = subprocess.run([sys.executable, "-m", "shopcrm", *args], env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=secondary, timeout=120)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
    return done.returncode, done.stdout.decode(), b"".join(chunks).decode()


def _env(tmp_path: Path, lang: str) -> dict[str, str]:
    return dict(os.environ, SHOPCRM_LANG=lang, SHOPCRM_BACKUP_DIR=str(tmp_path / "backups"),
                SHOPCRM_CONFIG_DIR=str(tmp_path / "config"),
                SHOPCRM_DATA_DIR=str(tmp_path / "data"), SHOPCRM_LOG_DIR=str(tmp_path / "log"))


def test_cli_backup_and_restore_show_a_persian_bar_with_persian_digits(book: Path,
                                                                      tmp_path: Path) -> None:
    env = _env(tmp_path, "fa")
    code, out, bar = _on_a_terminal(["--db", f"sqlite:///{book}", "backup"], env)
    assert code == 0, bar
    assert "۳/۳ گام‌ها" in bar and "۱۰۰٪" in bar and "وارسی رونوشت" in bar
    assert not re.search(r"[0-9]", bar), bar  # tqdm's own ASCII figures are left out
    [taken] = list((tmp_path / "backups").iterdir())
    assert str(taken) in out and _customers(taken) == 40

    code, out, bar = _on_a_terminal(["--db", f"sqlite:///{book}", "restore", str(taken),
                                     "--yes"], env)
    assert code == 0, bar
    assert "۴/۴ گام‌ها" in bar and "جایگزینی دفتر" in bar
    assert not re.search(r"[0-9]", bar), bar
    assert _customers(book) == 40


def test_cli_backup_bar_in_english_and_none_without_a_terminal(book: Path, tmp_path: Path
                                                              ) -> None:
    env = _env(tmp_path, "en")
    code, _, bar = _on_a_terminal(["--db", f"sqlite:///{book}", "backup"], env)
    assert code == 0 and "checking the copy" in bar and "3/3" in bar
    piped = subprocess.run([sys.executable, "-m", "shopcrm", "--db", f"sqlite:///{book}",
                            "backup"], env=env, capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == ""
    assert len(list((tmp_path / "backups").iterdir())) == 2
