"""Alembic environment: always driven programmatically with a live connection."""

from __future__ import annotations

from alembic import context

from shopcrm.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # `alembic` command line for developers: a URL in -x db=...
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("db", "sqlite:///dev.sqlite3")
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
