"""The points ledger: earning at a visit, redeeming, expiry, and a customer's balance.

The ledger (``points_entry``) is the truth: a balance is the sum of a customer's entries.
``customer.points_balance`` (every entry) and ``customer.points_earned`` (earn, bonus and
adjust entries: what tiers and rewards count) are those sums, changed by :func:`post` in
the same transaction as the entry it writes, with an atomic ``x = x + n`` (no read, so two
writers cannot lose an update); :func:`refresh_points` recomputes them from the ledger.

Which visits earn. A visit recorded in ShopCRM (the card, the record-visit dialog, the
counter, ``shopcrm visit add``) earns ``loyalty.points_per_visit`` plus one point per
``loyalty.points_per_amount`` of the owner's currency, in the visit's own transaction.
Imported visits (``source`` import) and demo visits do not: they are history from before
the club. A changed amount adjusts the visit's points; a deleted visit takes them back
(an ``adjust`` entry, so the ledger keeps the story). Nothing is earned while
``loyalty.enabled`` is off, and a visit recorded then earns nothing later.

Expiry (``loyalty.expiry_days`` > 0): points are spent oldest first, so the points due to
expire at a moment are the positive entries older than the cut-off minus everything
already taken out (redeemed, expired, negative adjustments). :func:`pending_expiry` says
how many (a read); :func:`expire_due` writes them as an ``expire`` entry. Redeeming,
``shopcrm points`` and the reward notices apply expiry first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcrm.domain.dates import utc_now
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.services.loyalty.rules import LoyaltyRules, Tier
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, PointsEntry, Visit

REASONS = ("earn", "redeem", "expire", "bonus", "adjust")
EARNED_REASONS = ("earn", "bonus", "adjust")
PE = PointsEntry.__table__


@dataclass(frozen=True)
class EntryView:
    id: int
    at: datetime  # UTC
    points: int
    reason: str
    visit_id: int | None
    note: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PointsSummary:
    """A customer's standing in the club (plain data for the card and the command)."""

    customer_id: int
    name: str
    mobile: str | None
    enabled: bool
    balance: int
    earned: int
    expiring: int  # due to expire now, not yet written (0 once expiry has been applied)
    reward_points: int
    reward_text: str
    rewards_available: int  # whole rewards the balance pays for
    to_next_reward: int  # points still missing for one reward (0 when one is available)
    tier: Tier | None
    next_tier: Tier | None
    entries: list[EntryView] = field(default_factory=list)

    @property
    def to_next_tier(self) -> int:
        return self.next_tier.points - self.earned if self.next_tier else 0

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k not in ("tier", "next_tier")}
        data["tier"] = self.tier.as_dict() if self.tier else None
        data["next_tier"] = self.next_tier.as_dict() if self.next_tier else None
        data["to_next_tier"] = self.to_next_tier
        data["entries"] = [e.as_dict() for e in self.entries]
        return data


# -- writing --------------------------------------------------------------------------------
def post(s: Session, customer_id: int, points: int, reason: str, *,
         visit_id: int | None = None, note: str | None = None, key: str | None = None,
         at: datetime | None = None) -> bool:
    """Write one ledger entry and move the customer's sums with it (caller's transaction).

    With ``key`` the entry is written at most once ever (False when it already exists,
    also when a concurrent writer wrote it first).
    """
    if reason not in REASONS:
        raise ValueError(f"unknown points reason {reason!r}")
    if points == 0:
        return False
    now = utc_now()
    row = {"customer_id": customer_id, "visit_id": visit_id, "points": int(points),
           "reason": reason, "at": at or now, "note": note, "key": key,
           "created_at": now, "updated_at": now}
    if key is not None:
        if s.scalar(select(PE.c.id).where(PE.c.key == key)) is not None:
            return False
        try:
            with s.begin_nested():
                s.execute(insert(PE), row)
        except IntegrityError:
            return False
    else:
        s.execute(insert(PE), row)
    earned = int(points) if reason in EARNED_REASONS else 0
    s.execute(update(Customer).where(Customer.id == customer_id)
              .values(points_balance=Customer.points_balance + int(points),
                      points_earned=Customer.points_earned + earned)
              .execution_options(synchronize_session=False))
    return True


def refresh_points(s: Session, customer_id: int) -> tuple[int, int]:
    """Recompute the customer's sums from the ledger; returns (balance, earned)."""
    balance, earned = ledger_sums(s, customer_id)
    s.execute(update(Customer).where(Customer.id == customer_id)
              .values(points_balance=balance, points_earned=earned)
              .execution_options(synchronize_session=False))
    return balance, earned


