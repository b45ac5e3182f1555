"""Run Alembic migrations programmatically (no alembic.ini needed at run time).

Opening an up-to-date book must stay cheap (every ``shopcrm`` command opens one): the
book's revision is read with one plain query and compared with ``HEAD_REVISION``;
Alembic itself is imported only when there is something to upgrade.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from shopcrm.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest migration in migrations/versions (a test checks this against the scripts).
HEAD_REVISION = "0008"


def stored_revision(engine: Engine) -> str | None:
    """The book's schema revision by plain SQL (None for a new, empty book)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no alembic_version table yet
        return None


def is_current(engine: Engine) -> bool:
    return stored_revision(engine) == HEAD_REVISION


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """Upgrade the book; refuse one written by a newer version of the app."""
    from alembic import command
    from alembic.script import ScriptDirectory

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
