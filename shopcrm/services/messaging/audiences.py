"""Who a campaign is for: the audience, and the customers it leaves out, counted.

:func:`candidates` turns an :class:`Audience` into the customers to consider (each
exclusion counted in ``excluded["audience"]``). Besides the channel rules of the plan
(opted out, no mobile...), two rules depend on the campaign:

- **Win-back audiences** (the ``absent`` and ``overdue`` segments: the follow-up lists)
  leave out snoozed customers and those contacted in the last ``absence.contacted_days``,
  with the very conditions of the follow-up list (:func:`.absence.lists.follow_up_hides`),
  counted as ``snoozed`` and ``contacted``. So the campaign reaches the customers the
  Win-back page shows, and the difference from the bare segment (Reports) is named.
- **Promotional campaigns** (every kind but the notices in :data:`NOTICE_KINDS`) leave out
  customers with an open complaint (``open_complaint``). Who has one is decided by
  :func:`open_complaint_customers` alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, select, true
from sqlalchemy.orm import Session

from shopcrm.domain.phones import normalize_mobile
from shopcrm.errors import InvalidInput
from shopcrm.storage.models import Customer

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

AUDIENCE_KINDS = ("segment", "search", "ids", "all", "phones")
#: Segments that are the follow-up (win-back) lists.
WINBACK_SEGMENTS = ("absent", "overdue")
#: Campaign kinds that are notices (they reach customers with an open complaint too).
NOTICE_KINDS = frozenset({"relocation", "notice", "complaint_reply", "survey"})


def purpose(kind: str) -> str:
    """``notice`` (relocation, a reply to a complaint) or ``promotional`` (the rest)."""
    return "notice" if kind in NOTICE_KINDS else "promotional"


def open_complaint_customers() -> Select[int]:
    """The ids of customers with an open or in-progress complaint: the one rule of "has a
    complaint open" for campaigns (the complaint record of services/retention)."""
    from shopcrm.services.retention.complaints import open_complaint_customer_ids

    return open_complaint_customer_ids()


@dataclass(frozen=True)
class Audience:
    """Who a campaign is for. ``value``: the segment name, the search text, the ids or
    the mobiles (as typed)."""

    kind: str
    value: Any = None

    @classmethod
    def segment(cls, name: str) -> Audience:
        return cls("all") if name.strip() == "all" else cls("segment", name.strip())

    @classmethod
    def search(cls, query: str) -> Audience:
        return cls("search", query)

    @classmethod
    def ids(cls, ids: Iterable[int]) -> Audience:
        return cls("ids", tuple(int(i) for i in ids))

    @classmethod
    def everyone(cls) -> Audience:
        return cls("all")

    @classmethod
    def phones(cls, phones: Iterable[str]) -> Audience:
        return cls("phones", tuple(str(p) for p in phones))

    @property
    def winback(self) -> bool:
        """True for the follow-up lists (absent, overdue)."""
        return self.kind == "segment" and str(self.value or "").strip().lower() in \
            WINBACK_SEGMENTS

    def describe(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"kind": self.kind, "value": value}


@dataclass(frozen=True)
class Candidate:
    customer_id: int | None
    name: str
    mobile: str | None
    mobile_raw: str | None
    email: str | None
    sms_opt_out: bool
    email_opt_out: bool
    last_visit_at: datetime | None


COLUMNS = (
    Customer.id, Customer.name, Customer.mobile, Customer.mobile_raw, Customer.email,
    Customer.sms_opt_out, Customer.email_opt_out, Customer.last_visit_at,
)


def candidate(row: Any) -> Candidate:
    return Candidate(row.id, row.name or "", row.mobile, row.mobile_raw, row.email,
                     bool(row.sms_opt_out), bool(row.email_opt_out), row.last_visit_at)


