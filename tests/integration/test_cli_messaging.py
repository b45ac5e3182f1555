"""The messaging commands in-process (``run_cli``) against the fake gateway on loopback:
send (dry run, refusal without --yes, JSON), campaigns, outbox, resume, cancel,
sync-status, credit, relocation, template preview/list, and the file provider that works
without any account."""

from __future__ import annotations

import json

import pytest
from support.fake_kavenegar import PRICES, FakeKavenegar

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.storage.db import open_database

SENDER = "10004346"
TEXT = "{first_name} عزیز، دلمان برایتان تنگ شده"


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    db = open_database(url)
    book = CustomerService(db)
    for i, name in enumerate(["سارا", "مینا", "رضا", "نرگس", "لیلا"]):
        book.add(CustomerInput(name=f"{name} احمدی", mobile=f"0912000000{i}",
                               email=f"c{i}@example.com" if i < 2 else None))
    book.set_opt_out(5, "sms")  # لیلا
    db.close()
    return url


@pytest.fixture
def fake(monkeypatch, tmp_path):
    with FakeKavenegar() as server:
        for key, value in {"PROVIDER": "kavenegar", "API_KEY": server.api_key,
                           "BASE_URL": server.base_url, "SENDER": SENDER}.items():
            monkeypatch.setenv(f"SHOPCRM_SMS_{key}", value)
        monkeypatch.setenv("SHOPCRM_SHOP_NAME", "آرایشگاه نگار")
        monkeypatch.setenv("SHOPCRM_SHOP_ADDRESS", "تهران، ولیعصر ۱۲")
        yield server


def cli(run_cli, url, *argv):
    code, out, err = run_cli("--db", url, *argv)
    return code, (json.loads(out) if "--json" in argv and out.strip() else out), err


def test_dry_run_shows_the_plan_and_sends_nothing(run_cli, url, fake):
    code, plan, err = cli(run_cli, url, "send", "--all", "--text", TEXT, "--dry-run", "--json")
    assert code == 0, err
    assert plan["campaign"] is None and plan["dry_run"] is True
    assert plan["recipients"] == 4 and plan["excluded"] == {"opted_out": 1}
    assert plan["parts"] == 4 and plan["parts_per_message"] == {"1": 4}
    assert plan["credit"] == fake.credit
    assert (plan["sent"], plan["failed"], plan["queued"]) == (0, 0, 0)
    assert not fake.sent and [c.method for c in fake.calls] == ["info"]


def test_send_refuses_without_yes_when_not_at_a_terminal(run_cli, url, fake):
    code, _out, err = cli(run_cli, url, "send", "--all", "--text", TEXT)
    assert code == 1
    assert "--yes" in err and "\n" not in err.strip()
    code, campaigns, _ = cli(run_cli, url, "campaigns", "--json")
    assert campaigns == [] and not fake.sent


def test_unknown_placeholder_is_a_one_line_error_before_anything(run_cli, url, fake):
    code, _out, err = cli(run_cli, url, "send", "--all", "--text", "سلام {nam}", "--yes")
    assert code == 1 and "{nam}" in err and "Traceback" not in err
    assert not fake.calls


def test_send_campaigns_outbox_and_sync_status(run_cli, url, fake):
    code, result, err = cli(run_cli, url, "send", "--all", "--text", TEXT, "--name", "بازگشت",
                            "--yes", "--json")
    assert code == 0, err
    assert (result["campaign"], result["status"], result["recipients"]) == (1, "done", 4)
    assert (result["sent"], result["failed"], result["queued"]) == (4, 0, 0)
    assert result["excluded"] == {"opted_out": 1} and result["parts"] == 4
    assert result["cost"] == 4 * PRICES["ucs2"]
    assert sorted(s.receptor for s in fake.sent) == [f"0912000000{i}" for i in range(4)]

    code, campaigns, _ = cli(run_cli, url, "campaigns", "--json")
    assert [(c["id"], c["name"], c["status"], c["sent"]) for c in campaigns] == [
        (1, "بازگشت", "done", 4)]
    code, rows, _ = cli(run_cli, url, "outbox", "--campaign", "1", "--json")
    assert [r["status"] for r in rows] == ["sent"] * 4
    assert rows[0]["body"].startswith("سارا عزیز")
    code, text, _ = cli(run_cli, url, "outbox")
    assert "0912 000 0000" not in text and "09120000000" in text

    fake.deliver_all(10)
    code, synced, _ = cli(run_cli, url, "sync-status", "--json")
    assert synced == {"checked": 4, "delivered": 4, "failed": 0, "opted_out": 0}
    code, credit, _ = cli(run_cli, url, "credit", "--json")
    assert credit == {"provider": "kavenegar", "test_mode": False, "remaining": fake.credit,
                      "currency": "rial"}


