"""The Today page's sections owned by other features read those features' own records:
open complaints (services/retention), unread replies (the inbox) and rewards reached
(services/loyalty) -- the same rows and counts as the Complaints page, the Inbox and
``shopcrm loyalty rewards``; and the daily run's inbox, survey and reward steps run."""

from __future__ import annotations

from datetime import date

import pytest

from shopcrm.config import Settings
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.loyalty.rewards import rewards_reached
from shopcrm.services.messaging.providers.base import InboundSms
from shopcrm.services.retention.complaints import ComplaintService
from shopcrm.services.retention.inbox import InboxService, store_replies
from shopcrm.services.today.daily import run_daily
from shopcrm.services.today.sections import build_today

DAY = date(2026, 12, 3)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(path=tmp_path / "settings.toml", env={
        "SHOPCRM_LOYALTY_ENABLED": "true", "SHOPCRM_LOYALTY_POINTS_PER_VISIT": "10",
        "SHOPCRM_LOYALTY_REWARD_POINTS": "20", "SHOPCRM_SHOP_NAME": "آرایشگاه نگار",
        "SHOPCRM_SHOP_ADDRESS": "تهران", "SHOPCRM_SMS_PROVIDER": "file",
        "SHOPCRM_BACKUP_DIR": str(tmp_path / "backups")})


def _book(db, settings) -> dict[str, int]:
    people = CustomerService(db)
    ids = {key: people.add(CustomerInput(name=f"مشتری {key}", mobile=f"0912000000{n}"))
           for n, key in enumerate(("loyal", "unhappy", "talker", "quiet"), start=1)}
    visits = VisitService(db, settings)
    for _ in range(2):  # 2 x 10 points: the reward of 20
        visits.add(ids["loyal"], VisitInput(at="2026-11-20 12:00", amount=1_000_000))
    visits.add(ids["quiet"], VisitInput(at="2026-11-20 12:00", amount=1_000_000))
    complaints = ComplaintService(db)
    complaints.add(ids["unhappy"], "رنگ مو خوب نشد")
    complaints.resolve(complaints.add(ids["unhappy"], "دیر شد").id)
    store_replies(db, [InboundSms("m1", "09120000003", "10004346", "ساعت چند باز هستید؟",
                                  None)])
    return ids


def test_today_reads_complaints_replies_and_rewards_from_their_features(db, settings):
    ids = _book(db, settings)
    today = build_today(db, settings, DAY)

    open_complaints = ComplaintService(db).list(open_only=True)
    assert [c.customer_id for c in today.complaints] == [c.customer_id for c in
                                                         open_complaints] == [ids["unhappy"]]
    unread = InboxService(db).list(unread_only=True)
    assert [r["id"] for r in today.replies] == [r.id for r in unread]
    assert len(today.replies) == InboxService(db).unread_count() == 1
    assert today.replies[0]["customer_id"] == ids["talker"]
    due = rewards_reached(db, settings)
    assert [r["customer_id"] for r in today.rewards] == [r.customer_id for r in due] == [
        ids["loyal"]]
    data = today.as_dict()
    assert (data["complaints"]["count"], data["replies"]["count"],
            data["rewards"]["count"]) == (1, 1, 1)
    assert data["replies"]["wired"] and data["rewards"]["wired"]


def test_the_daily_run_reaches_the_inbox_surveys_and_rewards(db, settings):
    _book(db, settings)
    report = run_daily(db, settings, today=DAY)
    steps = {s.name: s for s in report.steps}
    for name in ("inbox", "surveys", "rewards"):
        assert not (steps[name].reason or "").endswith("_not_wired"), steps[name]
    # the test file has no inbox and the survey is off: both say why
    assert steps["inbox"].reason == "inbox_not_available"
    assert steps["surveys"].reason == "survey_disabled"
    # the reward notice went to the test file, once
    assert steps["rewards"].status == "done"
    again = {s.name: s for s in run_daily(db, settings, today=DAY).steps}
    assert again["rewards"].detail.get("claimed", 0) == 0
