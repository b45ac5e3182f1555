"""No repeat by accident: who already got (or is about to get) the same message.

A message is *the same* as an earlier one to the same person (the same mobile or email,
or the same customer) on the same channel when it has the same text after the
placeholders were filled, or comes from the same template, or belongs to the same kind of
one-off campaign (:data:`ONCE_KINDS`: the relocation notice). It counts when it was

- received in the last ``campaign.repeat_days`` days (sent, delivered, or an email whose
  outcome is unknown): left out as ``already_sent``, with the date it was last sent;
- waiting in an unfinished campaign (pending or in flight, or failed for a passing reason
  that its resume tries again; the campaign not cancelled): left out as
  ``waiting_in_campaign``, and that campaign is offered for a resume.

Messages written to the test file count only against another test-mode campaign.
``--again`` (the composer's checkbox) sends anyway; the plan then says how many get it
twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shopcrm.domain.dates import utc_now, utc_to_local
from shopcrm.services.messaging import outbox as ob
from shopcrm.storage.models import Campaign

#: Campaign kinds sent once: any earlier one counts, whatever its text.
ONCE_KINDS = frozenset({"relocation"})
_RECEIVED = (ob.SENT, ob.DELIVERED_STATE, ob.UNKNOWN_STATE)
_UNFINISHED = ("draft", "sending", "paused", "incomplete")
#: Failures a resume of their campaign sends again (sender.RETRYABLE_FAILURES).
_RETRIED = ("sms_retryable", "sms_lost_reply", "sms_malformed", "smtp_temporary",
            "smtp_connect")


@dataclass(frozen=True, slots=True)
class Earlier:
    """One earlier message that makes a new one a repeat."""

    campaign_id: int
    waiting: bool  # still pending in an unfinished campaign
    day: date | None  # local date it was sent (None while waiting)


@dataclass
class Repeats:
    """The earlier messages of the same content, looked up by recipient and customer."""

    by_recipient: dict[tuple[str, str], list[tuple[str, str | None, Earlier]]] = field(
        default_factory=dict)
    by_customer: dict[tuple[str, int], list[tuple[str, str | None, Earlier]]] = field(
        default_factory=dict)
    unfinished: set[int] = field(default_factory=set)
    text: str = ""
    kind: str = ""

    def find(self, channel: str, recipient: str, customer_id: int | None,
             body: str) -> Earlier | None:
        """The latest earlier message ``body`` would repeat (waiting ones first)."""
        rows = list(self.by_recipient.get((channel, recipient), ()))
        if customer_id is not None:
            rows += self.by_customer.get((channel, customer_id), ())
        same = [e for old_body, template, e in rows
                if old_body == body or template == self.text or
                (self.kind in ONCE_KINDS and template is None)]
        if not same:
            return None
        waiting = [e for e in same if e.waiting]
        if waiting:
            return waiting[0]
        return max(same, key=lambda e: e.day or date.min)


def earlier(s: Session, *, text: str, kind: str, days: int, test_mode: bool,
            exclude_campaign: int | None = None, now: datetime | None = None,
            skip: bool = False) -> Repeats:
    """Every message of the last ``days`` days (and every one waiting in an unfinished
    campaign) that may be the same as a campaign of ``text`` and ``kind`` (none when
    ``skip``)."""
    out = Repeats(text=text, kind=kind)
    if skip:
        return out
    now = now or utc_now()
    since = now - timedelta(days=max(days, 0))
    received = list(_RECEIVED) + ([ob.TEST_STATE] if test_mode else [])
    T = ob.T
    waiting_rows = Campaign.status.in_(_UNFINISHED) & or_(
        T.c.status.in_(ob.OPEN_STATES),
        (T.c.status == ob.FAILED) & T.c.error_code.in_(_RETRIED))
    if days > 0:
        which = or_(T.c.status.in_(received) & (T.c.sent_at >= since), waiting_rows)
    else:
        which = waiting_rows
    stmt = (
        select(T.c.channel, T.c.recipient, T.c.customer_id, T.c.body, T.c.status,
               T.c.error_code,
               T.c.sent_at, T.c.campaign_id, Campaign.template, Campaign.kind,
               Campaign.status.label("campaign_status"))
        .join(Campaign, Campaign.id == T.c.campaign_id)
        .where(which)
    )
    if exclude_campaign is not None:
        stmt = stmt.where(T.c.campaign_id != exclude_campaign)
    for row in s.execute(stmt):
        waiting = row.status in ob.OPEN_STATES or row.status == ob.FAILED
        if kind in ONCE_KINDS and row.kind == kind:
            template: str | None = None  # any earlier one of this kind counts
        else:
            template = row.template
        entry = Earlier(row.campaign_id, waiting,
                        None if waiting else utc_to_local(row.sent_at).date())
        item = (row.body, template, entry)
        out.by_recipient.setdefault((row.channel, row.recipient), []).append(item)
        if row.customer_id is not None:
            out.by_customer.setdefault((row.channel, row.customer_id), []).append(item)
    return out


def unfinished_same(s: Session, campaign_ids: Iterable[int]) -> list[int]:
    """The unfinished campaigns among ``campaign_ids``, by id."""
    ids = sorted(set(campaign_ids))
    if not ids:
        return []
    return list(s.scalars(select(Campaign.id).where(Campaign.id.in_(ids),
                                                    Campaign.status.in_(_UNFINISHED))
                          .order_by(Campaign.id)))
