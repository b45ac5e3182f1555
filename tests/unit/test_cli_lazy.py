"""Commands import only what they run: the table of command words matches what each
module registers, a command loads its own module and no other command module, and
``shopcrm --help`` still lists every command."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shopcrm.cli import COMMAND_MODULES, COMMANDS, build_parser, command_word

REPO = Path(__file__).resolve().parents[2]


def options(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each command word's option strings, as a parser builds them."""
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    return {word: sorted(o for a in sub._actions for o in a.option_strings)
            for word, sub in choices.items()}


def test_the_table_names_every_command_and_the_modules_that_build_it() -> None:
    full = options(build_parser(["--help"]))
    assert set(full) == set(COMMANDS)
    for word in COMMANDS:
        assert options(build_parser([word]))[word] == full[word], word


def test_the_command_word_is_found_among_the_global_options() -> None:
    assert command_word(["--db", "sqlite:///x", "--json", "customers", "--limit", "5"]) == (
        "customers")
    assert command_word(["--lang", "fa", "absent"]) == "absent"
    assert command_word(["--db=sqlite:///x", "visits"]) == "visits"
    assert command_word(["--help"]) is None
    assert command_word([]) is None


def test_help_lists_every_command() -> None:
    choices = build_parser(["--help"])._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(COMMANDS) <= set(choices)


LOADED = """
import json, sys
from shopcrm.cli import main
code = main(sys.argv[2:])
json.dump({"code": code, "modules": sorted(sys.modules)}, open(sys.argv[1], "w"))
"""

# What ``shopcrm customers --limit 5`` must not load: its page is read through the read
# door's Core connection (storage/customer_page.py), so neither the ORM nor the models (nor
# the PostgreSQL dialect their indexes name), Alembic (an up-to-date book is checked with
# one query), the customer service, Qt, or the Excel and chart libraries. The command
# starts within 1.3x of a bare SQLAlchemy script reading the same rows
# (benchmarks/bench_structure.py); one of these imports would undo that.
NOT_FOR_A_LIST = ("sqlalchemy.orm", "shopcrm.storage.models", "sqlalchemy.dialects.postgresql",
                  "alembic", "shopcrm.services.customers.service", "PySide6", "shiboken6",
                  "openpyxl", "python_calamine", "matplotlib", "tqdm", "requests", "kavenegar")


@pytest.fixture(scope="module")
def customers_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``shopcrm customers --limit 5`` in a fresh interpreter over a book with customers
    and visits (so dates, money and Persian digits are printed): its exit code, output and
    every module it loaded."""
    tmp_path = tmp_path_factory.mktemp("customers-run")
    env = dict(os.environ, PYTHONPATH=str(REPO), SHOPCRM_DATA_DIR=str(tmp_path / "data"),
               SHOPCRM_CONFIG_DIR=str(tmp_path / "config"), SHOPCRM_LOG_DIR=str(tmp_path / "log"))
    env.pop("SHOPCRM_LANG", None)
    report = tmp_path / "report.json"
    from shopcrm.services.customers.demo import generate_demo
    from shopcrm.storage.db import open_database

    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    db = open_database(url)  # reads never create one
    for _ in generate_demo(db, 8, seed=5):
        pass
    db.close()
    proc = subprocess.run([sys.executable, "-c", LOADED, str(report), "--db", url, "--lang",
                           "fa", "customers", "--limit", "5"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(report.read_text())
    return {"code": result["code"], "out": proc.stdout, "modules": set(result["modules"])}


def test_a_command_imports_only_its_own_module(customers_run: dict[str, Any]) -> None:
    assert customers_run["code"] == 0
    modules = customers_run["modules"]
    other = {m for m in COMMAND_MODULES if m != "shopcrm.cli.customer_list"} & modules
    assert other == set(), f"customers loaded other command modules: {sorted(other)}"
    heavy = {m for m in modules if m.startswith(("shopcrm.services.messaging",
                                                 "shopcrm.services.reports",
                                                 "shopcrm.services.excel"))}
    assert heavy == set(), f"customers loaded {sorted(heavy)}"


def test_the_customer_list_keeps_its_import_budget(customers_run: dict[str, Any]) -> None:
    lines = customers_run["out"].splitlines()
    assert lines[0] == "مشتری‌ها: ۸؛ نمایش ۱ تا ۵", lines  # the book's total, counted too
    assert len(lines) == 6 and all(line.startswith("• ") for line in lines[1:]), lines
    assert "آخرین مراجعه: ۱۴" in customers_run["out"]  # a Jalali date, Persian digits
    assert "shopcrm.storage.customer_page" in customers_run["modules"]  # it did read
    loaded = sorted(m for m in customers_run["modules"]
                    if any(m == name or m.startswith(name + ".") for name in NOT_FOR_A_LIST))
    assert loaded == [], f"shopcrm customers --limit 5 loaded {loaded}"
