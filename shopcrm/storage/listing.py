"""The shape of every "newest first" list a feature reads (complaints, the inbox): its
conditions, newest first with ties broken by id, at most so many rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select

Columns = TypeVarTuple("Columns")


def newest_first(stmt: Select[*Columns], at: Any, key: Any, *,
                 where: Iterable[ColumnElement[bool] | None] = (),
                 limit: int | None = None) -> Select[*Columns]:
    """``stmt`` narrowed by each condition of ``where`` (a None is an option not asked
    for), ordered by ``at`` then ``key`` (the id), newest first; ``limit`` rows at most
    (None: all)."""
    for condition in where:
        if condition is not None:
            stmt = stmt.where(condition)
    stmt = stmt.order_by(at.desc(), key.desc())
    return stmt if limit is None else stmt.limit(limit)
