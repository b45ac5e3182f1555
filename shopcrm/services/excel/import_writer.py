"""Bulk writes of an import in the caller's transaction, and batched summary refreshes.

On SQLite the rows go straight through the driver's ``executemany`` (no per-row ORM or
Core bookkeeping); on PostgreSQL through Core with ``RETURNING`` (insertmanyvalues), which
also gives the new ids from the sequence. Summary columns are recomputed in Python, many
customers per query, without bumping the customer's version (like ``storage.summary``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from shopcrm.domain.text import search_key, sort_key
from shopcrm.domain.visit_summary import summarize
from shopcrm.services.customers.fields import build_search_text
from shopcrm.storage.chunks import chunks as chunks
from shopcrm.storage.models import Customer, ImportChange, Tag, Visit, customer_tag


def search_text(name_key: str, mobile: str | None, phone2: str | None, email: str | None,
                notes: str | None, mobile_raw: str | None) -> str:
    """``customer_fields.build_search_text`` given the name's search key already."""
    return build_search_text(name="", name_key=name_key, mobile=mobile, phone2=phone2,
                             email=email, notes=notes, mobile_raw=mobile_raw)


def sqlite_time(value: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite DateTime type stores."""
    return None if value is None else value.isoformat(" ", "microseconds")


CUSTOMER_COLUMNS = ("id", "name", "name_key", "name_sort", "mobile", "mobile_raw", "phone2",
                     "email", "birthday", "gender", "city", "address", "referral", "notes",
                     "vip", "sms_opt_out", "sms_opt_out_at", "email_opt_out",
                     "email_opt_out_at", "prior_visits", "prior_spent", "visit_count",
                     "visit_days", "first_visit_at", "last_visit_at", "total_spent",
                     "usual_gap_days", "last_contact_at", "snoozed_until", "search_text",
                     "deleted_at", "import_batch_id", "version", "created_at", "updated_at")
VISIT_COLUMNS = ("customer_id", "at", "amount", "service", "staff", "payment_method",
                  "satisfaction", "note", "source", "import_batch_id", "created_at",
                  "updated_at")


class NameKeys:
    """``search_key``/``sort_key`` of names, remembered (lists repeat names a lot)."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, str]] = {}

    def __call__(self, name: str) -> tuple[str, str]:
        out = self._cache.get(name)
        if out is None:
            out = self._cache[name] = (search_key(name), sort_key(name))
        return out


class BulkWriter:
    """Bulk writes in the caller's transaction; raw driver executemany on SQLite."""

    def __init__(self, conn: Connection, batch_id: int, now: datetime) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.batch_id = batch_id
        self.now = now
        self.now_text = sqlite_time(now)
        self.keys = NameKeys()
        self.next_id = 0
        self.keep_fts = False  # set while the FTS insert trigger is paused
        self._times: dict[datetime, str] = {}
        if self.sqlite:
            self.next_id = int(conn.scalar(select(func.max(Customer.id))) or 0) + 1

    def customer_row(self, v: dict[str, Any], visit_at: datetime | None) -> tuple[Any, ...]:
        """A new customer's values in ``CUSTOMER_COLUMNS`` order (without the id), ready for
        this backend's driver; the summary of its one visit (or none) computed here."""
        name = v["name"]
        key, sort = self.keys(name)
        mobile, raw, phone2, email, notes = (v["mobile"], v["mobile_raw"], v["phone2"],
                                             v["email"], v["notes"])
        n = 0 if visit_at is None else 1
        spent = int(v.get("prior_spent") or 0)  # its one visit has no amount
        text = search_text(key, mobile, phone2, email, notes, raw)
        birthday, sms_at, email_at = v["birthday"], v["sms_opt_out_at"], v["email_opt_out_at"]
        now: Any = self.now
        last_visit: datetime | str | None = visit_at
        if self.sqlite:
            birthday = birthday.isoformat() if birthday is not None else None
            sms_at, email_at = sqlite_time(sms_at), sqlite_time(email_at)
            last_visit = self.time_text(visit_at) if visit_at is not None else None
            now = self.now_text
        return (name, key, sort, mobile, raw, phone2, email, birthday, v["gender"], v["city"],
                v["address"], v["referral"], notes, bool(v["vip"]), bool(v["sms_opt_out"]),
                sms_at, bool(v["email_opt_out"]), email_at, v["prior_visits"], spent, n, n,
                last_visit, last_visit, spent, None, None, None, text, None, self.batch_id, 1,
                now, now)

    def time_text(self, at: datetime) -> str:
        """``sqlite_time`` of the few distinct visit times of an import, remembered."""
        text = self._times.get(at)
        if text is None:
            text = self._times[at] = sqlite_time(at)  # type: ignore[assignment]
        return text  # type: ignore[return-value]

    def reserve_ids(self, count: int) -> list[int]:
        """SQLite: the ids the next ``count`` customers get (the write lock is held)."""
        ids = list(range(self.next_id, self.next_id + count))
        self.next_id += count
        return ids

    def insert_customers(self, rows: list[tuple[Any, ...]],
                         ids: list[int] | None = None) -> list[int]:
        """Insert ``rows`` (from ``customer_row``); their new ids in order (on SQLite
        ``ids`` from ``reserve_ids`` may be given)."""
        if not rows:
            return []
        if not self.sqlite:
            names = CUSTOMER_COLUMNS[1:]
            result = self.conn.execute(
                insert(Customer.__table__).returning(Customer.id, sort_by_parameter_order=True),
                [dict(zip(names, r, strict=True)) for r in rows])
            return [r[0] for r in result]
        if ids is None:
            ids = self.reserve_ids(len(rows))
        tuples = [(cid, *r) for cid, r in zip(ids, rows, strict=True)]
        marks = ", ".join("?" * len(CUSTOMER_COLUMNS))
        self.conn.exec_driver_sql(
            f"INSERT INTO customer ({', '.join(CUSTOMER_COLUMNS)}) VALUES ({marks})", tuples)
        if self.keep_fts:
            at = CUSTOMER_COLUMNS.index("search_text")
            self.conn.exec_driver_sql(
                "INSERT INTO customer_fts (rowid, search_text) VALUES (?, ?)",
                [(t[0], t[at]) for t in tuples])
        return ids

    def insert_visits(self, visits: list[dict[str, Any]]) -> None:
        if not visits:
            return
        if not self.sqlite:
            self.conn.execute(insert(Visit.__table__), visits)
            return
        stamp = self.now_text
        time_text = self.time_text
        rows = [(v["customer_id"], time_text(v["at"]), v.get("amount"), v.get("service"),
                 v.get("staff"), v.get("payment_method"), v.get("satisfaction"), v.get("note"),
                 "import", self.batch_id, stamp, stamp) for v in visits]
        marks = ", ".join("?" * len(VISIT_COLUMNS))
        self.conn.exec_driver_sql(
            f"INSERT INTO visit ({', '.join(VISIT_COLUMNS)}) VALUES ({marks})", rows)

    def visit(self, customer_id: int, at: datetime, **values: Any) -> dict[str, Any]:
        return {"customer_id": customer_id, "at": at, "amount": values.get("amount"),
                "service": values.get("service"), "staff": values.get("staff"),
                "payment_method": values.get("payment_method"),
                "satisfaction": values.get("satisfaction"), "note": values.get("note"),
                "source": "import", "import_batch_id": self.batch_id,
                "created_at": self.now, "updated_at": self.now}

    def insert_links(self, links: list[tuple[int, int]]) -> None:
        if not links:
            return
        if self.sqlite:
            self.conn.exec_driver_sql(
                "INSERT OR IGNORE INTO customer_tag (customer_id, tag_id) VALUES (?, ?)", links)
        else:
            self.conn.execute(insert(customer_tag), [{"customer_id": c, "tag_id": t}
                                                     for c, t in links])

    def insert_changes(self, changes: list[tuple[int, str, str | None, int]]) -> None:
        if not changes:
            return
        if self.sqlite:
            stamp = self.now_text
            self.conn.exec_driver_sql(
                "INSERT INTO import_change (batch_id, customer_id, action, before, "
                "version_after, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(self.batch_id, cid, action, before, version, stamp, stamp)
                 for cid, action, before, version in changes])
        else:
            self.conn.execute(insert(ImportChange.__table__), [
                {"batch_id": self.batch_id, "customer_id": cid, "action": action,
                 "before": before, "version_after": version, "created_at": self.now,
                 "updated_at": self.now} for cid, action, before, version in changes])

    def tag_ids(self, names: dict[str, str]) -> tuple[dict[str, int], list[str]]:
        """Tag ids by search key, creating the missing tags; and the names created."""
        ids: dict[str, int] = {}
        for tid, name in self.conn.execute(select(Tag.id, Tag.name)):
            ids.setdefault(search_key(name), tid)
        missing = [name for key, name in names.items() if key not in ids]
        if missing:
            self.conn.execute(insert(Tag.__table__), [
                {"name": n, "created_at": self.now, "updated_at": self.now} for n in missing])
            for chunk in chunks(missing):
                for tid, name in self.conn.execute(select(Tag.id, Tag.name)
                                                   .where(Tag.name.in_(chunk))):
                    ids.setdefault(search_key(name), tid)
        return ids, missing


