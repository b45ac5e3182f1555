"""Paged, filtered and searched customer lists, over a session of the read door.

The statements are built in ``storage/customer_page.py`` (search, sorts, pages); here
they run over the models' table, so a filter written against ``Customer`` (a segment)
joins in. A page without a filter is the same Core statement ``shopcrm customers``
reads without the ORM. A query «معرف: نام» lists whom someone brought (see
``customer_page``).

The window's table model keeps only ids (``customer_ids``) and loads rows a page at a
time (``rows_by_ids``); the command line asks for one page (``list_customers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.customer_page import (
    CustomerRow,
    base,
    normalise_query,
    ordered,
    page,
    read_page,
    referrer_query,
    row_columns,
    search_params,
    trash_where,
)
from shopcrm.storage.models import Customer

__all__ = ["ROW_COLUMNS", "CustomerRow", "count_customers", "customer_ids", "list_customers",
           "normalise_query", "referrer_query", "rows_by_ids"]

# The models' table: filters written against ``Customer`` (segments) join in with it.
CUSTOMERS = Customer.__table__
ROW_COLUMNS = row_columns(CUSTOMERS)


def _params(session: Session, query: str | None) -> tuple[str | None, dict[str, object]]:
    return search_params(query, session.get_bind().dialect.name)


# The models' table in the builders' shape, for callers that add their own columns
# (services/excel/exporter.py).
def _base(columns: Sequence[Any], kind: str | None, where: Sequence[ColumnElement[bool]],
          include_deleted: bool) -> Select[Any]:
    return base(CUSTOMERS, columns, kind, where, include_deleted)


def _ordered(stmt: Select[Any], order: str, descending: bool) -> Select[Any]:
    return ordered(CUSTOMERS, stmt, order, descending)


def list_customers(session: Session, *, query: str | None = None,
                   where: Sequence[ColumnElement[bool]] = (), order: str | None = None,
                   descending: bool = False, offset: int = 0, limit: int | None = 50,
                   include_deleted: bool = False, trash: bool = False) -> list[CustomerRow]:
    """One page of customers (``limit`` None: every row from ``offset`` on; ``trash``:
    only the trash). Without ``order``, a search keeps the index's own order (ascending
    id), so the first page is read without sorting every match."""
    # Core execution on the session's connection: the rows are plain columns, so the ORM
    # layer would only add overhead to every keystroke.
    if not where:
        return read_page(session.connection(), query=query, order=order,
                         descending=descending, offset=offset, limit=limit,
                         include_deleted=include_deleted, trash=trash)
    kind, params = _params(session, query)
    if trash:
        where = (*where, trash_where(CUSTOMERS))
    stmt = page(CUSTOMERS, kind, tuple(where), order, descending, include_deleted or trash,
                limited=limit is not None)
    params.update(offset=offset)
    if limit is not None:
        params.update(limit=limit)
    return [CustomerRow(*row) for row in session.connection().execute(stmt, params)]


def customer_ids(session: Session, *, query: str | None = None,
                 where: Sequence[ColumnElement[bool]] = (), order: str = "name",
                 descending: bool = False, include_deleted: bool = False) -> list[int]:
    """Every matching id in display order (the lazy table model keeps only these)."""
    kind, params = _params(session, query)
    stmt = ordered(CUSTOMERS, base(CUSTOMERS, [CUSTOMERS.c.id], kind, where, include_deleted),
                   order, descending)
    return list(session.scalars(stmt, params))


def count_customers(session: Session, *, query: str | None = None,
                    where: Sequence[ColumnElement[bool]] = (),
                    include_deleted: bool = False, trash: bool = False) -> int:
    kind, params = _params(session, query)
    if trash:
        where = (*where, trash_where(CUSTOMERS))
    stmt = base(CUSTOMERS, [func.count()], kind, where, include_deleted or trash)
    return int(session.scalar(stmt, params) or 0)


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[CustomerRow]:
    """Rows for ``ids`` in the same order (missing ids are left out)."""
    if not ids:
        return []
    found: dict[int, CustomerRow] = {}
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start:start + CHUNK_SIZE]
        for row in session.execute(select(*ROW_COLUMNS).where(CUSTOMERS.c.id.in_(chunk))):
            found[row[0]] = CustomerRow(*row)
    return [found[i] for i in ids if i in found]
