"""The number of rows an UPDATE, DELETE or INSERT statement touched, typed.

``Session.execute`` is typed to return the general :class:`~sqlalchemy.engine.Result`,
which has no ``rowcount``; for those statements SQLAlchemy returns a
:class:`~sqlalchemy.engine.CursorResult`, which has it. ``rowcount`` is returned as the
driver reports it (``-1`` when the driver cannot tell).
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy.engine import CursorResult, Result


def rowcount(result: Result[*tuple[Any, ...]]) -> int:
    """``result.rowcount`` of a data-changing statement run by ``Session.execute``."""
    return cast("CursorResult[*tuple[Any, ...]]", result).rowcount
