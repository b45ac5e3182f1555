"""Small reads the window needs, so no SQL lives in ui/.

Each function opens the book's read door (``Database.reading()``: a deferred
transaction, never the write lock) and returns plain data: the GUI thread may call them
without ever waiting for another process's write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select

from shopcrm.storage.chunks import chunks
from shopcrm.storage.customer_list import CustomerRow, rows_by_ids
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, Customer


def customer_rows(db: Database, ids: Sequence[int]) -> list[CustomerRow]:
    """The customer list's rows for ``ids``, in that order (one page of the table)."""
    with db.reading() as session:
        return rows_by_ids(session, ids)


def customer_names(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """Names by customer id (ids not in the book are left out)."""
    names: dict[int, str] = {}
    if not ids:
        return names
    with db.reading() as session:
        for chunk in chunks(list(ids)):
            names.update((cid, name) for cid, name in session.execute(
                select(Customer.id, Customer.name).where(Customer.id.in_(chunk))))
    return names


def recent_campaigns(db: Database, limit: int = 200) -> list[tuple[int, str, datetime]]:
    """(id, name, created at) of the newest campaigns, newest first."""
    with db.reading() as session:
        return [(cid, name, created) for cid, name, created in session.execute(
            select(Campaign.id, Campaign.name, Campaign.created_at)
            .order_by(Campaign.id.desc()).limit(limit))]


def customers_per_city(db: Database) -> list[tuple[str | None, int]]:
    """How many customers live in each city (None: no city given)."""
    with db.reading() as session:
        return [(city, int(n)) for city, n in session.execute(
            select(Customer.city, func.count()).group_by(Customer.city))]
