"""Reward notices: one SMS per customer per reward reached, exactly once.

Reward number *k* is reached when a customer's points earned in all reach *k* x
``loyalty.reward_points`` and the balance (after expiry) still pays for a reward. A
notice goes out for the highest *k* reached, never for a lower or the same *k* again.

Exactly once, also across repeated and concurrent runs (two schedulers, the window and
``shopcrm loyalty notify``):

1. **claim**: one ``reward_notice`` row per (customer, k), under a unique constraint, in
   the write door's transaction; a concurrent claimer of the same pair gets nothing;
2. **enqueue**: claimed notices go into the outbox of the campaign ``loyalty_reward:k``
   (made once, by its ``dedupe_key``; the outbox's own unique (campaign, channel,
   recipient) is a second guard), and the notice records its outbox row;
3. **send**: the campaign machinery sends the outbox exactly once (one runner per
   campaign; a second run waits for the first to finish, then finds nothing to send).

A crash between the steps leaves claimed notices that the next run enqueues. Customers
without a usable mobile, or opted out of SMS, are not claimed: they are counted as
``skipped`` and get the notice if that changes while the reward still stands.

:func:`send_reward_notices` is the plain function the daily run (``shopcrm daily``) and
``shopcrm loyalty notify`` call; :func:`rewards_reached` is the list for the Today page.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from shopcrm.domain.dates import utc_now
from shopcrm.errors import Conflict, InvalidInput
from shopcrm.services.loyalty.points import expire_all, pending_expiry
from shopcrm.services.loyalty.rules import LoyaltyRules
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, Customer, OutboxMessage, RewardNotice

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

CAMPAIGN_KIND = "loyalty_reward"


@dataclass(frozen=True)
class RewardDue:
    """A customer whose balance pays for a reward (plain data)."""

    customer_id: int
    name: str
    mobile: str | None
    balance: int
    earned: int
    reward_no: int
    notice: str | None  # None (not yet), claimed, queued, skipped
    sendable: str | None  # None, or why no SMS can go (no_mobile, opted_out)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class RewardNoticeResult:
    """What a run of the reward notices did (or, without ``yes``, would do)."""

    enabled: bool
    dry_run: bool
    due: int = 0  # customers who reached a reward not yet noticed
    claimed: int = 0  # notices claimed by this run
    queued: int = 0  # messages put in the outbox by this run
    sent: int = 0
    failed: int = 0
    expired_points: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # no_mobile, opted_out
    campaigns: list[int] = field(default_factory=list)
    customers: list[RewardDue] = field(default_factory=list)
    paused: str | None = None  # a campaign's pause reason (no credit, ...)

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["customers"] = [c.as_dict() for c in self.customers]
        return data


def _reason(mobile: str | None, opted_out: bool) -> str | None:
    if not mobile:
        return "no_mobile"
    return "opted_out" if opted_out else None


def rewards_reached(db: Database, settings: SettingsView, *, rules: LoyaltyRules | None = None,
                    only_new: bool = False) -> list[RewardDue]:
    """Customers whose balance (after due expiry) pays for a reward, most points first,
    with the state of their notice for the current reward number."""
    rules = rules or LoyaltyRules.from_settings(settings)
    step = rules.reward_points
    with db.reading() as s:
        rows = s.execute(
            select(Customer.id, Customer.name, Customer.mobile, Customer.sms_opt_out,
                   Customer.points_balance, Customer.points_earned)
            .where(Customer.deleted_at.is_(None), Customer.points_balance >= step,
                   Customer.points_earned >= step)
            .order_by(Customer.points_balance.desc(), Customer.id)).all()
        notices: dict[int, tuple[int, str]] = {}
        ids = [r.id for r in rows]
        for start in range(0, len(ids), 500):
            for cid, no, status in s.execute(
                    select(RewardNotice.customer_id, RewardNotice.reward_no,
                           RewardNotice.status)
                    .where(RewardNotice.customer_id.in_(ids[start:start + 500]))
                    .order_by(RewardNotice.reward_no)):
                notices[cid] = (no, status)  # the highest reward number wins
        out = []
        for r in rows:
            balance = int(r.points_balance) - pending_expiry(s, r.id, rules)
            if balance < step:
                continue
            k = rules.reward_no(int(r.points_earned))
            have = notices.get(r.id)
            notice = have[1] if have and have[0] >= k else None
            if only_new and notice is not None:
                continue
            out.append(RewardDue(r.id, r.name, r.mobile, balance, int(r.points_earned), k,
                                 notice, _reason(r.mobile, bool(r.sms_opt_out))))
    return out


def send_reward_notices(
    db: Database,
    settings: SettingsView,
    *,
    yes: bool = False,
    sms: Any = None,
    options: Any = None,
    cancel: Any = None,
    wait_busy: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
) -> RewardNoticeResult:
    """Notify every customer who reached a reward and was not told yet.

    Without ``yes`` nothing is written or sent: the result says who is due. With it:
    expiry is applied, notices are claimed, queued and sent (see the module's doc).
    ``sms`` / ``options`` go to the :class:`CampaignService` (tests pass a provider).
    ``wait_busy``: how long to wait for another process already sending a reward campaign.
    """
    rules = LoyaltyRules.from_settings(settings)
    result = RewardNoticeResult(enabled=rules.enabled, dry_run=not yes)
    if not rules.enabled:
        return result
    if yes:
        result.expired_points = expire_all(db, rules)
    due = rewards_reached(db, settings, rules=rules, only_new=True)
    result.customers = due
    result.due = len(due)
    skipped = Counter(d.sendable for d in due if d.sendable)
    result.skipped = dict(skipped)
    if not yes:
        return result
    sendable = [d for d in due if d.sendable is None]
    result.claimed = _claim(db, sendable)

    from shopcrm.services.messaging.campaigns import CampaignService

    service = CampaignService(db, settings, sms=sms, options=options)
    try:
        campaigns, queued = _enqueue(db, service, rules)
        result.queued = queued
        for campaign_id in campaigns:
            last = _send(service, campaign_id, cancel, wait_busy, sleep)
            if last is not None:
                result.sent += last[0]
                result.failed += last[1]
                result.paused = result.paused or last[2]
        result.campaigns = campaigns
    finally:
        if sms is None:
            service.close()
    return result


def _claim(db: Database, due: list[RewardDue]) -> int:
    """Insert one notice per (customer, reward number); returns how many were new."""
    claimed = 0
    with db.writing() as s:
        for d in due:
            have = s.scalar(select(func.max(RewardNotice.reward_no))
                            .where(RewardNotice.customer_id == d.customer_id))
            if have is not None and have >= d.reward_no:
                continue  # another run claimed it since we looked
            try:
                with s.begin_nested():
                    s.add(RewardNotice(customer_id=d.customer_id, reward_no=d.reward_no,
                                       points=d.balance, status="claimed"))
                    s.flush()
            except IntegrityError:
                continue  # a concurrent run claimed this very pair first
            claimed += 1
    return claimed


def _campaign_for(db: Database, service: Any, k: int, text: str) -> int:
    key = f"{CAMPAIGN_KIND}:{k}"
    for _ in range(3):  # a concurrent run may create it at the same moment
        with db.reading() as s:
            found = s.scalar(select(Campaign.id).where(Campaign.dedupe_key == key))
        if found is not None:
            return int(found)
        try:
            with db.writing() as s:
                campaign = Campaign(
                    name=f"جایزه‌ی باشگاه مشتریان {k}", kind=CAMPAIGN_KIND, channel="sms",
                    template=text, audience=json.dumps({"audience": {"kind": "rewards"}}),
                    status="draft", dedupe_key=key)
                s.add(campaign)
                s.flush()
                return int(campaign.id)
        except IntegrityError:
            continue
    raise Conflict("campaign_busy", id=key, pid=None, host=None)


def notice_text(settings: SettingsView, rules: LoyaltyRules) -> str:
    """The notice template with the reward written in (``{reward}``)."""
    reward = (rules.reward_text or "").replace("{", "{{").replace("}", "}}")
    text = str(settings.get("loyalty.notice_text") or "").strip()
    if not text:
        raise InvalidInput("bad_setting", key="loyalty.notice_text", detail="empty")
    return text.replace("{reward}", reward).replace("{جایزه}", reward)


def _enqueue(db: Database, service: Any, rules: LoyaltyRules) -> tuple[list[int], int]:
    """Claimed notices into their campaign's outbox; returns (campaign ids with work, queued)."""
    from shopcrm.services.messaging.campaigns import Audience, CampaignRequest

    text = notice_text(service.settings, rules)
    with db.reading() as s:
        claimed = s.execute(select(RewardNotice.reward_no, RewardNotice.customer_id)
                            .where(RewardNotice.status == "claimed")).all()
        open_campaigns = list(s.scalars(
            select(Campaign.id).where(Campaign.kind == CAMPAIGN_KIND,
                                      Campaign.dedupe_key.is_not(None))
            .join(OutboxMessage, OutboxMessage.campaign_id == Campaign.id)
            .where(OutboxMessage.status.in_(("pending", "sending"))).distinct()))
    by_k: dict[int, list[int]] = {}
    for k, cid in claimed:
        by_k.setdefault(int(k), []).append(int(cid))
    queued = 0
    campaigns: set[int] = set(open_campaigns)
    for k, ids in sorted(by_k.items()):
        campaign_id = _campaign_for(db, service, k, text)
        # the reward's own once-rule (one notice per customer per reward number) stands
        # instead of the repeat window: the next reward's notice is the same text, and due
        request = CampaignRequest(text=text, audience=Audience.ids(ids), channel="sms",
                                  kind=CAMPAIGN_KIND, dedupe_key=f"{CAMPAIGN_KIND}:{k}")
        for attempt in range(3):
            try:
                plan = service.add_recipients(campaign_id, request)
                break
            except IntegrityError:  # a concurrent run queued the same people first
                if attempt == 2:
                    raise
        queued += plan.recipients
        campaigns.add(campaign_id)
        _link(db, campaign_id, k, ids)
    return sorted(campaigns), queued


def _link(db: Database, campaign_id: int, k: int, ids: list[int]) -> None:
    """Record each claimed notice's outbox row; one left out of the outbox is skipped."""
    with db.writing() as s:
        rows = dict(s.execute(select(OutboxMessage.customer_id, OutboxMessage.id)
                              .where(OutboxMessage.campaign_id == campaign_id,
                                     OutboxMessage.customer_id.in_(ids))).all())
        now = utc_now()
        for notice in s.scalars(select(RewardNotice).where(
                RewardNotice.customer_id.in_(ids), RewardNotice.reward_no == k,
                RewardNotice.status == "claimed")):
            outbox = rows.get(notice.customer_id)
            notice.campaign_id = campaign_id
            notice.outbox_id = outbox
            notice.status = "queued" if outbox else "skipped"
            notice.note = None if outbox else "not sendable when queued"
            notice.updated_at = now


def _send(service: Any, campaign_id: int, cancel: Any, wait_busy: float,
          sleep: Callable[[float], None]) -> tuple[int, int, str | None] | None:
    """Send the campaign's pending messages; wait while another process sends it.
    Returns (sent, failed, pause reason) of this run, or None when nothing was due."""
    waited = 0.0
    while True:
        if not service.get(campaign_id).pending:
            return None
        try:
            before = service.get(campaign_id)  # read again after any wait: another run
            if not before.pending:  # may have sent them all meanwhile
                return None
            start, last = service.run_counted(campaign_id, cancel=cancel)
            return (last.sent - start.sent, last.failed - start.failed,
                    last.pause_reason if last.status == "paused" else None)
        except Conflict as exc:
            if exc.code != "campaign_busy" or waited >= wait_busy:
                raise
            sleep(0.2)
            waited += 0.2


def notices(db: Database, *, customer_id: int | None = None) -> list[dict[str, Any]]:
    """The notice records (newest first), for the card and ``--json``."""
    with db.reading() as s:
        stmt = select(RewardNotice).order_by(RewardNotice.id.desc())
        if customer_id is not None:
            stmt = stmt.where(RewardNotice.customer_id == customer_id)
        return [{"id": n.id, "customer_id": n.customer_id, "reward_no": n.reward_no,
                 "points": n.points, "status": n.status, "campaign_id": n.campaign_id,
                 "outbox_id": n.outbox_id, "at": n.created_at} for n in s.scalars(stmt)]


def rewards_step(db: Database, settings: SettingsView, service: Any) -> dict[str, Any]:
    """The daily run's step (``shopcrm daily``): send the reward notices due, through the
    run's SMS provider; skipped with a reason while the club is off or SMS is not set up."""
    from shopcrm.errors import ProviderError

    if not LoyaltyRules.from_settings(settings).enabled:
        return {"enabled": False, "reason": "loyalty_disabled", "sent": 0}
    try:
        sms = service.sms_provider()
    except ProviderError as err:
        return {"enabled": False, "reason": err.code, "sent": 0}
    result = send_reward_notices(db, settings, yes=True, sms=sms, options=service.options)
    return result.as_dict() | {"enabled": True, "sent": result.sent}

