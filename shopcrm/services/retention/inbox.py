"""The SMS inbox: customers' replies to the line, stored first, acted on once.

:func:`sync_inbox` reads the line's unread replies through the provider (Kavenegar's
``sms/receive``: each reply is handed out once, then marked read on the gateway), and

1. **stores** every reply in ``inbound_message`` in one transaction, keyed by the gateway's
   message id (a reply already stored is skipped), with the customer matched by mobile in
   any spelling (``+98 912 ...``, ``0098...``, Persian digits);
2. **acts** on each stored reply not yet acted on, one short transaction per reply that
   first claims it (``acted_at`` set where it is still empty), so a reply is acted on
   exactly once however often, and from however many processes, the inbox is read:

   - ``optout`` (11, لغو, لغو۱۱, stop...): the customer's SMS opt-out, dated the reply;
   - ``optin`` (12): the opt-out lifted;
   - ``score`` (a digit 1-5) while a survey of theirs waits for an answer: the visit's
     satisfaction; 1 or 2 also opens one complaint for that visit (channel ``survey``) and
     puts the customer on the call list;
   - anything else: listed for the owner to read and answer (unread).

   Handled replies are stored as read; ``other`` ones stay unread until the owner reads
   them. A matched reply is also written to the customer's contact history.

Replies left un-acted by a crash between the two steps are acted on at the next sync.
The file (test) provider has no inbox: the result says so (``available`` False).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from shopcrm.domain.dates import utc_now
from shopcrm.domain.phones import normalize_mobile
from shopcrm.domain.text import to_persian_digits
from shopcrm.errors import InvalidInput, NotFound, ProviderError
from shopcrm.services.messaging.providers.base import InboundSms
from shopcrm.services.retention import replies
from shopcrm.services.retention.call_list import request_call_back
from shopcrm.services.retention.complaints import add_complaint
from shopcrm.storage.db import Database
from shopcrm.storage.listing import newest_first
from shopcrm.storage.models import (
    Complaint,
    Customer,
    InboundMessage,
    Interaction,
    OutboxMessage,
    SurveyRequest,
    Visit,
)
from shopcrm.storage.results import rowcount

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

T = InboundMessage.__table__
#: A score counts for a survey sent at most this long before the reply.
SURVEY_ANSWER_DAYS = 7
MAX_ROUNDS = 50  # sms/receive calls per sync (100 replies each)

# InboundMessage.action values
OPTED_OUT = "opted_out"
ALREADY_OPTED_OUT = "already_opted_out"
OPTED_IN = "opted_in"
SCORE_RECORDED = "score_recorded"
COMPLAINT_OPENED = "complaint_opened"
LISTED = "listed"
NOT_IN_BOOK = "not_in_book"


@dataclass
class InboxSyncResult:
    """What one :func:`sync_inbox` did (plain data)."""

    available: bool = True
    reason: str | None = None  # an error code when the inbox could not be read
    fetched: int = 0  # replies the gateway handed out
    stored: int = 0  # new rows (a reply seen before is not stored again)
    acted: int = 0
    opted_out: int = 0
    opted_in: int = 0
    scores: int = 0
    complaints_opened: int = 0
    listed: int = 0  # for the owner to read
    unmatched: int = 0  # from a mobile that is nobody in the book
    error: str | None = None  # a fetch error after part was stored (what was got is kept)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class InboundView:
    id: int
    message_id: str
    sender: str
    mobile: str | None
    text: str
    received_at: datetime  # UTC
    customer_id: int | None
    customer_name: str | None
    classification: str | None
    score: int | None
    action: str | None
    read: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _mobile(sender: str) -> str | None:
    try:
        return normalize_mobile(sender)
    except InvalidInput:
        return None


def _received_at(entry: InboundSms, now: datetime) -> datetime:
    if entry.date is None or entry.date <= 0:
        return now
    try:
        return datetime.fromtimestamp(entry.date, UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return now


def store_replies(db: Database, entries: Sequence[InboundSms],
                  now: datetime | None = None) -> int:
    """Store the replies (those already stored are skipped); returns how many are new."""
    if not entries:
        return 0
    now = now or utc_now()
    rows: list[dict[str, Any]] = []
    for e in entries:
        mobile = _mobile(e.sender)
        rows.append({"message_id": e.message_id[:64], "sender": e.sender[:40],
                     "mobile": mobile, "receptor": (e.receptor or "")[:40] or None,
                     "text": e.text, "received_at": _received_at(e, now),
                     "customer_id": None, "created_at": now, "updated_at": now})
    with db.writing() as s:
        mobiles = sorted({r["mobile"] for r in rows if r["mobile"]})
        owners = dict(s.execute(select(Customer.mobile, Customer.id)
                                .where(Customer.mobile.in_(mobiles))).all()) if mobiles else {}
        for r in rows:
            r["customer_id"] = owners.get(r["mobile"])
        insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        stmt = insert(T).on_conflict_do_nothing(index_elements=["message_id"]).returning(T.c.id)
        return len(s.execute(stmt, rows).all())


def _waiting_survey(s: Session, customer_id: int, received_at: datetime) -> SurveyRequest | None:
    """The customer's newest survey sent before the reply (within SURVEY_ANSWER_DAYS)
    and not yet answered."""
    sent = func.coalesce(OutboxMessage.sent_at, OutboxMessage.created_at)
    return s.scalars(
        select(SurveyRequest)
        .join(OutboxMessage, OutboxMessage.id == SurveyRequest.outbox_id)
        .where(SurveyRequest.customer_id == customer_id, SurveyRequest.answered_at.is_(None),
               OutboxMessage.status.in_(("sent", "delivered")),
               sent <= received_at + timedelta(minutes=5),
               sent >= received_at - timedelta(days=SURVEY_ANSWER_DAYS))
        .order_by(sent.desc(), SurveyRequest.id.desc()).limit(1)).first()


def _claim(s: Session, row_id: int, now: datetime) -> bool:
    claimed = s.execute(update(T).where(T.c.id == row_id, T.c.acted_at.is_(None))
                        .values(acted_at=now, updated_at=now))
    return (rowcount(claimed) or 0) == 1


def _act(db: Database, row_id: int, result: InboxSyncResult) -> None:
    now = utc_now()
    with db.writing() as s:
        if not _claim(s, row_id, now):
            return  # acted on already (another sync, or earlier)
        msg = s.get(InboundMessage, row_id)
        assert msg is not None
        if msg.customer_id is None and msg.mobile:  # the customer may be in the book now
            msg.customer_id = s.scalar(select(Customer.id).where(Customer.mobile == msg.mobile))
        reading = replies.read_reply(msg.text)
        kind, action, read = reading.kind, LISTED, True
        customer = s.get(Customer, msg.customer_id) if msg.customer_id is not None else None
        if customer is None:
            result.unmatched += 1
        if kind == replies.OPTOUT:
            if customer is None:
                action = NOT_IN_BOOK
            elif customer.sms_opt_out:
                action = ALREADY_OPTED_OUT
            else:
                _set_opt_out(s, customer.id, True, msg.received_at)
                action = OPTED_OUT
                result.opted_out += 1
        elif kind == replies.OPTIN:
            if customer is None:
                action = NOT_IN_BOOK
            else:
                if customer.sms_opt_out:
                    _set_opt_out(s, customer.id, False, None)
                    result.opted_in += 1
                action = OPTED_IN
        elif kind == replies.SCORE:
            survey = (_waiting_survey(s, customer.id, msg.received_at)
                      if customer is not None else None)
            if survey is None:
                kind, read = replies.OTHER, False
            else:
                action = _record_score(s, survey, msg, reading.score or 0, result)
                msg.score = reading.score
        else:
            read = False
        if kind == replies.OTHER:
            action = LISTED
            result.listed += 1
        msg.classification = kind
        msg.action = action
        msg.read_at = now if read else None
        if customer is not None:
            s.add(Interaction(customer_id=customer.id, at=msg.received_at, kind="sms",
                              direction="in", summary=msg.text, outcome=action))
        result.acted += 1


def _set_opt_out(s: Session, customer_id: int, on: bool, at: datetime | None) -> None:
    c = Customer.__table__
    now = utc_now()
    s.execute(update(c).where(c.c.id == customer_id)
              .values(sms_opt_out=on, sms_opt_out_at=at if on else None,
                      version=c.c.version + 1, updated_at=now))


def _record_score(s: Session, survey: SurveyRequest, msg: InboundMessage, score: int,
                  result: InboxSyncResult) -> str:
    survey.score = score
    survey.answered_at = msg.received_at
    survey.inbound_id = msg.id
    s.execute(update(Visit).where(Visit.id == survey.visit_id).values(satisfaction=score)
              .execution_options(synchronize_session=False))
    result.scores += 1
    if score > 2:
        return SCORE_RECORDED
    already = s.scalar(select(Complaint.id).where(Complaint.visit_id == survey.visit_id,
                                                  Complaint.channel == "survey"))
    if already is None:
        add_complaint(s, survey.customer_id,
                      f"نمره‌ی {to_persian_digits(str(score))} از ۵ در نظرسنجی پس از مراجعه",
                      severity="high" if score == 1 else "medium", channel="survey",
                      visit_id=survey.visit_id, at=msg.received_at)
        # dated now, not at the reply: the survey SMS itself counts as a contact
        request_call_back(s, survey.customer_id, f"survey score {score}/5")
        result.complaints_opened += 1
    return COMPLAINT_OPENED


def act_on_pending(db: Database, result: InboxSyncResult | None = None) -> InboxSyncResult:
    """Act on every stored reply not acted on yet, oldest first."""
    result = result or InboxSyncResult()
    with db.reading() as s:
        ids = list(s.scalars(select(InboundMessage.id).where(InboundMessage.acted_at.is_(None))
                             .order_by(InboundMessage.received_at, InboundMessage.id)))
    for row_id in ids:
        _act(db, row_id, result)
    return result


def sync_inbox(db: Database, settings: SettingsView, *, sms: Any = None,
               receive: Callable[[], Sequence[InboundSms]] | None = None) -> InboxSyncResult:
    """Read the line's unread replies, store them, act on them (see the module doc).

    ``sms``: the provider (default: from the settings). Returns ``available`` False with
    ``reason`` ``inbox_not_available`` (the file provider has no inbox), ``inbox_no_line``
    or ``sms_not_configured`` instead of raising, so a daily run can go on."""
    result = InboxSyncResult()
    owned = None
    if receive is None:
        try:
            provider = sms
            if provider is None:
                from shopcrm.services.messaging import factory

                provider = owned = factory.sms_provider(settings)
        except ProviderError as err:
            return InboxSyncResult(available=False, reason=err.code)
        if not hasattr(provider, "receive"):
            if owned is not None:
                owned.close()
            return InboxSyncResult(available=False, reason="inbox_not_available")
        line = str(settings.get("sms.sender") or "").strip() or getattr(provider, "sender", None)
        if not line:
            if owned is not None:
                owned.close()
            return InboxSyncResult(available=False, reason="inbox_no_line")

        def receive() -> Sequence[InboundSms]:
            return provider.receive(line)

    try:
        for _ in range(MAX_ROUNDS):
            try:
                entries = receive()
            except ProviderError as err:
                if result.fetched == 0:
                    if err.code in ("sms_auth", "sms_not_configured", "inbox_no_line"):
                        return InboxSyncResult(available=False, reason=err.code)
                    raise
                result.error = err.code
                break
            if not entries:
                break
            result.fetched += len(entries)
            result.stored += store_replies(db, entries)
    finally:
        if owned is not None:
            owned.close()
    return act_on_pending(db, result)


# -- reading -------------------------------------------------------------------------------


class InboxService:
    """The stored replies, for the window and ``shopcrm inbox``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, *, unread_only: bool = False, customer_id: int | None = None,
             limit: int | None = 500) -> list[InboundView]:
        stmt = newest_first(
            select(InboundMessage, Customer.name)
            .outerjoin(Customer, Customer.id == InboundMessage.customer_id),
            InboundMessage.received_at, InboundMessage.id, where=[
                InboundMessage.read_at.is_(None) if unread_only else None,
                InboundMessage.customer_id == customer_id if customer_id is not None
                else None], limit=limit)
        with self.db.reading() as s:
            return [InboundView(m.id, m.message_id, m.sender, m.mobile, m.text, m.received_at,
                                m.customer_id, name, m.classification, m.score, m.action,
                                m.read_at is not None) for m, name in s.execute(stmt)]

    def unread_count(self) -> int:
        with self.db.reading() as s:
            return int(s.scalar(select(func.count()).select_from(T)
                                .where(T.c.read_at.is_(None))) or 0)

    def mark_read(self, ids: Sequence[int], read: bool = True) -> int:
        now = utc_now()
        with self.db.writing() as s:
            done = s.execute(update(T).where(T.c.id.in_(list(ids)))
                             .values(read_at=now if read else None, updated_at=now))
            return int(rowcount(done) or 0)

    def make_complaint(self, inbound_id: int, *, severity: str = "medium") -> int:
        """Open a complaint (channel ``sms_reply``) from a reply; marks the reply read."""
        now = utc_now()
        with self.db.writing() as s:
            msg = s.get(InboundMessage, inbound_id)
            if msg is None:
                raise NotFound("inbound_not_found", id=inbound_id)
            if msg.customer_id is None:
                raise NotFound("customer_not_found", ref=msg.mobile or msg.sender)
            complaint = add_complaint(s, msg.customer_id, msg.text, severity=severity,
                                      channel="sms_reply", at=msg.received_at)
            msg.read_at = msg.read_at or now
            return complaint.id
