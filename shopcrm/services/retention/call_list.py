"""Customers to call back: a low survey score (or the owner) asks for a call.

A request is a contact-log row (``Interaction``, kind ``call_back``), so it shows in the
customer's contact history. The customer stays on the call list until someone logs a
contact with them after the request (``shopcrm followup log``, or the card): the
follow-up service moves ``Customer.last_contact_at`` forward, and that takes them off.
No separate flag to forget to clear.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shopcrm.domain.dates import utc_now
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Interaction

CALL_BACK = "call_back"


def request_call_back(s: Session, customer_id: int, reason: str, *,
                      at: datetime | None = None) -> int:
    """Put the customer on the call list (in the caller's transaction)."""
    row = Interaction(customer_id=customer_id, at=at or utc_now(), kind=CALL_BACK,
                      direction=None, summary=reason, status="open")
    s.add(row)
    s.flush()
    return row.id


@dataclass(frozen=True)
class CallBack:
    customer_id: int
    name: str
    mobile: str | None
    reason: str | None
    since: datetime  # UTC, the oldest request not yet answered by a contact

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def call_list_clause() -> Any:
    """Requests not yet followed by a logged contact (a WHERE over Interaction+Customer)."""
    return (Interaction.kind == CALL_BACK) & or_(Customer.last_contact_at.is_(None),
                                                 Customer.last_contact_at < Interaction.at)


def call_list(db: Database, *, limit: int | None = 500) -> list[CallBack]:
    """Customers to call, the longest waiting first."""
    with db.reading() as s:
        since = func.min(Interaction.at).label("since")
        rows = s.execute(
            select(Customer.id, Customer.name, Customer.mobile, since,
                   func.max(Interaction.summary))
            .join(Customer, Customer.id == Interaction.customer_id)
            .where(call_list_clause(), Customer.deleted_at.is_(None))
            .group_by(Customer.id, Customer.name, Customer.mobile)
            .order_by(since, Customer.id).limit(limit)).all()
    return [CallBack(cid, name, mobile, reason, at) for cid, name, mobile, at, reason in rows]
