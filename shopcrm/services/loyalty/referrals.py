"""Referrals: who brought whom, and what the people they brought have spent.

``customer.referred_by_id`` links a customer to the customer who brought them (chosen by
name or mobile); the free-text ``referral`` source stays for "Instagram", "Divar". With
``loyalty.referral_bonus`` > 0 (and the club on) both get that many points once, when the
new customer's first visit is recorded in ShopCRM (or when the link is made for someone
who already has visits): keyed ledger entries make it once ever, whatever is re-linked.

Revenue brought: the sum of the amounts of every visit of the referred customers (in the
trash or not), straight from the visits table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from shopcrm.errors import InvalidInput, NotFound
from shopcrm.services.loyalty.points import post
from shopcrm.services.loyalty.rules import LoyaltyRules
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Visit


@dataclass(frozen=True)
class Referred:
    id: int
    name: str
    mobile: str | None
    visits: int
    revenue: int  # Rials
    first_visit_at: datetime | None
    in_trash: bool

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["revenue_rials"] = data.pop("revenue")
        return data


@dataclass(frozen=True)
class Referrer:
    id: int
    name: str
    mobile: str | None
    referred: list[Referred] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.referred)

    @property
    def revenue(self) -> int:
        return sum(r.revenue for r in self.referred)

    @property
    def visits(self) -> int:
        return sum(r.visits for r in self.referred)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "mobile": self.mobile, "count": self.count,
                "visits": self.visits, "revenue_rials": self.revenue,
                "referred": [r.as_dict() for r in self.referred]}


def set_referrer(db: Database, customer_id: int, referrer_id: int | None,
                 rules: LoyaltyRules | None = None) -> None:
    """Link (or with None unlink) who brought the customer. Refuses the customer
    themself, a customer in the trash and a loop (A brought B brought A)."""
    with db.writing() as s:
        customer = s.get(Customer, customer_id, with_for_update=True)
        if customer is None or customer.deleted_at is not None:
            raise NotFound("customer_not_found", ref=f"#{customer_id}")
        if referrer_id is not None:
            referrer = s.get(Customer, referrer_id)
            if referrer is None or referrer.deleted_at is not None:
                raise NotFound("customer_not_found", ref=f"#{referrer_id}")
            if referrer_id == customer_id or _chain(s, referrer_id, customer_id):
                raise InvalidInput("referral_loop", name=customer.name, referrer=referrer.name)
        s.execute(update(Customer).where(Customer.id == customer_id)
                  .values(referred_by_id=referrer_id)
                  .execution_options(synchronize_session=False))
        if referrer_id is not None and rules is not None:
            grant_referral_bonus(s, customer_id, rules)


def _chain(s: Session, start: int, target: int) -> bool:
    """Does following ``referred_by`` from ``start`` reach ``target``?"""
    seen: set[int] = set()
    current: int | None = start
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        current = s.scalar(select(Customer.referred_by_id).where(Customer.id == current))
    return False


def grant_referral_bonus(s: Session, customer_id: int, rules: LoyaltyRules) -> int:
    """Both sides' bonus, once ever, when the referred customer has a visit in the book.
    Returns the points given to the referred customer (0 when nothing was due)."""
    if not rules.enabled or rules.referral_bonus <= 0:
        return 0
    row = s.execute(select(Customer.referred_by_id, Customer.visit_count)
                    .where(Customer.id == customer_id)).first()
    if row is None or row.referred_by_id is None or not row.visit_count:
        return 0
    referrer = s.execute(select(Customer.id, Customer.name, Customer.deleted_at)
                         .where(Customer.id == row.referred_by_id)).first()
    if referrer is None or referrer.deleted_at is not None:
        return 0
    new_name = s.scalar(select(Customer.name).where(Customer.id == customer_id))
    given = post(s, customer_id, rules.referral_bonus, "bonus",
                 note=f"referred by #{referrer.id} {referrer.name}",
                 key=f"referral:{customer_id}:new")
    post(s, referrer.id, rules.referral_bonus, "bonus",
         note=f"brought #{customer_id} {new_name}", key=f"referral:{customer_id}:referrer")
    return rules.referral_bonus if given else 0


def referrer_of(db: Database, customer_id: int) -> tuple[int, str, str | None] | None:
    """(id, name, mobile) of whoever brought the customer, or None."""
    with db.reading() as s:
        parent = aliased(Customer)
        row = s.execute(select(parent.id, parent.name, parent.mobile)
                        .join(Customer, Customer.referred_by_id == parent.id)
                        .where(Customer.id == customer_id)).first()
    return (row.id, row.name, row.mobile) if row else None


def referrals(db: Database, *, referrer_id: int | None = None) -> list[Referrer]:
    """Everyone who brought someone, most revenue first, with whom they brought."""
    with db.reading() as s:
        revenue = (select(Visit.customer_id, func.count().label("n"),
                          func.coalesce(func.sum(Visit.amount), 0).label("amount"))
                   .group_by(Visit.customer_id).subquery())
        parent = aliased(Customer)
        stmt = (select(parent.id, parent.name, parent.mobile, Customer.id.label("cid"),
                       Customer.name.label("cname"), Customer.mobile.label("cmobile"),
                       Customer.first_visit_at, Customer.deleted_at,
                       func.coalesce(revenue.c.n, 0), func.coalesce(revenue.c.amount, 0))
                .join(parent, parent.id == Customer.referred_by_id)
                .outerjoin(revenue, revenue.c.customer_id == Customer.id)
                .where(parent.deleted_at.is_(None))
                .order_by(parent.id, Customer.id))
        if referrer_id is not None:
            stmt = stmt.where(parent.id == referrer_id)
        rows = s.execute(stmt).all()
    out: dict[int, Referrer] = {}
    for r in rows:
        ref = out.setdefault(r[0], Referrer(r[0], r[1], r[2], []))
        ref.referred.append(Referred(r.cid, r.cname, r.cmobile, int(r[8]), int(r[9]),
                                     r.first_visit_at, r.deleted_at is not None))
    return sorted(out.values(), key=lambda x: (-x.revenue, -x.count, x.id))


def find_candidates(db: Database, text: str, *, limit: int = 10,
                    exclude: int | None = None) -> list[tuple[int, str, str | None]]:
    """Customers a typed name or mobile may mean (for the referral picker)."""
    from shopcrm.storage.customer_list import list_customers

    if not text or not text.strip():
        return []
    with db.reading() as s:
        rows = list_customers(s, query=text, limit=limit + 1, order="name")
    return [(r.id, r.name, r.mobile) for r in rows if r.id != exclude][:limit]
