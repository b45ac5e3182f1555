"""Reward notices through the real kavenegar SDK to the fake gateway: exactly one SMS per
customer per reward reached, across repeated runs, concurrent threads and concurrent
``shopcrm loyalty notify --yes`` processes, on SQLite (a file) and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select
from support.fake_kavenegar import FakeKavenegar

from shopcrm.config import Settings
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.loyalty import points as pts
from shopcrm.services.loyalty.rewards import rewards_reached, send_reward_notices
from shopcrm.services.loyalty.rules import LoyaltyRules
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.storage.db import open_database
from shopcrm.storage.models import OutboxMessage, RewardNotice

SENDER = "10004346"
ROOT = Path(__file__).resolve().parents[2]


def env_for(fake: FakeKavenegar) -> dict[str, str]:
    return {"SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲",
            "SHOPCRM_SMS_SENDER": SENDER,
            "SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_API_KEY": fake.api_key,
            "SHOPCRM_SMS_BASE_URL": fake.base_url,
            "SHOPCRM_LOYALTY_ENABLED": "1", "SHOPCRM_LOYALTY_POINTS_PER_VISIT": "10",
            "SHOPCRM_LOYALTY_REWARD_POINTS": "30",
            "SHOPCRM_LOYALTY_REWARD_TEXT": "یک کوتاهی مو رایگان"}


@pytest.fixture
def fake():
    with FakeKavenegar() as server:
        yield server


@pytest.fixture
def settings(fake, tmp_path):
    return Settings(path=tmp_path / "settings.toml", env=env_for(fake), secrets={})


def fill(db, settings, visits_each: dict[str, int]) -> dict[str, int]:
    """Customers by mobile with that many visits (10 points each)."""
    customers, visits = CustomerService(db), VisitService(db, settings)
    ids = {}
    for i, (mobile, n) in enumerate(visits_each.items()):
        ids[mobile] = customers.add(CustomerInput(name=f"مشتری {i}", mobile=mobile))
        for _ in range(n):
            visits.add(ids[mobile], VisitInput())
    return ids


def run(db, settings, fake):
    provider = KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER,
                                 timeout=(5, 5))
    try:
        return send_reward_notices(db, settings, yes=True, sms=provider,
                                   options=SendOptions(reconcile_delay=0))
    finally:
        provider.close()


def receptors(fake) -> Counter[str]:
    return Counter(s.receptor.removeprefix("98").removeprefix("0") for s in fake.sent)


def test_a_reward_notice_goes_out_once_and_again_for_the_next_reward(db, settings, fake):
    ids = fill(db, settings, {"09121110001": 3, "09121110002": 4, "09121110003": 2,
                              "09121110004": 5})
    CustomerService(db).set_opt_out(ids["09121110004"], "sms")
    dry = send_reward_notices(db, settings, yes=False)
    assert (dry.due, dry.skipped, dry.dry_run) == (3, {"opted_out": 1}, True)
    assert fake.sent == []

    first = run(db, settings, fake)
    assert (first.claimed, first.queued, first.sent) == (2, 2, 2)
    assert sorted(receptors(fake)) == ["9121110001", "9121110002"]
    assert all("یک کوتاهی مو رایگان" in s.message for s in fake.sent)
    assert all(s.message.startswith("مشتری") for s in fake.sent)
    for _ in range(2):  # repeated runs: nothing new
        again = run(db, settings, fake)
        assert (again.claimed, again.queued, again.sent) == (0, 0, 0)
    assert len(fake.sent) == 2

    # the customer redeems, earns 30 more: the second reward is a second notice
    rules = LoyaltyRules.from_settings(settings)
    pts.redeem(db, ids["09121110001"], 30, rules)
    assert run(db, settings, fake).sent == 0  # below the threshold now
    visits = VisitService(db, settings)
    for _ in range(3):
        visits.add(ids["09121110001"], VisitInput())
    assert run(db, settings, fake).sent == 1
    assert run(db, settings, fake).sent == 0
    assert receptors(fake) == Counter({"9121110001": 2, "9121110002": 1})
    with db.reading() as s:
        notices = s.execute(select(RewardNotice.customer_id, RewardNotice.reward_no,
                                   RewardNotice.status, RewardNotice.outbox_id)).all()
    assert sorted((c, k, st) for c, k, st, _ in notices) == [
        (ids["09121110001"], 1, "queued"), (ids["09121110001"], 2, "queued"),
        (ids["09121110002"], 1, "queued")]
    assert all(o is not None for *_, o in notices)
    due = {d.customer_id: d.notice for d in rewards_reached(db, settings)}
    assert due[ids["09121110002"]] == "queued" and due[ids["09121110004"]] is None


def test_concurrent_runs_in_threads_send_each_notice_once(db_url, settings, fake):
    setup = open_database(db_url)
    fill(setup, settings, {f"0912222{i:04d}": 3 + i % 3 for i in range(12)})
    setup.close()
    results, errors = [], []
    barrier = threading.Barrier(4)

    def worker() -> None:
        db = open_database(db_url)
        try:
            barrier.wait()
            results.append(run(db, settings, fake))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sum(r.claimed for r in results) == 12
    assert sum(r.sent for r in results) == 12
    assert len(fake.sent) == 12 and set(receptors(fake).values()) == {1}
    check = open_database(db_url)
    with check.reading() as s:
        assert s.scalar(select(func.count()).select_from(RewardNotice)) == 12
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 12
    check.close()


def test_concurrent_notify_commands_send_each_notice_once(db_url, settings, fake, tmp_path):
    setup = open_database(db_url)
    fill(setup, settings, {f"0912333{i:04d}": 3 for i in range(8)})
    setup.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPCRM_")
           or k.endswith("_DIR")}
    env.update(env_for(fake), PYTHONPATH=str(ROOT), SHOPCRM_SECRETS_STORE="file")
    procs = [subprocess.Popen([sys.executable, "-m", "shopcrm", "--db", db_url, "loyalty",
                               "notify", "--yes", "--json"], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1] for o in outs]
    assert len(fake.sent) == 8 and set(receptors(fake).values()) == {1}
    import json

    claimed = sum(json.loads(out)["claimed"] for out, _ in outs)
    assert claimed == 8
    # and a fourth, later run finds nothing to do
    later = subprocess.run([sys.executable, "-m", "shopcrm", "--db", db_url, "loyalty",
                            "notify", "--yes", "--json"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert later.returncode == 0 and json.loads(later.stdout)["sent"] == 0
    assert len(fake.sent) == 8


def test_notify_is_off_while_the_club_is_off(sqlite_db, fake, tmp_path):
    off = Settings(path=tmp_path / "s.toml",
                   env={**env_for(fake), "SHOPCRM_LOYALTY_ENABLED": "0"}, secrets={})
    fill(sqlite_db, off, {"09124440001": 5})
    result = send_reward_notices(sqlite_db, off, yes=True)
    assert (result.enabled, result.due, fake.sent) == (False, 0, [])


def test_a_run_that_finds_its_notices_sent_meanwhile_says_it_sent_none(db_url, settings, fake,
                                                                       monkeypatch):
    """Another run sends the whole campaign between this run's last look and its taking the
    campaign: this run sent nothing and says so (it once counted the other run's sends as
    its own, measured from a look taken before it held the campaign)."""
    from shopcrm.services.messaging.campaigns import CampaignService

    db = open_database(db_url)
    fill(db, settings, {f"0912444{i:04d}": 3 for i in range(4)})
    real_get = CampaignService.get
    looks: list[int] = []

    def get(self, campaign_id):
        view = real_get(self, campaign_id)
        looks.append(campaign_id)
        if len(looks) == 2 and view.pending:  # the other run goes first, right now
            other = KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER,
                                      timeout=(5, 5))
            try:
                CampaignService(db, settings, sms=other,
                                options=SendOptions(reconcile_delay=0)).run_to_end(campaign_id)
            finally:
                other.close()
        return view

    monkeypatch.setattr(CampaignService, "get", get)
    try:
        result = run(db, settings, fake)
    finally:
        db.close()
    assert len(looks) >= 2 and len(fake.sent) == 4  # every notice went once, by the other run
    assert (result.claimed, result.sent, result.failed) == (4, 0, 0)
