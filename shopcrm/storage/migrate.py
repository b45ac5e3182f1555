"""Run Alembic migrations programmatically (no alembic.ini needed at run time)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from shopcrm.errors import StorageError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """Upgrade the book; refuse one written by a newer version of the app."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:  # alembic raises several types for unknown ids
            raise StorageError("db_newer", revision=current) from exc
    if current == script.get_current_head() and revision == "head":
        return
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
