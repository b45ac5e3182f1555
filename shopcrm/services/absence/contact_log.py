"""A customer's contact history, read-only: calls, messages, talks, complaints.

It merges the contact log (``Interaction`` rows, with the delivery status of the message
they point to) with outbox messages that no log row points to, so a message shows with
its delivery status whichever way the messaging code records it. Writing the log
(logging a call, snoozing) belongs to the follow-up service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, Interaction, OutboxMessage


@dataclass(frozen=True)
class ContactEntry:
    """One line of the contact history; ``at`` is a UTC instant."""

    at: datetime
    kind: str  # call|sms|email|in_person|complaint|snooze|note, or the channel of a message
    direction: str | None
    summary: str | None
    outcome: str | None
    status: str | None  # complaints: open|resolved
    delivery: str | None  # messages: pending|sent|delivered|failed|...
    campaign: str | None
    interaction_id: int | None
    outbox_id: int | None

    @property
    def is_open_complaint(self) -> bool:
        return self.kind == "complaint" and self.status != "resolved"


class ContactLogService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def history(self, customer_id: int, *, limit: int = 500) -> list[ContactEntry]:
        """Newest first."""
        entries: list[ContactEntry] = []
        with self.db.reading() as s:
            rows = s.execute(
                select(Interaction, OutboxMessage.status, Campaign.name)
                .outerjoin(OutboxMessage, OutboxMessage.id == Interaction.outbox_id)
                .outerjoin(Campaign, Campaign.id == Interaction.campaign_id)
                .where(Interaction.customer_id == customer_id)
                .order_by(Interaction.at.desc(), Interaction.id.desc())
                .limit(limit)
            ).all()
            linked: set[int] = set()
            for interaction, delivery, campaign in rows:
                if interaction.outbox_id is not None:
                    linked.add(interaction.outbox_id)
                entries.append(ContactEntry(
                    interaction.at, interaction.kind, interaction.direction,
                    interaction.summary, interaction.outcome, interaction.status, delivery,
                    campaign, interaction.id, interaction.outbox_id))
            messages = s.execute(
                select(OutboxMessage, Campaign.name)
                .join(Campaign, Campaign.id == OutboxMessage.campaign_id)
                .where(OutboxMessage.customer_id == customer_id)
                .order_by(OutboxMessage.id.desc())
                .limit(limit)
            ).all()
            for message, campaign in messages:
                if message.id in linked:
                    continue
                entries.append(ContactEntry(
                    message.sent_at or message.created_at, message.channel, "out",
                    message.body, None, None, message.status, campaign, None, message.id))
        entries.sort(key=lambda e: e.at, reverse=True)
        return entries[:limit]

    def open_complaints(self, customer_id: int) -> int:
        """Open complaints: the complaint records (migration 0005) and any contact-log
        complaint written the old way."""
        from shopcrm.services.retention.complaints import ComplaintService

        legacy = sum(1 for e in self.history(customer_id) if e.is_open_complaint)
        return legacy + ComplaintService(self.db).open_count(customer_id)
