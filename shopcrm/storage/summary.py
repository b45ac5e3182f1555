"""Keep the per-customer summary columns in step with the visits table."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shopcrm.domain.visit_summary import summarize
from shopcrm.storage.models import Customer, Visit


def refresh_summary(session: Session, customer_id: int) -> None:
    """Recompute one customer's summary from its visits, in the caller's transaction
    (``total_spent`` is the visits' amounts plus ``prior_spent``, spending before the book).

    A Core UPDATE on purpose: summary columns are not an owner's edit, so they must not
    bump the customer's version (which guards against two people editing one card).
    """
    # Lock the customer row first (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
    # writers): a concurrent visit change of the same customer then waits, and its summary
    # is computed after ours from every committed visit, so none is left out.
    prior = session.scalar(select(Customer.prior_spent).where(Customer.id == customer_id)
                           .with_for_update())
    rows = session.execute(
        select(Visit.at, Visit.amount).where(Visit.customer_id == customer_id)
    ).all()
    summary = summarize((at, amount) for at, amount in rows)
    columns = summary.as_columns()
    columns["total_spent"] = summary.total_spent + int(prior or 0)
    session.execute(
        update(Customer).where(Customer.id == customer_id).values(**columns)
        .execution_options(synchronize_session=False)
    )
