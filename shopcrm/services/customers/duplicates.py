"""Likely duplicates of one customer, for the customer card.

The same rule as ``CustomerService.duplicates`` (the whole-book list): another customer,
not in the trash, with the same email or the same name key (mobiles are unique already).
Both indexed lookups, so the card asks on every open even at 100k customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    name: str
    mobile: str | None
    email: str | None
    reason: str  # email|name
    total_visits: int
    last_visit_at: datetime | None


def likely_duplicates(db: Database, customer_id: int, *,
                      limit: int = 20) -> list[DuplicateCandidate]:
    """Others who may be the same person as ``customer_id``: same email first, then name."""
    with db.reading() as s:
        me = s.execute(select(Customer.email, Customer.name_key)
                       .where(Customer.id == customer_id)).first()
        if me is None:
            return []
        matches = []
        if me.email:
            matches.append(Customer.email == me.email)
        if me.name_key:
            matches.append(Customer.name_key == me.name_key)
        if not matches:
            return []
        rows = s.execute(
            select(Customer.id, Customer.name, Customer.mobile, Customer.email,
                   Customer.name_key, Customer.visit_count, Customer.prior_visits,
                   Customer.last_visit_at)
            .where(Customer.id != customer_id, Customer.deleted_at.is_(None), or_(*matches))
            .order_by(Customer.id)
            .limit(limit * 2)
        ).all()
    found = []
    for row in rows:
        reason = "email" if me.email and row.email == me.email else "name"
        found.append(DuplicateCandidate(row.id, row.name, row.mobile, row.email, reason,
                                        (row.visit_count or 0) + (row.prior_visits or 0),
                                        row.last_visit_at))
    found.sort(key=lambda c: (c.reason != "email", c.id))
    return found[:limit]
