"""Importing a sheet of visits: attach each row to a customer (by mobile, or a name only
one customer has), or create one when asked; skip visits the book already has."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from shopcrm.domain.dates import local_to_utc, utc_now
from shopcrm.domain.text import search_key
from shopcrm.longwork import check_cancel
from shopcrm.services.excel import (
    VISITS,
    VisitRow,
    list_summary,
)
from shopcrm.services.excel.import_apply import _Writer, apply_plan
from shopcrm.services.excel.import_report import (
    CHUNK,
    Cancel,
    ImportProgress,
    ImportReport,
    RowOutcome,
)
from shopcrm.services.excel.import_source import (
    _base_report,
    _error_outcomes,
    _extras,
    _read,
    file_sha256,
    open_import_table,
)
from shopcrm.services.excel.import_writer import (
    chunks,
    refresh_summaries,
)
from shopcrm.storage.db import Database
from shopcrm.storage.models import (
    Customer,
    Visit,
)

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

# ---------------------------------------------------------------------------- visits


def _visit_note(v: VisitRow) -> str | None:
    values: dict[str, Any] = {}
    lines = _extras(v.extra, values) if v.extra else []
    if not lines:
        return v.note
    joined = "\n".join(lines)
    return (f"{v.note}\n{joined}" if v.note else joined)[:20000]


def import_visits(db: Database, source: str | Path, *, sheet: str | None = None,
                  mapping: dict[Any, str] | None = None, header_row: int | None = None,
                  create_customers: bool = False, dry_run: bool = False,
                  settings: SettingsView | None = None, cancel: Cancel = None, backup: bool = True,
                  remember: bool = True, errors_path: str | Path | None = None,
                  lang: str = "fa", every: int = CHUNK
                  ) -> Iterator[ImportProgress | ImportReport]:
    """Import a sheet of visits (see the module docstring); yields progress, then the report.

    Outcomes: ``insert`` (the visit is added to ``customer_id``; ``fields`` holds
    "customer" when the customer is created too), ``skip`` with a reason, ``error``.
    """
    table, mapping_source = open_import_table(db, source, VISITS, sheet=sheet,
                                              mapping=mapping, header_row=header_row)
    from shopcrm.domain.money import factor
    from shopcrm.services.excel.columns import default_amount_unit
    from shopcrm.services.excel.exporter import owner_currency

    # amounts under a header that names no unit are in the owner's currency
    default_amount_unit(table.mapping, factor(owner_currency(None, settings)))
    file_hash = file_sha256(source)
    parsed = yield from _read(table, cancel, every)
    report = _base_report(VISITS, parsed, table, mapping_source, file_hash,
                          "create" if create_customers else "attach", dry_run)
    errors = _error_outcomes(parsed, table)
    rows: list[VisitRow] = parsed.rows
    check_cancel(cancel)
    yield from apply_plan(
        db, report, table, errors, plan=lambda conn: _plan_visits(conn, rows, create_customers),
        finish=_finish_visit_plan,
        write=lambda conn, planned: _write_visits(conn, planned, report, cancel, every),
        dry_run=dry_run, backup=backup, settings=settings, remember=remember,
        errors_path=errors_path, lang=lang)


@dataclass
class _VisitPlan:
    outcomes: list[RowOutcome]
    visits: list[tuple[int, Any, VisitRow]]  # (row, customer id or new-customer key, row)
    new_customers: dict[str, dict[str, Any]]  # key -> values
    summaries: list[list_summary.ListSummary]  # list summaries the visits take over


def _plan_visits(conn: Connection, rows: list[VisitRow], create: bool) -> _VisitPlan:
    mobiles = sorted({r.mobile for r in rows if r.mobile})
    names = sorted({search_key(r.name) for r in rows if not r.mobile and r.name})
    by_mobile: dict[str, tuple[int, bool]] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for chunk in chunks(mobiles):
        for cid, mobile, deleted in conn.execute(
                select(Customer.id, Customer.mobile, Customer.deleted_at)
                .where(Customer.mobile.in_(chunk))):
            if mobile is not None:
                by_mobile[mobile] = (cid, deleted is not None)
    for chunk in chunks(names):
        for cid, key in conn.execute(select(Customer.id, Customer.name_key).where(
                Customer.name_key.in_(chunk), Customer.deleted_at.is_(None))
                .order_by(Customer.id)):
            by_name[key].append(cid)
    known = sorted({cid for cid, _ in by_mobile.values()}
                   | {c for ids in by_name.values() if len(ids) == 1 for c in ids})
    # the customer lists' placeholder visits: replaced, not repeated (``list_summary``)
    summaries = list_summary.load(conn, known)
    placeholder_ids = {p["id"] for s in summaries.values() for p in s.placeholders.values()}
    existing: set[tuple[int, datetime]] = set()
    if rows:  # only the book's visits in the file's time span can repeat one of its rows
        low = local_to_utc(min(r.at for r in rows)) - timedelta(minutes=1)
        high = local_to_utc(max(r.at for r in rows)) + timedelta(minutes=1)
        for id_chunk in chunks(known):
            for vid, cid, at in conn.execute(select(Visit.id, Visit.customer_id, Visit.at).where(
                    Visit.customer_id.in_(id_chunk), Visit.at >= low, Visit.at <= high)):
                if vid not in placeholder_ids:
                    existing.add((cid, at.replace(second=0, microsecond=0)))
    outcomes: list[RowOutcome] = []
    visits: list[tuple[int, Any, VisitRow]] = []
    new_customers: dict[str, dict[str, Any]] = {}
    seen: set[tuple[Any, datetime]] = set()
    for r in rows:
        name = r.name or ""
        who: Any = None
        by = None
        created = False
        if r.mobile:
            hit = by_mobile.get(r.mobile)
            if hit is not None:
                if hit[1]:
                    outcomes.append(RowOutcome(r.row_number, "skip", hit[0], name, r.mobile,
                                               "mobile", reason="import_skip_in_trash"))
                    continue
                who, by = hit[0], "mobile"
        elif name:
            ids = by_name.get(search_key(name), [])
            if len(ids) > 1:
                outcomes.append(RowOutcome(r.row_number, "skip", None, name, None,
                                           reason="visit_import_ambiguous_name"))
                continue
            if ids:
                who, by = ids[0], "name"
        if who is None:
            if not create:
                outcomes.append(RowOutcome(r.row_number, "skip", None, name, r.mobile,
                                           reason="visit_import_no_customer"))
                continue
            key = r.mobile or f"name:{search_key(name)}"
            created = key not in new_customers
            if created:
                new_customers[key] = {"name": name or r.mobile, "mobile": r.mobile,
                                      "mobile_raw": r.mobile_raw if not r.mobile else None}
            who = key
        at = local_to_utc(r.at).replace(second=0, microsecond=0)
        if (who, at) in seen or (isinstance(who, int) and (who, at) in existing):
            outcomes.append(RowOutcome(r.row_number, "skip", who if isinstance(who, int)
                                       else None, name, r.mobile, by,
                                       reason="visit_import_duplicate"))
            continue
        seen.add((who, at))
        summary = summaries.get(who) if isinstance(who, int) else None
        if summary is not None:
            summary.take(r.at.date(), r.amount)
        outcomes.append(RowOutcome(r.row_number, "insert", who if isinstance(who, int) else None,
                                   name, r.mobile, by, fields=["customer"] if created else [],
                                   visit=r.at.date()))
        visits.append((r.row_number, who, r))
    return _VisitPlan(outcomes, visits, new_customers,
                      [s for s in summaries.values() if s.changed])


def _finish_visit_plan(report: ImportReport, plan: _VisitPlan,
                       errors: list[RowOutcome]) -> None:
    report.outcomes = sorted([*plan.outcomes, *errors], key=lambda o: o.row)
    report.inserted = len(plan.visits)
    report.visits_inserted = len(plan.visits)
    report.customers_created = len(plan.new_customers)
    report.summary_customers = len(plan.summaries)
    report.summary_visits = sum(s.visits for s in plan.summaries)
    report.placeholders_replaced = sum(len(s.replaced) for s in plan.summaries)
    report.prior_visits_less = sum(s.visits_less for s in plan.summaries)
    report.prior_spent_less = sum(s.spent_less for s in plan.summaries)


def _write_visits(conn: Connection, plan: _VisitPlan, report: ImportReport, cancel: Cancel,
                  every: int) -> Iterator[ImportProgress]:
    now = report.started_at or utc_now()
    assert report.batch_id is not None
    w = _Writer(conn, report.batch_id, now)
    ids: dict[str, int] = {}
    keys = list(plan.new_customers)
    blank = {"phone2": None, "email": None, "birthday": None, "gender": None, "city": None,
             "address": None, "referral": None, "notes": None, "vip": False,
             "sms_opt_out": False, "sms_opt_out_at": None, "email_opt_out": False,
             "email_opt_out_at": None, "prior_visits": 0}
    for chunk in chunks(keys, CHUNK):
        check_cancel(cancel)
        new_ids = w.insert_customers([w.customer_row({**blank, **plan.new_customers[k]}, None)
                                      for k in chunk])
        ids.update(zip(chunk, new_ids, strict=True))
        w.insert_changes([(cid, "insert", None, 1) for cid in new_ids])
    total = len(plan.visits)
    done = 0
    touched: set[int] = set()
    step = max(1, min(CHUNK, every))
    for visit_chunk in chunks(plan.visits, step):
        check_cancel(cancel)
        batch = []
        for _, who, r in visit_chunk:
            cid = who if isinstance(who, int) else ids[who]
            touched.add(cid)
            batch.append(w.visit(cid, local_to_utc(r.at), amount=r.amount, service=r.service,
                                 staff=r.staff, payment_method=r.payment,
                                 satisfaction=r.satisfaction, note=_visit_note(r)))
        w.insert_visits(batch)
        done += len(visit_chunk)
        yield ImportProgress(done, total, "write")
    check_cancel(cancel)
    w.insert_changes(list_summary.write(conn, plan.summaries))
    refresh_summaries(conn, touched)
    for o in report.outcomes:
        if o.action == "insert" and o.customer_id is None:
            key = o.mobile or f"name:{search_key(o.name)}"
            o.customer_id = ids.get(key)