def test_ready_template_phones_and_ids_audiences(run_cli, url, fake):
    code, result, err = cli(run_cli, url, "send", "--phones", "۰۹۱۲۰۰۰۰۰۰۲،09120000003",
                            "--template", "winback", "--yes", "--json")
    assert code == 0, err
    assert result["sent"] == 2 and "دلمان برایتان تنگ شده" in fake.sent[0].message
    code, result, _ = cli(run_cli, url, "send", "--ids", "1,2", "--channel", "prefer-email",
                          "--text", "{shop}", "--dry-run", "--json")
    assert result["by_channel"] == {"email": 2}
    code, _out, err = cli(run_cli, url, "send", "--text", "x", "--dry-run")
    assert code == 1 and "audience" in err


def test_no_credit_pauses_with_a_clear_message_and_resume_finishes(run_cli, url, fake):
    fake.credit = 2 * PRICES["ucs2"]
    code, result, err = cli(run_cli, url, "send", "--all", "--text", "{shop}", "--yes", "--json")
    assert code == 1
    assert (result["status"], result["pause_reason"], result["sent"]) == ("paused", "no_credit",
                                                                          0)
    assert "credit" in err and "shopcrm resume 1" in err
    fake.credit = 10**7
    code, result, err = cli(run_cli, url, "resume", "1", "--json")
    assert code == 0, err
    assert (result["status"], result["sent"]) == ("done", 4)
    code, out, err = cli(run_cli, url, "resume", "--all")
    assert code == 0 and "nothing to resume" in out


def test_cancel_then_resume(run_cli, url, fake):
    fake.credit = 0
    cli(run_cli, url, "send", "--all", "--text", TEXT, "--yes")
    code, view, _ = cli(run_cli, url, "cancel", "1", "--json")
    assert (view["status"], view["pending"]) == ("cancelled", 4)
    fake.credit = 10**7
    code, result, _ = cli(run_cli, url, "resume", "--all", "--json")
    assert result == []  # a cancelled campaign is not taken up by a scheduler
    code, result, _ = cli(run_cli, url, "resume", "1", "--json")
    assert (result["status"], result["sent"]) == ("done", 4)
    code, _out, err = cli(run_cli, url, "resume", "7")
    assert code == 1 and "7" in err


def test_relocation_command(run_cli, url, fake, monkeypatch):
    from support.smtp_server import SmtpServer

    code, _out, err = cli(run_cli, url, "relocation", "--dry-run")
    assert code == 1 and "new-address" in err
    code, _out, err = cli(run_cli, url, "relocation", "--new-address", "ونک", "--yes")
    assert code == 1 and "smtp.host" in err  # email asked for but not set up: nothing sent
    assert not fake.sent
    with SmtpServer() as smtp:
        for key, value in {"HOST": smtp.host, "PORT": str(smtp.port), "SECURITY": "none",
                           "FROM": "shop@example.com", "RATE_PER_MINUTE": "0"}.items():
            monkeypatch.setenv(f"SHOPCRM_SMTP_{key}", value)
        code, result, err = cli(run_cli, url, "relocation", "--new-address", "ونک، پلاک ۳",
                                "--yes", "--json")
        mails = smtp.messages
    assert code == 0, err
    assert result["by_channel"] == {"sms": 4, "email": 2}
    assert all("ونک، پلاک ۳" in s.message for s in fake.sent)
    assert sorted(r for m in mails for r in m.rcpt_tos) == ["c0@example.com", "c1@example.com"]


