"""Planning a customer import against the book: match each candidate row (by mobile, then
email, then name), merge repeated rows of the file, and decide every row's outcome under
the policy. Nothing is written here; the plan is applied by ``import_apply``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, func, select

from shopcrm.domain.dates import local_date_of, utc_now
from shopcrm.domain.text import search_key
from shopcrm.services.customers.fields import TEXT_LIMITS
from shopcrm.services.excel import (
    CustomerRow,
)
from shopcrm.services.excel.import_report import RowOutcome
from shopcrm.services.excel.import_source import _extras
from shopcrm.services.excel.import_writer import (
    chunks,
)
from shopcrm.storage.models import (
    Customer,
    Tag,
    Visit,
    customer_tag,
)

# ---------------------------------------------------------------------------- customers: plan

_TEXT_FIELDS = ("name", "mobile", "mobile_raw", "phone2", "email", "birthday", "gender",
                "city", "address", "referral", "notes")
_SEARCH_FIELDS = frozenset({"name", "mobile", "phone2", "email", "notes", "mobile_raw"})
_FLAG_FIELDS = ("sms_opt_out", "email_opt_out")
_LOADED = (Customer.id, Customer.version, Customer.deleted_at, *(
    getattr(Customer, f) for f in (*_TEXT_FIELDS, "vip", "prior_visits", "prior_spent",
                                   *_FLAG_FIELDS, "sms_opt_out_at", "email_opt_out_at")))


class _Candidate:
    """A candidate row prepared for matching: its values in the book's terms."""

    __slots__ = ("count", "email", "last_visit", "mobile", "name_key", "name_missing", "prior",
                 "row", "tags", "values", "vip")

    def __init__(self, r: CustomerRow, extra_lines: list[str], values: dict[str, Any]) -> None:
        self.row = r.row_number
        self.mobile = r.mobile
        self.email = r.email
        self.name_missing = not r.name
        name = r.name or r.mobile or ""
        notes = r.notes
        if extra_lines:
            joined = "\n".join(extra_lines)
            notes = f"{notes}\n{joined}" if notes else joined
            notes = notes[:TEXT_LIMITS["notes"]]
        values.update(name=name, mobile=r.mobile, mobile_raw=r.mobile_raw if not r.mobile
                      else None, phone2=r.phone2, email=r.email, birthday=r.birthday,
                      gender=r.gender, city=r.city, address=r.address, referral=r.referral,
                      notes=notes)
        self.values = values
        # only rows with neither a mobile nor an email are matched by name
        self.name_key = search_key(name) if not r.mobile and not r.email else ""
        self.tags = r.tags
        self.vip = r.vip
        self.last_visit = r.last_visit
        count = self.count = r.visit_count
        self.prior = (max(count - 1, 0) if r.last_visit is not None else count) \
            if count is not None else None


_NOTHING: frozenset[Any] = frozenset()
_NO_FIELDS: tuple[str, ...] = ()
_NO_MAP: Any = MappingProxyType({})


class _Target:
    """A customer the plan writes to: one of the book, or a new one from the file."""

    __slots__ = ("before", "changed", "day_spend", "deleted", "id", "is_new", "name_missing",
                 "planned_visit", "row", "tag_keys", "tags_added", "values", "version",
                 "version_before", "visit_dates")

    def __init__(self, values: dict[str, Any], *, cid: int | None = None, version: int = 1,
                 deleted: bool = False, row: int | None = None) -> None:
        self.values = values
        self.id = cid
        self.version = version
        self.version_before = version
        self.deleted = deleted
        self.is_new = cid is None
        self.row = row
        self.name_missing = False
        # A hundred thousand new customers need none of these: made on first use.
        self.changed: set[str] = _NOTHING  # type: ignore[assignment]
        self.before: dict[str, Any] = _NO_MAP  # type: ignore[assignment]
        self.tag_keys: dict[str, str] = _NO_MAP  # type: ignore[assignment]  # key -> name
        self.tags_added: list[str] = _NOTHING  # type: ignore[assignment]
        self.planned_visit: date | None = None
        self.visit_dates: set[date] = _NOTHING  # type: ignore[assignment]
        self.day_spend: dict[date, int] = _NO_MAP  # type: ignore[assignment]  # book's visits

    def touch(self) -> None:
        """Ready to be merged into: its own containers instead of the shared empty ones."""
        if self.changed is _NOTHING:
            self.changed, self.tags_added, self.before = set(), [], {}
            self.tag_keys = dict(self.tag_keys)
            self.visit_dates = set(self.visit_dates)
            self.day_spend = dict(self.day_spend)

    @property
    def has_contact(self) -> bool:
        return bool(self.values.get("mobile") or self.values.get("email"))


