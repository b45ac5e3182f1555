"""Paged, filtered and searched customer lists.

Search is substring search over a normalised text (name key, mobile digits, email,
notes): SQLite answers it with an FTS5 trigram index kept in sync by triggers,
PostgreSQL with a pg_trgm GIN index over the same column. Queries shorter than three
characters (too short for trigrams) fall back to a LIKE scan, which stops at the page.

A query «معرف: …» (or ``referrer: …``) lists the customers brought by whoever the rest
finds by the same search (a name, a mobile): the customers whose ``referred_by_id`` is one
of those matches; «معرف:» alone lists everyone brought by someone.

The window's table model keeps only ids (``customer_ids``) and loads rows a page at a
time (``rows_by_ids``); the command line asks for one page (``list_customers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, column, func, select, table, text
from sqlalchemy.orm import Session, aliased

from shopcrm.domain.phones import looks_like_phone_query
from shopcrm.domain.text import search_key
from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.models import Customer

FTS = table("customer_fts", column("rowid"))

SORTS: dict[str, Any] = {
    "name": Customer.name_sort,
    "mobile": Customer.mobile,
    "city": Customer.city,
    "visits": Customer.visit_count + Customer.prior_visits,
    "last_visit": Customer.last_visit_at,
    "first_visit": Customer.first_visit_at,
    "spent": Customer.total_spent,
    "created": Customer.created_at,
    "id": Customer.id,
    "points": Customer.points_balance,
}


@dataclass(frozen=True)
class CustomerRow:
    """One line of a customer list: plain data, safe to pass between threads."""

    id: int
    name: str
    mobile: str | None
    email: str | None
    city: str | None
    visit_count: int
    prior_visits: int
    last_visit_at: datetime | None
    first_visit_at: datetime | None
    total_spent: int
    usual_gap_days: float | None
    birthday: date | None
    vip: bool
    sms_opt_out: bool
    email_opt_out: bool
    deleted_at: datetime | None
    points_balance: int = 0  # loyalty (migration 0006)

    @property
    def total_visits(self) -> int:
        return self.visit_count + self.prior_visits

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["total_visits"] = self.total_visits
        return data


ROW_COLUMNS = [getattr(Customer, name) for name in CustomerRow.__dataclass_fields__]


#: the words before ":" that make a query a referrer search (as ``search_key`` folds them)
REFERRER_WORDS = frozenset({"معرف", "معرفی", "referrer", "referred by"})


def referrer_query(query: str | None) -> str | None:
    """The referrer's part of «معرف: نام» ("" for «معرف:» alone); None for a plain query."""
    head, colon, rest = (query or "").partition(":")
    if not colon:
        head, colon, rest = (query or "").partition("：")
    return rest.strip() if colon and search_key(head) in REFERRER_WORDS else None


def normalise_query(query: str | None) -> str:
    """The search text as it is stored: digits-only for phone-like input."""
    if not query or not query.strip():
        return ""
    phone = looks_like_phone_query(query)
    return phone if phone else search_key(query)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_clause(term: str, dialect: str) -> tuple[str, Any]:
    """How ``term`` is searched on ``dialect``: ("fts", match) or ("like", pattern)."""
    if dialect == "sqlite" and len(term) >= 3:
        return "fts", '"' + term.replace('"', '""') + '"'
    return "like", f"%{_escape_like(term)}%"


def _with_search(stmt: Select[Any], kind: str | None) -> Select[Any]:
    """Add the search condition with a bound parameter ``search`` (so statements cache)."""
    if kind == "fts":
        return stmt.join(FTS, FTS.c.rowid == Customer.id).where(
            text("customer_fts MATCH :search"))
    if kind == "like":
        return stmt.where(Customer.search_text.like(bindparam("search"), escape="\\"))
    if kind == "ref_fts":
        found = select(FTS.c.rowid).where(text("customer_fts MATCH :search"))
        return stmt.where(Customer.referred_by_id.in_(found))
    if kind == "ref_like":
        referrer = aliased(Customer)
        return stmt.where(Customer.referred_by_id.in_(
            select(referrer.id).where(referrer.search_text.like(bindparam("search"),
                                                                escape="\\"))))
    if kind == "ref_any":
        return stmt.where(Customer.referred_by_id.is_not(None))
    return stmt


