"""Emails whose fate nobody knows, and the owner's decision about them.

An email left ``sending`` by a kill or a power cut may or may not have reached the SMTP
server (it cannot be looked up). It becomes ``unknown`` and is not sent again by itself:
the owner sees the list, with the risk in words, and either resends (some may get it
twice) or drops (some may never get it) each one.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import update

from shopcrm.domain.dates import utc_now
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.services.messaging import outbox as ob
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign
from shopcrm.storage.results import rowcount

ACTIONS = ("resend", "drop")
DROPPED = "email_dropped"


def unknown(db: Database, campaign_id: int) -> list[ob.OutboxView]:
    """The campaign's emails with an unknown outcome, by id."""
    with db.reading() as s:
        if s.get(Campaign, campaign_id) is None:
            raise NotFound("campaign_not_found", id=campaign_id)
        return ob.list_rows(s, campaign_id=campaign_id, status=ob.UNKNOWN_STATE, limit=None)


def settle(db: Database, campaign_id: int, action: str,
           ids: Sequence[int] | None = None) -> int:
    """``resend`` (pending again: the next resume sends them) or ``drop`` (failed,
    ``email_dropped``) the unknown emails ``ids`` (all of them when None)."""
    if action not in ACTIONS:
        raise InvalidInput("bad_field", field="action", detail=action)
    T = ob.T
    with db.writing() as s:
        if s.get(Campaign, campaign_id) is None:
            raise NotFound("campaign_not_found", id=campaign_id)
        stmt = update(T).where(T.c.campaign_id == campaign_id, T.c.status == ob.UNKNOWN_STATE)
        if ids is not None:
            stmt = stmt.where(T.c.id.in_(list(ids)))
        if action == "resend":
            values = {"status": ob.PENDING, "attempts": 0, "error_code": None,
                      "error_text": "resent by the owner"}
        else:
            values = {"status": ob.FAILED, "error_code": DROPPED,
                      "error_text": "dropped by the owner"}
        result = s.execute(stmt.values(updated_at=utc_now(), **values))
        return int(rowcount(result) or 0)