def test_template_preview_and_list(run_cli, url, monkeypatch):
    # No shop name yet (the default is empty): the error names the command that sets it.
    code, _, err = cli(run_cli, url, "template", "preview", "--id", "5", "--template",
                       "birthday", "--lang", "en")
    assert code == 1 and "shopcrm settings set shop.name" in err and "Traceback" not in err
    monkeypatch.setenv("SHOPCRM_SHOP_NAME", "آرایشگاه نگار")
    code, preview, err = cli(run_cli, url, "template", "preview", "--phone", "۰۹۱۲۰۰۰۰۰۰۱",
                             "--text", "{first_name} جان، {days_absent} روز", "--json")
    assert code == 0, err
    assert preview["text"] == "مینا جان، روز\nلغو۱۱"
    assert preview["missing"] == ["days_absent"] and preview["parts"] == 1
    code, out, _ = cli(run_cli, url, "template", "preview", "--id", "5", "--template",
                       "birthday")
    assert "لیلا عزیز، تولدتان مبارک" in out and "1 part (" in out
    code, ready, _ = cli(run_cli, url, "template", "list", "--json")
    assert [t["key"] for t in ready] == ["winback", "birthday", "relocation", "thanks"]


def test_the_file_provider_needs_no_account(run_cli, url, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPCRM_DATA_DIR", str(tmp_path))
    code, result, err = cli(run_cli, url, "send", "--all", "--text", TEXT, "--yes", "--json")
    assert code == 0, err
    assert (result["sent"], result["written"], result["test_mode"]) == (0, 4, True)
    assert result["test_file"] == str(tmp_path / "test-messages.jsonl")
    lines = (tmp_path / "test-messages.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["receptor"] for x in lines) == [
        f"0912000000{i}" for i in range(4)]
    code, out, _ = cli(run_cli, url, "credit")
    assert code == 0 and "test mode" in out and "test-messages.jsonl" in out


def test_birthdays_send_greets_today_once(run_cli, url, fake):
    db = open_database(url)
    book = CustomerService(db)
    book.edit(1, CustomerInput(birthday="1370/05/17"))
    book.edit(2, CustomerInput(birthday="1365/05/17"))
    book.edit(3, CustomerInput(birthday="1365/05/18"))
    db.close()
    day = "1403/05/17"
    code, listing, err = cli(run_cli, url, "birthdays", "--days", "1", "--as-of", day, "--json")
    assert code == 0, err
    assert len(listing["rows"]) == 3  # the listing is untouched
    code, _out, err = cli(run_cli, url, "birthdays", "--send", "--as-of", day)
    assert code == 1 and "--yes" in err and not fake.sent
    code, result, err = cli(run_cli, url, "birthdays", "--send", "--as-of", day, "--yes",
                            "--json")
    assert code == 0, err
    assert (result["birthdays"], result["sent"], result["status"]) == (2, 2, "done")
    assert sorted(s.receptor for s in fake.sent) == ["09120000000", "09120000001"]
    code, result, err = cli(run_cli, url, "birthdays", "--send", "--as-of", day, "--yes",
                            "--json")  # the scheduler runs it again
    assert code == 0 and result["recipients"] == 0 and len(fake.sent) == 2
    code, result, _ = cli(run_cli, url, "birthdays", "--send", "--as-of", "1403/05/19", "--yes",
                          "--json")
    assert result["birthdays"] == 0 and result["campaign"] is None


def test_the_outbox_in_persian_shows_persian_digits(run_cli, url, fake):
    """«شناسه‌ی پیام: ۱۰۰۱», not «شناسه‌ی پیام: 1001» (the gateway's id is data shown in
    the line's digits, like the recipient's mobile)."""
    code, _, err = cli(run_cli, url, "send", "--ids", "1", "--text", TEXT, "--yes")
    assert code == 0, err
    code, rows, _ = cli(run_cli, url, "outbox", "--json")
    gateway_id = rows[0]["provider_message_id"]
    assert gateway_id and gateway_id.isascii() and gateway_id.isdigit()  # JSON keeps it
    code, text, _ = cli(run_cli, url, "--lang", "fa", "outbox")
    assert code == 0
    from shopcrm.domain.text import to_persian_digits

    assert f"شناسه‌ی پیام: {to_persian_digits(gateway_id)}" in text
    assert not any(c.isascii() and c.isdigit() for c in text), text

