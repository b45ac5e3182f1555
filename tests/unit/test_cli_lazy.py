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
json.dump({"code": code, "modules": sorted(m for m in sys.modules if m.startswith("shopcrm"))},
          open(sys.argv[1], "w"))
"""


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), SHOPCRM_DATA_DIR=str(tmp_path / "data"),
               SHOPCRM_CONFIG_DIR=str(tmp_path / "config"), SHOPCRM_LOG_DIR=str(tmp_path / "log"))
    report = tmp_path / "report.json"
    from shopcrm.storage.db import open_database

    open_database(f"sqlite:///{tmp_path / 'book.sqlite3'}").close()  # reads never create one
    proc = subprocess.run([sys.executable, "-c", LOADED, str(report), "--db",
                           f"sqlite:///{tmp_path / 'book.sqlite3'}", "customers", "--limit", "5"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(report.read_text())
    assert result["code"] == 0
    modules = set(result["modules"])
    other = {m for m in COMMAND_MODULES if m != "shopcrm.cli.customers"} & modules
    assert other == set(), f"customers loaded other command modules: {sorted(other)}"
    heavy = {m for m in modules if m.startswith(("shopcrm.services.messaging",
                                                 "shopcrm.services.reports",
                                                 "shopcrm.services.excel"))}
    assert heavy == set(), f"customers loaded {sorted(heavy)}"
