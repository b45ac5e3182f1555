"""Ready campaigns: the relocation notice and the yearly birthday greeting.

Mixed into :class:`.campaigns.CampaignService`.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from shopcrm.domain.dates import format_jalali, local_to_utc, local_today, to_jalali, utc_now
from shopcrm.errors import InvalidInput, ShopError
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.audiences import Audience
from shopcrm.services.messaging.campaign_views import CampaignRequest, Plan
from shopcrm.services.messaging.templates import ShopInfo, ready
from shopcrm.storage.models import Campaign, Customer

if TYPE_CHECKING:
    from shopcrm.config import SettingsView
    from shopcrm.storage.db import Database


class ReadyCampaigns:
    """Relocation and birthdays, on top of the service's plan and create."""

    db: Database
    settings: SettingsView

    def add_recipients(self, campaign_id: int, request: CampaignRequest) -> Plan:
        raise NotImplementedError  # pragma: no cover - the service's

    def _subject(self, request: CampaignRequest, shop: ShopInfo) -> str:
        raise NotImplementedError  # pragma: no cover - the service's

    def relocation_request(self, new_address: str | None = None, *, channel: str = "both",
                           text: str | None = None, name: str | None = None) -> CampaignRequest:
        """The relocation notice: everyone in the book not opted out (absent and one-off
        customers included), with the new address, by SMS and email."""
        address = (new_address or self.settings.get("shop.new_address") or "").strip()
        if not address:
            raise InvalidInput("relocation_no_address")
        base = ready("relocation")
        return CampaignRequest(
            text=text or base.text, audience=Audience.everyone(), channel=channel,
            name=name, subject=base.subject, kind="relocation", new_address=address,
        )

    def birthday_request(self, today: date | None = None, *, channel: str = "sms",
                         text: str | None = None) -> tuple[CampaignRequest, list[int]]:
        """The greeting for today's birthdays, and their ids."""
        today = today or local_today()
        base = ready("birthday")
        ids = birthdays_on(self.db, today)
        year = to_jalali(today)[0]
        request = CampaignRequest(
            text=text or base.text, audience=Audience.ids(ids), channel=channel,
            name=f"تبریک تولد {year}", subject=base.subject, kind="birthday",
            dedupe_key=f"birthday:{year}",
        )
        return request, ids

    def prepare_birthday_greetings(
        self, today: date | None = None, *, channel: str = "sms", text: str | None = None
    ) -> tuple[int | None, Plan | None]:
        """Add today's birthdays to this Jalali year's birthday campaign (made on first
        use, ``dedupe_key`` ``birthday:<year>``). Whoever is already in it (greeted
        earlier this year, or earlier today) is left out. (None, None) when nobody has a
        birthday today."""
        request, ids = self.birthday_request(today, channel=channel, text=text)
        if not ids:
            return None, None
        campaign_id = self._campaign_by_key(request)
        self._expire_greetings(campaign_id, today or local_today())
        return campaign_id, self.add_recipients(campaign_id, request)

    def _expire_greetings(self, campaign_id: int, today: date) -> None:
        """Greetings of earlier days still unsent (the campaign was cancelled, say) are
        not sent late: they fail as ``birthday_expired``."""
        midnight = local_to_utc(datetime.combine(today, time()))
        with self.db.session() as s:
            s.execute(
                update(ob.T)
                .where(ob.T.c.campaign_id == campaign_id, ob.T.c.status == ob.PENDING,
                       ob.T.c.created_at < midnight)
                .values(status=ob.FAILED, error_code="birthday_expired", updated_at=utc_now())
            )

    def _campaign_by_key(self, request: CampaignRequest) -> int:
        for _ in range(2):  # a second scheduler may create it at the same moment
            with self.db.session() as s:
                found = s.scalar(select(Campaign.id).where(Campaign.dedupe_key ==
                                                           request.dedupe_key))
                if found is not None:
                    return found
            try:
                with self.db.session() as s:
                    campaign = Campaign(
                        name=request.name or default_name(request), kind=request.kind,
                        channel=request.channel, template=request.text,
                        subject=self._subject(request, ShopInfo.from_settings(self.settings)),
                        audience=json.dumps({"audience": {"kind": "birthdays"}}),
                        status="draft", dedupe_key=request.dedupe_key,
                    )
                    s.add(campaign)
                    s.flush()
                    return campaign.id
            except IntegrityError:
                continue
        raise ShopError("error", detail=f"cannot create campaign {request.dedupe_key}")



def birthdays_on(db: Database, today: date) -> list[int]:
    """Ids of customers (not in the trash) whose Jalali birthday is ``today``
    (30 Esfand birthdays are greeted on 29 Esfand in common years)."""
    from shopcrm.services.absence.birthdays import birthday_clause

    with db.session() as s:
        return list(s.scalars(select(Customer.id).where(
            Customer.deleted_at.is_(None), birthday_clause(0, today)).order_by(Customer.id)))


#: Campaign names for kinds without a ready template (the owner's language is Persian).
KIND_TITLES = {"custom": "پیام", "notice": "اطلاعیه", "complaint_reply": "پاسخ به شکایت"}


def default_name(request: CampaignRequest) -> str:
    """The template's Persian title and the Jalali date (``بازگشت مشتری ۱۴۰۵/۰۹/۱۲``)."""
    from shopcrm.services.messaging.templates import READY

    title = next((t.title for t in READY.values() if t.kind == request.kind),
                 KIND_TITLES.get(request.kind, request.kind))
    return f"{title} {format_jalali(local_today())}"
