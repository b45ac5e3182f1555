"""``shopcrm daily`` against the fake Kavenegar: the day's work in order, nothing sent twice
when it runs twice, and a run killed with SIGKILL mid-way finished by the next run with
each message sent once."""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select
from support.fake_kavenegar import FakeKavenegar
from support.kill import REPO_ROOT, Victim, shopcrm_argv

from shopcrm.domain.dates import from_jalali, local_today, to_jalali
from shopcrm.domain.text import search_key, sort_key
from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService
from shopcrm.storage.db import open_database
from shopcrm.storage.models import Campaign, Customer, OutboxMessage

SENDER = "10004346"
TODAY = local_today()
LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"


def born_today(years: int) -> date:
    jy, jm, jd = to_jalali(TODAY)
    return from_jalali(jy - years, jm, min(jd, 29 if jm == 12 else jd))


def make_book(url: str, birthdays: int, others: int = 0) -> set[str]:
    """``birthdays`` customers born today (every 10th opted out of SMS) and ``others``
    born on another day. Returns the mobiles to greet."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows, greet = [], set()
    for i in range(birthdays + others):
        name = LETTERS[i % len(LETTERS)] + LETTERS[(i // len(LETTERS)) % len(LETTERS)] + "ا"
        mobile = f"0912{i:07d}"
        opted_out = i % 10 == 3
        birthday = born_today(20 + i % 40) if i < birthdays else date(1990, 1, 1)
        if i < birthdays and not opted_out:
            greet.add(mobile)
        rows.append({"name": name, "name_key": search_key(name), "name_sort": sort_key(name),
                     "mobile": mobile, "sms_opt_out": opted_out, "birthday": birthday,
                     "search_text": "", "created_at": now, "updated_at": now})
    db = open_database(url)
    with db.session() as s:
        s.execute(insert(Customer.__table__), rows)
    db.close()
    return greet


def sms_env(fake: FakeKavenegar, tmp_path) -> dict[str, str]:
    return {"SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_API_KEY": fake.api_key,
            "SHOPCRM_SMS_BASE_URL": fake.base_url, "SHOPCRM_SMS_SENDER": SENDER,
            "SHOPCRM_SMS_TIMEOUT": "20", "SHOPCRM_SMS_QUIET_HOURS": "off",
            "SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲",
            "SHOPCRM_BACKUP_DIR": str(tmp_path / "backups")}


def test_daily_twice_in_a_day_sends_nothing_twice(tmp_path, run_cli, monkeypatch):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    greet = make_book(url, birthdays=30, others=20)
    with FakeKavenegar() as fake:
        for key, value in sms_env(fake, tmp_path).items():
            monkeypatch.setenv(key, value)
        # an unfinished campaign: created, never sent (the window was closed mid-way)
        db = open_database(url)
        service = CampaignService(db, __import__("shopcrm.config").config.Settings())
        unfinished, _ = service.create(CampaignRequest(
            text="{first_name} عزیز، منتظرتان هستیم.", audience=Audience.ids(range(31, 41))))
        service.close()
        db.close()

        code, out, err = run_cli("--db", url, "daily", "--yes", "--json")
        assert code == 0, err
        first = json.loads(out)
        steps = {s["name"]: s for s in first["steps"]}
        assert [s["name"] for s in first["steps"]] == ["resume", "sync", "inbox", "birthdays",
                                                       "surveys", "rewards", "backup"]
        assert steps["resume"]["status"] == "done"
        assert steps["resume"]["detail"]["campaigns"] == [unfinished]
        assert steps["resume"]["detail"]["sent"] == 9  # customer 34 opted out
        assert steps["sync"]["status"] == "done"  # asks about the 9 just resumed
        assert steps["sync"]["detail"]["checked"] == 9
        assert steps["inbox"]["status"] == "done"  # the fake gateway's inbox: empty
        assert steps["inbox"]["detail"]["fetched"] == 0
        assert steps["birthdays"]["status"] == "done"
        assert steps["birthdays"]["detail"]["sent"] == len(greet) == 27
        assert steps["backup"]["status"] == "done"
        assert first["sent"] == 36
        assert len(fake.sent) == 36
        fake.deliver_all()

        code, out, err = run_cli("--db", url, "daily", "--yes", "--json")
        assert code == 0, err
        second = {s["name"]: s for s in json.loads(out)["steps"]}
        assert second["resume"]["reason"] == "nothing_unfinished"
        assert second["sync"]["status"] == "done"
        assert second["sync"]["detail"]["delivered"] == 36
        assert second["birthdays"]["status"] == "skipped"
        assert second["birthdays"]["reason"] == "greeted_already"
        assert second["backup"]["reason"] == "backup_up_to_date"
        assert len(fake.sent) == 36

        code, out, err = run_cli("--db", url, "daily", "--yes", "--lang", "fa")
        assert code == 0, err
        assert "- تبریک تولدهای امروز: رد شد، همه پیش‌تر تبریک گرفته‌اند" in out
        assert "روی هم ۰ پیامک فرستاده شد." in out
    birthday_receptors = Counter(x.receptor for x in fake.sent)
    assert set(birthday_receptors.values()) == {1}
    assert greet <= set(birthday_receptors)


def test_daily_refuses_without_yes_when_not_at_a_terminal(tmp_path, run_cli):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    code, _out, err = run_cli("--db", url, "daily")
    assert code == 1 and "--yes" in err and err.count("\n") == 1


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_daily_killed_mid_way_then_run_again_sends_each_message_once(tmp_path, run_cli,
                                                                    monkeypatch):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    greet = make_book(url, birthdays=1_500)
    with FakeKavenegar() as fake:
        env = {**os.environ, "SHOPCRM_DB": url, **sms_env(fake, tmp_path)}
        victim = Victim(shopcrm_argv("daily", "--yes", "--json"), env=env, cwd=REPO_ROOT)
        with victim:
            victim.wait_for(lambda: len(fake.sent) >= 300, timeout=60, interval=0.001,
                            what="300 greetings accepted")
            victim.kill()
        assert victim.killed and victim.proc.returncode == -signal.SIGKILL
        first = len(fake.sent)
        assert 300 <= first < len(greet)

        for key, value in sms_env(fake, tmp_path).items():
            monkeypatch.setenv(key, value)
        code, out, err = run_cli("--db", url, "daily", "--yes", "--json")
        assert code == 0, err
        steps = {s["name"]: s for s in json.loads(out)["steps"]}
        assert steps["resume"]["status"] == "done"  # the killed run's campaign, finished
        assert steps["resume"]["detail"]["sent"] + first >= len(greet)
        assert steps["birthdays"]["reason"] == "greeted_already"
        sent = Counter(x.receptor for x in fake.sent)

        code, out, err = run_cli("--db", url, "daily", "--yes", "--json")
        assert code == 0, err
        assert json.loads(out)["sent"] == 0
        assert len(fake.sent) == sum(sent.values())

    assert set(sent) == greet
    assert set(sent.values()) == {1}, sent.most_common(3)
    db = open_database(url)
    with db.session() as s:
        states = Counter(s.scalars(select(OutboxMessage.status)))
        kinds = list(s.scalars(select(Campaign.kind)))
    db.close()
    assert states == {"sent": len(greet)}
    assert kinds == ["birthday"]


def test_daily_on_postgresql_sends_once_and_leaves_backups_to_the_server(
        postgres_url, tmp_path, run_cli, monkeypatch):
    greet = make_book(postgres_url, birthdays=12, others=5)
    with FakeKavenegar() as fake:
        for key, value in sms_env(fake, tmp_path).items():
            monkeypatch.setenv(key, value)
        results = []
        for _ in range(2):
            code, out, err = run_cli("--db", postgres_url, "daily", "--yes", "--json")
            assert code == 0, err
            results.append({s["name"]: s for s in json.loads(out)["steps"]})
        sent = Counter(x.receptor for x in fake.sent)
    assert results[0]["birthdays"]["detail"]["sent"] == len(greet) == 11
    assert results[1]["birthdays"]["reason"] == "greeted_already"
    assert results[0]["backup"]["reason"] == "backup_on_server"
    assert set(sent) == greet and set(sent.values()) == {1}
