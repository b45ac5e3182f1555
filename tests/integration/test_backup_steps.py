"""Backup and restore are long work of the kit: progress per step, then the result; a
cancel before the point of no return raises Cancelled and leaves nothing changed."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from shopcrm.config import Settings
from shopcrm.errors import Cancelled
from shopcrm.longwork import Progress, run_to_end
from shopcrm.services.backup import backups
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.storage.db import open_database


def _settings(tmp_path: Path) -> Settings:
    settings = Settings(path=tmp_path / "settings.toml", env={})
    settings.set("backup.dir", str(tmp_path / "backups"))
    return settings


def _names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM customer ORDER BY id")]


def test_a_backup_reports_its_steps_then_its_file(tmp_path: Path) -> None:
    book = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{book}")
    CustomerService(db).add(CustomerInput(name="نسرین", mobile="09121112233"))
    db.close()
    seen: list[Progress] = []
    info = run_to_end(backups.backup_file_steps(book, settings=_settings(tmp_path)),
                      seen.append)
    assert isinstance(info, backups.BackupInfo) and info.path.is_file()
    assert [p.stage for p in seen] == ["copy", "verify", "publish", "publish"]
    assert seen[-1].done == seen[-1].total
    assert _names(info.path) == ["نسرین"]


def test_a_cancelled_backup_leaves_no_file(tmp_path: Path) -> None:
    book = tmp_path / "book.sqlite3"
    open_database(f"sqlite:///{book}").close()
    stop = threading.Event()
    steps = backups.backup_file_steps(book, settings=_settings(tmp_path), cancel=stop)
    assert next(steps).stage == "copy"
    stop.set()
    with pytest.raises(Cancelled):
        run_to_end(steps)
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_restore_cancelled_before_the_replace_keeps_the_book(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    book = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{book}")
    service = CustomerService(db)
    service.add(CustomerInput(name="قدیمی", mobile="09121112244"))
    taken = backups.backup_now(db, settings)
    service.add(CustomerInput(name="تازه", mobile="09121112255"))
    db.close()
    stop = threading.Event()
    stages: list[str] = []

    def progress(step: Progress) -> None:
        stages.append(step.stage)
        if step.stage == "backup":
            stop.set()  # the owner presses Cancel while the current book is backed up

    with pytest.raises(Cancelled):
        run_to_end(backups.restore_steps(f"sqlite:///{book}", taken.path, settings,
                                         confirm=True, cancel=stop), progress)
    assert stages == ["check", "backup"]
    assert _names(book) == ["قدیمی", "تازه"]
    result = run_to_end(backups.restore_steps(f"sqlite:///{book}", taken.path, settings,
                                              confirm=True))
    result.db.close()
    assert _names(book) == ["قدیمی"]