def candidates(
    s: Session,
    audience: Audience,
    *,
    settings: SettingsView,
    personal: bool,
    kind: str,
    excluded: Counter[str],
    today: date,
) -> tuple[list[Candidate], int]:
    """The customers of ``audience`` to consider, and the audience's size before the
    win-back and complaint rules (what the segment counts in Reports)."""
    if audience.kind not in AUDIENCE_KINDS:
        raise InvalidInput("bad_field", field="audience", detail=audience.kind)
    if audience.kind == "phones":
        found = _phone_candidates(s, audience.value or (), personal, excluded)
    elif audience.kind == "ids":
        found = _id_candidates(s, audience.value or (), excluded)
    elif audience.kind == "search":
        if not str(audience.value or "").strip():
            raise InvalidInput("bad_field", field="search", detail="empty")
        from shopcrm.storage.customer_list import customer_ids

        ids = customer_ids(s, query=str(audience.value), order="id")
        found = [candidate(r) for r in sorted(_load(s, ids), key=lambda r: r.id)]
    else:
        where: ColumnElement[bool] = true()
        if audience.kind == "segment":
            from shopcrm.services.absence.segments import segment_filter

            where = segment_filter(audience.value, settings=settings, session=s)
        found = _winback_filtered(s, where, audience, settings, excluded, today)
        total = len(found) + excluded["snoozed"] + excluded["contacted"]
        return _without_complaints(s, found, kind, excluded), total
    return _without_complaints(s, found, kind, excluded), len(found)


def _winback_filtered(s: Session, where: ColumnElement[bool], audience: Audience,
                      settings: SettingsView, excluded: Counter[str],
                      today: date) -> list[Candidate]:
    stmt = select(*COLUMNS).where(Customer.deleted_at.is_(None), where).order_by(Customer.id)
    if not audience.winback:
        return [candidate(r) for r in s.execute(stmt)]
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.services.absence.lists import follow_up_hides

    rules = AbsenceRules.from_settings(settings)
    not_snoozed = and_(true(), *follow_up_hides(rules, today, include_contacted=True))
    not_contacted = and_(true(), *follow_up_hides(rules, today, include_snoozed=True))
    out = []
    for row in s.execute(stmt.add_columns(not_snoozed.label("free"),
                                          not_contacted.label("quiet"))):
        if not row.free:
            excluded["snoozed"] += 1
        elif not row.quiet:
            excluded["contacted"] += 1
        else:
            out.append(candidate(row))
    return out


def _without_complaints(s: Session, found: list[Candidate], kind: str,
                        excluded: Counter[str]) -> list[Candidate]:
    if purpose(kind) != "promotional" or not found:
        return found
    open_ids = set(s.scalars(open_complaint_customers()))
    if not open_ids:
        return found
    out = []
    for c in found:
        if c.customer_id is not None and c.customer_id in open_ids:
            excluded["open_complaint"] += 1
        else:
            out.append(c)
    return out


def _id_candidates(s: Session, given: Sequence[int], excluded: Counter[str]) -> list[Candidate]:
    ids = list(dict.fromkeys(given))
    found = {r[0]: r for r in _load(s, ids, include_deleted=True)}
    out = []
    for i in ids:
        row = found.get(i)
        if row is None:
            excluded["not_found"] += 1
        elif row.deleted_at is not None:
            excluded["in_trash"] += 1
        else:
            out.append(candidate(row))
    return out


def _load(s: Session, ids: Sequence[int], include_deleted: bool = False) -> list[Any]:
    rows: list[Any] = []
    for start in range(0, len(ids), 500):
        stmt = select(*COLUMNS, Customer.deleted_at).where(
            Customer.id.in_(ids[start : start + 500])
        )
        if not include_deleted:
            stmt = stmt.where(Customer.deleted_at.is_(None))
        rows.extend(s.execute(stmt))
    return rows


def _phone_candidates(s: Session, phones: Sequence[str], personal: bool,
                      excluded: Counter[str]) -> list[Candidate]:
    mobiles: list[str] = []
    for raw in phones:
        if not str(raw).strip():
            continue
        try:
            mobile = normalize_mobile(raw)
        except InvalidInput:
            mobile = None
        if mobile is None:
            excluded["invalid_mobile"] += 1
        else:
            mobiles.append(mobile)
    known: dict[str, Any] = {}
    row: Any
    unique = list(dict.fromkeys(mobiles))
    for start in range(0, len(unique), 500):
        for row in s.execute(select(*COLUMNS, Customer.deleted_at)
                             .where(Customer.mobile.in_(unique[start : start + 500]))):
            known[row.mobile] = row
    out = []
    for mobile in mobiles:  # duplicates stay: they are counted as such later
        row = known.get(mobile)
        if row is not None and row.deleted_at is not None:
            excluded["in_trash"] += 1
        elif row is not None:
            out.append(candidate(row))
        elif personal:
            excluded["not_in_book"] += 1
        else:
            out.append(Candidate(None, "", mobile, None, None, False, False, None))
    return out