class _Book:
    """The book's customers as the plan needs them: keys, and full rows for matches."""

    def __init__(self) -> None:
        self.by_mobile: dict[str, _Target] = {}
        self.by_email: dict[str, list[_Target]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], _Target] = {}
        self.loaded: dict[int, _Target] = {}

    @classmethod
    def load(cls, conn: Connection, candidates: list[_Candidate]) -> _Book:
        """Load the customers the candidates could match (by mobile, email or name)."""
        book = cls()
        mobiles = sorted({c.mobile for c in candidates if c.mobile})
        emails = sorted({c.email for c in candidates if c.email})
        names = sorted({c.name_key for c in candidates if not c.mobile and not c.email})
        ids: set[int] = set()
        size = int(conn.scalar(select(func.count()).select_from(Customer)) or 0)
        if not size:
            return book
        if len(mobiles) + len(emails) + len(names) > size // 4:
            # Many keys: one pass over the book's keys beats thousands of IN lookups.
            wanted = (set(mobiles), set(emails), set(names))
            for cid, mobile, email, key in conn.execute(select(
                    Customer.id, Customer.mobile, Customer.email, Customer.name_key)):
                if mobile in wanted[0] or email in wanted[1] or key in wanted[2]:
                    ids.add(cid)
        else:
            for column, keys in ((Customer.mobile, mobiles), (Customer.email, emails),
                                 (Customer.name_key, names)):
                for chunk in chunks(keys):
                    ids.update(conn.scalars(select(Customer.id).where(column.in_(chunk))))
        ordered = sorted(ids)
        for id_chunk in chunks(ordered):
            for r in conn.execute(select(*_LOADED).where(Customer.id.in_(id_chunk))):
                values = {f: getattr(r, f) for f in (*_TEXT_FIELDS, "vip", "prior_visits",
                                                     "prior_spent", *_FLAG_FIELDS,
                                                     "sms_opt_out_at", "email_opt_out_at")}
                values["vip"] = bool(values["vip"])
                values["prior_visits"] = int(values["prior_visits"] or 0)
                values["prior_spent"] = int(values["prior_spent"] or 0)
                book.loaded[r.id] = target = _Target(values, cid=r.id, version=r.version,
                                                     deleted=r.deleted_at is not None)
                target.touch()
            tags = conn.execute(select(customer_tag.c.customer_id, Tag.name)
                                .join(Tag, Tag.id == customer_tag.c.tag_id)
                                .where(customer_tag.c.customer_id.in_(id_chunk)))
            for cid, name in tags:
                book.loaded[cid].tag_keys[search_key(name)] = name
            visits = conn.execute(select(Visit.customer_id, Visit.at, Visit.amount)
                                  .where(Visit.customer_id.in_(id_chunk)))
            for cid, at, amount in visits:
                target = book.loaded[cid]
                day = local_date_of(at)
                target.visit_dates.add(day)
                if amount:
                    target.day_spend[day] = target.day_spend.get(day, 0) + int(amount)
        for cid in ordered:
            t = book.loaded[cid]
            book.index(t)
        return book

    def index(self, t: _Target) -> None:
        mobile, email = t.values.get("mobile"), t.values.get("email")
        if mobile:
            self.by_mobile.setdefault(mobile, t)
        if t.deleted:
            return
        if email and t not in self.by_email[email]:
            self.by_email[email].append(t)
        if not mobile and not email:
            self.by_name.setdefault(
                (search_key(t.values["name"]), search_key(t.values.get("mobile_raw"))), t)

    def match(self, c: _Candidate) -> tuple[_Target | None, str | None]:
        if c.mobile:
            t = self.by_mobile.get(c.mobile)
            if t is not None:
                return t, "mobile"
        if c.email:
            same = self.by_email.get(c.email)
            if not same:
                return None, None
            found = [t for t in same if not (c.mobile and t.values.get("mobile"))]
            if len(found) > 1:
                key = search_key(c.values["name"])
                found = [t for t in found if search_key(t.values["name"]) == key]
            if len(found) == 1:
                return found[0], "email"
        if not c.mobile and not c.email:
            t = self.by_name.get((c.name_key, search_key(c.values.get("mobile_raw"))))
            if t is not None and not t.has_contact:
                return t, "name"
        return None, None


