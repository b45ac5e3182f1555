"""Fixtures of the window tests (pytest-qt, offscreen: see tests/conftest.py).

- The session's QApplication runs the way ``app.py`` starts it: Vazirmatn, the Persian
  translation and right to left (set once).
- ``book``: a fresh SQLite book (a file: worker threads need one) with ``demo`` customers.
- ``ctx``: an ``AppContext`` over it whose workers run every task at once, in the test's
  thread (Picard's test pool); ``threaded_ctx`` uses the real thread pools.
- ``big_book``: a 100k-customer book built once per session (about 10 s).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from shopcrm.config import Settings
from shopcrm.services.customers.demo import generate_demo
from shopcrm.storage.db import Database, open_database


@pytest.fixture(scope="session", autouse=True)
def persian_app(qapp):
    from ui import i18n, theme

    theme.apply(qapp)
    lang = i18n.install(qapp, "fa")
    assert lang == "fa", "the Persian translation did not load"
    return qapp


def make_book(path: Path, customers: int = 0, seed: int = 1403) -> Database:
    db = open_database(f"sqlite:///{path}")
    if customers:
        for _ in generate_demo(db, customers, seed=seed):
            pass
    return db


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(path=tmp_path / "settings.toml", env={})


@pytest.fixture
def book(request, tmp_path):
    marker = request.node.get_closest_marker("demo")
    customers = marker.args[0] if marker else 0
    db = make_book(tmp_path / "book.sqlite3", customers)
    yield db
    db.close()


def _context(db, settings, *, immediate: bool):
    from ui.app_context import build_context
    from ui.workers import Workers

    return build_context(db, settings, "fa", workers=Workers(immediate=immediate))


@pytest.fixture
def ctx(book, settings, qapp):
    context = _context(book, settings, immediate=True)
    yield context
    context.workers.shutdown()


@pytest.fixture
def threaded_ctx(book, settings, qapp):
    context = _context(book, settings, immediate=False)
    yield context
    context.workers.shutdown()


@pytest.fixture(scope="session")
def big_book(tmp_path_factory):
    """100,000 customers, built once per session in about a third of a full demo's time.

    ``generate_demo`` writes 10,000 realistic customers with their visits; the other 90,000
    are copies of them under new ids and mobiles, inserted by SQL (the search index follows
    through its triggers). The customer list, the sort keys and the lazy model see a
    100k-customer book; only the first 10,000 carry visits.
    """
    from sqlalchemy import text

    from shopcrm.storage.models import Customer

    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    started = time.perf_counter()
    db = make_book(path, 10_000)
    columns = [c.name for c in Customer.__table__.columns]
    values = ["id + :offset" if c == "id" else "printf('099%08d', id + :offset)"
              if c == "mobile" else c for c in columns]
    copy = text(f"INSERT INTO customer ({', '.join(columns)}) "
                f"SELECT {', '.join(values)} FROM customer WHERE id <= 10000")
    with db.session() as session:
        for block in range(1, 10):
            session.execute(copy, {"offset": block * 10_000})
    print(f"\n[big_book] 100k customers in {time.perf_counter() - started:.1f} s")
    yield db
    db.close()


def pytest_configure(config):
    config.addinivalue_line("markers", "demo(n): the book fixture holds n demo customers")


@pytest.fixture
def type_text(qtbot):
    """Type text into a widget key by key, the way a person types it, Persian included.

    ``qtbot.keyClicks`` only knows ASCII keys (Qt's QTest asserts on others), so every
    character is sent as a key press and release carrying that character's text, as a
    keyboard with a Persian layout delivers it.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def type_into(widget, text: str) -> None:
        widget.setFocus()
        for char in text:
            if char.isascii() and char.isprintable():
                qtbot.keyClick(widget, char)
                continue
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                         Qt.KeyboardModifier.NoModifier, char))

    return type_into
