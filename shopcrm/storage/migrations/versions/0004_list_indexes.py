"""list indexes: live customers by Persian name; visits covering customer, time, amount

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

- ``ix_customer_live_name``: (name_sort, id) for customers not in the trash (a partial
  index on both SQLite and PostgreSQL). The window's default list (every live customer
  in Persian alphabetical order) then reads the index in order instead of sorting
  100k rows in a temporary B-tree.
- ``ix_visit_customer_at_amount`` replaces ``ix_visit_customer_at``: the same leading
  columns plus the amount, so RFM and the report series (per-customer recency,
  frequency and spend) are answered from the index alone.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customer_live_name", "customer", ["name_sort", "id"],
                    sqlite_where=sa.text("deleted_at IS NULL"),
                    postgresql_where=sa.text("deleted_at IS NULL"))
    op.create_index("ix_visit_customer_at_amount", "visit", ["customer_id", "at", "amount"])
    op.drop_index("ix_visit_customer_at", "visit")


def downgrade() -> None:
    op.create_index("ix_visit_customer_at", "visit", ["customer_id", "at"])
    op.drop_index("ix_visit_customer_at_amount", "visit")
    op.drop_index("ix_customer_live_name", "customer")
