"""Plugs for the daily run and the Today page (``shopcrm.services.today``), in the shapes
they expect, so wiring this feature in is a matter of pointing at these functions:

- :func:`inbox_step` and :func:`surveys_step`: ``OPTIONAL["inbox"]`` and
  ``OPTIONAL["surveys"]`` of ``today/daily.py`` -- ``(db, settings, service) -> detail``
  (``service``: the run's ``CampaignService``, whose SMS provider they use; ``enabled``
  False and ``reason`` when there is nothing to do; ``sent``: messages sent by the step);
- :func:`open_complaints` and :func:`unread_replies`: the Today feeds
  (``today/feeds.py``), read from the complaint and inbound-message tables;
- :func:`add_complaint` and :func:`resolve_complaint`: the card's and the Today page's
  quick complaint, written to the complaint table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.errors import ProviderError
from shopcrm.storage.db import Database
from shopcrm.storage.models import Complaint, Customer, InboundMessage

from .complaints import OPEN_STATUSES, ComplaintService

if TYPE_CHECKING:
    from shopcrm.config import SettingsView


def _provider(service: Any) -> tuple[Any, str | None]:
    try:
        return service.sms_provider(), None
    except ProviderError as err:
        return None, err.code


def inbox_step(db: Database, settings: SettingsView, service: Any) -> dict[str, Any]:
    """Read the line's replies and act on them (:func:`.inbox.sync_inbox`)."""
    from .inbox import InboxSyncResult, sync_inbox

    provider, problem = _provider(service)
    result = (sync_inbox(db, settings, sms=provider) if provider is not None
              else InboxSyncResult(available=False, reason=problem))
    return result.as_dict() | {"enabled": result.available, "sent": 0}


def surveys_step(db: Database, settings: SettingsView, service: Any) -> dict[str, Any]:
    """Send the due after-visit surveys (:func:`.survey.send_due_surveys`)."""
    from .survey import SurveyResult, send_due_surveys

    if not settings.get("survey.enabled"):
        result = SurveyResult(enabled=False, reason="survey_disabled")
    else:
        provider, problem = _provider(service)
        if provider is None:
            result = SurveyResult(enabled=False, reason=problem)
        else:
            result = send_due_surveys(db, settings, sms=provider, options=service.options)
    enabled = result.enabled and result.reason != "quiet_hours"
    return result.as_dict() | {"enabled": enabled, "sent": result.sent_now}


@dataclass(frozen=True)
class OpenComplaint:
    id: int
    customer_id: int
    name: str
    mobile: str | None
    at: datetime  # UTC
    summary: str | None
    status: str
    severity: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def open_complaints(s: Session) -> list[OpenComplaint]:
    """Open and in-progress complaints, the oldest first (customers in the trash left out)."""
    rows = s.execute(
        select(Complaint.id, Complaint.customer_id, Customer.name, Customer.mobile,
               Complaint.opened_at, Complaint.text, Complaint.status, Complaint.severity)
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(Complaint.status.in_(OPEN_STATUSES), Customer.deleted_at.is_(None))
        .order_by(Complaint.opened_at, Complaint.id)).all()
    return [OpenComplaint(*r) for r in rows]


def unread_replies(s: Session) -> list[dict[str, Any]]:
    """Replies waiting for the owner: ``{"id", "customer_id", "name", "text", "at"}``."""
    rows = s.execute(
        select(InboundMessage.id, InboundMessage.customer_id, Customer.name,
               InboundMessage.sender, InboundMessage.text, InboundMessage.received_at)
        .outerjoin(Customer, Customer.id == InboundMessage.customer_id)
        .where(InboundMessage.read_at.is_(None))
        .order_by(InboundMessage.received_at, InboundMessage.id)).all()
    return [{"id": r.id, "customer_id": r.customer_id, "name": r.name or r.sender,
             "text": r.text, "at": r.received_at.isoformat()} for r in rows]


def add_complaint(db: Database, customer_id: int, text: str) -> int:
    """An open complaint (in person, medium) for the customer; returns its id."""
    return ComplaintService(db).add(customer_id, text).id


def resolve_complaint(db: Database, complaint_id: int) -> None:
    ComplaintService(db).resolve(complaint_id)
