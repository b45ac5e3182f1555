"""A customer list's summary of visits, taken over by the visits a visits import adds.

A customer import turns a list's "last visit" and "number of visits" into one placeholder
visit on that date (at noon Tehran time; written by ``import_apply``), ``prior_visits`` =
count - 1 and ``prior_spent`` = the spending column. The placeholder is told apart by its
batch: it is the only kind of visit a *customers* batch writes (``ImportBatch.kind``), and
one the owner has not filled in since (no amount, service, staff, payment, satisfaction or
note; a placeholder the owner filled in is a real visit).

When a visits import adds visits to such a customer (``import_visits``):

* the first visit added on the local day of a placeholder takes its place (the placeholder
  is deleted, the real visit inserted), so that day is not counted twice;
* the other visits added on or before the list's last visit (the latest placeholder's day)
  are visits the list's count already summarised: ``prior_visits`` goes down by their
  number, and ``prior_spent`` by the amounts of every visit added up to that day (the
  placeholder had none), never below 0.

The customer's version does not move (these are summary figures, like ``total_spent``);
the batch records, per customer, the figures and the placeholders as they were and what
it took off (``ImportChange.before``: ``prior_visits``, ``prior_spent``, ``visits_less``,
``spent_less``, ``_version`` and ``placeholders``); undo gives back what it took off and the
placeholders whose customers import is still live (``restore``), so imports undone in any
order leave the figures right.

A customer whose list gave a count but no last visit, or whose placeholder was not written
because the book already had a visit that day, has no placeholder: nothing tells which of
the visits the list counted, and its figures are left as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from shopcrm.domain.dates import local_date_of
from shopcrm.services.excel.columns import CUSTOMERS
from shopcrm.services.excel.import_writer import chunks
from shopcrm.storage.models import Customer, ImportBatch, Visit

_VISIT = Visit.__table__
_ROW = tuple(_VISIT.c)
_TIME_COLUMNS = frozenset({"at", "created_at", "updated_at"})


@dataclass
class ListSummary:
    """One customer's list summary and what a visits import does to it."""

    customer_id: int
    version: int
    prior_visits: int
    prior_spent: int
    placeholders: dict[date, dict[str, Any]]  # local day -> the visit row
    replaced: list[dict[str, Any]] = field(default_factory=list)
    visits: int = 0  # visits added on or before the list's last visit
    visits_less: int = 0  # prior_visits taken off (clamped at 0)
    spent_less: int = 0  # prior_spent taken off (clamped at 0)

    @property
    def last_day(self) -> date:
        return max(self.placeholders)

    def take(self, day: date, amount: int | None) -> bool:
        """Count a visit added on local ``day``; True when it replaces a placeholder."""
        if day > self.last_day:
            return False
        self.visits += 1
        if amount:
            less = min(int(amount), self.prior_spent - self.spent_less)
            self.spent_less += max(less, 0)
        placeholder = self.placeholders.get(day)
        if placeholder is not None and placeholder not in self.replaced:
            self.replaced.append(placeholder)
            return True
        if self.visits_less < self.prior_visits:
            self.visits_less += 1
        return False

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.visits_less or self.spent_less)


def load(conn: Connection, customer_ids: list[int]) -> dict[int, ListSummary]:
    """The list summaries (customers with a placeholder visit) among ``customer_ids``."""
    out: dict[int, ListSummary] = {}
    customers_batches = select(ImportBatch.id).where(ImportBatch.kind == CUSTOMERS)
    for chunk in chunks(customer_ids):
        rows = conn.execute(select(*_ROW).where(
            Visit.customer_id.in_(chunk), Visit.import_batch_id.in_(customers_batches),
            Visit.amount.is_(None), Visit.service.is_(None), Visit.staff.is_(None),
            Visit.payment_method.is_(None), Visit.satisfaction.is_(None),
            Visit.note.is_(None)).order_by(Visit.id)).all()
        if not rows:
            continue
        found: dict[int, list[dict[str, Any]]] = {}
        for r in rows:
            found.setdefault(r.customer_id, []).append(r._asdict())
        for cid, version, prior, spent in conn.execute(
                select(Customer.id, Customer.version, Customer.prior_visits,
                       Customer.prior_spent).where(Customer.id.in_(sorted(found)))):
            days: dict[date, dict[str, Any]] = {}
            for v in found[cid]:
                days.setdefault(local_date_of(v["at"]), v)
            out[cid] = ListSummary(cid, int(version), int(prior or 0), int(spent or 0), days)
    return out


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}


def _from_json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: datetime.fromisoformat(v) if k in _TIME_COLUMNS and v is not None else v
            for k, v in row.items()}


def write(conn: Connection, summaries: list[ListSummary]
          ) -> list[tuple[int, str, str | None, int]]:
    """Delete the replaced placeholders and lower the prior figures; the batch's change
    records (``BulkWriter.insert_changes``) that let undo put them back."""
    changes: list[tuple[int, str, str | None, int]] = []
    gone = [p["id"] for s in summaries for p in s.replaced]
    for chunk in chunks(gone):
        conn.execute(delete(Visit).where(Visit.id.in_(chunk)))
    for s in summaries:
        if s.visits_less or s.spent_less:  # relative: another writer's change is kept
            conn.execute(update(Customer.__table__).where(Customer.id == s.customer_id).values(
                prior_visits=Customer.prior_visits - s.visits_less,
                prior_spent=Customer.prior_spent - s.spent_less))
        before = {"prior_visits": s.prior_visits, "prior_spent": s.prior_spent,
                  "visits_less": s.visits_less, "spent_less": s.spent_less,
                  "_version": s.version, "placeholders": [_json_row(p) for p in s.replaced]}
        changes.append((s.customer_id, "update", json.dumps(before, ensure_ascii=False),
                        s.version))
    return changes


def is_list_summary(before: dict[str, Any]) -> bool:
    """Whether a change record was written by ``write``."""
    return "placeholders" in before


def restore(conn: Connection, customer_id: int, before: dict[str, Any]) -> None:
    """Undo ``write`` for one customer: what it took off the prior figures is given back
    (added, so a later import's own change to them stays), and each placeholder it replaced
    comes back while its customers import is still live and the customer has no other
    visit that day (the version untouched, as ``write`` left it; the caller refreshes the
    summary)."""
    live = set(conn.scalars(select(ImportBatch.id).where(ImportBatch.undone_at.is_(None))))
    for placeholder in before.get("placeholders") or []:
        row = _from_json(placeholder)
        day = local_date_of(row["at"])
        taken = any(local_date_of(at) == day for at in conn.scalars(
            select(Visit.at).where(Visit.customer_id == customer_id)))
        if row.get("import_batch_id") in live and not taken:
            if conn.scalar(select(Visit.id).where(Visit.id == row["id"])) is not None:
                row.pop("id")  # its old id was given to another visit since: a new one
            conn.execute(insert(_VISIT), [row])
    if "visits_less" in before:
        conn.execute(update(Customer.__table__).where(Customer.id == customer_id).values(
            prior_visits=Customer.prior_visits + int(before["visits_less"]),
            prior_spent=Customer.prior_spent + int(before["spent_less"])))
    else:  # a record written before the amounts taken off were kept
        conn.execute(update(Customer.__table__).where(Customer.id == customer_id).values(
            prior_visits=int(before["prior_visits"]), prior_spent=int(before["prior_spent"])))
