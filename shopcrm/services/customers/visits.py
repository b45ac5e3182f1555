"""Visits: record, edit, delete and list; the customer's summary follows in the same
transaction so lists never need to scan every visit."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.domain.dates import (
    format_jalali,
    local_to_utc,
    parse_datetime,
    utc_now,
    utc_to_local,
)
from shopcrm.domain.numbers import parse_amount, parse_int
from shopcrm.domain.text import clean_text
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Visit
from shopcrm.storage.summary import refresh_summary

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

PAYMENT_METHODS = ("cash", "card", "transfer", "credit", "other")
FUTURE_TOLERANCE = timedelta(minutes=5)  # a visit "now" on a clock that runs a little fast


@dataclass
class VisitInput:
    """A visit as typed: ``at`` is local time (text, Jalali or ISO, or a datetime)."""

    at: str | datetime | None = None
    amount: str | int | None = None
    service: str | None = None
    staff: str | None = None
    payment_method: str | None = None
    satisfaction: str | int | None = None
    note: str | None = None

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class VisitView:
    id: int
    customer_id: int
    at: datetime  # UTC
    amount: int | None
    service: str | None
    staff: str | None
    payment_method: str | None
    satisfaction: int | None
    note: str | None
    source: str

    @property
    def local_at(self) -> datetime:
        return utc_to_local(self.at)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _view(v: Visit) -> VisitView:
    return VisitView(v.id, v.customer_id, v.at, v.amount, v.service, v.staff,
                     v.payment_method, v.satisfaction, v.note, v.source)


def visit_time(value: str | datetime | date | None, *, now: datetime | None = None
               ) -> datetime:
    """When a visit was, as naive UTC: ``value`` typed in local time (Jalali or ISO, with
    or without a time), or now when empty.

    A visit cannot be dated in the future: beyond ``FUTURE_TOLERANCE`` (a clock a few
    minutes fast) it is refused with InvalidInput ``visit_in_future``. A date without a
    time counts from the start of that day, so today's date is fine at any hour; a time
    within the tolerance is stored as now, so no visit is ever ahead of the clock.
    """
    current = now or utc_now()
    if value in (None, ""):
        return current
    stored = parse_datetime(value)
    earliest = parse_datetime(value, default_time=time(0, 0))
    if stored is None or earliest is None:
        return current
    if local_to_utc(earliest) > current + FUTURE_TOLERANCE:
        timed = stored == earliest  # a time was typed (else the day alone is shown)
        raise InvalidInput("visit_in_future",
                           when=format_jalali(stored, with_time=timed, persian_digits=False),
                           when_fa=format_jalali(stored, with_time=timed))
    return min(local_to_utc(stored), current)


def visit_columns(values: dict[str, Any]) -> dict[str, Any]:
    """Validate typed visit fields into column values."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "at":
            out["at"] = visit_time(value)
        elif key == "amount":
            out["amount"] = parse_amount(value) if value not in (None, "") else None
        elif key == "satisfaction":
            score = parse_int(value) if value not in (None, "") else None
            if score is not None and not 1 <= score <= 5:
                raise InvalidInput("satisfaction_range")
            out["satisfaction"] = score
        elif key == "payment_method":
            text = clean_text(value).lower()
            out["payment_method"] = text or None
        elif key in ("service", "staff"):
            out[key] = clean_text(value)[:200] or None
        elif key == "note":
            out["note"] = str(value).strip() or None
        else:
            raise InvalidInput("bad_field", field=key, detail="unknown field")
    return out


class VisitService:
    """Visits of one book. ``settings`` gives the loyalty club's rules (points earned in
    the visit's own transaction, see :mod:`shopcrm.services.loyalty.points`); without it
    the owner's settings file and environment are read."""

    def __init__(self, db: Database, settings: SettingsView | None = None) -> None:
        self.db = db
        self.settings = settings

    def _loyalty(self) -> Any:
        from shopcrm.services.loyalty.rules import visit_rules

        return visit_rules(self.settings)

    def add(self, customer_id: int, data: VisitInput, *, source: str = "manual",
            session: Session | None = None) -> int:
        values = visit_columns(data.given())
        values.setdefault("at", utc_now())
        if session is not None:
            return self._add(session, customer_id, values, source)
        with self.db.session() as s:
            return self._add(s, customer_id, values, source)

    def _add(self, s: Session, customer_id: int, values: dict[str, Any], source: str) -> int:
        # Lock the customer row before inserting: on PostgreSQL the insert takes a key-share
        # lock on it, and taking the row lock only afterwards (for the summary) would let
        # two concurrent visits of one customer deadlock.
        customer = s.get(Customer, customer_id, with_for_update=True)
        if customer is None or customer.deleted_at is not None:
            raise NotFound("customer_not_found", ref=f"#{customer_id}")
        visit = Visit(customer_id=customer_id, source=source, **values)
        s.add(visit)
        s.flush()
        refresh_summary(s, customer_id)
        if source == "manual":  # imported and demo visits are history: no points
            from shopcrm.services.loyalty.points import on_visit_added

            on_visit_added(s, visit.id, customer_id, visit.amount, self._loyalty())
        return visit.id

    def edit(self, visit_id: int, data: VisitInput) -> VisitView:
        values = visit_columns(data.given())
        with self.db.session() as s:
            visit = self._load(s, visit_id)
            for key, value in values.items():
                setattr(visit, key, value)
            s.flush()
            refresh_summary(s, visit.customer_id)
            if "amount" in values:
                from shopcrm.services.loyalty.points import on_visit_changed

                on_visit_changed(s, visit.id, visit.customer_id, visit.amount, self._loyalty())
            return _view(visit)

    def delete(self, visit_id: int) -> None:
        with self.db.session() as s:
            visit = self._load(s, visit_id)
            customer_id = visit.customer_id
            from shopcrm.services.loyalty.points import on_visit_deleted

            on_visit_deleted(s, visit_id, customer_id)
            s.delete(visit)
            s.flush()
            refresh_summary(s, customer_id)

    def get(self, visit_id: int) -> VisitView:
        with self.db.reading() as s:
            return _view(self._load(s, visit_id))

    def history(self, customer_id: int, *, limit: int | None = None) -> list[VisitView]:
        """A customer's visits, newest first."""
        with self.db.reading() as s:
            stmt = (select(Visit).where(Visit.customer_id == customer_id)
                    .order_by(Visit.at.desc(), Visit.id.desc()))
            if limit:
                stmt = stmt.limit(limit)
            return [_view(v) for v in s.scalars(stmt)]

    def _load(self, s: Session, visit_id: int) -> Visit:
        visit = s.get(Visit, visit_id)
        if visit is None:
            raise NotFound("visit_not_found", id=visit_id)
        return visit
