"""The customer list's statements in Core SQL, and one page read without the ORM.

Every list of customers (the window's table, the ``shopcrm customers`` command, the
services' counts) is built here over a *customer table*: ``CUSTOMER`` below, a plain
Core description of the columns a list reads, or the models' ``Customer.__table__`` when
a filter written against the models joins in (``storage/customer_list.py``, the door the
window and the services use). The two give the same SQL.

``read_page`` reads one page through the read door's Core connection
(``Database.reading_rows()``) and imports neither ``storage.models`` nor
``sqlalchemy.orm``: ``shopcrm customers --limit 5`` starts in little more than the time
SQLAlchemy itself takes to import (``benchmarks/bench_structure.py``).

Search is substring search over a normalised text (name key, mobile digits, email,
notes): SQLite answers it with an FTS5 trigram index kept in sync by triggers,
PostgreSQL with a pg_trgm GIN index over the same column. Queries shorter than three
characters (too short for trigrams) fall back to a LIKE scan, which stops at the page.

A query «معرف: …» (or ``referrer: …``) lists the customers brought by whoever the rest
finds by the same search (a name, a mobile): the customers whose ``referred_by_id`` is one
of those matches; «معرف:» alone lists everyone brought by someone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Float,
    FromClause,
    Integer,
    Select,
    String,
    Text,
    bindparam,
    column,
    func,
    select,
    table,
    text,
)


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


ROW_NAMES = tuple(CustomerRow.__dataclass_fields__)

# The columns of ``customer`` a list reads, sorts or searches, with the models' types
# (models.py; tests/integration/test_customer_page.py checks they agree), so values come
# back converted the same way (datetimes, dates, booleans) without the ORM.
CUSTOMER = table(
    "customer",
    column("id", Integer), column("name", String), column("mobile", String),
    column("email", String), column("city", String), column("visit_count", Integer),
    column("prior_visits", Integer), column("last_visit_at", DateTime),
    column("first_visit_at", DateTime), column("total_spent", BigInteger),
    column("usual_gap_days", Float), column("birthday", Date), column("vip", Boolean),
    column("sms_opt_out", Boolean), column("email_opt_out", Boolean),
    column("deleted_at", DateTime), column("points_balance", Integer),
    column("name_sort", String), column("created_at", DateTime),
    column("search_text", Text), column("referred_by_id", Integer),
)
FTS = table("customer_fts", column("rowid"))

# Sort keys that are never NULL: NULLS LAST would stop SQLite from using their index
# (and costs a five times slower sort at 100k customers).
NOT_NULL_SORTS = {"name", "visits", "spent", "created", "id", "points"}


def sort_key(customers: FromClause, order: str | None) -> ColumnElement[Any]:
    """The column (or sum) a list is sorted by; unknown or no order sorts by name."""
    c = customers.c
    keys: dict[str, ColumnElement[Any]] = {
        "name": c.name_sort, "mobile": c.mobile, "city": c.city,
        "visits": c.visit_count + c.prior_visits, "last_visit": c.last_visit_at,
        "first_visit": c.first_visit_at, "spent": c.total_spent, "created": c.created_at,
        "id": c.id, "points": c.points_balance,
    }
    return keys.get(order or "", c.name_sort)


def row_columns(customers: FromClause) -> list[ColumnElement[Any]]:
    """The columns of a ``CustomerRow``, in its order."""
    return [customers.c[name] for name in ROW_NAMES]


#: the words before ":" that make a query a referrer search (as ``search_key`` folds them)
REFERRER_WORDS = frozenset({"معرف", "معرفی", "referrer", "referred by"})


def referrer_query(query: str | None) -> str | None:
    """The referrer's part of «معرف: نام» ("" for «معرف:» alone); None for a plain query."""
    head, colon, rest = (query or "").partition(":")
    if not colon:
        head, colon, rest = (query or "").partition("：")
    if not colon:
        return None
    from shopcrm.domain.text import search_key

    return rest.strip() if search_key(head) in REFERRER_WORDS else None


def normalise_query(query: str | None) -> str:
    """The search text as it is stored: digits-only for phone-like input."""
    if not query or not query.strip():
        return ""
    from shopcrm.domain.phones import looks_like_phone_query
    from shopcrm.domain.text import search_key

    phone = looks_like_phone_query(query)
    return phone if phone else search_key(query)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_clause(term: str, dialect: str) -> tuple[str, Any]:
    """How ``term`` is searched on ``dialect``: ("fts", match) or ("like", pattern)."""
    if dialect == "sqlite" and len(term) >= 3:
        return "fts", '"' + term.replace('"', '""') + '"'
    return "like", f"%{_escape_like(term)}%"


def search_params(query: str | None, dialect: str) -> tuple[str | None, dict[str, Any]]:
    """The kind of search (None; "fts" or "like"; "ref_fts", "ref_like" or "ref_any" for
    a referrer search) and its bound ``search`` parameter."""
    referrer = referrer_query(query)
    term = normalise_query(query if referrer is None else referrer)
    if not term:
        return ("ref_any" if referrer is not None else None), {}
    kind, value = search_clause(term, dialect)
    return (kind if referrer is None else f"ref_{kind}"), {"search": value}


