"""Complaints: record one, work on it, settle it, and count them.

A complaint belongs to a customer and, optionally, to the visit it is about. It comes in
``in_person``, by ``phone``, as an ``sms_reply`` or from a low ``survey`` score, has a
severity (``low|medium|high``) and a status (``open`` -> ``in_progress`` -> ``resolved``).
An open or in-progress complaint *badges* the customer and keeps them out of promotional
campaigns (:func:`open_complaint_customer_ids`, used by ``messaging.audiences``); notices
(the relocation notice, a reply to the complaint) still reach them.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, TypeAlias

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from shopcrm.domain.dates import utc_now
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.storage.db import Database
from shopcrm.storage.listing import newest_first
from shopcrm.storage.models import Complaint, Customer, Visit

CHANNELS = ("in_person", "phone", "sms_reply", "survey")
SEVERITIES = ("low", "medium", "high")
STATUSES = ("open", "in_progress", "resolved")
OPEN_STATUSES = ("open", "in_progress")


def open_complaint_customer_ids() -> Select[int]:
    """A select of the ids of customers with an open or in-progress complaint."""
    return (select(Complaint.customer_id)
            .where(Complaint.status.in_(OPEN_STATUSES)).distinct())


@dataclass(frozen=True)
class ComplaintView:
    """One complaint with its customer and visit (plain data; times are UTC)."""

    id: int
    customer_id: int
    customer_name: str
    mobile: str | None
    visit_id: int | None
    visit_at: datetime | None
    service: str | None
    staff: str | None
    opened_at: datetime
    channel: str
    text: str
    severity: str
    status: str
    resolution: str | None
    handled_by: str | None
    resolved_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def days_to_resolve(self) -> float | None:
        if self.resolved_at is None:
            return None
        return max(0.0, (self.resolved_at - self.opened_at).total_seconds() / 86400)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["days_to_resolve"] = (None if self.days_to_resolve is None
                                   else round(self.days_to_resolve, 2))
        return data


@dataclass(frozen=True)
class GroupFigures:
    """Complaints of one service or one member of staff."""

    name: str  # "" when the complaint names no visit, or the visit no service/staff
    open: int
    resolved: int
    median_days: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ComplaintReport:
    open: int  # open + in progress
    in_progress: int
    resolved: int
    median_days_to_resolve: float | None
    by_service: list[GroupFigures] = field(default_factory=list)
    by_staff: list[GroupFigures] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"open": self.open, "in_progress": self.in_progress, "resolved": self.resolved,
                "median_days_to_resolve": self.median_days_to_resolve,
                "by_service": [g.as_dict() for g in self.by_service],
                "by_staff": [g.as_dict() for g in self.by_staff]}


def _choice(field_name: str, value: str, valid: Sequence[str]) -> str:
    value = (value or "").strip().lower()
    if value not in valid:
        raise InvalidInput("bad_complaint_value", field=field_name, value=value,
                           valid=", ".join(valid))
    return value


def add_complaint(s: Session, customer_id: int, text: str, *, severity: str = "medium",
                  channel: str = "in_person", visit_id: int | None = None,
                  at: datetime | None = None, handled_by: str | None = None) -> Complaint:
    """Write a complaint in the caller's transaction (checked; the customer must exist
    and the visit, if any, must be theirs)."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput("complaint_text_required")
    severity = _choice("severity", severity, SEVERITIES)
    channel = _choice("channel", channel, CHANNELS)
    found = s.execute(select(Customer.id, Customer.deleted_at)
                      .where(Customer.id == customer_id)).first()
    if found is None or found.deleted_at is not None:
        raise NotFound("customer_not_found", ref=f"#{customer_id}")
    if visit_id is not None:
        owner = s.scalar(select(Visit.customer_id).where(Visit.id == visit_id))
        if owner is None:
            raise NotFound("visit_not_found", id=visit_id)
        if owner != customer_id:
            raise InvalidInput("complaint_visit_mismatch", visit=visit_id)
    row = Complaint(customer_id=customer_id, visit_id=visit_id, opened_at=at or utc_now(),
                    channel=channel, text=text, severity=severity, status="open",
                    handled_by=(handled_by or "").strip() or None)
    s.add(row)
    s.flush()
    return row


_VIEW_COLUMNS = (Complaint, Customer.name, Customer.mobile, Visit.at, Visit.service, Visit.staff)
#: A select of :data:`_VIEW_COLUMNS` (the visit's columns are None without a visit).
_ViewSelect: TypeAlias = "Select[Complaint, str, str | None, datetime, str | None, str | None]"


