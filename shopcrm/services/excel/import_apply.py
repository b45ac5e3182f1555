"""Applying a customer import's plan in the caller's transaction (bulk inserts, updates,
the visits of "last visit", tags, undo records), and the batch row that records it."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, bindparam, insert, update

from shopcrm.domain.dates import local_to_utc, utc_now
from shopcrm.domain.text import search_key
from shopcrm.errors import Conflict
from shopcrm.longwork import check_cancel
from shopcrm.services.customers.fields import build_search_text
from shopcrm.services.excel import Table
from shopcrm.services.excel.import_plan import (
    _SEARCH_FIELDS,
    _CustomerPlan,
    _Target,
)
from shopcrm.services.excel.import_report import (
    CHUNK,
    IMPORTED_VISIT_TIME,
    REPORT_LIMIT,
    Cancel,
    ImportProgress,
    ImportReport,
    RowOutcome,
)
from shopcrm.services.excel.import_source import _backup, _errors_file, _same_file
from shopcrm.services.excel.import_writer import (
    BulkWriter,
    chunks,
    refresh_summaries,
)
from shopcrm.storage.db import Database
from shopcrm.storage.fts import FtsPaused
from shopcrm.storage.models import (
    Customer,
    ImportBatch,
)

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

# ---------------------------------------------------------------------------- customers: write

_Writer = BulkWriter  # the name the crash tests wrap
P = TypeVar("P")  # a plan: customers' or visits'


@lru_cache(maxsize=8192)
def _visit_at(day: date) -> datetime:
    return local_to_utc(datetime.combine(day, IMPORTED_VISIT_TIME))


_CUSTOMER = Customer.__table__
_BATCH = ImportBatch.__table__


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _apply_updates(conn: Connection, w: _Writer, targets: list[_Target]) -> None:
    """Write the changed fields of book customers (grouped by the set of columns)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for t in targets:
        cols = sorted(c for c in t.changed if c not in ("tags", "visit"))
        if not cols:
            continue
        v = t.values
        params = {f"b_{c}": v[c] for c in cols}
        if "name" in cols:
            key, sort = w.keys(v["name"])
            params.update(b_name_key=key, b_name_sort=sort)
            cols = [*cols, "name_key", "name_sort"]
        if _SEARCH_FIELDS.intersection(cols):
            params["b_search_text"] = build_search_text(
                name=v["name"], mobile=v["mobile"], phone2=v["phone2"], email=v["email"],
                notes=v["notes"], mobile_raw=v["mobile_raw"])
            cols = [*cols, "search_text"]
        params.update(b_id=t.id, b_version=t.version, b_new_version=t.version + 1)
        groups[tuple(cols)].append(params)
    for names, rows in groups.items():
        stmt = (update(_CUSTOMER)
                .where(Customer.id == bindparam("b_id"),
                       Customer.version == bindparam("b_version"))
                .values({**{c: bindparam(f"b_{c}") for c in names},
                         "version": bindparam("b_new_version"), "updated_at": w.now}))
        result = conn.execute(stmt, rows)
        if result.rowcount not in (-1, None) and result.rowcount != len(rows):
            raise Conflict("import_book_changed")
    for t in targets:
        if any(c not in ("tags", "visit") for c in t.changed):
            t.version += 1


def _before_json(t: _Target) -> str:
    before = {k: _json_value(v) for k, v in t.before.items()}
    if t.tags_added:
        before["tags_added"] = list(t.tags_added)
    if t.planned_visit is not None:
        before["visit_added"] = t.planned_visit.isoformat()
    before["_version"] = t.version_before
    return json.dumps(before, ensure_ascii=False)


def _write_customers(conn: Connection, plan: _CustomerPlan, report: ImportReport,
                     batch_id: int, cancel: Cancel, every: int
                     ) -> Iterator[ImportProgress]:
    now = report.started_at or utc_now()
    w = _Writer(conn, batch_id, now)
    tag_ids, created = w.tag_ids(plan.tag_names) if plan.tag_names else ({}, [])
    report.tags_created = created
    total = len(plan.new) + len(plan.updated)
    done = 0
    visits_inserted = 0
    row_ids: dict[int, int] = {}
    step = max(1, min(CHUNK, every))
    with FtsPaused(conn, "customer_fts_insert", len(plan.new) > 50) as keep_fts:
        w.keep_fts = keep_fts
        for chunk in chunks(plan.new, step):
            check_cancel(cancel)
            at_of = [_visit_at(t.planned_visit) if t.planned_visit else None for t in chunk]
            rows = [w.customer_row(t.values, at) for t, at in zip(chunk, at_of, strict=True)]
            ids = w.insert_customers(rows)
            visits: list[dict[str, Any]] = []
            links: list[tuple[int, int]] = []
            changes: list[tuple[int, str, str | None, int]] = []
            for t, cid, at in zip(chunk, ids, at_of, strict=True):
                t.id = cid
                row_ids[t.row] = cid  # type: ignore[index]
                if at is not None:
                    visits.append(w.visit(cid, at))
                links.extend((cid, tag_ids[k]) for k in t.tag_keys)
                changes.append((cid, "insert", None, 1))
            w.insert_visits(visits)
            w.insert_links(links)
            w.insert_changes(changes)
            visits_inserted += len(visits)
            done += len(chunk)
            yield ImportProgress(done, total, "write")
    for chunk in chunks(plan.updated, step):
        check_cancel(cancel)
        _apply_updates(conn, w, list(chunk))
        visits, links, changes = [], [], []
        for t in chunk:
            book_id = t.id
            assert book_id is not None
            if t.planned_visit is not None:
                visits.append(w.visit(book_id, _visit_at(t.planned_visit)))
            keys = {search_key(n) for n in t.tags_added}
            links.extend((book_id, tag_ids[k]) for k in keys)
            changes.append((book_id, "update", _before_json(t), t.version))
        w.insert_visits(visits)
        w.insert_links(links)
        w.insert_changes(changes)
        visits_inserted += len(visits)
        refresh_summaries(conn, [t.id for t in chunk if t.id is not None and (
            t.planned_visit is not None or "prior_spent" in t.changed)])
        done += len(chunk)
        yield ImportProgress(done, total, "write")
    check_cancel(cancel)
    for o in report.outcomes:
        if o.action == "insert":
            o.customer_id = row_ids.get(o.row)
        elif o.action == "merge" and o.into_row is not None:
            o.customer_id = row_ids.get(o.into_row)
    report.visits_inserted = visits_inserted


