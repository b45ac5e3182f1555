"""The installation self-test, the half without Qt (``ui.self_test`` adds the window).

Everything happens in a temporary folder: :func:`isolate` points the data, config and log
folders and the book there before anything reads them, and drops every other ``SHOPCRM_*``
setting of the environment, so the owner's real book, settings, keyring and log are never
touched. Each check is a function returning a one-line detail (or raising); a
:class:`Checklist` runs it, times it and prints ``ok``/``FAILED`` with the detail at once,
so a check that hangs still shows what passed before it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

DEMO_CUSTOMERS = 300
TEST_MOBILE = "09120000000"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    ms: float

    def line(self) -> str:
        word = "ok" if self.ok else "FAILED"
        return f"{word:<7} {self.name}: {self.detail} ({self.ms:,.0f} ms)"


class Checklist:
    """Runs checks in order, printing one line each as it finishes."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out
        self.checks: list[Check] = []

    def run(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``fn`` returns a detail string, or ``(detail, value)``; the value is returned.

        An exception fails the check (its type and first line, the traceback's last frames
        when ``SHOPCRM_SELF_TEST_VERBOSE`` is set) and returns None.
        """
        started = time.perf_counter()
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            detail = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
            if os.environ.get("SHOPCRM_SELF_TEST_VERBOSE"):
                detail += "\n" + traceback.format_exc(limit=-4)
            self._add(name, False, detail, started)
            return None
        detail, value = result if isinstance(result, tuple) else (result, None)
        self._add(name, True, str(detail), started)
        return value

    def fail(self, name: str, detail: str) -> None:
        self._add(name, False, detail, time.perf_counter())

    def _add(self, name: str, ok: bool, detail: str, started: float) -> None:
        check = Check(name, ok, detail, (time.perf_counter() - started) * 1000)
        self.checks.append(check)
        self.print(check.line())

    def print(self, text: str) -> None:
        out = self.out if self.out is not None else sys.stdout
        if out is None:  # a windowed program on Windows has no console
            return
        print(text, file=out, flush=True)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def summary(self) -> str:
        failed = sum(not c.ok for c in self.checks)
        word = "passed" if failed == 0 else "FAILED"
        return f"self-test {word}: {len(self.checks) - failed} passed, {failed} failed"


class CheckFailed(Exception):
    """A check's own verdict (as opposed to an error while checking)."""


def expect(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# -- the temporary home -------------------------------------------------------------------
def isolate(workdir: Path) -> dict[str, str]:
    """Point every user folder and the book into ``workdir``; returns what was set."""
    for name in [n for n in os.environ if n.startswith("SHOPCRM_")]:
        if not name.startswith("SHOPCRM_SELF_TEST"):
            del os.environ[name]
    values = {
        "SHOPCRM_DATA_DIR": str(workdir / "data"),
        "SHOPCRM_CONFIG_DIR": str(workdir / "config"),
        "SHOPCRM_LOG_DIR": str(workdir / "log"),
        "SHOPCRM_DB": f"sqlite:///{(workdir / 'data' / 'self-test.sqlite3').as_posix()}",
        "SHOPCRM_SECRETS_STORE": "file",  # never the owner's keyring
        "SHOPCRM_SMS_PROVIDER": "file",
        "SHOPCRM_SMS_QUIET_HOURS": "off",
        "SHOPCRM_UI_LANGUAGE": "fa",
        "MPLCONFIGDIR": str(workdir / "matplotlib"),  # matplotlib's font cache
    }
    os.environ.update(values)
    return values


def check_isolated(workdir: Path) -> str:
    from shopcrm.paths import config_dir, data_dir, default_db_url, log_dir

    root = workdir.resolve()
    for kind, path in (("data", data_dir()), ("config", config_dir()), ("log", log_dir())):
        expect(path.resolve().is_relative_to(root), f"the {kind} folder {path} is not temporary")
    expect(str(root) in str(Path(default_db_url().split("///", 1)[-1]).resolve()),
           "the book is not the temporary one")
    return f"book, settings and log in {workdir}"


def check_program() -> str:
    frozen = getattr(sys, "frozen", False)
    where = f"installed folder {Path(sys.executable).parent}" if frozen else "source checkout"
    from shopcrm import __version__

    return f"ShopCRM {__version__}, Python {sys.version.split()[0]}, {where}"


def check_resources(resources: Path) -> str:
    fonts = sorted(p.name for p in (resources / "fonts").glob("*.ttf"))
    expect(fonts, f"no fonts in {resources / 'fonts'}")
    expect((resources / "fonts" / "OFL.txt").is_file(), "the font licence OFL.txt is missing")
    icons = list((resources / "icons").glob("shopcrm.*"))
    expect(icons, "the app icon is missing")
    translations = resources / "translations"
    qms = sorted(p.name for p in translations.glob("*.qm"))
    if getattr(sys, "frozen", False):  # a checkout may build them on first start instead
        expect(qms, f"no built translations (.qm) in {translations}")
    return f"{', '.join(fonts)}, OFL.txt, icon, translations {', '.join(qms) or '(from .ts)'}"


# -- the book -------------------------------------------------------------------------------
def open_book() -> tuple[str, Any]:
    """Create the temporary book; every migration runs (alembic reads them as files)."""
    from sqlalchemy import inspect

    from shopcrm.paths import default_db_url
    from shopcrm.storage.db import open_database
    from shopcrm.storage.migrate import MIGRATIONS_DIR, current_revision, head_revision

    scripts = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
    expect(scripts, f"no migration scripts in {MIGRATIONS_DIR}")
    db = open_database(default_db_url())
    revision = current_revision(db.engine)
    expect(revision == head_revision(), f"schema at {revision}, expected {head_revision()}")
    tables = inspect(db.engine).get_table_names()
    return f"{len(scripts)} migrations to {revision}, {len(tables)} tables", db


def load_demo(db: Any, customers: int = DEMO_CUSTOMERS) -> str:
    from shopcrm.services.customers.demo import DemoResult, generate_demo
    from shopcrm.services.customers.service import CustomerService

    result = None
    for step in generate_demo(db, customers=customers, seed=1403):
        if isinstance(step, DemoResult):
            result = step
    expect(result is not None and result.customers == customers, "the demo stopped early")
    count = CustomerService(db).count()
    expect(count == customers, f"{count} customers in the book, expected {customers}")
    assert result is not None
    return f"{count} customers, {result.visits:,} visits"


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """The ``shopcrm`` command in this process, its stdout and stderr captured."""
    from shopcrm.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def check_cli(db_url: str) -> str:
    """``ShopCRM --cli customers --json``: the command a scheduler runs works here."""
    code, out, err = run_cli(["--db", db_url, "customers", "--limit", "3", "--json"])
    expect(code == 0, f"exit {code}: {err.strip()[:200]}")
    data = json.loads(out)
    rows = data if isinstance(data, list) else data.get("customers", data.get("rows", []))
    expect(len(rows) == 3, f"expected 3 customers in the JSON, got {len(rows)}")
    done = "customers --limit 3 --json gave 3 customers"
    try:
        import shopcrm.cli.absence  # noqa: F401 - the absent list, where it is built
    except ImportError:
        return done
    code, out, err = run_cli(["--db", db_url, "absent", "--json"])
    expect(code == 0, f"absent: exit {code}: {err.strip()[:200]}")
    total = json.loads(out).get("total")
    return f"{done}; absent --json listed {total} absent regulars"


# -- Excel ------------------------------------------------------------------------------------
def _last(events: Any) -> Any:
    """Drive a service generator (progress..., result); its last item."""
    result = None
    for result in events:  # noqa: B007 - the last one is the result
        pass
    return result


def _mobiles(db: Any) -> set[str]:
    from sqlalchemy import select

    from shopcrm.storage.models import Customer

    with db.reading() as s:
        return set(s.scalars(select(Customer.mobile).where(Customer.deleted_at.is_(None),
                                                            Customer.mobile.is_not(None))))


def excel_round_trip(db: Any, workdir: Path) -> str:
    """Export the customers to .xlsx, import the file into a second empty book, compare."""
    try:
        from shopcrm.services.excel.exporter import export_customers
        from shopcrm.services.excel.importer import import_customers
    except ImportError:  # a build without the Excel services: a plain sheet, read back
        return _plain_round_trip(db, workdir)
    from shopcrm.storage.db import open_database

    path = workdir / "customers.xlsx"
    exported = _last(export_customers(db, path))
    expect(path.is_file() and exported.rows > 0, "the export wrote no customers")
    second = open_database(f"sqlite:///{(workdir / 'data' / 'imported.sqlite3').as_posix()}")
    try:
        report = _last(import_customers(second, path, backup=False, remember=False))
        expect(report.inserted == exported.rows,
               f"exported {exported.rows} customers, the import added {report.inserted}")
        differ = len(_mobiles(db) ^ _mobiles(second))
        expect(differ == 0, f"{differ} mobiles differ after the round trip")
    finally:
        second.close()
    return (f"exported {exported.rows} customers ({path.stat().st_size:,} bytes), imported "
            f"them into an empty book: same mobiles")


def _plain_round_trip(db: Any, workdir: Path) -> str:
    from openpyxl import Workbook
    from sqlalchemy import select

    from shopcrm.services.excel import read_customers
    from shopcrm.storage.models import Customer

    path = workdir / "customers.xlsx"
    with db.reading() as s:
        people = s.execute(select(Customer.name, Customer.mobile)
                           .where(Customer.deleted_at.is_(None)).order_by(Customer.id)).all()
    book = Workbook()
    sheet = book.active
    sheet.title = "مشتریان"
    sheet.append(["نام", "موبایل"])
    for name, mobile in people:
        sheet.append([name, mobile])
    book.save(path)
    parsed = read_customers(path)
    expect(len(parsed.rows) == len(people),
           f"wrote {len(people)} customers, read back {len(parsed.rows)}")
    differ = len({m for _, m in people if m} ^ {r.mobile for r in parsed.rows if r.mobile})
    expect(differ == 0, f"{differ} mobiles differ after the round trip")
    return f"openpyxl: {len(people)} customers written, read back with the import reader"


# -- messages ---------------------------------------------------------------------------------
def send_test_sms(db: Any) -> str:
    """One SMS campaign to one demo customer (``shopcrm send``: outbox, template, sender)
    through the provider the settings name, the file provider here."""
    from sqlalchemy import select

    from shopcrm.services.messaging.factory import test_file
    from shopcrm.storage.models import Customer

    try:
        import shopcrm.cli.messaging  # noqa: F401 - the campaigns, where they are built
    except ImportError:  # a build without campaigns: the provider alone
        return _send_with_provider()
    with db.reading() as s:
        customer = s.execute(select(Customer.mobile, Customer.name).where(
            Customer.deleted_at.is_(None), Customer.mobile.is_not(None),
            Customer.sms_opt_out.is_(False)).order_by(Customer.id).limit(1)).one()
    code, out, err = run_cli(["--db", db.url, "send", "--phones", customer.mobile, "--text",
                              "سلام {first_name}، این پیام آزمایشی است.", "--yes", "--json"])
    expect(code == 0, f"shopcrm send: exit {code}: {err.strip()[:200]}")
    result = json.loads(out)
    expect((result.get("status"), result.get("written"), result.get("test_mode")) ==
           ("done", 1, True),  # test mode: written to the file, nothing sent
           f"the campaign ended {result.get('status')} with {result.get('written')} written "
           f"to the test file (test mode: {result.get('test_mode')})")
    path = test_file()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    mine = [r for r in lines if r.get("receptor") == customer.mobile]
    expect(len(mine) == 1, f"{len(mine)} messages to {customer.mobile} in {path}")
    first = customer.name.split()[0]
    expect(first in mine[0]["text"] and mine[0]["text"].rstrip().endswith("لغو۱۱"),
           f"unexpected text {mine[0]['text']!r}")
    return (f"campaign {result.get('campaign')}: 1 SMS to {customer.mobile} written to "
            f"{path.name}, personalised, with the opt-out line")


def _send_with_provider() -> str:
    from shopcrm.config import Settings
    from shopcrm.services.messaging.factory import sms_provider, test_file
    from shopcrm.services.messaging.providers.base import SmsMessage
    from shopcrm.services.messaging.sms_text import with_opt_out

    provider = sms_provider(Settings())
    expect(type(provider).__name__ == "FileSmsProvider",
           f"the settings chose {type(provider).__name__}, not the file provider")
    text = with_opt_out("سلام، این پیام آزمایشی ShopCRM است.", "service")
    results = provider.send([SmsMessage(local_id=1, receptor=TEST_MOBILE, text=text)])
    expect(len(results) == 1 and results[0].ok, f"not accepted: {results}")
    path = test_file()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expect(any(r.get("receptor") == TEST_MOBILE and r.get("text") == text for r in lines),
           f"the message is not in {path}")
    return f"1 SMS to {TEST_MOBILE} written to {path.name} by the file provider"


def heavy_modules(also: tuple[str, ...] = ()) -> list[str]:
    """The heavy libraries already imported (start-up must load none of them), and of
    ``also`` (the first paint also waits for no keyring, which is asked right after it)."""
    return sorted(m for m in ("matplotlib", "openpyxl", "python_calamine", "xlsxwriter", *also)
                  if m in sys.modules)
