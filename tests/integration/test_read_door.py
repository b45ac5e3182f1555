"""Reads never wait for a writer: every read command and read service answers at once while
another process holds the book's write lock (SQLite WAL).

A read through the write door would open ``BEGIN IMMEDIATE`` and wait the busy timeout
(15 s) for the lock held here, then fail with db_locked; through the read door it returns
in milliseconds. A second check records every ``BEGIN IMMEDIATE`` the reads issue on the
engine (there must be none), and a third refuses a write through the read door.
"""

from __future__ import annotations

import ast
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from support.write_lock import write_lock

from shopcrm.config import Settings
from shopcrm.services.absence.birthdays import BirthdayService
from shopcrm.services.absence.contact_log import ContactLogService
from shopcrm.services.absence.lists import AbsenceService
from shopcrm.services.absence.segments import RfmService, segment_filter
from shopcrm.services.absence.vip import VipService
from shopcrm.services.customers.counter import CounterService
from shopcrm.services.customers.demo import generate_demo
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.views import status_flags, view_count, view_ids
from shopcrm.services.customers.visits import VisitService
from shopcrm.services.excel.import_batches import list_batches
from shopcrm.services.messaging.campaigns import CampaignService
from shopcrm.storage import readers
from shopcrm.storage.db import Database, WriteThroughReadDoor, open_database
from shopcrm.storage.models import Customer

ROOT = Path(__file__).resolve().parents[2]
AT_ONCE_S = 3.0  # far below the 15 s busy timeout a write-door read would wait



@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("read-door") / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    for _ in generate_demo(db, 300, seed=7):
        pass
    yield db
    db.close()


@pytest.fixture
def write_lock_held(demo_book: Database) -> Iterator[None]:
    """Another process holds the write lock for the length of the test."""
    assert demo_book.sqlite_path is not None
    with write_lock(demo_book.sqlite_path):
        yield


@pytest.fixture
def immediate_begins(demo_book: Database) -> Iterator[list[str]]:
    """Every ``BEGIN IMMEDIATE`` the engine sends while the test runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.strip().upper().startswith("BEGIN IMMEDIATE"):
            seen.append(statement)

    event.listen(demo_book.engine, "before_cursor_execute", record)
    yield seen
    event.remove(demo_book.engine, "before_cursor_execute", record)


def read_calls(db: Database) -> dict[str, Callable[[], object]]:
    """The read paths of the services, the window's page fetches and the storage readers."""
    settings = Settings(path=Path("/nonexistent/settings.toml"), env={})
    customers = CustomerService(db)
    visits = VisitService(db)
    some = customers.find(customer_id=1)
    ids = list(range(1, 60))
    return {
        "customer get": lambda: customers.get(1),
        "customer find by mobile": lambda: customers.find(phone=some.mobile or "0912"),
        "customer count (demo offer, status bar)": lambda: customers.count(include_deleted=True),
        "all tags": customers.all_tags,
        "trash": customers.trash,
        "duplicates": customers.duplicates,
        "visit history": lambda: visits.history(1),
        "counter lookup": lambda: CounterService(db, customers, visits).lookup(
            some.mobile or "09120000000"),
        "contact history": lambda: ContactLogService(db).history(1),
        "absent list": lambda: AbsenceService(db, settings).absent(limit=50),
        "overdue list": lambda: AbsenceService(db, settings).overdue(limit=50),
        "rfm summary": lambda: RfmService(db, settings).summary(),
        "vip count": lambda: VipService(db, settings).count(),
        "birthdays": lambda: BirthdayService(db).upcoming(30),
        "campaign list": lambda: CampaignService(db, settings).list(),
        "import batches": lambda: list_batches(db),
        "table: view ids": lambda: view_ids(db, settings, segment_filter, segment="absent"),
        "table: view count": lambda: view_count(db, settings, segment_filter, query="رضا"),
        "table: status flags": lambda: status_flags(db, settings, segment_filter),
        "table: one page of rows": lambda: readers.customer_rows(db, ids),
        "names": lambda: readers.customer_names(db, ids),
        "recent campaigns": lambda: readers.recent_campaigns(db),
        "customers per city": lambda: readers.customers_per_city(db),
    }


def test_every_read_answers_at_once_while_another_process_writes(
        demo_book: Database, write_lock_held: None, immediate_begins: list[str]) -> None:
    slow = {}
    for name, call in read_calls(demo_book).items():
        started = time.perf_counter()
        call()
        elapsed = time.perf_counter() - started
        if elapsed > AT_ONCE_S:
            slow[name] = round(elapsed, 1)
    assert not slow, f"these reads waited for the writer: {slow}"
    assert immediate_begins == [], "a read opened BEGIN IMMEDIATE"


READ_COMMANDS = [
    ["customers", "--limit", "5"],
    ["customers", "--search", "رضا", "--json"],
    ["customer", "show", "--id", "1"],
    ["visits", "--id", "1"],
    ["absent"],
    ["overdue"],
    ["segments"],
    ["birthdays", "--days", "30"],
    ["retention", "--period", "month"],
    ["duplicates"],
    ["campaigns"],
    ["imports"],
]


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=lambda a: " ".join(a))
def test_read_commands_answer_at_once_while_another_process_writes(
        demo_book: Database, write_lock_held: None, run_cli: Any, argv: list[str]) -> None:
    started = time.perf_counter()
    code, out, err = run_cli("--db", demo_book.url, *argv)
    elapsed = time.perf_counter() - started
    assert code == 0, err
    assert out.strip()
    assert elapsed < AT_ONCE_S, f"{' '.join(argv)} waited {elapsed:.1f} s for the writer"


def test_a_write_through_the_read_door_is_refused(demo_book: Database) -> None:
    with pytest.raises(WriteThroughReadDoor), demo_book.reading() as session:
        customer = session.get(Customer, 1)
        assert customer is not None
        customer.notes = "written through the read door"
    with demo_book.reading() as session:
        customer = session.get(Customer, 1)
        assert customer is not None and customer.notes != "written through the read door"


def _calls_in(path: Path, names: set[str]) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in names):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.func.attr}()")
    return found


def test_the_window_opens_no_session_and_runs_no_sql() -> None:
    """SQL lives below ui/: the window reads through services and storage readers only."""
    opened = []
    imports = []
    for path in [*sorted((ROOT / "ui").rglob("*.py")), ROOT / "app.py"]:
        opened += _calls_in(path, {"session", "reading", "writing", "read_session"})
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    ("sqlalchemy", "shopcrm.storage.models")):
                names = {a.name for a in node.names}
                if node.module != "sqlalchemy.engine" or names != {"make_url"}:
                    imports.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
    assert opened == [], "ui/ opens database sessions itself"
    assert imports == [], "ui/ imports SQL building blocks"
