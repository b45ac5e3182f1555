"""Undoing an import: what it inserted goes, what it changed comes back, later edits stop it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shopcrm.errors import Conflict, NotFound
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.excel.importer import (
    get_batch,
    import_customers,
    import_visits,
    list_batches,
    run_to_end,
    undo_import,
)
from shopcrm.storage.models import Customer, Tag, Visit

DATA = Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
import make_fixtures as fx  # noqa: E402


def imp(db, path, **kw):
    kw.setdefault("backup", False)
    return run_to_end(import_customers(db, path, **kw))


def snapshot(db) -> dict:
    """Every customer (fields, tags, summary, version aside) and every visit."""
    with db.session() as s:
        customers = {}
        for c in s.scalars(select(Customer).order_by(Customer.id)):
            customers[c.id] = (c.name, c.name_key, c.mobile, c.mobile_raw, c.phone2, c.email,
                               c.birthday, c.gender, c.city, c.address, c.referral, c.notes,
                               c.vip, c.sms_opt_out, c.prior_visits, c.visit_count,
                               c.visit_days, c.first_visit_at, c.last_visit_at,
                               c.total_spent, c.search_text, tuple(sorted(t.name for t in c.tags)),
                               c.deleted_at)
        visits = s.execute(select(Visit.customer_id, Visit.at, Visit.amount)
                           .order_by(Visit.id)).all()
        tags = sorted(s.scalars(select(Tag.name)))
    return {"customers": customers, "visits": visits, "tags": tags}


@pytest.fixture
def book(db):
    service = CustomerService(db)
    ids = {
        "maryam": service.add(CustomerInput(name="مریم قدیمی", mobile="09121234567", city="قم",
                                            tags=["قدیمی"])),
        "sara": service.add(CustomerInput(name="سارا", mobile="09011112233")),
    }
    VisitService(db).add(ids["sara"], VisitInput(at="1403/01/10 10:00", amount="500000"))
    return ids


def test_undo_removes_inserts_and_restores_updates(db, book, tmp_path):
    before = snapshot(db)
    report = imp(db, fx.history_customers_xlsx(tmp_path / "h.xlsx"), on_duplicate="fill")
    assert report.updated == 2 and report.inserted == 6
    assert snapshot(db) != before
    result = undo_import(db, report.batch_id, backup=False)
    assert result.done and result.conflicts == []
    assert (result.removed, result.restored, result.visits_removed) == (6, 2, 4)
    assert set(result.tags_removed) == {"عروس", "همکار", "دانشجو"}
    assert snapshot(db) == before
    view, stored = get_batch(db, report.batch_id)
    assert view.undone_at is not None and stored["undo"]["removed"] == 6
    with pytest.raises(Conflict) as err:
        undo_import(db, report.batch_id, backup=False)
    assert err.value.code == "import_already_undone"
    # the restored customers can be edited as usual (versions moved on consistently)
    service = CustomerService(db)
    maryam = service.get(book["maryam"])
    service.edit(maryam.id, CustomerInput(city="کاشان"), expected_version=maryam.version)


def test_undo_after_overwrite_restores_every_field(db, book, tmp_path):
    before = snapshot(db)
    report = imp(db, fx.history_customers_xlsx(tmp_path / "h.xlsx"), on_duplicate="overwrite")
    maryam = CustomerService(db).get(book["maryam"])
    assert maryam.name == "مریم احمدی" and maryam.vip and maryam.prior_visits == 11
    assert undo_import(db, report.batch_id, backup=False).done
    assert snapshot(db) == before


@pytest.mark.parametrize("change,reason", [
    ("edit", "edited"), ("trash", "trashed"), ("visit", "new_visits"), ("contact", "contacts"),
    ("edit_updated", "edited"),
])
def test_later_changes_stop_the_undo_until_forced(db, book, tmp_path, change, reason):
    report = imp(db, fx.history_customers_xlsx(tmp_path / "h.xlsx"), on_duplicate="fill")
    service = CustomerService(db)
    zahra = service.find(phone="09351234567")  # inserted by the import
    target = zahra.id
    if change == "edit":
        service.edit(zahra.id, CustomerInput(city="یزد"))
    elif change == "trash":
        service.delete(zahra.id)
    elif change == "visit":
        VisitService(db).add(zahra.id, VisitInput(at="1403/08/01 12:00", amount="100"))
    elif change == "contact":
        FollowUpService(db).log(zahra.id, "call", "تماس گرفتم")
    else:
        target = book["maryam"]  # updated by the import, edited since
        service.edit(target, CustomerInput(address="خیابان تازه"))
    changed = snapshot(db)
    result = undo_import(db, report.batch_id, backup=False)
    assert not result.done
    assert [(c.customer_id, c.reason) for c in result.conflicts] == [(target, reason)]
    assert snapshot(db) == changed  # nothing changed
    assert list_batches(db)[0].undone_at is None
    forced = undo_import(db, report.batch_id, force=True, backup=False)
    assert forced.done and len(forced.conflicts) == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 2
    if change == "edit_updated":
        # forced: the import's changes are rolled back, the later edit's field stays
        assert service.get(book["maryam"]).address == "خیابان تازه"
        assert service.get(book["maryam"]).name == "مریم قدیمی"


def test_undo_of_one_batch_leaves_another(db, book, tmp_path):
    first = imp(db, fx.history_customers_xlsx(tmp_path / "h.xlsx"))
    after_first = snapshot(db)
    second = imp(db, fx.duplicates_customers_xlsx(tmp_path / "d.xlsx"))
    assert second.inserted == 5
    assert undo_import(db, second.batch_id, backup=False).done
    assert snapshot(db) == after_first
    assert undo_import(db, first.batch_id, backup=False).done
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 2


def test_a_later_import_that_updated_the_customers_is_a_conflict(db, tmp_path):
    first = imp(db, fx.history_customers_xlsx(tmp_path / "h.xlsx"))
    second = imp(db, fx.titled_customers_xlsx(tmp_path / "t.xlsx"), on_duplicate="fill")
    assert second.updated >= 1
    result = undo_import(db, first.batch_id, backup=False)
    assert not result.done and {c.reason for c in result.conflicts} == {"edited"}
    assert undo_import(db, second.batch_id, backup=False).done
    assert undo_import(db, first.batch_id, backup=False).done  # no --force needed
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 0


def test_undo_a_visits_import(db, tmp_path):
    service = CustomerService(db)
    maryam = service.add(CustomerInput(name="مریم احمدی", mobile="09121234567"))
    service.add(CustomerInput(name="زهرا رضایی", mobile="09351110000"))
    before = snapshot(db)
    report = run_to_end(import_visits(db, fx.visits_sheet_xlsx(tmp_path / "v.xlsx"),
                                      backup=False, create_customers=True))
    assert report.customers_created == 2 and report.visits_inserted == 5  # سارا, 0919...
    assert service.get(maryam).visit_count == 1
    result = undo_import(db, report.batch_id, backup=False)
    assert (result.done, result.removed, result.visits_removed) == (True, 2, 5)
    assert snapshot(db) == before


def test_unknown_batch(db):
    with pytest.raises(NotFound) as err:
        undo_import(db, 999, backup=False)
    assert err.value.code == "import_batch_not_found"


def test_undo_takes_a_backup_first(sqlite_db, tmp_path):
    report = imp(sqlite_db, fx.history_customers_xlsx(tmp_path / "h.xlsx"), backup=True)
    assert report.backup and Path(report.backup).exists()
    result = undo_import(sqlite_db, report.batch_id)
    assert result.backup and Path(result.backup).exists() and result.backup != report.backup
