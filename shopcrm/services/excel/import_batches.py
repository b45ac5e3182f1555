"""Import batches: the list, one batch's report, and undo.

Undo removes the customers and visits a batch inserted and restores the fields it changed
(``ImportChange.before``), in one transaction, after a backup of the book. Customers
changed since the import -- edited (their version moved on), put in the trash, or given
visits or contact-log entries of their own -- stop it: nothing changes and the result lists
them (``UndoResult.conflicts``) unless ``force=True``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, or_, select, update

from shopcrm.domain.dates import utc_now
from shopcrm.errors import Conflict, NotFound
from shopcrm.services.customers.fields import build_search_text
from shopcrm.services.excel import list_summary
from shopcrm.services.excel.import_writer import NameKeys, chunks, refresh_summaries
from shopcrm.storage.db import Database
from shopcrm.storage.fts import FtsPaused
from shopcrm.storage.models import (
    Customer,
    ImportBatch,
    ImportChange,
    Interaction,
    Tag,
    Visit,
    customer_tag,
)

if TYPE_CHECKING:
    from shopcrm.config import SettingsView


def _backup(db: Database, settings: SettingsView | None, reason: str) -> str | None:
    from shopcrm.services.excel.import_source import _backup as backup

    return backup(db, settings, reason)


@dataclass(frozen=True)
class BatchView:
    id: int
    kind: str
    file_name: str
    file_hash: str
    sheet: str | None
    inserted: int
    updated: int
    skipped: int
    errors: int
    created_at: datetime
    undone_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


_BATCH_COLUMNS = (ImportBatch.id, ImportBatch.kind, ImportBatch.file_name,
                  ImportBatch.file_hash, ImportBatch.sheet, ImportBatch.inserted,
                  ImportBatch.updated, ImportBatch.skipped, ImportBatch.errors,
                  ImportBatch.created_at, ImportBatch.undone_at)


def list_batches(db: Database, limit: int | None = 100) -> list[BatchView]:
    """The imports of the book, newest first."""
    with db.reading() as s:
        rows = s.execute(select(*_BATCH_COLUMNS).order_by(ImportBatch.id.desc())
                         .limit(limit)).all()
    return [BatchView(*r) for r in rows]


def get_batch(db: Database, batch_id: int) -> tuple[BatchView, dict[str, Any]]:
    """One import and its stored JSON report."""
    with db.reading() as s:
        row = s.execute(select(*_BATCH_COLUMNS, ImportBatch.report)
                        .where(ImportBatch.id == batch_id)).first()
    if row is None:
        raise NotFound("import_batch_not_found", id=batch_id)
    values = row._asdict()  # the columns by name: BatchView's fields and "report"
    text = values.pop("report")
    try:
        report = json.loads(text) if text else {}
    except ValueError:
        report = {}
    return BatchView(**values), report


# ---------------------------------------------------------------------------- undo


@dataclass(frozen=True)
class UndoConflict:
    customer_id: int
    name: str
    mobile: str | None
    reason: str  # edited|trashed|new_visits|contacts

    def as_dict(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "name": self.name, "mobile": self.mobile,
                "reason": self.reason}


@dataclass
class UndoResult:
    batch_id: int
    done: bool  # False: conflicts found and not forced; nothing changed
    conflicts: list[UndoConflict]
    removed: int = 0  # customers the import had inserted, removed
    restored: int = 0  # customers the import had changed, restored
    visits_removed: int = 0
    tags_removed: list[str] = field(default_factory=list)
    backup: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"batch": self.batch_id, "done": self.done,
                "conflicts": [c.as_dict() for c in self.conflicts], "removed": self.removed,
                "restored": self.restored, "visits_removed": self.visits_removed,
                "tags_removed": self.tags_removed, "backup": self.backup}


def _undo_state(conn: Connection, batch_id: int) -> tuple[dict[str, Any], list[Any],
                                                            list[UndoConflict]]:
    batch = conn.execute(select(ImportBatch.id, ImportBatch.undone_at, ImportBatch.report)
                         .where(ImportBatch.id == batch_id)).first()
    if batch is None:
        raise NotFound("import_batch_not_found", id=batch_id)
    if batch.undone_at is not None:
        raise Conflict("import_already_undone", id=batch_id)
    try:
        report = json.loads(batch.report) if batch.report else {}
    except ValueError:
        report = {}
    changes = conn.execute(select(ImportChange.customer_id, ImportChange.action,
                                  ImportChange.before, ImportChange.version_after)
                           .where(ImportChange.batch_id == batch_id)
                           .order_by(ImportChange.id)).all()
    ids = [c.customer_id for c in changes]
    current: dict[int, Row[int, str, str | None, int, datetime | None]] = {}
    foreign_visits: set[int] = set()
    contacts: set[int] = set()
    inserted = [c.customer_id for c in changes if c.action == "insert"]
    for chunk in chunks(ids):
        for row in conn.execute(select(Customer.id, Customer.name, Customer.mobile,
                                       Customer.version, Customer.deleted_at)
                                .where(Customer.id.in_(chunk))):
            current[row.id] = row
    for chunk in chunks(inserted):
        foreign_visits.update(conn.scalars(
            select(Visit.customer_id).distinct().where(
                Visit.customer_id.in_(chunk),
                or_(Visit.import_batch_id.is_(None), Visit.import_batch_id != batch_id))))
        contacts.update(conn.scalars(select(Interaction.customer_id).distinct()
                                     .where(Interaction.customer_id.in_(chunk))))
    conflicts = []
    for c in changes:
        r = current.get(c.customer_id)
        if r is None:
            continue  # removed for good since
        reason = None
        if r.deleted_at is not None:
            reason = "trashed"
        elif r.version != c.version_after:
            reason = "edited"
        elif c.action == "insert" and c.customer_id in foreign_visits:
            reason = "new_visits"
        elif c.action == "insert" and c.customer_id in contacts:
            reason = "contacts"
        if reason:
            conflicts.append(UndoConflict(r.id, r.name, r.mobile, reason))
    return report, [c for c in changes if c.customer_id in current], conflicts


_DATE_FIELDS = frozenset({"birthday"})
_TIME_FIELDS = frozenset({"sms_opt_out_at", "email_opt_out_at"})


def _restore_value(fld: str, value: Any) -> Any:
    if value is None:
        return None
    if fld in _DATE_FIELDS:
        return date.fromisoformat(value)
    if fld in _TIME_FIELDS:
        return datetime.fromisoformat(value)
    return value


def undo_import(db: Database, batch_id: int, *, force: bool = False,
                settings: SettingsView | None = None,
                backup: bool = True) -> UndoResult:
    """Undo import ``batch_id`` (see the module docstring). Without ``force``, customers
    changed since the import stop the undo: the result lists them and nothing changes."""
    with db.reading() as s:
        _, _, conflicts = _undo_state(s.connection(), batch_id)
    if conflicts and not force:
        return UndoResult(batch_id, False, conflicts)
    saved = _backup(db, settings, "undo") if backup else None
    with db.session() as s:
        conn = s.connection()
        report, changes, conflicts = _undo_state(conn, batch_id)
        if conflicts and not force:
            return UndoResult(batch_id, False, conflicts, backup=saved)
        result = UndoResult(batch_id, True, conflicts, backup=saved)
        now = utc_now()
        touched = set(conn.scalars(select(Visit.customer_id).distinct()
                                   .where(Visit.import_batch_id == batch_id)))
        removed = conn.execute(delete(Visit).where(Visit.import_batch_id == batch_id))
        result.visits_removed = max(int(removed.rowcount or 0), 0)
        inserted = [c.customer_id for c in changes if c.action == "insert"]
        with FtsPaused(conn, "customer_fts_delete", len(inserted) > 50) as keep_fts:
            for chunk in chunks(inserted):
                old = conn.execute(select(Customer.id, Customer.search_text)
                                   .where(Customer.id.in_(chunk))).all() if keep_fts else []
                conn.execute(delete(Customer).where(Customer.id.in_(chunk)))
                if old:
                    conn.exec_driver_sql(
                        "INSERT INTO customer_fts (customer_fts, rowid, search_text) "
                        "VALUES ('delete', ?, ?)", [tuple(r) for r in old])
        result.removed = len(inserted)
        keys = NameKeys()
        changed_since = {c.customer_id for c in conflicts}
        for c in changes:
            if c.action != "update":
                continue
            before = json.loads(c.before) if c.before else {}
            if list_summary.is_list_summary(before):  # a visits import's, version unmoved
                list_summary.restore(conn, c.customer_id, before)
                touched.add(c.customer_id)
                result.restored += 1
                continue
            if "prior_spent" in before:
                touched.add(c.customer_id)  # its total_spent follows
            _restore(conn, batch_id, c.customer_id, before, keys, now,
                     clean=c.customer_id not in changed_since)
            result.restored += 1
        refresh_summaries(conn, touched - set(inserted))
        created = list(report.get("tags_created") or [])
        for chunk in chunks(created):
            unused = list(conn.scalars(select(Tag.id).where(
                Tag.name.in_(chunk), ~Tag.id.in_(select(customer_tag.c.tag_id)))))
            if unused:
                names = list(conn.scalars(select(Tag.name).where(Tag.id.in_(unused))))
                conn.execute(delete(Tag).where(Tag.id.in_(unused)))
                result.tags_removed.extend(names)
        report["undo"] = {"at": now.isoformat(), "forced": bool(conflicts),
                          "removed": result.removed, "restored": result.restored,
                          "visits_removed": result.visits_removed}
        conn.execute(update(ImportBatch.__table__).where(ImportBatch.id == batch_id)
                     .values(undone_at=now, updated_at=now,
                             report=json.dumps(report, ensure_ascii=False)))
    return result


def _restore(conn: Connection, batch_id: int, cid: int, before: dict[str, Any], keys: NameKeys,
             now: datetime, *, clean: bool) -> None:
    """Put back what the import changed on ``cid``. When the customer was not changed
    since (``clean``), it is again as an earlier import left it: that import's record of
    the version moves along, so it can still be undone without ``force``."""
    tags_added = before.pop("tags_added", None) or []
    before.pop("visit_added", None)
    version_before = before.pop("_version", None)
    values = {f: _restore_value(f, v) for f, v in before.items() if f in Customer.__table__.c}
    if tags_added:
        tag_ids = list(conn.scalars(select(Tag.id).where(Tag.name.in_(tags_added))))
        if tag_ids:
            conn.execute(delete(customer_tag).where(customer_tag.c.customer_id == cid,
                                                    customer_tag.c.tag_id.in_(tag_ids)))
    row = conn.execute(select(Customer.name, Customer.mobile, Customer.phone2, Customer.email,
                              Customer.notes, Customer.mobile_raw)
                       .where(Customer.id == cid)).first()
    if row is None:
        return
    merged = {**row._asdict(), **{k: v for k, v in values.items() if k in row._fields}}
    if "name" in values:
        values["name_key"], values["name_sort"] = keys(merged["name"])
    values["search_text"] = build_search_text(
        name=merged["name"], mobile=merged["mobile"], phone2=merged["phone2"],
        email=merged["email"], notes=merged["notes"], mobile_raw=merged["mobile_raw"])
    current = int(conn.scalar(select(Customer.version).where(Customer.id == cid)) or 0)
    conn.execute(update(Customer.__table__).where(Customer.id == cid)
                 .values(**values, version=current + 1, updated_at=now))
    if clean and version_before is not None:
        live = select(ImportBatch.id).where(ImportBatch.undone_at.is_(None),
                                            ImportBatch.id != batch_id)
        conn.execute(update(ImportChange.__table__).where(
            ImportChange.customer_id == cid, ImportChange.version_after == version_before,
            ImportChange.batch_id.in_(live)).values(version_after=current + 1))
