"""The rows other features own, read in one small function each so the lead can repoint
them when those features land:

- ``open_complaints``: today the contact log's complaints (``Interaction`` of kind
  ``complaint`` whose status is not ``resolved``); the complaints feature (issue 15) adds
  a real complaint table and repoints this function;
- ``unread_replies``: inbound SMS replies not read yet -- an empty list until the inbox
  (issue 15, ``sync_inbox``) stores them;
- ``rewards_reached``: customers whose loyalty points reached a reward -- an empty list
  until the loyalty feature (issue 15, points per customer) is wired.

``add_complaint`` writes the simple complaint the customer card offers until the
complaints feature replaces it with its own form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shopcrm.domain.dates import utc_now
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Interaction

REPLIES_WIRED = False  # True once unread_replies reads the inbox
REWARDS_WIRED = False  # True once rewards_reached reads the loyalty points


@dataclass(frozen=True)
class Complaint:
    id: int
    customer_id: int
    name: str
    mobile: str | None
    at: datetime  # UTC
    summary: str | None
    status: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def open_complaints(s: Session) -> list[Complaint]:
    """Complaints not resolved yet, the oldest first (customers in the trash left out)."""
    rows = s.execute(
        select(Interaction.id, Interaction.customer_id, Customer.name, Customer.mobile,
               Interaction.at, Interaction.summary, Interaction.status)
        .join(Customer, Customer.id == Interaction.customer_id)
        .where(Interaction.kind == "complaint", Customer.deleted_at.is_(None),
               or_(Interaction.status.is_(None), Interaction.status != "resolved"))
        .order_by(Interaction.at, Interaction.id)).all()
    return [Complaint(r.id, r.customer_id, r.name, r.mobile, r.at, r.summary,
                      r.status or "open") for r in rows]


def unread_replies(s: Session) -> list[dict[str, Any]]:
    """Inbound replies not read yet. Empty until the inbox is wired (``REPLIES_WIRED``).

    Row shape the Today page and ``shopcrm today`` read: ``{"customer_id", "name",
    "text", "at"}`` (plain JSON-ready values)."""
    return []


def rewards_reached(s: Session) -> list[dict[str, Any]]:
    """Customers who reached a reward. Empty until loyalty is wired (``REWARDS_WIRED``).

    Row shape: ``{"customer_id", "name", "text"}`` (``text``: the reward, in words)."""
    return []


def add_complaint(db: Database, customer_id: int, text: str) -> int:
    """Log an open complaint for the customer; returns the interaction's id."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput("complaint_empty")
    with db.writing() as s:
        found = s.execute(select(Customer.id, Customer.deleted_at)
                          .where(Customer.id == customer_id)).first()
        if found is None or found.deleted_at is not None:
            raise NotFound("customer_not_found", ref=f"#{customer_id}")
        row = Interaction(customer_id=customer_id, at=utc_now(), kind="complaint",
                          direction="in", summary=text, status="open")
        s.add(row)
        s.flush()
        return row.id


def resolve_complaint(db: Database, complaint_id: int) -> None:
    """Mark a complaint resolved (the Today page's "Mark resolved")."""
    with db.writing() as s:
        row = s.get(Interaction, complaint_id)
        if row is None or row.kind != "complaint":
            raise NotFound("complaint_not_found", id=complaint_id)
        row.status = "resolved"
