"""The book's spending marks behind "high / medium / low value" in the priority words
(``domain.priority_words``): the top fifth of customers with any spending is high value,
the bottom two fifths low."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.domain.priority_words import ValueMarks
from shopcrm.storage.hints import mostly
from shopcrm.storage.models import Customer


def value_marks(s: Session) -> ValueMarks:
    """Counted and stepped through in ``ix_customer_spent`` (migration 0007), not sorted."""
    live = [mostly(Customer.deleted_at.is_(None), s), Customer.total_spent > 0]
    n = int(s.scalar(select(func.count()).select_from(Customer).where(*live)) or 0)
    if n == 0:
        return ValueMarks(high=1, low=1)

    def at(rank: int) -> int:
        return int(s.scalar(select(Customer.total_spent).where(*live)
                            .order_by(Customer.total_spent.desc())
                            .offset(min(rank, n - 1)).limit(1)) or 0)

    return ValueMarks(high=at(max(n // 5 - 1, 0)), low=at(n - max(n * 2 // 5, 1)))
