"""Hints to SQLite's query planner where it would otherwise pick a poor index.

A book carries no statistics (no ``ANALYZE``), so SQLite takes ``deleted_at IS NULL`` for
a selective equality and walks a ``deleted_at`` index across nearly every customer, even
when an index on what the query is really about (``birthday``, ``total_spent``) exists.
``mostly(clause, session)`` says "true for most rows" (SQLite's ``likelihood``), so the
planner keeps that term as a filter; the rows found are the same. PostgreSQL keeps its
own statistics: the clause goes to it unchanged.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, literal_column


def mostly(clause: ColumnElement[bool], session: Any) -> ColumnElement[bool]:
    """``clause``, marked as true for most rows when ``session`` is on SQLite."""
    if session.get_bind().dialect.name != "sqlite":
        return clause
    return func.likelihood(clause, literal_column("0.99"))  # type: ignore[no-any-return]