def _base(columns: Sequence[Any], kind: str | None, where: Sequence[ColumnElement[bool]],
          include_deleted: bool) -> Select[Any]:
    stmt = _with_search(select(*columns).select_from(Customer), kind)
    if not include_deleted:
        stmt = stmt.where(Customer.deleted_at.is_(None))
    for clause in where:
        stmt = stmt.where(clause)
    return stmt


# Sort keys that are never NULL: NULLS LAST would stop SQLite from using their index
# (and costs a five times slower sort at 100k customers).
NOT_NULL_SORTS = {"name", "visits", "spent", "created", "id", "points"}


def _ordered(stmt: Select[Any], order: str, descending: bool) -> Select[Any]:
    key = SORTS.get(order, Customer.name_sort)
    direction = key.desc() if descending else key.asc()
    if order not in NOT_NULL_SORTS:
        direction = direction.nulls_last()
    return stmt.order_by(direction, Customer.id.desc() if descending else Customer.id)


def _params(session: Session, query: str | None) -> tuple[str | None, dict[str, Any]]:
    referrer = referrer_query(query)
    term = normalise_query(query if referrer is None else referrer)
    if not term:
        return ("ref_any" if referrer is not None else None), {}
    kind, value = _search_clause(term, session.get_bind().dialect.name)
    return (kind if referrer is None else f"ref_{kind}"), {"search": value}


@lru_cache(maxsize=64)
def _page_statement(kind: str | None, order: str | None, descending: bool,
                    include_deleted: bool) -> Select[Any]:
    """The page query for the common case (no segment filter), built once: a search
    keystroke then costs little more than the bare FTS5 query."""
    return _page(kind, (), order, descending, include_deleted)


def _page(kind: str | None, where: Sequence[ColumnElement[bool]], order: str | None,
          descending: bool, include_deleted: bool) -> Select[Any]:
    stmt = _base(ROW_COLUMNS, kind, where, include_deleted)
    if order:
        stmt = _ordered(stmt, order, descending)
    elif kind == "fts":
        stmt = stmt.order_by(FTS.c.rowid)  # the index's own order: no sort of all matches
    else:
        stmt = stmt.order_by(Customer.id)
    return stmt.offset(bindparam("offset")).limit(bindparam("limit"))


def list_customers(session: Session, *, query: str | None = None,
                   where: Sequence[ColumnElement[bool]] = (), order: str | None = None,
                   descending: bool = False, offset: int = 0, limit: int = 50,
                   include_deleted: bool = False) -> list[CustomerRow]:
    """One page of customers. Without ``order``, a search keeps the index's own order
    (ascending id), so the first page is read without sorting every match."""
    kind, params = _params(session, query)
    if where:
        stmt = _page(kind, tuple(where), order, descending, include_deleted)
    else:
        stmt = _page_statement(kind, order, descending, include_deleted)
    params.update(offset=offset, limit=limit)
    # Core execution on the session's connection: the rows are plain columns, so the ORM
    # layer would only add overhead to every keystroke.
    return [CustomerRow(*row) for row in session.connection().execute(stmt, params)]


def customer_ids(session: Session, *, query: str | None = None,
                 where: Sequence[ColumnElement[bool]] = (), order: str = "name",
                 descending: bool = False, include_deleted: bool = False) -> list[int]:
    """Every matching id in display order (the lazy table model keeps only these)."""
    kind, params = _params(session, query)
    stmt = _ordered(_base([Customer.id], kind, where, include_deleted), order, descending)
    return list(session.scalars(stmt, params))


def count_customers(session: Session, *, query: str | None = None,
                    where: Sequence[ColumnElement[bool]] = (),
                    include_deleted: bool = False) -> int:
    kind, params = _params(session, query)
    stmt = _base([func.count()], kind, where, include_deleted)
    return int(session.scalar(stmt, params) or 0)


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[CustomerRow]:
    """Rows for ``ids`` in the same order (missing ids are left out)."""
    if not ids:
        return []
    found: dict[int, CustomerRow] = {}
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start:start + CHUNK_SIZE]
        for row in session.execute(select(*ROW_COLUMNS).where(Customer.id.in_(chunk))):
            found[row[0]] = CustomerRow(*row)
    return [found[i] for i in ids if i in found]