@dataclass
class _CustomerPlan:
    new: list[_Target]
    updated: list[_Target]
    outcomes: list[RowOutcome]
    tag_names: dict[str, str]  # search key -> name, every tag the plan links


def _set(t: _Target, fld: str, value: Any) -> None:
    if not t.is_new and fld not in t.before:
        t.before[fld] = t.values.get(fld)
    t.values[fld] = value
    t.changed.add(fld)


def _merge(t: _Target, c: _Candidate, policy: str, book: _Book, now: datetime) -> list[str]:
    """Apply ``c`` to ``t`` under ``policy``; the fields that changed."""
    t.touch()
    fields: list[str] = []
    values = t.values
    overwrite = policy == "overwrite"
    for fld in _TEXT_FIELDS:
        new = c.values[fld]
        if new is None or new == "":
            continue
        old = values.get(fld)
        if new == old:
            continue
        if fld == "name":
            if c.name_missing:
                continue
            placeholder = t.name_missing or old == values.get("mobile")
            if not (overwrite or placeholder or not old):
                continue
            t.name_missing = False
        elif fld == "mobile":
            if old or book.by_mobile.get(new, t) is not t:
                continue  # never replace a mobile; never take one another customer has
            book.by_mobile[new] = t
        elif fld == "mobile_raw":
            if values.get("mobile") or (old and not overwrite):
                continue
        elif fld == "email":
            if old and not overwrite:
                continue
            if not t.deleted and t not in book.by_email[new]:
                book.by_email[new].append(t)
        elif old not in (None, "") and not overwrite:
            continue
        _set(t, fld, new)
        fields.append(fld)
    if c.vip is True and not values.get("vip"):
        _set(t, "vip", True)
        fields.append("vip")
    elif c.vip is False and overwrite and values.get("vip"):
        _set(t, "vip", False)
        fields.append("vip")
    for flag in _FLAG_FIELDS:
        if c.values.get(flag) and not values.get(flag):
            _set(t, flag, True)
            _set(t, f"{flag}_at", now)
            fields.append(flag)
    added = []
    for tag in c.tags:
        key = search_key(tag)
        if key not in t.tag_keys:
            t.tag_keys[key] = tag
            t.tags_added.append(tag)
            added.append(tag)
    if added:
        t.changed.add("tags")
        fields.append("tags")
    day = c.last_visit
    if day is not None and day not in t.visit_dates and day != t.planned_visit and (
            t.planned_visit is None or overwrite):
        t.planned_visit = day
        t.changed.add("visit")
        fields.append("last_visit")
    prior = c.prior
    if c.count is not None and not t.is_new:
        # The list's count covers the visits the book already has up to its last visit.
        days = t.visit_dates | ({t.planned_visit} if t.planned_visit else set())
        dated = sum(1 for d in days if day is None or d <= day)
        prior = max(c.count - dated, 0)
    old_prior = values.get("prior_visits") or 0
    if prior is not None and prior != old_prior and (overwrite or not old_prior):
        _set(t, "prior_visits", prior)
        fields.append("prior_visits")
    spent = c.values.get("prior_spent")
    if spent is not None and not t.is_new:
        # Likewise the list's spending covers the amounts the book has up to its last visit.
        spent = max(spent - sum(a for d, a in t.day_spend.items() if day is None or d <= day),
                    0)
    old_spent = values.get("prior_spent") or 0
    if spent is not None and spent != old_spent and (overwrite or not old_spent):
        _set(t, "prior_spent", spent)
        fields.append("prior_spent")
    return fields


