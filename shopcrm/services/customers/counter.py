"""The counter: record a visit in seconds from a mobile number.

The owner types a mobile (any spelling, Persian digits fine); the customer is found, or
created on the spot with the name typed beside it, and the visit is added, all in one
transaction. Also the short lists the counter form offers as completions: the services
and staff names used most in recent visits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from shopcrm.domain.phones import normalize_mobile
from shopcrm.errors import Conflict, InvalidInput
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Visit

RECENT_VISITS = 2_000  # how far back the completion lists look


@dataclass(frozen=True)
class CounterCustomer:
    """Who a typed mobile belongs to: plain data for the counter form."""

    id: int
    name: str
    mobile: str
    total_visits: int
    last_visit_at: datetime | None
    vip: bool
    sms_opt_out: bool
    deleted: bool


@dataclass(frozen=True)
class CounterResult:
    customer_id: int
    visit_id: int
    name: str
    created: bool  # the customer was added by this visit
    redeemed: int = 0  # loyalty points spent at this visit


class CounterService:
    def __init__(self, db: Database, customers: CustomerService, visits: VisitService) -> None:
        self.db = db
        self.customers = customers
        self.visits = visits

    def lookup(self, mobile_text: str) -> CounterCustomer | None:
        """The customer holding this mobile (trashed ones too, flagged), or None.

        Raises ``InvalidInput("bad_mobile")`` when the text is not a mobile number.
        """
        mobile = normalize_mobile(mobile_text)
        if mobile is None:
            raise InvalidInput("bad_mobile", value=mobile_text)
        with self.db.reading() as s:
            row = s.execute(
                select(Customer.id, Customer.name, Customer.mobile, Customer.visit_count,
                       Customer.prior_visits, Customer.last_visit_at, Customer.vip,
                       Customer.sms_opt_out, Customer.deleted_at)
                .where(Customer.mobile == mobile)
            ).first()
        if row is None:
            return None
        return CounterCustomer(row.id, row.name, row.mobile,
                               (row.visit_count or 0) + (row.prior_visits or 0),
                               row.last_visit_at, bool(row.vip), bool(row.sms_opt_out),
                               row.deleted_at is not None)

    def record(self, mobile_text: str, visit: VisitInput, *,
               name: str | None = None, redeem: int | None = None) -> CounterResult:
        """Add ``visit`` for the holder of the mobile; a new mobile needs ``name``.

        A mobile held by a customer in the trash is refused (restore them first), so the
        counter never silently creates a second card for the same person. ``redeem``
        spends that many loyalty points at this visit, in the same transaction.
        """
        mobile = normalize_mobile(mobile_text)
        if mobile is None:
            raise InvalidInput("bad_mobile", value=mobile_text)
        with self.db.session() as s:
            holder = s.execute(select(Customer.id, Customer.name, Customer.deleted_at)
                               .where(Customer.mobile == mobile)).first()
            if holder is not None and holder.deleted_at is not None:
                raise Conflict("duplicate_mobile_deleted", mobile=mobile, name=holder.name,
                               id=holder.id)
            created = holder is None
            if holder is None:
                if not name or not name.strip():
                    raise InvalidInput("name_required")
                customer_id = self.customers.add(CustomerInput(name=name, mobile=mobile),
                                                 session=s)
                customer_name = " ".join(name.split())
            else:
                customer_id, customer_name = holder.id, holder.name
            visit_id = self.visits.add(customer_id, visit, source="manual", session=s)
            if redeem:
                from shopcrm.services.loyalty.points import redeem_in

                redeem_in(s, customer_id, redeem, self.visits._loyalty(), visit_id=visit_id)
            if created:
                customer_name = s.scalar(select(Customer.name)
                                         .where(Customer.id == customer_id)) or customer_name
        return CounterResult(customer_id, visit_id, customer_name, created, redeem or 0)

    def recent_services(self, limit: int = 50) -> list[str]:
        """Services of the latest visits, the most used first."""
        return self._recent(Visit.service, limit)

    def recent_staff(self, limit: int = 20) -> list[str]:
        return self._recent(Visit.staff, limit)

    def _recent(self, column, limit: int) -> list[str]:  # type: ignore[no-untyped-def]
        with self.db.reading() as s:
            values = s.scalars(select(column).where(column.is_not(None))
                               .order_by(Visit.at.desc()).limit(RECENT_VISITS)).all()
        counts = Counter(v for v in values if v)
        return [value for value, _ in counts.most_common(limit)]