def _views(s: Session, stmt: _ViewSelect) -> list[ComplaintView]:
    out = []
    for c, name, mobile, visit_at, service, staff in s.execute(stmt):
        out.append(ComplaintView(
            c.id, c.customer_id, name, mobile, c.visit_id, visit_at, service, staff,
            c.opened_at, c.channel, c.text, c.severity, c.status, c.resolution, c.handled_by,
            c.resolved_at))
    return out


def _select() -> _ViewSelect:
    return (select(*_VIEW_COLUMNS).join(Customer, Customer.id == Complaint.customer_id)
            .outerjoin(Visit, Visit.id == Complaint.visit_id))


class ComplaintService:
    """Complaints over one book."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, customer_id: int, text: str, *, severity: str = "medium",
            channel: str = "in_person", visit_id: int | None = None,
            at: datetime | None = None, handled_by: str | None = None) -> ComplaintView:
        with self.db.writing() as s:
            row = add_complaint(s, customer_id, text, severity=severity, channel=channel,
                                visit_id=visit_id, at=at, handled_by=handled_by)
            complaint_id = row.id
        return self.get(complaint_id)

    def get(self, complaint_id: int) -> ComplaintView:
        with self.db.reading() as s:
            found = _views(s, _select().where(Complaint.id == complaint_id))
        if not found:
            raise NotFound("complaint_not_found", id=complaint_id)
        return found[0]

    def set_status(self, complaint_id: int, status: str, *, note: str | None = None,
                   handled_by: str | None = None, at: datetime | None = None) -> ComplaintView:
        """Move a complaint to ``status``; resolving records the time and the note as
        its resolution (re-opening clears the resolution time, keeps the note)."""
        status = _choice("status", status, STATUSES)
        with self.db.writing() as s:
            row = s.get(Complaint, complaint_id)
            if row is None:
                raise NotFound("complaint_not_found", id=complaint_id)
            row.status = status
            note = (note or "").strip()
            if note:
                row.resolution = note
            if (handled_by or "").strip():
                row.handled_by = (handled_by or "").strip()
            if status == "resolved":
                row.resolved_at = row.resolved_at or at or utc_now()
            else:
                row.resolved_at = None
        return self.get(complaint_id)

    def resolve(self, complaint_id: int, note: str | None = None, *,
                handled_by: str | None = None, at: datetime | None = None) -> ComplaintView:
        return self.set_status(complaint_id, "resolved", note=note, handled_by=handled_by,
                               at=at)

    def list(self, *, open_only: bool = False, customer_id: int | None = None,
             limit: int | None = 500) -> list[ComplaintView]:
        """Newest first."""
        stmt = newest_first(_select(), Complaint.opened_at, Complaint.id, where=[
            Complaint.status.in_(OPEN_STATUSES) if open_only else None,
            Complaint.customer_id == customer_id if customer_id is not None else None],
            limit=limit)
        with self.db.reading() as s:
            return _views(s, stmt)

    def open_count(self, customer_id: int | None = None) -> int:
        stmt = select(func.count()).select_from(Complaint).where(
            Complaint.status.in_(OPEN_STATUSES))
        if customer_id is not None:
            stmt = stmt.where(Complaint.customer_id == customer_id)
        with self.db.reading() as s:
            return int(s.scalar(stmt) or 0)

    def open_customer_ids(self) -> frozenset[int]:
        with self.db.reading() as s:
            return frozenset(s.scalars(open_complaint_customer_ids()))

    def report(self) -> ComplaintReport:
        """Open, resolved, the median days to resolve, by service and by staff."""
        views = self.list(limit=None)
        resolved = [v for v in views if v.status == "resolved"]
        return ComplaintReport(
            open=sum(1 for v in views if v.is_open),
            in_progress=sum(1 for v in views if v.status == "in_progress"),
            resolved=len(resolved),
            median_days_to_resolve=_median([v.days_to_resolve for v in resolved]),
            by_service=_groups(views, lambda v: v.service),
            by_staff=_groups(views, lambda v: v.staff),
        )


def _median(values: Sequence[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return round(statistics.median(found), 2) if found else None


def _groups(views: Sequence[ComplaintView], key: Any) -> list[GroupFigures]:
    names: dict[str, list[ComplaintView]] = {}
    for v in views:
        names.setdefault((key(v) or "").strip(), []).append(v)
    out = [GroupFigures(name, sum(1 for v in group if v.is_open),
                        sum(1 for v in group if v.status == "resolved"),
                        _median([v.days_to_resolve for v in group]))
           for name, group in names.items()]
    return sorted(out, key=lambda g: (-(g.open + g.resolved), g.name))
