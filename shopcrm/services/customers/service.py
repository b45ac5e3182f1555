"""The customer book: add, edit, trash and restore, tags, opt-outs, duplicates, merge.

Every method opens one short session and returns plain data (``CustomerView``), never
ORM objects, so the window can pass results between threads safely.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shopcrm.domain.dates import utc_now
from shopcrm.domain.phones import normalize_mobile
from shopcrm.errors import Conflict, InvalidInput, NotFound
from shopcrm.services.customers.fields import (
    CustomerInput,
    build_search_text,
    normalise_fields,
)
from shopcrm.storage.db import Database
from shopcrm.storage.models import (
    Complaint,
    Customer,
    ImportChange,
    InboundMessage,
    Interaction,
    OutboxMessage,
    SurveyRequest,
    Tag,
    Visit,
)
from shopcrm.storage.summary import refresh_summary


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str
    mobile: str | None
    mobile_raw: str | None
    phone2: str | None
    email: str | None
    birthday: date | None
    gender: str | None
    city: str | None
    address: str | None
    referral: str | None
    notes: str | None
    tags: tuple[str, ...]
    vip: bool
    sms_opt_out: bool
    sms_opt_out_at: datetime | None
    email_opt_out: bool
    email_opt_out_at: datetime | None
    prior_visits: int
    visit_count: int
    visit_days: int
    first_visit_at: datetime | None
    last_visit_at: datetime | None
    total_spent: int
    usual_gap_days: float | None
    last_contact_at: datetime | None
    snoozed_until: date | None
    deleted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    # loyalty and referrals (migration 0006)
    points_balance: int = 0
    points_earned: int = 0
    referred_by_id: int | None = None

    @property
    def total_visits(self) -> int:
        """Visits in the book plus those from before it (an imported count)."""
        return self.visit_count + self.prior_visits

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        data["total_visits"] = self.total_visits
        return data


_VIEW_FIELDS = [f for f in CustomerView.__dataclass_fields__ if f != "tags"]


def view_of(customer: Customer) -> CustomerView:
    values = {name: getattr(customer, name) for name in _VIEW_FIELDS}
    return CustomerView(tags=tuple(sorted(t.name for t in customer.tags)), **values)


@dataclass(frozen=True)
class DuplicatePair:
    keep_id: int
    other_id: int
    reason: str  # mobile|email|name
    keep_name: str
    other_name: str


class CustomerService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -----------------------------------------------------------------------
    def get(self, customer_id: int, *, include_deleted: bool = False) -> CustomerView:
        with self.db.reading() as s:
            return view_of(self._load(s, customer_id, include_deleted))

    def find(self, *, phone: str | None = None, customer_id: int | None = None,
             include_deleted: bool = False) -> CustomerView:
        """A customer named by mobile (any spelling) or by id."""
        if customer_id is not None:
            return self.get(customer_id, include_deleted=include_deleted)
        if phone is None:
            raise InvalidInput("customer_ref_required")
        mobile = normalize_mobile(phone)
        with self.db.reading() as s:
            customer = s.scalar(select(Customer).where(Customer.mobile == mobile))
            if customer is None or (customer.deleted_at and not include_deleted):
                raise NotFound("customer_not_found", ref=phone)
            return view_of(customer)

    def count(self, *, include_deleted: bool = False) -> int:
        with self.db.reading() as s:
            stmt = select(func.count()).select_from(Customer)
            if not include_deleted:
                stmt = stmt.where(Customer.deleted_at.is_(None))
            return int(s.scalar(stmt) or 0)

    def has_customers(self, *, include_deleted: bool = False) -> bool:
        """True when the book has a customer (one row looked at, whatever its size)."""
        with self.db.reading() as s:
            stmt = select(Customer.id)
            if not include_deleted:
                stmt = stmt.where(Customer.deleted_at.is_(None))
            return s.scalar(stmt.limit(1)) is not None

    def _load(self, s: Session, customer_id: int, include_deleted: bool = False) -> Customer:
        customer = s.get(Customer, customer_id)
        if customer is None or (customer.deleted_at is not None and not include_deleted):
            raise NotFound("customer_not_found", ref=f"#{customer_id}")
        return customer

    # -- writing -----------------------------------------------------------------------
    def add(self, data: CustomerInput, *, session: Session | None = None) -> int:
        """Add a customer; a mobile already in the book (any spelling) is refused."""
        values = normalise_fields(data.given())
        if "name" not in values:
            raise InvalidInput("name_required")
        tags = values.pop("tags", [])
        if session is not None:
            return self._add(session, values, tags)
        with self.db.session() as s:
            return self._add(s, values, tags)

    def _add(self, s: Session, values: dict[str, Any], tags: list[str]) -> int:
        self._check_mobile_free(s, values.get("mobile"), None)
        customer = Customer(**values)
        customer.tags = self._tags(s, tags)
        _refresh_search_text(customer)
        s.add(customer)
        try:
            s.flush()
        except IntegrityError as exc:  # a concurrent writer took the mobile meanwhile
            raise self._duplicate_error(s, values.get("mobile")) from exc
        return customer.id

    def edit(self, customer_id: int, data: CustomerInput, *,
             expected_version: int | None = None) -> CustomerView:
        """Change the given fields. ``expected_version`` makes a stale edit a Conflict."""
        values = normalise_fields(data.given())
        tags = values.pop("tags", None)
        with self.db.session() as s:
            customer = self._load(s, customer_id)
            if expected_version is not None and customer.version != expected_version:
                raise Conflict("stale_edit", name=customer.name, id=customer_id)
            if "mobile" in values:
                self._check_mobile_free(s, values["mobile"], customer_id)
                if values["mobile"]:
                    values.setdefault("mobile_raw", None)
            for key, value in values.items():
                setattr(customer, key, value)
            if tags is not None:
                customer.tags = self._tags(s, tags)
            _refresh_search_text(customer)
            name = customer.name  # a failed flush expires the object: keep it for the error
            try:
                s.flush()
            except StaleDataError as exc:
                raise Conflict("stale_edit", name=name, id=customer_id) from exc
            except IntegrityError as exc:
                raise self._duplicate_error(s, values.get("mobile")) from exc
            return view_of(customer)

    def set_opt_out(self, customer_id: int, channel: str, opted_out: bool = True) -> None:
        if channel not in ("sms", "email"):
            raise InvalidInput("bad_field", field="channel", detail=channel)
        with self.db.session() as s:
            customer = self._load(s, customer_id)
            setattr(customer, f"{channel}_opt_out", opted_out)
            setattr(customer, f"{channel}_opt_out_at", utc_now() if opted_out else None)

    def set_vip(self, customer_id: int, vip: bool) -> None:
        with self.db.session() as s:
            self._load(s, customer_id).vip = vip

    def add_tags(self, customer_ids: list[int], tags: list[str]) -> None:
        from shopcrm.services.customers.fields import split_tags

        names = split_tags(tags)
        with self.db.session() as s:
            tag_rows = self._tags(s, names)
            for customer in s.scalars(select(Customer).where(Customer.id.in_(customer_ids))):
                have = {t.id for t in customer.tags}
                customer.tags = customer.tags + [t for t in tag_rows if t.id not in have]

    def remove_tags(self, customer_ids: list[int], tags: list[str]) -> None:
        with self.db.session() as s:
            for customer in s.scalars(select(Customer).where(Customer.id.in_(customer_ids))):
                customer.tags = [t for t in customer.tags if t.name not in tags]

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of customers (not in the trash) carrying it."""
        from shopcrm.storage.models import customer_tag

        with self.db.reading() as s:
            rows = s.execute(
                select(Tag.name, func.count(Customer.id))
                .select_from(Tag)
                .outerjoin(customer_tag, customer_tag.c.tag_id == Tag.id)
                .outerjoin(Customer, (Customer.id == customer_tag.c.customer_id)
                           & Customer.deleted_at.is_(None))
                .group_by(Tag.id, Tag.name)
                .order_by(Tag.name)
            ).all()
            return [(name, int(count)) for name, count in rows]

    def delete(self, customer_ids: int | list[int]) -> int:
        """Move to the trash (soft delete). Returns how many were moved."""
        ids = [customer_ids] if isinstance(customer_ids, int) else list(customer_ids)
        with self.db.session() as s:
            found = s.scalars(select(Customer).where(Customer.id.in_(ids),
                                                     Customer.deleted_at.is_(None))).all()
            if isinstance(customer_ids, int) and not found:
                raise NotFound("customer_not_found", ref=f"#{customer_ids}")
            for customer in found:
                customer.deleted_at = utc_now()
            return len(found)

    def restore(self, customer_id: int) -> None:
        with self.db.session() as s:
            customer = self._load(s, customer_id, include_deleted=True)
            customer.deleted_at = None

    def trash(self) -> list[CustomerView]:
        with self.db.reading() as s:
            rows = s.scalars(select(Customer).where(Customer.deleted_at.is_not(None))
                             .order_by(Customer.deleted_at.desc()))
            return [view_of(c) for c in rows]

    def empty_trash(self) -> int:
        with self.db.session() as s:
            ids = list(s.scalars(select(Customer.id).where(Customer.deleted_at.is_not(None))))
            _delete_customers(s, ids)
            return len(ids)

    # -- duplicates and merge ----------------------------------------------------------
    def duplicates(self, limit: int | None = 500) -> list[DuplicatePair]:
        """Likely duplicates: same email, or same name key (mobiles are unique already)."""
        pairs: list[DuplicatePair] = []
        seen: set[tuple[int, int]] = set()
        with self.db.reading() as s:
            for column, reason in ((Customer.email, "email"), (Customer.name_key, "name")):
                dupes = (select(column).where(Customer.deleted_at.is_(None), column.is_not(None),
                                              column != "")
                         .group_by(column).having(func.count() > 1).limit(limit))
                rows = s.execute(
                    select(column, Customer.id, Customer.name)
                    .where(column.in_(dupes), Customer.deleted_at.is_(None))
                    .order_by(column, Customer.id)
                ).all()
                groups: dict[str | None, list[tuple[int, str]]] = {}
                for key, cid, name in rows:
                    groups.setdefault(key, []).append((cid, name))
                for members in groups.values():
                    keep_id, keep_name = members[0]
                    for other_id, other_name in members[1:]:
                        if (keep_id, other_id) not in seen:
                            seen.add((keep_id, other_id))
                            pairs.append(DuplicatePair(keep_id, other_id, reason,
                                                       keep_name, other_name))
        return pairs[:limit]

    def merge(self, keep_id: int, other_id: int) -> CustomerView:
        """Merge ``other`` into ``keep``: every visit, interaction, message and tag moves;
        empty fields of ``keep`` are filled from ``other``; ``other`` is removed."""
        if keep_id == other_id:
            raise InvalidInput("merge_same")
        with self.db.session() as s:
            keep = self._load(s, keep_id)
            other = self._load(s, other_id)
            for column in ("mobile", "phone2", "email", "birthday", "gender", "city",
                           "address", "referral", "mobile_raw"):
                if getattr(keep, column) in (None, "") and getattr(other, column) not in (None,
                                                                                           ""):
                    value = getattr(other, column)
                    if column == "mobile":
                        other.mobile = None
                        s.flush()
                    setattr(keep, column, value)
            if other.notes:
                keep.notes = f"{keep.notes}\n{other.notes}" if keep.notes else other.notes
            if other.mobile and other.mobile != keep.mobile and not keep.phone2:
                keep.phone2 = other.mobile
            keep.vip = keep.vip or other.vip
            keep.prior_visits = (keep.prior_visits or 0) + (other.prior_visits or 0)
            keep.prior_spent = (keep.prior_spent or 0) + (other.prior_spent or 0)
            for channel in ("sms", "email"):
                if getattr(other, f"{channel}_opt_out") and not getattr(keep, f"{channel}_opt_out"):
                    setattr(keep, f"{channel}_opt_out", True)
                    setattr(keep, f"{channel}_opt_out_at", getattr(other, f"{channel}_opt_out_at"))
            have = {t.id for t in keep.tags}
            keep.tags = keep.tags + [t for t in other.tags if t.id not in have]
            for model in (Visit, Interaction, Complaint, SurveyRequest, InboundMessage):
                s.execute(update(model).where(model.customer_id == other_id)
                          .values(customer_id=keep_id))
            s.execute(update(OutboxMessage).where(OutboxMessage.customer_id == other_id)
                      .values(customer_id=keep_id))
            if other.last_contact_at and (not keep.last_contact_at
                                          or other.last_contact_at > keep.last_contact_at):
                keep.last_contact_at = other.last_contact_at
            _refresh_search_text(keep)
            s.flush()
            from shopcrm.services.loyalty.points import merge_loyalty

            merge_loyalty(s, keep_id, other_id)
            _delete_customers(s, [other_id])
            s.expire(keep)
            refresh_summary(s, keep_id)
            s.add(Interaction(customer_id=keep_id, kind="note", direction=None,
                              summary=f"merged with #{other_id} ({other.name})"))
            s.flush()
            s.refresh(keep)
            return view_of(keep)

    # -- helpers -----------------------------------------------------------------------
    def _tags(self, s: Session, names: list[str]) -> list[Tag]:
        if not names:
            return []
        existing = {t.name: t for t in s.scalars(select(Tag).where(Tag.name.in_(names)))}
        result = []
        for name in names:
            tag = existing.get(name)
            if tag is None:
                tag = Tag(name=name)
                s.add(tag)
                existing[name] = tag
            result.append(tag)
        return result

    def _check_mobile_free(self, s: Session, mobile: str | None, own_id: int | None) -> None:
        if not mobile:
            return
        holder = s.execute(select(Customer.id, Customer.name, Customer.deleted_at)
                           .where(Customer.mobile == mobile)).first()
        if holder is not None and holder.id != own_id:
            code = "duplicate_mobile_deleted" if holder.deleted_at else "duplicate_mobile"
            raise Conflict(code, mobile=mobile, name=holder.name, id=holder.id)

    def _duplicate_error(self, s: Session, mobile: str | None) -> Conflict:
        s.rollback()
        holder = s.execute(select(Customer.id, Customer.name)
                           .where(Customer.mobile == mobile)).first() if mobile else None
        if holder is None:
            return Conflict("conflict", detail="duplicate")
        return Conflict("duplicate_mobile", mobile=mobile, name=holder.name, id=holder.id)


def _refresh_search_text(customer: Customer) -> None:
    customer.search_text = build_search_text(
        name=customer.name, mobile=customer.mobile, phone2=customer.phone2,
        email=customer.email, notes=customer.notes, mobile_raw=customer.mobile_raw)


def _delete_customers(s: Session, ids: list[int]) -> None:
    """Remove customers for good (their visits and contact log go with them)."""
    if not ids:
        return
    s.execute(delete(ImportChange).where(ImportChange.customer_id.in_(ids)))
    # whoever these customers brought stays in the book, without the link
    s.execute(update(Customer).where(Customer.referred_by_id.in_(ids))
              .values(referred_by_id=None).execution_options(synchronize_session=False))
    s.execute(delete(Customer).where(Customer.id.in_(ids)))
