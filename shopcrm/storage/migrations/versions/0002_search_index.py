"""search index: sort key, normalised search text, FTS5 trigram (SQLite) or pg_trgm

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Fills the two new columns from the customers already in the book, so an owner's old
book gains search and Persian alphabetical sorting when it is opened.
"""

import sqlalchemy as sa
from alembic import op

from shopcrm.domain.text import build_search_text, search_key, sort_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS_TRIGGERS = (
    """CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
         INSERT INTO customer_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    """CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN
         INSERT INTO customer_fts(customer_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text);
       END""",
    """CREATE TRIGGER customer_fts_update AFTER UPDATE OF search_text ON customer
       WHEN old.search_text IS NOT new.search_text BEGIN
         INSERT INTO customer_fts(customer_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text);
         INSERT INTO customer_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
)


def upgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        batch.add_column(sa.Column("name_sort", sa.String(200), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    _fill_existing()
    op.create_index("ix_customer_name_sort", "customer", ["name_sort"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE customer_fts USING fts5(search_text, "
                   "content='customer', content_rowid='id', tokenize='trigram')")
        op.execute("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
        for trigger in FTS_TRIGGERS:
            op.execute(trigger)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_customer_search_trgm ON customer "
                   "USING gin (search_text gin_trgm_ops)")


def _fill_existing() -> None:
    bind = op.get_bind()
    customer = sa.table("customer", sa.column("id"), sa.column("name"), sa.column("mobile"),
                        sa.column("phone2"), sa.column("email"), sa.column("notes"),
                        sa.column("mobile_raw"), sa.column("name_key"),
                        sa.column("name_sort"), sa.column("search_text"))
    rows = bind.execute(sa.select(customer.c.id, customer.c.name, customer.c.mobile,
                                  customer.c.phone2, customer.c.email, customer.c.notes,
                                  customer.c.mobile_raw)).all()
    for row in rows:
        bind.execute(
            customer.update().where(customer.c.id == row.id).values(
                name_key=search_key(row.name), name_sort=sort_key(row.name),
                search_text=build_search_text(name=row.name, mobile=row.mobile,
                                              phone2=row.phone2, email=row.email,
                                              notes=row.notes, mobile_raw=row.mobile_raw)))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("customer_fts_insert", "customer_fts_delete", "customer_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS customer_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_customer_search_trgm")
    op.drop_index("ix_customer_name_sort", "customer")
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("search_text")
        batch.drop_column("name_sort")
