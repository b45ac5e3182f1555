"""The ``shopcrm`` command: the contract of DESIGN.md, end to end on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'book.sqlite3'}"


def test_db_and_json_before_or_after_the_command(run_cli, url):
    code, _, _ = run_cli("--db", url, "customer", "add", "--name", "مریم", "--phone",
                         "۰۹۱۲۱۲۳۴۵۶۷")
    assert code == 0
    first = run_cli("--db", url, "--json", "customers")
    second = run_cli("customers", "--db", url, "--json")
    assert first[0] == second[0] == 0
    assert json.loads(first[1]) == json.loads(second[1])
    row = json.loads(first[1])[0]
    for key in ("id", "name", "phone", "email", "city", "visit_count", "last_visit_at",
                "total_spent", "sms_opt_out", "email_opt_out"):
        assert key in row
    assert row["phone"] == "09121234567"


def test_customer_lifecycle(run_cli, url):
    assert run_cli("customer", "add", "--db", url, "--name", "سارا", "--phone", "09120000001",
                   "--birthday", "1370/01/05", "--tags", "عروس,دانشجو")[0] == 0
    code, out, _ = run_cli("customer", "show", "--db", url, "--phone", "+989120000001",
                           "--json")
    shown = json.loads(out)
    assert code == 0 and shown["birthday"] == "1991-03-25" and shown["tags"] == ["دانشجو",
                                                                                "عروس"]
    code, out, _ = run_cli("customer", "edit", "--db", url, "--id", str(shown["id"]),
                           "--city", "تهران", "--sms-opt-out", "--json")
    edited = json.loads(out)
    assert edited["city"] == "تهران" and edited["sms_opt_out"] is True
    assert run_cli("customer", "delete", "--db", url, "--phone", "09120000001")[0] == 0
    assert json.loads(run_cli("customers", "--db", url, "--json")[1]) == []
    assert run_cli("customer", "restore", "--db", url, "--phone", "09120000001")[0] == 0
    assert len(json.loads(run_cli("customers", "--db", url, "--json")[1])) == 1


def test_visits_with_jalali_dates_and_json_in_iso(run_cli, url):
    run_cli("customer", "add", "--db", url, "--name", "نرگس", "--phone", "09120000002")
    code, _, _ = run_cli("visit", "add", "--db", url, "--phone", "09120000002", "--date",
                         "۱۴۰۳/۰۵/۱۷ ۱۴:۳۰", "--amount", "۲,۵۰۰,۰۰۰", "--service", "رنگ مو",
                         "--satisfaction", "5")
    assert code == 0
    code, out, _ = run_cli("visits", "--db", url, "--phone", "09120000002", "--json")
    visit = json.loads(out)[0]
    assert visit["at"] == "2024-08-07T11:00:00"  # 14:30 Tehran in UTC, ISO Gregorian
    assert visit["amount"] == 25_000_000  # stored in rials: 2,500,000 tomans (the default)
    code, out, _ = run_cli("visit", "edit", str(visit["id"]), "--db", url, "--amount", "100",
                           "--json")
    assert code == 0 and json.loads(out)["amount"] == 1000
    assert run_cli("visit", "delete", str(visit["id"]), "--db", url)[0] == 0
    assert json.loads(run_cli("visits", "--db", url, "--phone", "09120000002",
                              "--json")[1]) == []


@pytest.mark.parametrize("argv", [
    ["customer", "add", "--name", "x", "--phone", "12345"],
    ["customer", "show", "--phone", "09999999999"],
    ["customer", "show"],
    ["visit", "add", "--phone", "09120000003", "--date", "1404/12/30"],
    ["visit", "delete", "424242"],
    ["customers", "--limit", "lots"],
    ["no-such-command"],
])
def test_bad_input_is_one_line_and_exit_1(run_cli, url, argv):
    run_cli("customer", "add", "--db", url, "--name", "x", "--phone", "09120000003")
    code, _, err = run_cli(*argv, "--db", url)
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def test_duplicate_mobile_message_names_the_customer(run_cli, url):
    run_cli("customer", "add", "--db", url, "--name", "مریم احمدی", "--phone", "09121112233")
    code, _, err = run_cli("customer", "add", "--db", url, "--name", "دیگری", "--phone",
                           "0912 111 2233")
    assert code == 1 and "مریم احمدی" in err and "09121112233" in err


def test_merge_and_duplicates(run_cli, url):
    run_cli("customer", "add", "--db", url, "--name", "زهرا کریمی", "--phone", "09120000010")
    run_cli("customer", "add", "--db", url, "--name", "زهرا كريمي", "--phone", "09120000011")
    code, out, _ = run_cli("duplicates", "--db", url, "--json")
    pair = json.loads(out)[0]
    assert pair["reason"] == "name"
    code, out, _ = run_cli("customer", "merge", "--db", url, "09120000010", "09120000011",
                           "--json")
    assert code == 0 and json.loads(out)["phone2"] == "09120000011"
    assert json.loads(run_cli("duplicates", "--db", url, "--json")[1]) == []
    run_cli("customer", "add", "--db", url, "--name", "دیگری", "--phone", "09120000012")
    keep_id = json.loads(out)["id"]
    code, out, _ = run_cli("customer", "merge", "--db", url, f"#{keep_id}", "09120000012",
                           "--json")
    assert code == 0 and json.loads(out)["id"] == keep_id


def test_demo_then_search_through_a_real_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    run = subprocess.run([sys.executable, "-m", "shopcrm", "--db", url, "demo",
                          "--customers", "300", "--json"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["customers"] == 300
    run = subprocess.run([sys.executable, "-m", "shopcrm", "customers", "--db", url,
                          "--search", "محمدی", "--json", "--limit", "5"],
                         capture_output=True, text=True, timeout=60)
    rows = json.loads(run.stdout)
    assert run.returncode == 0 and rows and all("محمدی" in r["name"] for r in rows)