def ledger_sums(s: Session, customer_id: int) -> tuple[int, int]:
    """(balance, earned) as the ledger says (the sums, never a counter)."""
    row = s.execute(select(
        func.coalesce(func.sum(PE.c.points), 0),
        func.coalesce(func.sum(case((PE.c.reason.in_(EARNED_REASONS), PE.c.points),
                                    else_=0)), 0),
    ).where(PE.c.customer_id == customer_id)).one()
    return int(row[0]), int(row[1])


def visit_points(s: Session, visit_id: int) -> int:
    """Points a visit has earned so far (its earn entry and adjustments)."""
    return int(s.scalar(select(func.coalesce(func.sum(PE.c.points), 0)).where(
        PE.c.visit_id == visit_id, PE.c.reason.in_(("earn", "adjust")))) or 0)


def on_visit_added(s: Session, visit_id: int, customer_id: int, amount: int | None,
                   rules: LoyaltyRules) -> int:
    """Earn the visit's points (and a pending referral bonus); returns the points."""
    if not rules.enabled:
        return 0
    points = rules.points_for_visit(amount)
    post(s, customer_id, points, "earn", visit_id=visit_id)
    from shopcrm.services.loyalty.referrals import grant_referral_bonus

    grant_referral_bonus(s, customer_id, rules)
    return points


def on_visit_changed(s: Session, visit_id: int, customer_id: int, amount: int | None,
                     rules: LoyaltyRules) -> int:
    """A visit that earned points and whose amount changed: adjust by the difference."""
    if not rules.enabled:
        return 0
    earned = s.scalar(select(func.count()).select_from(PE).where(
        PE.c.visit_id == visit_id, PE.c.reason == "earn")) or 0
    if not earned:
        return 0
    delta = rules.points_for_visit(amount) - visit_points(s, visit_id)
    post(s, customer_id, delta, "adjust", visit_id=visit_id, note=f"visit #{visit_id} changed")
    return delta


def on_visit_deleted(s: Session, visit_id: int, customer_id: int) -> int:
    """Take back what the visit earned (before the visit row goes)."""
    points = visit_points(s, visit_id)
    post(s, customer_id, -points, "adjust", visit_id=visit_id,
         note=f"visit #{visit_id} deleted")
    return -points


def pending_expiry(s: Session, customer_id: int, rules: LoyaltyRules,
                   now: datetime | None = None) -> int:
    """Points that should have expired by ``now`` and are still in the balance."""
    if rules.expiry_days <= 0:
        return 0
    cutoff = (now or utc_now()) - timedelta(days=rules.expiry_days)
    old, taken = s.execute(select(
        func.coalesce(func.sum(case(((PE.c.points > 0) & (PE.c.at < cutoff), PE.c.points),
                                    else_=0)), 0),
        func.coalesce(func.sum(case((PE.c.points < 0, -PE.c.points), else_=0)), 0),
    ).where(PE.c.customer_id == customer_id)).one()
    return max(0, int(old) - int(taken))


def expire_due(s: Session, customer_id: int, rules: LoyaltyRules,
               now: datetime | None = None) -> int:
    """Write the customer's due expiry (caller's transaction); returns the points."""
    due = pending_expiry(s, customer_id, rules, now)
    post(s, customer_id, -due, "expire", note=f"older than {rules.expiry_days} days")
    return due


def expire_all(db: Database, rules: LoyaltyRules, now: datetime | None = None) -> int:
    """Apply due expiry to every customer; returns the points expired in all."""
    if rules.expiry_days <= 0:
        return 0
    now = now or utc_now()
    cutoff = now - timedelta(days=rules.expiry_days)
    with db.reading() as s:
        ids = list(s.scalars(
            select(PE.c.customer_id).join(Customer, Customer.id == PE.c.customer_id)
            .where(PE.c.points > 0, PE.c.at < cutoff, Customer.points_balance > 0)
            .distinct()))
    total = 0
    for start in range(0, len(ids), 200):
        with db.writing() as s:
            for customer_id in ids[start:start + 200]:
                _lock(s, customer_id)
                total += expire_due(s, customer_id, rules, now)
    return total


def redeem(db: Database, customer_id: int, points: int, rules: LoyaltyRules, *,
           visit_id: int | None = None, note: str | None = None) -> PointsSummary:
    """Spend ``points`` of the customer's balance (expired points first leave it).

    Raises ``points_not_positive``, ``points_not_enough`` (with the balance), or
    ``loyalty_disabled``.
    """
    with db.writing() as s:
        redeem_in(s, customer_id, points, rules, visit_id=visit_id, note=note)
    return summary(db, customer_id, rules)