# ---------------------------------------------------------------------------- batches


def _start_batch(conn: Connection, report: ImportReport, now: datetime) -> int:
    result = conn.execute(insert(_BATCH).returning(ImportBatch.id), {
        "file_name": report.file[:500], "file_hash": report.file_hash,
        "sheet": (report.sheet or "")[:200], "kind": report.kind, "inserted": 0,
        "updated": 0, "skipped": 0, "errors": 0, "report": None, "undone_at": None,
        "created_at": now, "updated_at": now})
    return int(result.scalar_one())


def _finish_batch(conn: Connection, report: ImportReport) -> None:
    report.finished_at = utc_now()
    text = json.dumps(report.as_dict("en", limit=REPORT_LIMIT), ensure_ascii=False,
                      default=_json_value)
    conn.execute(update(_BATCH).where(ImportBatch.id == report.batch_id)
                 .values(inserted=report.inserted, updated=report.updated,
                         skipped=report.skipped, errors=report.error_rows, report=text,
                         updated_at=report.finished_at))


def _remember(session: Any, report: ImportReport, kind: str) -> None:
    if report.mapping_source in ("manual", "remembered") and any(report.headers):
        from shopcrm.services.excel.import_mappings import remember

        remember(session, report.signature, report.mapping, report.headers, kind)


def apply_plan(db: Database, report: ImportReport, table: Table, errors: list[RowOutcome], *,
               plan: Callable[[Connection], P],
               finish: Callable[[ImportReport, P, list[RowOutcome]], None],
               write: Callable[[Connection, P], Iterator[ImportProgress]],
               dry_run: bool, backup: bool, settings: SettingsView | None, remember: bool,
               errors_path: str | Path | None, lang: str
               ) -> Iterator[ImportProgress | ImportReport]:
    """What every import does once the file is read (customers and visits alike): plan
    against the book and fill the report (``finish``). A dry run stops there, nothing
    written. Else: the backup, then in one transaction the plan again, the batch, the
    rows written (``write``: progress, stage "write"), the errors file, the batch
    finished and the mapping remembered. The report last."""
    if dry_run:
        with db.reading() as s:
            conn = s.connection()
            planned = plan(conn)
            report.same_file_batches = _same_file(conn, report.file_hash)
        finish(report, planned, errors)
        _errors_file(report, table, errors_path, lang)
        report.finished_at = utc_now()
        yield report
        return
    if backup:
        report.backup = _backup(db, settings, "import")
    with db.session() as s:
        conn = s.connection()
        planned = plan(conn)
        report.same_file_batches = _same_file(conn, report.file_hash)
        finish(report, planned, errors)
        report.batch_id = _start_batch(conn, report, report.started_at or utc_now())
        yield from write(conn, planned)
        _errors_file(report, table, errors_path, lang)
        _finish_batch(conn, report)
        if remember:
            _remember(s, report, report.kind)
    yield report


def _finish_plan(report: ImportReport, plan: _CustomerPlan, errors: list[RowOutcome]) -> None:
    report.outcomes = sorted([*plan.outcomes, *errors], key=lambda o: o.row)
    report.inserted = len(plan.new)
    report.updated = len(plan.updated)
    report.visits_inserted = sum(1 for t in (*plan.new, *plan.updated) if t.planned_visit)
    spent = [int(t.values["prior_spent"]) for t in plan.new if t.values.get("prior_spent")]
    # a book customer's spending brought in is what the import added to it (an overwrite
    # from 500 to 700 brought in 200, not 700); a lowered figure brought nothing in
    spent += [gain for t in plan.updated if "prior_spent" in t.changed
              if (gain := int(t.values["prior_spent"] or 0)
                  - int(t.before.get("prior_spent") or 0)) > 0]
    report.spent_customers, report.spent_amount = len(spent), sum(spent)
