"""Opening a book: pragmas, private file, automatic upgrade of an old book with data."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import create_engine, text

from shopcrm.errors import StorageError
from shopcrm.services.backup.care import open_book
from shopcrm.storage.customer_list import list_customers
from shopcrm.storage.db import open_database
from shopcrm.storage.migrate import current_revision, head_revision, upgrade_to_head


def test_sqlite_book_is_private_and_tuned(tmp_path):
    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert current_revision(db.engine) == head_revision()


def test_old_book_with_data_upgrades_itself(db_url):
    """A book at the first revision, with customers in it, gains search and sort keys."""
    engine = create_engine(db_url)
    upgrade_to_head(engine, "0001")
    with engine.begin() as conn:
        for i, (name, mobile) in enumerate([("علي رضايي", "09121111111"),
                                             ("پروانه", "09122222222")], start=1):
            conn.execute(text(
                "INSERT INTO customer (id, name, name_key, mobile, vip, sms_opt_out, "
                "email_opt_out, prior_visits, visit_count, visit_days, total_spent, version, "
                "created_at, updated_at) VALUES (:id, :name, :name, :mobile, false, false, "
                "false, 0, 0, 0, 0, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00')"),
                {"id": i, "name": name, "mobile": mobile})
    engine.dispose()
    assert current_revision(engine) == "0001"

    db = open_book(db_url)
    assert current_revision(db.engine) == head_revision()
    with db.session() as s:
        assert [r.name for r in list_customers(s, query="رضا")] == ["علي رضايي"]
        assert [r.name for r in list_customers(s, order="name")] == ["پروانه", "علي رضايي"]
        assert [r.name for r in list_customers(s, query="0912222")] == ["پروانه"]
    db.close()


def test_book_from_a_newer_app_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    open_database(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(StorageError) as caught:
        open_database(url)
    assert caught.value.code == "db_newer"


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "book.sqlite3"
    path.write_bytes(b"this is a text file, not a customer book" * 200)
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}")
    assert caught.value.code in ("db_corrupt", "db_open_failed")


def test_head_revision_constant_matches_the_scripts():
    from shopcrm.storage.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_models_match_the_migrated_schema(db):
    """Nothing in models.py that the migrations lack, and the other way round."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from shopcrm.storage.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    extra = {"customer_fts", "customer_fts_data", "customer_fts_idx", "customer_fts_docsize",
             "customer_fts_config", "alembic_version"}
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name in extra)
            and not (d[0] == "remove_index" and d[1].name == "ix_customer_search_trgm")]
    assert diff == []


def test_check_command_reports_a_sound_book(run_cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    assert run_cli("--db", url, "init")[0] == 0
    code, out, _ = run_cli("--db", url, "check", "--full", "--json")
    assert code == 0 and '"ok": true' in out


def test_an_older_file_book_is_not_upgraded_without_the_backup_feature(tmp_path, monkeypatch):
    """storage imports nothing above it: opened without ``care``, an older SQLite book is
    refused (migration_backup_failed) rather than upgraded with no backup."""
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    upgrade_to_head(engine, "0001")
    engine.dispose()
    with pytest.raises(StorageError) as caught:
        open_database(url)
    assert caught.value.code == "migration_backup_failed"
    assert current_revision(create_engine(url)) == "0001"
    open_book(url).close()
    assert current_revision(create_engine(url)) == head_revision()
    assert [p.name.rsplit("-", 1)[-1] for p in (tmp_path / "backups").glob("*.sqlite3")] == [
        "migration.sqlite3"]