def redeem_in(s: Session, customer_id: int, points: int, rules: LoyaltyRules, *,
              visit_id: int | None = None, note: str | None = None) -> int:
    """:func:`redeem` in the caller's transaction (the counter redeems in the visit's own);
    returns the balance left."""
    if not rules.enabled:
        raise InvalidInput("loyalty_disabled")
    if points is None or int(points) <= 0:
        raise InvalidInput("points_not_positive", points=points)
    customer = _lock(s, customer_id)
    if visit_id is not None:
        owner = s.scalar(select(Visit.customer_id).where(Visit.id == visit_id))
        if owner != customer_id:
            raise NotFound("visit_not_found", id=visit_id)
    expire_due(s, customer_id, rules)
    balance, _ = ledger_sums(s, customer_id)
    if int(points) > balance:
        raise InvalidInput("points_not_enough", name=customer.name, balance=balance,
                           points=int(points))
    post(s, customer_id, -int(points), "redeem", visit_id=visit_id,
         note=note or rules.reward_text or None)
    return balance - int(points)


def adjust(db: Database, customer_id: int, points: int, note: str | None,
           rules: LoyaltyRules) -> PointsSummary:
    """The owner's correction (+ or -), with a note."""
    if not points:
        raise InvalidInput("points_not_positive", points=points)
    with db.writing() as s:
        _lock(s, customer_id)
        post(s, customer_id, int(points), "adjust", note=note or "owner's correction")
    return summary(db, customer_id, rules)


def apply_expiry(db: Database, customer_id: int, rules: LoyaltyRules) -> int:
    """Write one customer's due expiry (the write door); returns the points."""
    if rules.expiry_days <= 0:
        return 0
    with db.reading() as s:
        if not pending_expiry(s, customer_id, rules):
            return 0
    with db.writing() as s:
        _lock(s, customer_id)
        return expire_due(s, customer_id, rules)


def merge_loyalty(s: Session, keep_id: int, other_id: int) -> None:
    """``other`` is merged into ``keep``: its points and the people it brought move."""
    s.execute(update(PointsEntry).where(PointsEntry.customer_id == other_id)
              .values(customer_id=keep_id).execution_options(synchronize_session=False))
    s.execute(update(Customer).where(Customer.referred_by_id == other_id, Customer.id != keep_id)
              .values(referred_by_id=keep_id).execution_options(synchronize_session=False))
    s.execute(update(Customer).where(Customer.id == keep_id, Customer.referred_by_id.in_(
        (other_id, keep_id))).values(referred_by_id=None)
        .execution_options(synchronize_session=False))
    refresh_points(s, keep_id)


# -- reading --------------------------------------------------------------------------------
def summary(db: Database, customer_id: int, rules: LoyaltyRules, *,
            history: int | None = 20) -> PointsSummary:
    """The customer's balance, tier, reward progress and latest entries (the read door)."""
    with db.reading() as s:
        row = s.execute(select(Customer.id, Customer.name, Customer.mobile,
                               Customer.points_balance, Customer.points_earned)
                        .where(Customer.id == customer_id)).first()
        if row is None:
            raise NotFound("customer_not_found", ref=f"#{customer_id}")
        expiring = pending_expiry(s, customer_id, rules)
        entries = [EntryView(r.id, r.at, r.points, r.reason, r.visit_id, r.note)
                   for r in s.execute(select(PE).where(PE.c.customer_id == customer_id)
                                      .order_by(PE.c.at.desc(), PE.c.id.desc())
                                      .limit(history))]
    balance, earned = int(row.points_balance or 0), int(row.points_earned or 0)
    available = max(0, balance - expiring)
    step = rules.reward_points
    return PointsSummary(
        customer_id=row.id, name=row.name, mobile=row.mobile, enabled=rules.enabled,
        balance=balance, earned=earned, expiring=expiring, reward_points=step,
        reward_text=rules.reward_text, rewards_available=available // step,
        to_next_reward=0 if available >= step else step - available,
        tier=rules.tier_for(earned), next_tier=rules.next_tier(earned), entries=entries)


def _lock(s: Session, customer_id: int) -> Customer:
    customer = s.get(Customer, customer_id, with_for_update=True)
    if customer is None or customer.deleted_at is not None:
        raise NotFound("customer_not_found", ref=f"#{customer_id}")
    return customer
