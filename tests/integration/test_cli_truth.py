"""What the command line tells a new owner is what the book holds: totals under a list,
one meaning for ``--limit 0``, a demo that does not pour into a real book, the read-only
file named, the option named when an amount is not read, Persian digits and commas, and
help for every option."""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcrm.cli import build_parser


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A demo book of 60 customers with visits, three of them in the trash."""
    from shopcrm.services.customers.demo import generate_demo
    from shopcrm.services.customers.service import CustomerService
    from shopcrm.storage.db import open_database

    path = tmp_path / "book.sqlite3"
    db = open_database(f"sqlite:///{path}")
    for _ in generate_demo(db, 60, seed=7):
        pass
    CustomerService(db).delete([4, 9, 30])
    db.close()
    return path


def counted(path: Path, where: str, *params: object) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM customer WHERE {where}",
                                params).fetchone()[0])


def total_line(out: str) -> str:
    return out.splitlines()[0]


# -- 1. the customer list says how many there are ------------------------------------------


def test_the_list_says_the_real_total_of_the_book(book, run_cli):
    code, out, err = run_cli("--db", str(book), "--lang", "fa", "customers", "--limit", "5")
    assert code == 0, err
    total = counted(book, "deleted_at IS NULL")
    assert total == 57
    assert total_line(out) == "مشتری‌ها: ۵۷؛ نمایش ۱ تا ۵"
    assert len(out.splitlines()) == 6
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--offset", "50")
    assert total_line(out) == "customers: 57; showing 51-57"


def test_a_search_and_the_trash_say_their_own_totals(book, run_cli):
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--search", "0912",
                           "--limit", "2")
    found = counted(book, "deleted_at IS NULL AND mobile LIKE '%0912%'")
    assert code == 0 and 2 < found < 57
    assert total_line(out) == f"customers found: {found}; showing 1-2"
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--trash")
    assert counted(book, "deleted_at IS NOT NULL") == 3
    assert total_line(out) == "customers in the trash: 3; showing 1-3"
    assert len(out.splitlines()) == 1 + 2 + 3  # the line, the table's header and rule
    # a page of the trash is a page of the trash (was: a page of the book, filtered)
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--trash",
                           "--limit", "2")
    assert total_line(out) == "customers in the trash: 3; showing 1-2"
    assert [line.split()[0] for line in out.splitlines()[3:]] == ["4", "9"]


def test_a_segment_total_is_what_the_segment_lists(book, run_cli):
    code, out, _ = run_cli("--db", str(book), "customers", "--segment", "regular", "--limit",
                           "0", "--json")
    regulars = len(json.loads(out))
    assert code == 0 and 0 < regulars < 57
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--segment",
                           "regular", "--limit", "3")
    assert total_line(out) == f"customers found: {regulars}; showing 1-3"


def test_json_stays_the_list_of_rows(book, run_cli):
    code, out, _ = run_cli("--db", str(book), "customers", "--limit", "4", "--json")
    rows = json.loads(out)
    assert code == 0 and isinstance(rows, list) and len(rows) == 4 and "phone" in rows[0]


def test_an_empty_book_and_a_page_past_the_end_say_so(tmp_path, book, run_cli):
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--offset", "100")
    assert code == 0 and out.splitlines() == ["customers: 57; showing none"]
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--search",
                           "nobody-like-this")
    assert code == 0 and out.splitlines() == ["no customers found"]


# -- 2. --limit 0 means every row, on every command ----------------------------------------


def command_options(lang: str = "en") -> Iterator[tuple[str, argparse.Action]]:
    """(command, option) for every option of every command of ``lang``'s parser; the
    command is its words after ``shopcrm`` ("" for the top level)."""
    def walk(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, argparse.Action]]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from walk(sub, f"{path} {name}".strip())
            else:
                yield path, action

    yield from walk(build_parser(["--help"], lang), "")


def limit_options(lang: str = "en") -> Iterator[tuple[str, argparse.Action]]:
    return ((c, a) for c, a in command_options(lang) if "--limit" in a.option_strings)


def test_every_limit_reads_0_as_no_limit_and_says_so():
    found = dict(limit_options())
    assert len(found) >= 12, sorted(found)
    for command, action in found.items():
        assert action.type("0") is None, command  # type: ignore[misc,operator]
        assert action.type("۷") == 7, command  # type: ignore[misc,operator]
        assert "0 = all" in (action.help or ""), command
    fa = dict(limit_options("fa"))
    for command, action in fa.items():
        assert "۰ = همه" in (action.help or ""), command


@pytest.mark.parametrize("argv", [
    ["customers"], ["customers", "--trash"], ["duplicates"], ["visits", "--id", "2"],
    ["absent"], ["overdue"], ["imports"], ["campaigns"], ["outbox"], ["points", "--id", "2"],
    ["complaints"], ["inbox"], ["call-list"], ["today"],
])
def test_limit_0_lists_what_no_limit_lists(book, run_cli, argv):
    code, everything, err = run_cli("--db", str(book), *argv, "--limit", "1000000", "--json")
    assert code == 0, err
    code, zero, err = run_cli("--db", str(book), *argv, "--limit", "0", "--json")
    assert code == 0, err
    zero_data, all_data = json.loads(zero), json.loads(everything)
    if isinstance(zero_data, dict) and "limit" in zero_data:  # absent, overdue: the page
        assert (zero_data.pop("limit"), all_data.pop("limit")) == (None, 1000000)
    assert zero_data == all_data, argv


def test_customers_limit_0_lists_every_customer(book, run_cli):
    code, out, _ = run_cli("--db", str(book), "customers", "--limit", "0", "--json")
    assert code == 0 and len(json.loads(out)) == counted(book, "deleted_at IS NULL") == 57
    code, out, _ = run_cli("--db", str(book), "--lang", "en", "customers", "--limit", "0")
    assert total_line(out) == "customers: 57; showing 1-57"


# -- 7. every option of every command says what it is for ----------------------------------


def every_option(lang: str) -> Iterator[tuple[str, argparse.Action]]:
    for command, action in command_options(lang):
        if action.help != argparse.SUPPRESS:
            name = "/".join(action.option_strings) or action.dest
            yield " ".join(w for w in ("shopcrm", command, name) if w), action


def test_every_option_of_every_command_has_help_in_english_and_persian():
    english = list(every_option("en"))
    assert len(english) > 250  # every command's parser was walked
    missing = sorted({name for name, action in english if not (action.help or "").strip()})
    assert missing == [], f"options without help: {missing}"
    persian = re.compile("[\u0600-\u06ff]")
    untranslated = sorted({f"{name}: {action.help}" for name, action in every_option("fa")
                           if not persian.search(action.help or "")})
    assert untranslated == [], f"options whose help is not in Persian: {untranslated}"


# -- 3. a demo does not pour made-up customers into a real book ---------------------------


def test_demo_refuses_a_book_with_customers_unless_told(book, run_cli):
    before = counted(book, "1=1")
    code, out, err = run_cli("--db", str(book), "--lang", "fa", "demo", "--customers", "5")
    assert code == 1 and out == ""
    assert err.strip() == (
        "این دفتر ۶۰ مشتری دارد؛ نمونه در دفتری خالی بسازید (shopcrm demo --db نمونه.sqlite3) یا "
        "اگر واقعاً مشتریان ساختگی را کنار مشتریان واقعی می‌خواهید ‎--into-existing‎ را بدهید.")
    code, _, err = run_cli("--db", str(book), "--lang", "en", "demo", "--customers", "5")
    assert code == 1 and "already has 60 customers" in err and "--into-existing" in err
    assert counted(book, "1=1") == before
    code, out, err = run_cli("--db", str(book), "--json", "demo", "--customers", "5",
                             "--into-existing")
    assert code == 0, err
    assert json.loads(out)["customers"] == 5 and counted(book, "1=1") == before + 5


def test_demo_counts_the_trash_as_customers_and_fills_an_empty_book(tmp_path, run_cli):
    path = tmp_path / "trash-only.sqlite3"
    assert run_cli("--db", str(path), "customer", "add", "--name", "مینا", "--phone",
                   "09121112233")[0] == 0
    assert run_cli("--db", str(path), "customer", "delete", "--phone", "09121112233")[0] == 0
    code, _, err = run_cli("--db", str(path), "--lang", "en", "demo", "--customers", "3")
    assert code == 1 and "already has 1 customers" in err
    empty = tmp_path / "empty.sqlite3"
    code, out, err = run_cli("--db", str(empty), "--json", "demo", "--customers", "3")
    assert code == 0 and json.loads(out)["customers"] == 3 == counted(empty, "1=1"), err


def test_the_window_offer_loads_only_into_an_empty_book(book):
    """The window's offer asks the service for an empty book: a customer added since the
    offer was made (another window, an import) stops it before anything is written."""
    from shopcrm.errors import Conflict
    from shopcrm.services.customers.demo import generate_demo
    from shopcrm.storage.db import open_database

    db = open_database(f"sqlite:///{book}")
    try:
        with pytest.raises(Conflict) as caught:
            list(generate_demo(db, 5, only_if_empty=True))
        assert caught.value.code == "demo_book_not_empty"
        assert caught.value.data == {"customers": 60}
    finally:
        db.close()
    assert counted(book, "1=1") == 60


# -- 4. a book that cannot be replaced is named, not its (writable) folder -----------------


@pytest.fixture
def immutable():
    """``make(path)``: the file made immutable for real (``chattr +i``: even root cannot
    replace it, as the tryout did); undone after the test."""
    import shutil
    import subprocess

    made: list[Path] = []
    if not shutil.which("chattr"):
        pytest.skip("chattr is not installed")

    def make(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i is not permitted here: {done.stderr.strip()}")
        made.append(path)

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_restore_onto_a_read_only_book_names_the_book_file(tmp_path, run_cli, immutable):
    folder = tmp_path / "shop"
    folder.mkdir()
    path = folder / "book.sqlite3"
    assert run_cli("--db", str(path), "customer", "add", "--name", "مینا", "--phone",
                   "09121112233")[0] == 0
    assert run_cli("--db", str(path), "backup")[0] == 0
    immutable(path)
    code, _, err = run_cli("--db", str(path), "--lang", "fa", "restore", "--newest", "--yes")
    assert code == 1
    assert err.strip() == f"امکان نوشتن نیست (فقط‌خواندنی): {path}"
    code, _, err = run_cli("--db", str(path), "--lang", "en", "restore", "--newest", "--yes")
    assert code == 1 and err.strip() == f"Cannot write (read-only): {path}"
    assert counted(path, "1=1") == 1  # the book is as it was
    assert [p.name for p in folder.iterdir() if p.name.startswith(".shopcrm-restore")] == []


# -- 5. an amount that is not read names its option; «۱۵۰ هزار» is read -------------------


def test_an_amount_not_read_names_the_option(book, run_cli):
    code, _, err = run_cli("--db", str(book), "--lang", "fa", "visit", "add", "--id", "31",
                           "--amount", "۱۵۰ هزارتا")
    assert code == 1
    assert err.strip() == "--amount: مبلغ «۱۵۰ هزارتا» خوانده نشد؛ مثل ۱۵۰٬۰۰۰ یا ۱۵۰ هزار بنویسید."
    code, _, err = run_cli("--db", str(book), "--lang", "en", "visit", "add", "--id", "31",
                           "--amount", "-5")
    assert code == 1 and err.strip() == "--amount: '-5' is negative; write 0 or more."
    code, _, err = run_cli("--db", str(book), "--lang", "en", "points", "--id", "31",
                           "redeem", "--points", "ten")
    assert code == 1 and err.startswith("--points: 'ten' is not a whole number")


def test_an_amount_said_in_thousands_is_stored_as_such(book, run_cli):
    code, out, err = run_cli("--db", str(book), "--json", "visit", "add", "--id", "31",
                             "--amount", "۱۵۰ هزار")
    assert code == 0, err
    visit_id = json.loads(out)["id"]
    with sqlite3.connect(book) as conn:
        stored = conn.execute("SELECT amount FROM visit WHERE id = ?", (visit_id,)).fetchone()
    assert stored == (1_500_000,)  # 150,000 tomans in rials


# -- 6. Persian digits, grouping and commas -----------------------------------------------


def test_settings_list_groups_the_digits_of_its_ranges(run_cli, config_dir):
    code, out, _ = run_cli("--lang", "fa", "settings", "list", "loyalty")
    assert code == 0
    assert "عدد صحیح از ۰ تا ۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰" in out  # loyalty.points_per_amount
    assert "۱۰۰۰۰۰۰۰۰۰۰۰۰" not in out
    code, out, _ = run_cli("--lang", "en", "settings", "list", "loyalty")
    assert "whole number 0..1,000,000,000,000" in out


@pytest.mark.parametrize(("argv", "words"), [
    (["customer", "merge"], "این ورودی‌ها لازم‌اند: نگه‌داشتنی، دیگری"),
    (["customers", "--se", "x"], "می‌تواند هر یک از --search، --segment باشد"),
    (["customers", "--sort", "x"], "(یکی از 'name'، 'mobile'، 'city'،"),
])
def test_argparse_lists_take_the_persian_comma(book, run_cli, argv, words):
    code, _, err = run_cli("--db", str(book), "--lang", "fa", *argv)
    assert code == 1 and words in err and ", " not in err, err
    code, _, err = run_cli("--db", str(book), "--lang", "en", *argv)
    assert code == 1 and ", " in err  # English keeps its own comma


def test_a_customer_id_in_an_error_has_persian_digits(book, run_cli):
    code, _, err = run_cli("--db", str(book), "--lang", "fa", "customer", "show", "--id", "999")
    assert code == 1 and err.strip() == "مشتری #۹۹۹ پیدا نشد."


def test_totals_and_limit_0_on_each_backend(db_url, run_cli):
    """The count and the unlimited page are the same statements on SQLite and PostgreSQL."""
    for i, name in enumerate(["سارا", "سارا رضایی", "مینا"]):
        assert run_cli("--db", db_url, "customer", "add", "--name", name, "--phone",
                       f"0912000000{i}")[0] == 0
    assert run_cli("--db", db_url, "customer", "delete", "--phone", "09120000002")[0] == 0
    code, out, _ = run_cli("--db", db_url, "--lang", "en", "customers", "--limit", "1")
    assert code == 0 and total_line(out) == "customers: 2; showing 1-1"
    code, out, _ = run_cli("--db", db_url, "--lang", "en", "customers", "-s", "سا",
                           "--limit", "0")
    assert total_line(out) == "customers found: 2; showing 1-2"
    code, out, _ = run_cli("--db", db_url, "--lang", "en", "customers", "--trash")
    assert total_line(out) == "customers in the trash: 1; showing 1-1"
    code, out, _ = run_cli("--db", db_url, "customers", "--limit", "0", "--offset", "1",
                           "--json")
    assert [r["name"] for r in json.loads(out)] == ["سارا رضایی"]
