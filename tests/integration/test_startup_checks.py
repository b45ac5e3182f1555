"""The checks the window runs after its first paint: file health, then the daily backup."""

from __future__ import annotations

import pytest

from shopcrm.config import Settings
from shopcrm.errors import StorageError
from shopcrm.services.backup.startup import startup_checks
from shopcrm.services.customers.demo import generate_demo
from shopcrm.storage.db import open_database


def test_a_sound_book_is_checked_and_backed_up_once_a_day(tmp_path):
    settings = Settings(path=tmp_path / "settings.toml", env={})
    settings.set("backup.dir", str(tmp_path / "backups"))
    db = open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}", check=False)
    list(generate_demo(db, customers=30))
    first = startup_checks(db, settings)
    assert first.checked and first.backup_path is not None
    assert startup_checks(db, settings).backup_path is None  # one daily backup a day
    db.close()


def test_damage_found_after_opening_is_db_corrupt(tmp_path):
    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    list(generate_demo(db, customers=400))
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 20, min(len(data), page * 40), 7):  # scribble on pages
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    settings = Settings(path=tmp_path / "settings.toml", env={})
    settings.set("backup.auto", False)
    try:
        damaged = open_database(f"sqlite:///{path}", check=False)
    except StorageError as exc:  # damage in the schema pages is found while opening
        assert exc.code == "db_corrupt"
        return
    with pytest.raises(StorageError) as caught:
        startup_checks(damaged, settings)
    assert caught.value.code == "db_corrupt"
    damaged.close()
