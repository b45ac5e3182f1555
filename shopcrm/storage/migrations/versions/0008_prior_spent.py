"""spending before the book: ``customer.prior_spent``

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

- ``customer.prior_spent`` (whole rials): what an imported list said a customer had spent
  beyond the amounts of the visits the book holds (an exported book's «جمع خرید» column
  brought back in), next to ``prior_visits``. The ``total_spent`` summary column is the
  visits' amounts plus this figure. 0 for every existing customer, so no total moves.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customer", sa.Column("prior_spent", sa.BigInteger(), nullable=False,
                                        server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("prior_spent")
