"""loyalty club and referrals: the points ledger, reward notices, referred-by

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03

- ``points_entry``: the ledger (customer, optional visit, points +/-, reason earn |
  redeem | expire | bonus | adjust, when, note, an optional unique ``key`` for one-off
  entries such as a referral bonus).
- ``reward_notice``: one row per customer and reward reached, unique, so the reward SMS
  goes out exactly once however often and however concurrently the notices are run.
- ``customer.points_balance`` / ``customer.points_earned``: the ledger's sums, kept in the
  same transaction as each entry (0 for every existing customer: the ledger is empty).
- ``customer.referred_by_id``: the customer who brought this one (the free-text
  ``referral`` source stays for "Instagram", "Divar").

Independent of the complaints/inbox migration (0005): it touches none of its tables.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "points_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customer.id", ondelete="CASCADE",
                                name="fk_points_entry_customer_id_customer"), nullable=False),
        sa.Column("visit_id", sa.Integer(),
                  sa.ForeignKey("visit.id", ondelete="SET NULL",
                                name="fk_points_entry_visit_id_visit"), nullable=True),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("key", sa.String(80), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_points_entry"),
        sa.UniqueConstraint("key", name="uq_points_entry_key"),
    )
    op.create_index("ix_points_entry_customer_at", "points_entry", ["customer_id", "at"])
    op.create_index("ix_points_entry_visit_id", "points_entry", ["visit_id"])
    op.create_table(
        "reward_notice",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customer.id", ondelete="CASCADE",
                                name="fk_reward_notice_customer_id_customer"), nullable=False),
        sa.Column("reward_no", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.String(100), nullable=True),
        sa.Column("campaign_id", sa.Integer(),
                  sa.ForeignKey("campaign.id", ondelete="SET NULL",
                                name="fk_reward_notice_campaign_id_campaign"), nullable=True),
        sa.Column("outbox_id", sa.Integer(),
                  sa.ForeignKey("outbox_message.id", ondelete="SET NULL",
                                name="fk_reward_notice_outbox_id_outbox_message"),
                  nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_reward_notice"),
        sa.UniqueConstraint("customer_id", "reward_no", name="uq_reward_notice_customer_reward"),
    )
    op.create_index("ix_reward_notice_campaign_id", "reward_notice", ["campaign_id"])
    op.create_index("ix_reward_notice_outbox_id", "reward_notice", ["outbox_id"])

    op.add_column("customer", sa.Column("points_balance", sa.Integer(), nullable=False,
                                        server_default="0"))
    op.add_column("customer", sa.Column("points_earned", sa.Integer(), nullable=False,
                                        server_default="0"))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot add a constraint to a table, but a new column may carry its
        # REFERENCES clause (NULL default). A table rebuild would drop the FTS triggers.
        op.execute("ALTER TABLE customer ADD COLUMN referred_by_id INTEGER "
                   "REFERENCES customer (id)")
    else:
        op.add_column("customer", sa.Column("referred_by_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_customer_referred_by_id_customer", "customer", "customer",
                              ["referred_by_id"], ["id"])
    op.create_index("ix_customer_referred_by_id", "customer", ["referred_by_id"])


def downgrade() -> None:
    op.drop_index("ix_customer_referred_by_id", "customer")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE customer DROP COLUMN referred_by_id")
    else:
        op.drop_constraint("fk_customer_referred_by_id_customer", "customer",
                           type_="foreignkey")
        op.drop_column("customer", "referred_by_id")
    op.drop_column("customer", "points_earned")
    op.drop_column("customer", "points_balance")
    op.drop_table("reward_notice")
    op.drop_table("points_entry")
