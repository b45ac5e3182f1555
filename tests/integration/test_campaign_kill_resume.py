"""A campaign of 3,000 recipients sent by ``shopcrm send`` in a subprocess, killed with
SIGKILL at several points (mid-way, with a send in flight that the gateway already carried
out, while it looks up messages in doubt), resumed with ``shopcrm resume`` each time, and
proven complete: every eligible recipient got exactly one message, nobody else got any.

The fake gateway runs in this process and records every receptor it accepts; the
subprocesses reach it through SHOPCRM_SMS_BASE_URL.
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import select
from support.bulk_customers import customer_row, insert_customers
from support.fake_kavenegar import FakeKavenegar
from support.kill import REPO_ROOT, Victim, shopcrm_argv

from shopcrm.storage.db import open_database
from shopcrm.storage.models import OutboxMessage

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

SENDER = "10004346"
N = 3_000

def make_book(url: str) -> set[str]:
    """N customers: every 10th opted out of SMS, every 37th without a mobile. Returns the
    mobiles that must get the message."""
    rows, eligible = [], set()
    for i in range(N):
        mobile = None if i % 37 == 5 else f"0912{i:07d}"
        opted_out = i % 10 == 3
        if mobile and not opted_out:
            eligible.add(mobile)
        rows.append(customer_row(i, mobile, family="رضایی", sms_opt_out=opted_out))
    db = open_database(url)
    insert_customers(db, rows)
    db.close()
    return eligible


class Child:
    """``python -m shopcrm ...`` in a subprocess, pointed at the fake gateway."""

    def __init__(self, fake: FakeKavenegar, url: str) -> None:
        self.env = {**os.environ, "SHOPCRM_DB": url, "SHOPCRM_SMS_PROVIDER": "kavenegar",
                    "SHOPCRM_SMS_API_KEY": fake.api_key, "SHOPCRM_SMS_BASE_URL": fake.base_url,
                    "SHOPCRM_SMS_SENDER": SENDER, "SHOPCRM_SMS_TIMEOUT": "20",
                    "SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران"}

    def start(self, *argv: str) -> Victim:
        return Victim(shopcrm_argv(*argv, "--json"), env=self.env, cwd=REPO_ROOT)


def kill_when(victim: Victim, ready: Callable[[], bool], what: str) -> None:
    """SIGKILL the child as soon as ``ready()`` holds (polled every millisecond)."""
    with victim:
        victim.wait_for(ready, timeout=30, interval=0.001, what=what)
        victim.kill()
        assert victim.killed and victim.proc.returncode == -signal.SIGKILL


def in_flight(fake: FakeKavenegar, method: str) -> Callable[[], bool]:
    """True once the hang fault was taken by a ``method`` call, which the fake then carried
    out (for a send: accepted and charged) without answering."""

    def ready() -> bool:
        calls = fake.calls_to("sms", method)
        if fake._faults or not calls or calls[-1].status is not None:
            return False
        if method != "sendarray":
            return True
        wanted = set(json.loads(calls[-1].params["localmessageids"]))
        return wanted <= {x.localid for x in fake.sent}

    return ready


def test_sigkill_at_several_points_then_resume_sends_each_exactly_once(
        tmp_path, run_cli, monkeypatch):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    eligible = make_book(url)
    text = "{first_name} عزیز، دلمان برایتان تنگ شده است. منتظرتان هستیم."
    with FakeKavenegar() as fake:
        child = Child(fake, url)

        # 1. killed mid-way, at whatever it was doing when 1,000 messages had gone out
        kill_when(child.start("send", "--all", "--text", text, "--yes"),
                  lambda: len(fake.sent) >= 1_000, "1,000 messages accepted")
        first = len(fake.sent)
        assert 1_000 <= first < len(eligible)

        # 2. killed with a send in flight that the gateway already carried out
        victim = child.start("resume", "1")
        victim.wait_for(lambda: len(fake.sent) > first, interval=0.001,
                        what="sending again")  # past its look-ups
        fake.hang_next(60)
        kill_when(victim, in_flight(fake, "sendarray"), "a send in flight")
        with open_database(url).session() as s:
            in_doubt = s.scalars(select(OutboxMessage.id)
                                 .where(OutboxMessage.status == "sending")).all()
        assert in_doubt  # the accepted chunk is marked sending, its reply never came
        accepted = {int(x.localid) for x in fake.sent}
        assert set(in_doubt) <= accepted

        # 3. killed while it looks those up
        fake.hang_next(60)
        kill_when(child.start("resume", "1"), in_flight(fake, "statuslocalmessageid"),
                  "a look-up in flight")

        # 4. resumed to the end (in this process: the same command, one start-up less)
        for key, value in child.env.items():
            if key.startswith("SHOPCRM_"):
                monkeypatch.setenv(key, value)
        code, out, err = run_cli("resume", "1", "--json")
        assert code == 0, err
        result = json.loads(out)
        assert (result["status"], result["sent"], result["pending"]) == ("done", len(eligible),
                                                                         0)
        sent = Counter(x.receptor for x in fake.sent)

    assert set(sent) == eligible
    assert set(sent.values()) == {1}, sent.most_common(3)
    db = open_database(url)
    with db.session() as s:
        rows = s.execute(select(OutboxMessage.id, OutboxMessage.status,
                                OutboxMessage.provider_message_id)).all()
    db.close()
    by_local = {int(x.localid): x.messageid for x in fake.sent}
    assert len(rows) == len(eligible)
    assert {r.status for r in rows} == {"sent"}
    assert {r.id: int(r.provider_message_id) for r in rows} == by_local