def _new_target(c: _Candidate, now: datetime) -> _Target:
    values = c.values  # the candidate is done with them
    values["vip"] = bool(c.vip)
    values["prior_visits"] = c.prior or 0
    values["prior_spent"] = values.get("prior_spent") or 0
    for flag in _FLAG_FIELDS:
        on = values[flag] = bool(values.get(flag))
        values[f"{flag}_at"] = now if on else None
    t = _Target(values, row=c.row)
    t.name_missing = c.name_missing
    if c.tags:
        t.tag_keys = {}
        for tag in c.tags:
            t.tag_keys.setdefault(search_key(tag), tag)
    t.planned_visit = c.last_visit
    return t


def _prepare(rows: list[CustomerRow]) -> tuple[list[_Candidate], list[str]]:
    """Candidates from the rows, and the extra columns kept in the notes."""
    out = []
    kept: dict[str, None] = {}
    for r in rows:
        values: dict[str, Any] = {}
        lines = _extras(r.extra, values) if r.extra else []
        for line in lines:
            kept.setdefault(line.split(":", 1)[0], None)
        out.append(_Candidate(r, lines, values))
    return out, list(kept)


def plan_customers(candidates: list[_Candidate], book: _Book, policy: str,
                   now: datetime | None = None) -> _CustomerPlan:
    """Decide every row's outcome against ``book`` (which the plan updates as it goes)."""
    now = now or utc_now()
    new: list[_Target] = []
    touched: dict[int, _Target] = {}
    outcomes: list[RowOutcome] = []
    for c in candidates:
        t, by = book.match(c)
        name, mobile = c.values["name"], c.mobile
        if t is None:
            t = _new_target(c, now)
            new.append(t)
            book.index(t)
            outcomes.append(RowOutcome(c.row, "insert", None, name, mobile, None, None, None,
                                       _NO_FIELDS, c.last_visit))
            continue
        if t.deleted:
            outcomes.append(RowOutcome(c.row, "skip", t.id, name, mobile, by,
                                       reason="import_skip_in_trash"))
            continue
        if policy == "skip" and not t.is_new:
            outcomes.append(RowOutcome(c.row, "skip", t.id, name, mobile, by, t.row,
                                       reason="import_skip_duplicate"))
            continue
        had_visit = t.planned_visit
        # A row repeating an earlier row of the file is merged into it whatever the policy
        # (which is about customers already in the book): its non-empty values fill what
        # the earlier row left empty, so a later, fuller row is never dropped.
        fields = _merge(t, c, "fill" if t.is_new else policy, book, now)
        visit = t.planned_visit if t.planned_visit != had_visit else None
        if t.is_new:
            outcomes.append(RowOutcome(c.row, "merge", None, name, mobile, by, t.row,
                                       fields=fields, visit=visit))
        elif fields:
            touched[t.id] = t  # type: ignore[index]
            outcomes.append(RowOutcome(c.row, "update", t.id, name, mobile, by,
                                       fields=fields, visit=visit))
        else:
            outcomes.append(RowOutcome(c.row, "unchanged", t.id, name, mobile, by))
    tag_names: dict[str, str] = {}
    for t in (*new, *touched.values()):
        for key, tag in t.tag_keys.items():
            tag_names.setdefault(key, tag)
    return _CustomerPlan(new, list(touched.values()), outcomes, tag_names)
