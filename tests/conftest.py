"""Session-wide test setup: a quiet environment and the database fixtures.

Fixtures (details in tests/support/postgres.py):
- ``postgres_server`` (session): the running throwaway PostgreSQL server
  (``.url(name)``, ``.connect(name)``, ``.database()``, ``.port``).
- ``postgres_url``: a fresh, empty PostgreSQL database as a SQLAlchemy URL
  ``postgresql+psycopg://shop@127.0.0.1:PORT/NAME``; dropped after the test.
- ``db_url``: runs the test twice, on a fresh SQLite file and on a fresh PostgreSQL database.

Tests that use the server carry the ``postgres`` marker (``-m "not postgres"`` leaves them out).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

# Before anything imports Qt: no window ever appears.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

# Never the real user's settings, data, logs, database or SMS/SMTP credentials
# (SHOPCRM_TEST_* are options of the test setup itself and stay).
for _name in list(os.environ):
    if _name.startswith("SHOPCRM_") and not _name.startswith("SHOPCRM_TEST_"):
        del os.environ[_name]
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="shopcrm-test-"))
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)
for _kind in ("config", "data", "log"):
    (_SESSION_DIR / _kind).mkdir()
    os.environ[f"SHOPCRM_{_kind.upper()}_DIR"] = str(_SESSION_DIR / _kind)

# The command speaks Persian by default (the product's language); the tests written against
# its English words read them in English. tests/integration/test_cli_language.py removes
# this to test the default.
os.environ["SHOPCRM_LANG"] = "en"

sys.path.insert(0, str(Path(__file__).resolve().parent))  # makes tests/support importable

import pytest  # noqa: E402
from support import postgres  # noqa: E402


@pytest.fixture(scope="session")
def postgres_server():
    with postgres.session_server() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server):
    with postgres_server.database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'book.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def pytest_collection_modifyitems(items):
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def db(db_url):
    """An open, migrated, empty book on each backend (SQLite file and PostgreSQL)."""
    from shopcrm.storage.db import open_database

    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(tmp_path):
    """An open, migrated, empty book in a SQLite file."""
    from shopcrm.storage.db import open_database

    database = open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}")
    yield database
    database.close()


@pytest.fixture
def run_cli(capsys):
    """Run the ``shopcrm`` command in-process: returns (exit code, stdout, stderr)."""
    from shopcrm.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    """A fresh settings folder for the test (``SHOPCRM_CONFIG_DIR``; not created)."""
    folder = tmp_path / "config"
    monkeypatch.setenv("SHOPCRM_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def memory_keyring(config_dir):
    """A keyring in a dict (tests/support/keyrings.py) in place of the system's."""
    from support.keyrings import MemoryKeyring, keyring_in_place

    with keyring_in_place(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def no_keyring(config_dir):
    """No keyring at all: secrets go to the private file."""
    from keyring.backends import fail
    from support.keyrings import keyring_in_place

    with keyring_in_place(fail.Keyring()):
        yield
