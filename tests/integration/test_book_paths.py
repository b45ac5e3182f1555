"""Which book a command opens: ``--db`` and ``SHOPCRM_DB`` as a file path or a URL, a
mistyped path refused without making anything, and bad values said in one sentence.

A command that only reads never creates a book; ``init``, ``demo``, ``import`` and
``customer add`` may. Whatever the owner types (an unknown URL scheme, a folder, a
number far too large, ``1e30`` for an id), the answer is one line and exit 1, never a
traceback or exit 2.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from shopcrm.cli import build_parser
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.paths import db_url_from

READING = [
    ["customers"],
    ["customers", "--search", "x"],
    ["customer", "show", "--id", "1"],
    ["visits", "--id", "1"],
    ["duplicates"],
    ["absent"],
    ["overdue"],
    ["segments"],
    ["retention"],
    ["birthdays"],
    ["imports"],
    ["campaigns"],
    ["report", "--json"],
    ["check"],
    ["backup"],
    ["customer", "edit", "--id", "1", "--city", "x"],
    ["visit", "add", "--id", "1", "--amount", "1000"],
    ["import", "undo", "1"],
]


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def nothing_made(tmp_path, before):
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.fixture
def book(tmp_path, run_cli):
    path = tmp_path / "shop.sqlite3"
    code, _, err = run_cli("--db", str(path), "customer", "add", "--name", "مریم احمدی",
                           "--phone", "09121234567")
    assert code == 0, err
    return path


# -- a plain path and a URL are the same book ------------------------------------------------

def test_a_plain_path_and_its_url_open_the_same_book(book, run_cli):
    by_path = run_cli("--db", str(book), "customers", "--json")
    by_url = run_cli("--db", f"sqlite:///{book}", "customers", "--json")
    assert by_path[0] == by_url[0] == 0
    assert json.loads(by_path[1]) == json.loads(by_url[1])
    assert json.loads(by_path[1])[0]["phone"] == "09121234567"


def test_shopcrm_db_takes_a_path_too_and_relative_paths_mean_the_current_folder(
        book, run_cli, monkeypatch):
    monkeypatch.chdir(book.parent)
    monkeypatch.setenv("SHOPCRM_DB", book.name)
    code, out, err = run_cli("customers", "--json")
    assert code == 0, err
    assert json.loads(out)[0]["name"] == "مریم احمدی"
    monkeypatch.setenv("SHOPCRM_DB", "~/" + "no-such-book-here.sqlite3")
    code, _, err = run_cli("--lang", "en", "customers")
    assert code == 1 and "There is no book at" in one_line(err)


def test_db_url_from_reads_paths_and_urls(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert db_url_from("book.sqlite3") == f"sqlite:///{tmp_path / 'book.sqlite3'}"
    assert db_url_from(f"  {tmp_path}/b.sqlite3 ") == f"sqlite:///{tmp_path}/b.sqlite3"
    assert db_url_from("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"
    assert db_url_from("postgres://u:p@h/shop") == "postgresql+psycopg://u:p@h/shop"
    assert db_url_from("postgresql://u@h:5433/shop") == "postgresql+psycopg://u@h:5433/shop"
    for bad, code in [("", "db_bad_url"), ("   ", "db_bad_url"), ("::://", "db_bad_url"),
                      ("mysql://u:secret@h/shop", "db_unknown_scheme"),
                      ("oracle://h/x", "db_unknown_scheme"), (str(tmp_path), "db_is_folder"),
                      (f"sqlite:///{tmp_path}", "db_is_folder")]:
        with pytest.raises(InvalidInput) as caught:
            db_url_from(bad)
        assert caught.value.code == code, bad
        assert "secret" not in str(caught.value)


# -- a mistyped path: refused, nothing created ------------------------------------------------

@pytest.mark.parametrize("argv", READING, ids=lambda a: " ".join(a))
def test_a_command_that_reads_refuses_a_missing_book_and_makes_nothing(tmp_path, run_cli,
                                                                       argv):
    before = sorted(p.name for p in tmp_path.iterdir())
    typo = tmp_path / "shop.sqlite" / "nested" / "boook.sqlite3"
    code, out, err = run_cli("--db", str(typo), "--lang", "en", *argv)
    assert code == 1 and out == ""
    assert one_line(err) == (f"There is no book at {typo}; check the path, or run shopcrm "
                             "init to create a new book there.")
    nothing_made(tmp_path, before)
    code, _, err = run_cli("--db", f"sqlite:///{typo}", "--lang", "fa", *argv)
    assert code == 1 and one_line(err).startswith(f"دفتری در «{typo}» نیست")
    nothing_made(tmp_path, before)


def test_an_import_makes_the_book_but_not_a_dry_run_nor_a_missing_file(tmp_path, run_cli):
    workbook = tmp_path / "list.csv"
    workbook.write_text("نام,موبایل\nسارا,09120000001\n", encoding="utf-8")
    book = tmp_path / "new.sqlite3"
    code, _, err = run_cli("--db", str(book), "--lang", "en", "import", str(workbook),
                           "--dry-run")
    assert code == 1 and "There is no book at" in one_line(err)
    code, _, err = run_cli("--db", str(book), "--lang", "en", "import",
                           str(tmp_path / "missing.xlsx"))
    assert code == 1 and "was not found" in one_line(err)
    assert not book.exists()
    code, _, err = run_cli("--db", str(book), "import", str(workbook), "--no-backup")
    assert code == 0, err
    assert book.is_file()


@pytest.mark.parametrize("argv", [["init"], ["demo", "--customers", "3"],
                                  ["customer", "add", "--name", "نو", "--phone",
                                   "09120000009"]], ids=lambda a: a[0])
def test_commands_that_set_up_a_book_may_create_it(tmp_path, run_cli, argv):
    book = tmp_path / "folder" / "new book.sqlite3"
    code, _, err = run_cli("--db", str(book), *argv)
    assert code == 0, err
    assert book.is_file()
    assert run_cli("--db", str(book), "customers", "--json")[0] == 0


def test_the_book_file_is_owner_only_when_made_from_a_path(tmp_path, run_cli):
    book = tmp_path / "private.sqlite3"
    assert run_cli("--db", str(book), "init")[0] == 0
    assert book.stat().st_mode & 0o077 == 0


def test_open_database_refuses_to_create_when_asked_not_to(tmp_path):
    from shopcrm.storage.db import open_database

    with pytest.raises(NotFound) as caught:
        open_database(str(tmp_path / "nope.sqlite3"), create=False)
    assert caught.value.code == "db_missing_book"
    assert list(tmp_path.iterdir()) == []


# -- bad values: one sentence, exit 1 ---------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    ("mysql://owner:secret@db.example/shop", "The database 'mysql' is not supported"),
    ("oracle+cx_oracle://h/x", "is not supported"),
    ("sqlite+nosuchdriver:///x.sqlite3", "The database driver 'sqlite+nosuchdriver' is not "
                                         "installed"),
    ("postgresql+asyncpg://u@h/x", "is not installed"),
    ("::://", "is neither a book file's path nor a database URL"),
    ("", "is neither a book file's path nor a database URL"),
])
def test_unknown_schemes_and_drivers_are_one_sentence(tmp_path, run_cli, value, words):
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = run_cli("--db", value, "--lang", "en", "customers")
    assert code == 1 and out == ""
    line = one_line(err)
    assert words in line and "secret" not in line
    code, _, err = run_cli("--db", value, "--lang", "fa", "init")
    assert code == 1 and "secret" not in one_line(err)
    nothing_made(tmp_path, before)


def test_a_folder_is_not_a_book(tmp_path, run_cli):
    code, _, err = run_cli("--db", str(tmp_path), "--lang", "en", "init")
    assert code == 1
    assert one_line(err).startswith(f"{tmp_path} is a folder, not a book file")


HUGE = "99999999999999999999"


@pytest.mark.parametrize("argv, option", [
    (["customers", "--limit", HUGE], "--limit"),
    (["customers", "--offset", HUGE], "--offset"),
    (["customer", "show", "--id", HUGE], "--id"),
    (["visit", "edit", HUGE, "--amount", "5"], "visit_id"),
    (["visits", "--id", "1", "--limit", HUGE], "--limit"),
    (["absent", "--days", HUGE], "--days"),
    (["overdue", "--min-visits", HUGE], "--min-visits"),
    (["outbox", "--campaign", HUGE], "--campaign"),
    (["followup", "snooze", "--id", HUGE, "--days", "3"], "--id"),
    (["demo", "--customers", HUGE], "--customers"),
    (["imports", "--limit", HUGE], "--limit"),
])
def test_oversized_numbers_are_one_sentence(book, run_cli, argv, option):
    code, out, err = run_cli("--db", str(book), "--lang", "en", *argv)
    assert code == 1 and out == ""
    assert one_line(err) == f"{option}: the number {HUGE} is out of range."
    code, _, err = run_cli("--db", str(book), "--lang", "fa", *argv)
    assert code == 1 and "بیرون از اندازه" in one_line(err)


@pytest.mark.parametrize("argv, words", [
    (["customer", "show", "--id", "1e30"], "--id: '1e30' is not a whole number"),
    (["customers", "--limit", "ten"], "--limit: 'ten' is not a whole number"),
    (["overdue", "--factor", "1e400"], "--factor: '1e400' is not a plain number"),
    (["overdue", "--factor", "nan"], "--factor: 'nan' is not a plain number"),
    (["absent", "--days", "9223372036854775807"], "absent_days must be <= 36500"),
    (["overdue", "--days", "9223372036854775807"], "overdue_min_days must be <= 36500"),
    (["demo", "--customers", "9223372036854775807"], "A demo book has at most"),
])
def test_numbers_that_are_not_numbers_or_too_big_for_the_work(book, run_cli, argv, words):
    code, out, err = run_cli("--db", str(book), "--lang", "en", *argv)
    assert code == 1 and out == "", err
    assert words in one_line(err)


@pytest.mark.parametrize("argv, option", [
    (["customers", "--limit", "-5"], "--limit"),  # was: every customer, exit 0
    (["customers", "--offset", "-3"], "--offset"),
    (["absent", "--limit", "-5"], "--limit"),  # was: "offset/limit: ۰/-۵"
    (["overdue", "--offset", "-1"], "--offset"),
    (["outbox", "--limit", "-۵"], "--limit"),
    (["imports", "--limit", "-1"], "--limit"),
    (["demo", "--customers", "-3"], "--customers"),  # was: "has at most 1000000 (asked -3)"
])
def test_a_negative_limit_or_offset_is_one_sentence(book, run_cli, argv, option):
    value = argv[-1]
    code, out, err = run_cli("--db", str(book), "--lang", "en", *argv)
    assert code == 1 and out == "", out[:200]
    assert one_line(err) == f"{option}: '{value}' is negative; write 0 or more."
    code, out, err = run_cli("--db", str(book), "--lang", "fa", *argv)
    assert code == 1 and out == ""
    assert one_line(err) == f"{option}: «{value}» منفی است؛ صفر یا بیشتر بنویسید."


def test_a_sum_beyond_what_the_book_stores_is_one_sentence(book, run_cli):
    """The largest amount is accepted; a second one would overflow the customer's total.
    (Typed in tomans, the owner's currency: ten rials each, stored in a 64-bit integer.)"""
    add = ["--db", str(book), "--lang", "en", "visit", "add", "--id", "1", "--amount",
           str((2**63 - 1) // 10)]
    assert run_cli(*add)[0] == 0
    code, _, err = run_cli(*add)
    assert code == 1
    assert one_line(err) == "A number is larger than the book can store; check the value."


@pytest.mark.parametrize("argv", [
    ["customers", "--limit", "9223372036854775807", "--offset", "9223372036854775807"],
    ["customer", "show", "--id", "9223372036854775807"],
    ["absent", "--limit", "9223372036854775807", "--min-visits", "9223372036854775807"],
    ["campaigns", "--limit", "9223372036854775807"],
    ["visit", "delete", "-9223372036854775808"],
    ["customers", "--limit", "۲"],
    ["overdue", "--factor", "۲٫۵"],
])
def test_the_largest_integers_are_never_a_crash(book, run_cli, argv):
    code, _, err = run_cli("--db", str(book), *argv)
    assert code in (0, 1), err
    assert "unexpected error" not in err


def test_every_number_option_of_every_command_is_guarded():
    """New commands get the guard too: no option is left with plain int or float."""
    parser = build_parser()
    todo, plain = [parser], []
    while todo:
        current = todo.pop()
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(set(action.choices.values()))
            elif action.type in (int, float):
                plain.append(f"{current.prog} {action.dest}")
    assert not plain


def test_the_real_command_says_it_in_one_line_too(tmp_path):
    """The same through ``python -m shopcrm`` in a fresh process (exit status, stderr)."""
    env_book = tmp_path / "missing.sqlite3"
    proc = subprocess.run([sys.executable, "-m", "shopcrm", "--db", str(env_book), "--lang",
                           "en", "customers", "--limit", HUGE], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1
    assert one_line(proc.stderr) == f"--limit: the number {HUGE} is out of range."
    proc = subprocess.run([sys.executable, "-m", "shopcrm", "--db", str(env_book), "--lang",
                           "en", "customers"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "There is no book at" in one_line(proc.stderr)
    assert not env_book.exists()
