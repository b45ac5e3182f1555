"""One SMS to one customer from the card: a one-recipient campaign, so it goes through the
outbox like any campaign (created before anything is sent, sent exactly once, resumable
after a crash, visible on the Campaigns page).

The campaign's ``dedupe_key`` is ``single:<customer>:<text hash>:<local date>``: the same
text to the same customer twice on one day (a double click, a second card) is refused
(``single_sms_already_sent``), or resumed when the first attempt was cut short.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from shopcrm.domain.dates import format_jalali, local_today
from shopcrm.errors import Conflict
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, OutboxMessage

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

PRICE_SAMPLE = 200  # recent SMS the price per part is learned from


@dataclass(frozen=True)
class SingleSent:
    campaign_id: int
    status: str  # the campaign's: done | paused | ...
    sent: int
    failed: int
    cost: int
    pause_reason: str | None


def dedupe_key(customer_id: int, text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"single:{customer_id}:{digest}:{local_today().isoformat()}"


def part_price(db: Database) -> int | None:
    """Rials per SMS part, learned from what the gateway charged for recent messages
    (``entries[].cost``); None before the first SMS was sent."""
    with db.reading() as s:
        recent = (select(OutboxMessage.cost, OutboxMessage.parts)
                  .where(OutboxMessage.channel == "sms", OutboxMessage.cost.is_not(None),
                         OutboxMessage.parts > 0)
                  .order_by(OutboxMessage.id.desc()).limit(PRICE_SAMPLE).subquery())
        cost, parts = s.execute(select(func.sum(recent.c.cost),
                                       func.sum(recent.c.parts))).one()
    if not parts:
        return None
    return round(int(cost or 0) / int(parts))


def send_one(db: Database, settings: SettingsView, customer_id: int, text: str, *, sms: Any = None,
             name: str | None = None) -> SingleSent:
    """Send ``text`` (a template: ``{first_name}`` etc. work) to one customer by SMS."""
    from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService

    service = CampaignService(db, settings, sms=sms)
    try:
        key = dedupe_key(customer_id, text)
        request = CampaignRequest(
            text=text, audience=Audience.ids([customer_id]), channel="sms", kind="single",
            name=name or f"پیامک تکی {format_jalali(local_today(), persian_digits=False)}",
            dedupe_key=key)
        service.check_ready(service.plan(request, credit=False))
        try:
            campaign_id, _plan = service.create(request)
        except IntegrityError:
            with db.reading() as s:
                earlier = s.scalar(select(Campaign.id).where(Campaign.dedupe_key == key))
            if earlier is None or not service.get(earlier).pending:
                raise Conflict("single_sms_already_sent") from None
            campaign_id = earlier
        last = service.run_to_end(campaign_id)
        return SingleSent(campaign_id, last.status, last.sent, last.failed + last.invalid,
                          last.cost, last.pause_reason)
    finally:
        service.close()
