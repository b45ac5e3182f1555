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


def test_book_of_0004_with_visits_upgrades_to_loyalty_intact(db_url):
    """A 0004 book (before the loyalty club) keeps every customer, visit and summary; its
    customers start with no points and no referrer, and the new tables work at once."""
    from sqlalchemy import select

    from shopcrm.storage.models import Customer, PointsEntry, RewardNotice, Visit

    engine = create_engine(db_url)
    upgrade_to_head(engine, "0004")
    with engine.begin() as conn:
        for i, (name, mobile) in enumerate([("مریم احمدی", "09121111111"),
                                             ("سارا", "09122222222")], start=1):
            conn.execute(text(
                "INSERT INTO customer (id, name, name_key, name_sort, mobile, vip, sms_opt_out,"
                " email_opt_out, prior_visits, visit_count, visit_days, total_spent, version,"
                " search_text, referral, created_at, updated_at) VALUES (:id, :name, :key,"
                " :sort, :mobile, false, false, false, 2, 1, 1, 1500000, 3, :search,"
                " 'Instagram', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"),
                {"id": i, "name": name, "key": name, "sort": name, "search": name,
                 "mobile": mobile})
            conn.execute(text(
                "INSERT INTO visit (customer_id, at, amount, source, created_at, updated_at)"
                " VALUES (:id, '2024-05-01 10:00:00', 1500000, 'manual',"
                " '2024-05-01 10:00:00', '2024-05-01 10:00:00')"), {"id": i})
    engine.dispose()
    assert current_revision(engine) == "0004"

    db = open_book(db_url)  # an older file book is upgraded with its migration backup
    assert current_revision(db.engine) == head_revision() == "0008"
    with db.session() as s:
        rows = s.execute(select(Customer.name, Customer.mobile, Customer.total_spent,
                                Customer.prior_visits, Customer.version, Customer.referral,
                                Customer.points_balance, Customer.points_earned,
                                Customer.referred_by_id).order_by(Customer.id)).all()
        assert [tuple(r) for r in rows] == [
            ("مریم احمدی", "09121111111", 1500000, 2, 3, "Instagram", 0, 0, None),
            ("سارا", "09122222222", 1500000, 2, 3, "Instagram", 0, 0, None)]
        assert s.scalar(select(text("count(*)")).select_from(Visit)) == 2
        s.execute(text("UPDATE customer SET referred_by_id = 1 WHERE id = 2"))
        s.add(PointsEntry(customer_id=1, points=10, reason="earn"))
        s.add(RewardNotice(customer_id=1, reward_no=1, points=10, status="claimed"))
    with db.reading() as s:
        assert [r.name for r in list_customers(s, query="مریم")] == ["مریم احمدی"]
        assert s.scalar(select(Customer.referred_by_id).where(Customer.id == 2)) == 1
    db.close()
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
