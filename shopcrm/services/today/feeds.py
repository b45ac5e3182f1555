"""The rows other features own, read in one small function each, for the Today page:

- ``open_complaints``: open and in-progress complaints (services/retention);
- ``unread_replies``: inbound SMS replies not read yet (services/retention's inbox);
- ``rewards_reached``: customers whose loyalty points pay for a reward (services/loyalty).

``add_complaint`` and ``resolve_complaint`` are the card's and the Today page's quick
complaint actions, written to the complaint record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from shopcrm.storage.db import Database

if TYPE_CHECKING:
    from shopcrm.config import SettingsView
    from shopcrm.services.retention.daily_steps import OpenComplaint

REPLIES_WIRED = True  # unread_replies reads the inbox (services/retention)
REWARDS_WIRED = True  # rewards_reached reads the loyalty points (services/loyalty)


def open_complaints(s: Session) -> list[OpenComplaint]:
    """Open and in-progress complaints, the oldest first (the complaint record of
    services/retention; customers in the trash left out)."""
    from shopcrm.services.retention.daily_steps import open_complaints as read

    return read(s)


def unread_replies(s: Session) -> list[dict[str, Any]]:
    """Replies waiting for the owner: ``{"id", "customer_id", "name", "text", "at"}``."""
    from shopcrm.services.retention.daily_steps import unread_replies as read

    return read(s)


def rewards_reached(db: Database, settings: SettingsView) -> list[dict[str, Any]]:
    """Customers whose points pay for a reward: ``{"customer_id", "name", "text"}``
    (``text``: the reward and the balance, in the book's words). Empty while the club is
    off."""
    from shopcrm.services.loyalty.rewards import rewards_reached as due
    from shopcrm.services.loyalty.rules import LoyaltyRules

    rules = LoyaltyRules.from_settings(settings)
    if not rules.enabled:
        return []
    return [{"customer_id": r.customer_id, "name": r.name, "balance": r.balance,
             "reward_no": r.reward_no, "notice": r.notice,
             "text": str(settings.get("loyalty.reward_text") or "")}
            for r in due(db, settings, rules=rules)]


def add_complaint(db: Database, customer_id: int, text: str) -> int:
    """An open complaint (in person, medium) for the customer; returns its id."""
    from shopcrm.services.retention.daily_steps import add_complaint as add

    return add(db, customer_id, text)


def resolve_complaint(db: Database, complaint_id: int) -> None:
    """Mark a complaint resolved (the Today page's "Mark resolved")."""
    from shopcrm.services.retention.daily_steps import resolve_complaint as resolve

    resolve(db, complaint_id)