def refresh_summaries(conn: Connection, customer_ids: Iterable[int]) -> None:
    """Recompute the summary columns of many customers from their visits and
    ``prior_spent`` (batched; a Core UPDATE that does not bump the version, like
    ``storage.summary``)."""
    ids = sorted(set(customer_ids))
    stmt = (update(Customer.__table__).where(Customer.id == bindparam("b_id"))
            .values(visit_count=bindparam("b_visit_count"), visit_days=bindparam("b_visit_days"),
                    first_visit_at=bindparam("b_first_visit_at"),
                    last_visit_at=bindparam("b_last_visit_at"),
                    total_spent=bindparam("b_total_spent"),
                    usual_gap_days=bindparam("b_usual_gap_days")))
    for chunk in chunks(ids):
        visits: dict[int, list[tuple[datetime, int | None]]] = {cid: [] for cid in chunk}
        prior = {cid: spent for cid, spent in conn.execute(
            select(Customer.id, Customer.prior_spent).where(Customer.id.in_(chunk)))}
        for cid, at, amount in conn.execute(select(Visit.customer_id, Visit.at, Visit.amount)
                                            .where(Visit.customer_id.in_(chunk))):
            visits[cid].append((at, amount))
        params = []
        for cid, items in visits.items():
            summary = summarize(items)
            columns = summary.as_columns()
            columns["total_spent"] = summary.total_spent + int(prior.get(cid) or 0)
            params.append({"b_id": cid, **{f"b_{k}": v for k, v in columns.items()}})
        if params:
            conn.execute(stmt, params)