def _with_search(customers: FromClause, stmt: Select[Any], kind: str | None) -> Select[Any]:
    """Add the search condition with a bound parameter ``search`` (so statements cache)."""
    if kind == "fts":
        return stmt.join(FTS, FTS.c.rowid == customers.c.id).where(
            text("customer_fts MATCH :search"))
    if kind == "like":
        return stmt.where(customers.c.search_text.like(bindparam("search"), escape="\\"))
    if kind == "ref_fts":
        found = select(FTS.c.rowid).where(text("customer_fts MATCH :search"))
        return stmt.where(customers.c.referred_by_id.in_(found))
    if kind == "ref_like":
        referrer = customers.alias("referrer")
        return stmt.where(customers.c.referred_by_id.in_(
            select(referrer.c.id).where(referrer.c.search_text.like(bindparam("search"),
                                                                    escape="\\"))))
    if kind == "ref_any":
        return stmt.where(customers.c.referred_by_id.is_not(None))
    return stmt


def base(customers: FromClause, columns: Sequence[Any], kind: str | None,
         where: Sequence[ColumnElement[bool]], include_deleted: bool) -> Select[Any]:
    stmt = _with_search(customers, select(*columns).select_from(customers), kind)
    if not include_deleted:
        stmt = stmt.where(customers.c.deleted_at.is_(None))
    for clause in where:
        stmt = stmt.where(clause)
    return stmt


def ordered(customers: FromClause, stmt: Select[Any], order: str, descending: bool
            ) -> Select[Any]:
    key = sort_key(customers, order)
    direction = key.desc() if descending else key.asc()
    if order not in NOT_NULL_SORTS:
        direction = direction.nulls_last()
    return stmt.order_by(direction, customers.c.id.desc() if descending else customers.c.id)


def page(customers: FromClause, kind: str | None, where: Sequence[ColumnElement[bool]],
         order: str | None, descending: bool, include_deleted: bool,
         limited: bool = True) -> Select[Any]:
    """One page's statement, with bound ``offset`` and ``limit`` (``limited=False``: every
    row from ``offset`` on, no ``limit`` parameter). Without ``order``, a search keeps the
    index's own order (ascending id), so the first page is read without sorting every
    match."""
    stmt = base(customers, row_columns(customers), kind, where, include_deleted)
    if order:
        stmt = ordered(customers, stmt, order, descending)
    elif kind == "fts":
        stmt = stmt.order_by(FTS.c.rowid)  # the index's own order: no sort of all matches
    else:
        stmt = stmt.order_by(customers.c.id)
    stmt = stmt.offset(bindparam("offset"))
    return stmt.limit(bindparam("limit")) if limited else stmt


def trash_where(customers: FromClause) -> ColumnElement[bool]:
    """Only the customers in the trash."""
    return customers.c.deleted_at.is_not(None)


@lru_cache(maxsize=64)
def page_statement(kind: str | None, order: str | None, descending: bool,
                   include_deleted: bool, trash: bool = False, limited: bool = True
                   ) -> Select[Any]:
    """The page query for the common case (no filter but the trash), built once: a search
    keystroke then costs little more than the bare FTS5 query."""
    where = (trash_where(CUSTOMER),) if trash else ()
    return page(CUSTOMER, kind, where, order, descending, include_deleted or trash, limited)


@lru_cache(maxsize=16)
def count_statement(kind: str | None, include_deleted: bool, trash: bool = False
                    ) -> Select[Any]:
    """How many customers the same search (and trash) finds: ``read_page``'s rows
    without paging."""
    where = (trash_where(CUSTOMER),) if trash else ()
    return base(CUSTOMER, [func.count()], kind, where, include_deleted or trash)


def read_page(conn: Connection, *, query: str | None = None, order: str | None = None,
              descending: bool = False, offset: int = 0, limit: int | None = 50,
              include_deleted: bool = False, trash: bool = False) -> list[CustomerRow]:
    """One page of customers (no filter beyond the search) on a Core connection of the
    read door (``Database.reading_rows()``, or a session's ``connection()``). ``limit``
    None reads every row from ``offset`` on; ``trash`` reads only the trash."""
    kind, params = search_params(query, conn.dialect.name)
    params.update(offset=offset)
    if limit is not None:
        params.update(limit=limit)
    stmt = page_statement(kind, order, descending, include_deleted, trash, limit is not None)
    return [CustomerRow(*row) for row in conn.execute(stmt, params)]


def count_page(conn: Connection, *, query: str | None = None, include_deleted: bool = False,
               trash: bool = False) -> int:
    """How many customers ``read_page`` pages through with the same search and trash."""
    kind, params = search_params(query, conn.dialect.name)
    return int(conn.execute(count_statement(kind, include_deleted, trash), params).scalar()
               or 0)
