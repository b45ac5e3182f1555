"""A SIGKILL during a big import leaves the book with all of the batch or none of it.

The import runs in a child process on a SQLite book holding two customers, one of which the
file updates (policy fill). The child is killed at several points -- while reading, after
some chunks are written, after everything is written but before the commit, after the
commit -- and at random moments; then the book must pass SQLite's integrity check and the
FTS5 index check, keep its triggers, and hold exactly the state before or after the batch.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest
from support.kill import Victim, python_code

DATA = Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
import make_fixtures as fx  # noqa: E402

ROWS = 8_000

CHILD = """
    import sys
    from support.kill import marker, park
    import shopcrm.services.excel.importer as ei
    import shopcrm.services.excel.import_apply as ea  # the writes: patched where they run
    from shopcrm.storage.db import open_database

    url, path, point = sys.argv[1:4]
    if point == "chunk":  # three chunks of new customers written, more to come
        real_changes = ea._Writer.insert_changes
        calls = []
        def insert_changes(self, changes):
            real_changes(self, changes)
            calls.append(1)
            if len(calls) == 3:
                marker("chunk")
                park()
        ea._Writer.insert_changes = insert_changes
    elif point == "updates":  # the book's customer being updated
        real_updates = ea._apply_updates
        def apply_updates(conn, w, targets):
            real_updates(conn, w, targets)
            marker("updates")
            park()
        ea._apply_updates = apply_updates
    elif point == "finish":  # everything written and the batch recorded; no commit yet
        real_finish = ea._finish_batch
        def finish_batch(conn, report):
            real_finish(conn, report)
            marker("finish")
            park()
        ea._finish_batch = finish_batch
    db = open_database(url)
    marker("start")
    for event in ei.import_customers(db, path, on_duplicate="fill", backup=False, every=2000):
        if point == "reading" and getattr(event, "stage", "") == "read" and event.done >= 4000:
            marker("reading")
            park()
    marker("committed")
    park()
"""


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    return fx.big_customers_xlsx(tmp_path_factory.mktemp("kill") / "big.xlsx", rows=ROWS)


def make_book(path: Path) -> str:
    from shopcrm.services.customers.fields import CustomerInput
    from shopcrm.services.customers.service import CustomerService
    from shopcrm.storage.db import open_database

    url = f"sqlite:///{path}"
    db = open_database(url)
    service = CustomerService(db)
    service.add(CustomerInput(name="پیشین", mobile="09120000005"))  # row 5 fills it
    service.add(CustomerInput(name="دیگری", mobile="09350000001", city="قم"))
    db.close()
    return url


def state(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO customer_fts(customer_fts, rank) VALUES ('integrity-check', 1)")
        triggers = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers == {"customer_fts_insert", "customer_fts_delete",
                            "customer_fts_update"}
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
            "customer", "visit", "import_batch", "import_change", "customer_tag")}
        counts["fts_rows"] = conn.execute(
            "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH '\"0912\"'").fetchone()[0]
        counts["filled"] = conn.execute(
            "SELECT email, prior_visits, version FROM customer WHERE mobile = '09120000005'"
        ).fetchone()
        return counts
    finally:
        conn.close()


BEFORE = {"customer": 2, "visit": 0, "import_batch": 0, "import_change": 0,
          "customer_tag": 0, "fts_rows": 1, "filled": (None, 0, 1)}
AFTER = {"customer": ROWS + 1, "visit": ROWS, "import_batch": 1, "import_change": ROWS,
         "customer_tag": 0, "fts_rows": ROWS, "filled": ("c5@example.com", 4, 2)}


def run_and_kill(tmp_path: Path, big_file: Path, point: str, delay: float | None = None
                 ) -> tuple[dict, str]:
    book = tmp_path / "book.sqlite3"
    url = make_book(book)
    with Victim(python_code(CHILD, url, str(big_file), point)) as victim:
        if delay is None:
            victim.wait_for_marker(point, timeout=180)
        else:
            victim.wait_for_marker("start", timeout=60)
        victim.kill(after=delay or 0.0)
        described = victim.describe()
    assert victim.killed, described
    return state(book), described


@pytest.mark.parametrize("point,expected", [
    ("reading", BEFORE), ("chunk", BEFORE), ("updates", BEFORE), ("finish", BEFORE),
    ("committed", AFTER),
])
def test_kill_at_a_point(tmp_path, big_file, point, expected):
    got, described = run_and_kill(tmp_path, big_file, point)
    assert got == expected, described


def test_kill_at_random_moments(tmp_path, big_file):
    rng = random.Random(1403)
    seen = set()
    for attempt in range(2):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        got, described = run_and_kill(folder, big_file, "never", rng.uniform(1.0, 8.0))
        assert got in (BEFORE, AFTER), described
        seen.add("after" if got == AFTER else "before")
    assert seen  # which one depends on the machine's speed; both are fine


def test_the_book_works_after_a_kill(tmp_path, big_file):
    from shopcrm.services.excel.importer import import_customers, run_to_end
    from shopcrm.storage.db import open_database

    run_and_kill(tmp_path, big_file, "finish")
    db = open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}")
    try:
        report = run_to_end(import_customers(db, big_file, backup=False, on_duplicate="fill"))
        assert report.inserted == ROWS - 1 and report.updated == 1
    finally:
        db.close()
    assert state(tmp_path / "book.sqlite3") == AFTER
