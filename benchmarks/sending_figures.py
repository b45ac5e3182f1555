"""The figures of issue 13 at its own scale (1,932 customers), against the fake Kavenegar
on loopback through the real SDK: a repeated send, a relocation run twice, an outage then
resume, a crash then ``send`` instead of ``resume``, a lost reply reconciled (cost), and
the win-back counts of Reports, the Win-back list and a campaign.

    python benchmarks/sending_figures.py        # prints one line per scenario

(The four SIGKILLs of an email campaign are measured by
``tests/integration/test_email_kill_resume.py``, which prints its figures.)
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

N = 1_932
SENDER = "10004346"
TEXT = "{first_name} عزیز، دلمان برایتان تنگ شده! منتظر دیدارتان هستیم."


def book(folder: Path, name: str, n: int = N):  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from shopcrm.domain.text import search_key, sort_key
    from shopcrm.storage.db import open_database
    from shopcrm.storage.models import Customer

    db = open_database(f"sqlite:///{folder / name}.sqlite3")
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for i in range(n):
        who = f"مشتری{i} رضایی"
        rows.append({"name": who, "name_key": search_key(who), "name_sort": sort_key(who),
                     "mobile": f"0912{i:07d}", "search_text": "", "created_at": now,
                     "updated_at": now})
    with db.writing() as s:
        s.execute(insert(Customer.__table__), rows)
    return db


def service(db, fake, folder: Path, **options):  # type: ignore[no-untyped-def]
    from shopcrm.config import Settings
    from shopcrm.services.messaging.campaigns import CampaignService
    from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
    from shopcrm.services.messaging.sender import SendOptions

    provider = KavenegarProvider(fake.api_key, base_url=fake.base_url, sender=SENDER,
                                 timeout=(2, 5), sleep=lambda _s: None)
    settings = Settings(path=folder / "settings.toml", secrets={}, env={
        "SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲",
        "SHOPCRM_SMS_SENDER": SENDER})
    return CampaignService(db, settings, sms=provider, options=SendOptions(
        sleep=lambda _s: None, reconcile_delay=0, **options))


def twice(fake) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for n in Counter(s.receptor for s in fake.sent).values() if n > 1)


def main() -> None:
    from support.fake_kavenegar import FakeKavenegar

    from shopcrm.errors import InvalidInput
    from shopcrm.services.messaging.campaigns import Audience, CampaignRequest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with FakeKavenegar(credit=10**12) as fake:
            s = service(book(folder, "repeat"), fake, folder)
            first, _ = s.create(CampaignRequest(TEXT, Audience.everyone()))
            sent = s.run_to_end(first).sent
            plan = s.plan(CampaignRequest(TEXT, Audience.everyone()), credit=False)
            try:
                s.create(CampaignRequest(TEXT, Audience.everyone()))
                refused = "no"
            except InvalidInput as err:
                refused = err.code
            print(f"repeat send: first {sent:,} sent; second planned {plan.recipients:,}, "
                  f"excluded {plan.excluded}, create -> {refused}; "
                  f"{twice(fake):,} of {N:,} sent twice")

        with FakeKavenegar(credit=10**12) as fake:
            s = service(book(folder, "relocation"), fake, folder)
            r1, _ = s.create(s.relocation_request("خیابان تازه ۵", channel="sms"))
            cost1 = s.run_to_end(r1).cost
            plan = s.plan(s.relocation_request("خیابان تازه ۵", channel="sms"), credit=False)
            print(f"relocation twice: first {len(fake.sent):,} messages, {cost1:,} rials; "
                  f"second planned {plan.recipients:,} ({plan.excluded}); gateway charged "
                  f"{sum(x.cost for x in fake.sent):,} rials in all")

        with FakeKavenegar(credit=10**12) as fake:
            s = service(book(folder, "outage"), fake, folder, max_attempts=3,
                        max_round_failures=1_000)
            cid, _ = s.create(CampaignRequest(TEXT, Audience.everyone()))
            fake.fail_next(500, times=10**6)
            last = s.run_to_end(cid)
            during = (last.status, last.sent, last.failed)
            fake._faults.clear()
            last = s.run_to_end(cid)
            print(f"outage of every call: campaign {during[0]} with {during[2]:,} failed, "
                  f"{during[1]} sent; resume: {last.status}, {last.sent:,} sent "
                  f"({last.retried:,} retried), {len(set(x.receptor for x in fake.sent)):,} "
                  f"phones reached, {twice(fake)} twice")

        with FakeKavenegar(credit=10**12) as fake:
            s = service(book(folder, "crash"), fake, folder)
            cid, _ = s.create(CampaignRequest(TEXT, Audience.everyone()))
            steps = s.send(cid)
            for _ in range(3):  # two chunks out, then the laptop closes
                next(steps)
            steps.close()
            plan = s.plan(CampaignRequest(TEXT, Audience.everyone()), credit=False)
            last = s.run_to_end(cid)
            print(f"crash then send again: the new send offers #{plan.unfinished} and "
                  f"plans {plan.recipients:,} ({plan.excluded}); resume sends the rest: "
                  f"{last.sent:,} sent, {twice(fake)} twice")

        with FakeKavenegar(credit=10**12) as fake:
            s = service(book(folder, "reconcile"), fake, folder)
            cid, _ = s.create(CampaignRequest(TEXT, Audience.everyone()))
            fake.drop_reply_next(times=3)
            last = s.run_to_end(cid)
            charged = sum(x.cost for x in fake.sent)
            print(f"lost replies reconciled: {last.sent:,} sent, cost recorded "
                  f"{s.get(cid).cost:,} rials, gateway charged {charged:,} rials")


if __name__ == "__main__":
    main()
