"""Win-back follow-up: log a call or a message, snooze a customer for a while.

The state lives in the database:
- every contact is an ``Interaction`` row (kind ``call``, ``sms``, ``email`` or
  ``in_person``) and moves the customer's ``last_contact_at`` forward (never back);
- a snooze sets ``snoozed_until`` (the customer is hidden from the follow-up lists while
  ``snoozed_until > the list's date``, so "7 days" from Monday shows them again next
  Monday) and logs a ``snooze`` interaction, so the contact history says who snoozed whom.

Both changes are Core UPDATEs: they are not an owner's edit of the card, so they do not
bump the customer's version (an edit open in the window stays valid).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from shopcrm.domain.dates import local_today, utc_now
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Interaction

CONTACT_KINDS = ("call", "sms", "email", "in_person")
# what came of a call (stored in ``Interaction.outcome``)
CALL_OUTCOMES = ("no_answer", "will_come", "booked", "not_interested", "wrong_number")
MAX_SNOOZE_DAYS = 366


@dataclass(frozen=True)
class ContactLogged:
    interaction_id: int
    customer_id: int
    kind: str
    at: datetime  # UTC
    last_contact_at: datetime  # the customer's, after this contact


@dataclass(frozen=True)
class Snoozed:
    interaction_id: int | None
    customer_id: int
    snoozed_until: date | None


def _live_customer(s: Session, customer_id: int) -> None:
    found = s.execute(select(Customer.id, Customer.deleted_at)
                      .where(Customer.id == customer_id)).first()
    if found is None or found.deleted_at is not None:
        raise NotFound("customer_not_found", ref=f"#{customer_id}")


class FollowUpService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def log(self, customer_id: int, kind: str = "call", note: str | None = None, *,
            at: datetime | None = None, outcome: str | None = None) -> ContactLogged:
        """Record a contact; ``at`` is a UTC instant (default now)."""
        if kind not in CONTACT_KINDS:
            raise InvalidInput("bad_contact_kind", kind=kind, valid=", ".join(CONTACT_KINDS))
        if kind == "call" and outcome is not None and outcome not in CALL_OUTCOMES:
            raise InvalidInput("bad_call_outcome", outcome=outcome,
                               valid=", ".join(CALL_OUTCOMES))
        at = at or utc_now()
        with self.db.session() as s:
            _live_customer(s, customer_id)
            row = Interaction(customer_id=customer_id, at=at, kind=kind,
                              direction=None if kind == "in_person" else "out",
                              summary=(note or "").strip() or None, outcome=outcome)
            s.add(row)
            s.flush()
            later = case((Customer.last_contact_at.is_(None), at),
                         (Customer.last_contact_at < at, at),
                         else_=Customer.last_contact_at)
            s.execute(update(Customer).where(Customer.id == customer_id)
                      .values(last_contact_at=later)
                      .execution_options(synchronize_session=False))
            last = s.scalar(select(Customer.last_contact_at).where(Customer.id == customer_id))
            # the update above leaves it at ``at`` or later (the customer is live: checked)
            assert last is not None
            return ContactLogged(row.id, customer_id, kind, at, last)

    def snooze(self, customer_id: int, days: int, *, today: date | None = None,
               note: str | None = None) -> Snoozed:
        """Hide the customer from the follow-up lists for ``days`` days from ``today``."""
        if not 1 <= days <= MAX_SNOOZE_DAYS:
            raise InvalidInput("bad_snooze_days", days=days, max=MAX_SNOOZE_DAYS)
        until = (today or local_today()) + timedelta(days=days)
        with self.db.session() as s:
            _live_customer(s, customer_id)
            row = Interaction(customer_id=customer_id, kind="snooze", direction=None,
                              summary=(note or "").strip() or f"snoozed {days} days",
                              outcome=until.isoformat())
            s.add(row)
            s.flush()
            self._set(s, customer_id, until)
            return Snoozed(row.id, customer_id, until)

    def unsnooze(self, customer_id: int) -> Snoozed:
        """End a snooze now (logged as a ``snooze`` interaction with no end date)."""
        with self.db.session() as s:
            _live_customer(s, customer_id)
            row = Interaction(customer_id=customer_id, kind="snooze", summary="snooze ended")
            s.add(row)
            s.flush()
            self._set(s, customer_id, None)
            return Snoozed(row.id, customer_id, None)

    @staticmethod
    def _set(s: Session, customer_id: int, until: date | None) -> None:
        s.execute(update(Customer).where(Customer.id == customer_id)
                  .values(snoozed_until=until).execution_options(synchronize_session=False))
