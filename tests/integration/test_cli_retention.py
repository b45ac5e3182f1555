"""``shopcrm complaint|complaints|inbox|survey|call-list`` in-process, with the fake gateway."""

from __future__ import annotations

import json

import pytest
from support.fake_kavenegar import FakeKavenegar

SENDER = "10004346"


@pytest.fixture
def book(tmp_path, run_cli):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    assert run_cli("--db", url, "customer", "add", "--name", "مریم احمدی", "--phone",
                   "۰۹۱۲۱۲۳۴۵۶۷")[0] == 0
    assert run_cli("--db", url, "visit", "add", "--phone", "09121234567", "--service",
                   "رنگ مو", "--staff", "لیلا", "--date", "1403/05/17 14:30")[0] == 0
    return url


@pytest.fixture
def gateway(monkeypatch):
    with FakeKavenegar() as fake:
        for key, value in {"PROVIDER": "kavenegar", "API_KEY": fake.api_key,
                           "BASE_URL": fake.base_url, "SENDER": SENDER,
                           "QUIET_HOURS": "off"}.items():
            monkeypatch.setenv(f"SHOPCRM_SMS_{key}", value)
        monkeypatch.setenv("SHOPCRM_SHOP_NAME", "آرایشگاه نگار")  # a real send names the shop
        monkeypatch.setenv("SHOPCRM_SHOP_ADDRESS", "تهران، ولیعصر ۱۲")
        yield fake


def test_complaint_add_resolve_and_list(book, run_cli):
    code, out, err = run_cli("--db", book, "complaint", "add", "--phone", "0912 123 4567",
                             "--text", "رنگ یکدست نبود", "--severity", "high", "--visit", "۱",
                             "--json")
    assert code == 0, err
    added = json.loads(out)
    assert (added["status"], added["severity"], added["service"]) == ("open", "high", "رنگ مو")
    code, out, _ = run_cli("complaints", "--open", "--db", book, "--json")
    data = json.loads(out)
    assert [c["id"] for c in data["complaints"]] == [added["id"]]
    assert data["report"]["open"] == 1
    assert run_cli("--db", book, "complaint", "progress", str(added["id"]))[0] == 0
    code, out, _ = run_cli("--db", book, "complaint", "resolve", str(added["id"]), "--note",
                           "دوباره رنگ شد", "--json")
    assert code == 0 and json.loads(out)["status"] == "resolved"
    code, out, _ = run_cli("--db", book, "complaints", "--json")
    report = json.loads(out)["report"]
    assert (report["open"], report["resolved"]) == (0, 1)
    assert report["by_staff"][0]["name"] == "لیلا"


@pytest.mark.parametrize("argv, words", [
    (["complaint", "add", "--phone", "0912", "--text", "x"], "not valid"),
    (["complaint", "add", "--phone", "09121234567", "--text", " "], "text is required"),
    (["complaint", "add", "--phone", "09121234567", "--text", "x", "--severity", "huge"],
     "invalid choice"),
    (["complaint", "add", "--phone", "09121234567", "--text", "x", "--visit", "77"],
     "Visit 77"),
    (["complaint", "resolve", "99"], "Complaint 99 was not found"),
    (["complaint", "resolve", "abc"], "not an id"),
    (["survey", "send"], "survey is off"),
])
def test_bad_input_is_one_line_and_exit_1(book, run_cli, argv, words):
    code, out, err = run_cli("--db", book, *argv)
    assert code == 1 and words in err and len(err.strip().splitlines()) == 1 and not out


def test_inbox_with_the_file_provider_says_it_has_none(book, run_cli):
    code, out, _ = run_cli("--db", book, "inbox", "sync")
    assert code == 0 and "has no inbox" in out
    code, out, _ = run_cli("--db", book, "--lang", "fa", "inbox", "sync")
    assert "صندوق دریافت ندارد" in out


def test_inbox_sync_and_survey_through_the_gateway(book, run_cli, gateway, monkeypatch):
    monkeypatch.setenv("SHOPCRM_SURVEY_ENABLED", "1")
    code, out, _ = run_cli("--db", book, "survey", "send", "--phones", "09121234567")
    assert code == 0 and "add --yes" in out and not gateway.sent
    code, out, err = run_cli("--db", book, "survey", "send", "--phones", "09121234567",
                             "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["sent"] == 1 and len(gateway.sent) == 1
    code, out, _ = run_cli("--db", book, "survey", "send", "--phones", "09121234567", "--yes")
    assert "to send now: 0" in out and len(gateway.sent) == 1

    gateway.inject_reply("+989121234567", "۱")
    gateway.inject_reply("09121234567", "سلام، کی باز هستید؟")
    code, out, err = run_cli("--db", book, "inbox", "sync", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["scores"], result["complaints_opened"], result["listed"]) == (1, 1, 1)
    code, out, _ = run_cli("--db", book, "inbox", "--unread", "--json")
    inbox = json.loads(out)
    assert inbox["unread"] == 1 and inbox["messages"][0]["text"] == "سلام، کی باز هستید؟"
    assert run_cli("--db", book, "inbox", "read", str(inbox["messages"][0]["id"]))[0] == 0
    assert json.loads(run_cli("--db", book, "inbox", "--unread", "--json")[1])["unread"] == 0
    code, out, _ = run_cli("--db", book, "visits", "--phone", "09121234567", "--json")
    assert json.loads(out)[0]["satisfaction"] == 1
    complaints = json.loads(run_cli("--db", book, "complaints", "--json")[1])["complaints"]
    assert [(c["channel"], c["severity"], c["visit_id"]) for c in complaints] == [
        ("survey", "high", 1)]
    calls = json.loads(run_cli("--db", book, "call-list", "--json")[1])["customers"]
    assert [c["mobile"] for c in calls] == ["09121234567"]


def test_inbox_sync_with_a_refused_key_is_one_line_and_exit_1(book, run_cli, gateway,
                                                               monkeypatch):
    monkeypatch.setenv("SHOPCRM_SMS_API_KEY", "not-the-key")
    code, out, err = run_cli("--db", book, "inbox", "sync")
    assert code == 1 and not out and len(err.strip().splitlines()) == 1
    assert "not-the-key" not in err
