"""The outbox: one row per message, written before anything is sent.

Row life (``OutboxMessage.status``)::

    pending ──mark_sending (committed)──> sending ──reply──> sent ──sync──> delivered
       ^  (not_before: queued until then)    │                       └────> failed
       └──────── status 100 on lookup ───────┤ (gateway: 411) ──> invalid
                                             └ (rejected, too many tries) ──> failed

``sending`` is committed before the HTTP call, so after a crash or a kill every message
whose fate is open is in ``sending``; the sender asks the gateway about those by local id
(the row id) before anything is sent again. Email has no such lookup: an email left in
``sending`` becomes ``unknown`` and is not sent again (at most once).

Everything here is a short piece of SQL on a session the caller owns; bulk writes use
Core ``executemany`` so a 200-message chunk costs a few statements, not 600.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from shopcrm.services.messaging.providers.base import (
    BLOCKED,
    DELIVERED,
    FINAL_STATUSES,
    is_failed,
)
from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.models import Campaign, Customer, Interaction, OutboxMessage
from shopcrm.storage.outbox_status import ALL_STATUSES, OPEN_STATUSES, OutboxStatus
from shopcrm.storage.results import rowcount

PENDING = OutboxStatus.PENDING.value
SENDING = OutboxStatus.SENDING.value
SENT = OutboxStatus.SENT.value
DELIVERED_STATE = OutboxStatus.DELIVERED.value
FAILED = OutboxStatus.FAILED.value
INVALID = OutboxStatus.INVALID.value
UNKNOWN_STATE = OutboxStatus.UNKNOWN.value
TEST_STATE = OutboxStatus.TEST.value  # written to the test file: nothing left the machine
OPEN_STATES = OPEN_STATUSES
ALL_STATES = ALL_STATUSES

T = OutboxMessage.__table__
_FINAL = sorted(FINAL_STATUSES)
C = Customer.__table__


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message to put in the outbox."""

    customer_id: int | None
    channel: str  # sms|email
    recipient: str  # 09XXXXXXXXX or an email address
    body: str
    parts: int = 1


@dataclass(frozen=True, slots=True)
class Due:
    """A message about to be sent: what the provider needs, and whom to log it for."""

    id: int
    customer_id: int | None
    recipient: str
    body: str
    attempts: int


@dataclass(frozen=True, slots=True)
class OutboxView:
    """One outbox row, for lists (plain data)."""

    id: int
    campaign_id: int
    customer_id: int | None
    channel: str
    recipient: str
    status: str
    parts: int
    provider_message_id: str | None
    provider_status: int | None
    cost: int | None
    error_code: str | None
    error_text: str | None
    attempts: int
    not_before: datetime | None
    sent_at: datetime | None
    body: str

    def as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__slots__}


def insert_messages(s: Session, campaign_id: int, messages: Sequence[NewMessage]) -> int:
    """Add ``messages`` to the campaign's outbox (pending), in the caller's transaction."""
    if not messages:
        return 0
    now = _now()
    rows = [
        {
            "campaign_id": campaign_id,
            "customer_id": m.customer_id,
            "channel": m.channel,
            "recipient": m.recipient,
            "body": m.body,
            "parts": m.parts,
            "status": PENDING,
            "attempts": 0,
            "created_at": now,
            "updated_at": now,
        }
        for m in messages
    ]
    for start in range(0, len(rows), 2_000):
        s.execute(insert(T), rows[start : start + 2_000])
    return len(rows)


def existing(s: Session, campaign_id: int) -> tuple[set[tuple[str, str]], set[int]]:
    """The (channel, recipient) pairs and the customer ids already in the campaign."""
    pairs: set[tuple[str, str]] = set()
    customers: set[int] = set()
    for channel, recipient, customer_id in s.execute(
        select(T.c.channel, T.c.recipient, T.c.customer_id).where(T.c.campaign_id == campaign_id)
    ):
        pairs.add((channel, recipient))
        if customer_id is not None:
            customers.add(customer_id)
    return pairs, customers


@dataclass
class Counts:
    """How many of a campaign's messages are in each state."""

    by_status: dict[str, int]
    queued: int = 0  # pending, not before a later time (quiet hours)
    cost: int = 0
    parts: int = 0

    def __getitem__(self, status: str) -> int:
        return self.by_status.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def open(self) -> int:
        return self[PENDING] + self[SENDING]

    @property
    def sent(self) -> int:
        return self[SENT] + self[DELIVERED_STATE]

    @property
    def failed(self) -> int:
        return self[FAILED] + self[INVALID]

    @property
    def written(self) -> int:
        """Written to the test file (test mode): nothing left the machine."""
        return self[TEST_STATE]


def counts(s: Session, campaign_id: int, now: datetime | None = None) -> Counts:
    """Counts by status, queued messages, total cost and parts of a campaign."""
    now = now or _now()
    by_status: dict[str, int] = {}
    cost = parts = 0
    for status, n, c, p in s.execute(
        select(T.c.status, func.count(), func.sum(T.c.cost), func.sum(T.c.parts))
        .where(T.c.campaign_id == campaign_id)
        .group_by(T.c.status)
    ):
        by_status[status] = int(n)
        cost += int(c or 0)
        parts += int(p or 0)
    queued = s.scalar(
        select(func.count()).where(
            T.c.campaign_id == campaign_id, T.c.status == PENDING, T.c.not_before > now
        )
    )
    return Counts(by_status, int(queued or 0), cost, parts)


def due(s: Session, campaign_id: int, channel: str, now: datetime, limit: int) -> list[Due]:
    """The next ``limit`` pending messages of ``channel`` that may go out at ``now``."""
    rows = s.execute(
        select(T.c.id, T.c.customer_id, T.c.recipient, T.c.body, T.c.attempts)
        .where(
            T.c.campaign_id == campaign_id,
            T.c.status == PENDING,
            T.c.channel == channel,
            or_(T.c.not_before.is_(None), T.c.not_before <= now),
        )
        .order_by(T.c.id)
        .limit(limit)
    )
    return [Due(*row) for row in rows]


def in_state(s: Session, campaign_id: int, status: str, channel: str | None = None) -> list[Due]:
    """Every message of the campaign in ``status`` (of ``channel``), by id."""
    stmt = select(T.c.id, T.c.customer_id, T.c.recipient, T.c.body, T.c.attempts).where(
        T.c.campaign_id == campaign_id, T.c.status == status
    )
    if channel:
        stmt = stmt.where(T.c.channel == channel)
    return [Due(*row) for row in s.execute(stmt.order_by(T.c.id))]


def requeue_failed(s: Session, campaign_id: int, codes: Iterable[str], now: datetime) -> int:
    """Make the campaign's messages that failed with one of ``codes`` (passing troubles)
    pending again, their tries counted afresh; returns how many."""
    result = s.execute(
        update(T)
        .where(T.c.campaign_id == campaign_id, T.c.status == FAILED,
               T.c.error_code.in_(sorted(codes)))
        .values(status=PENDING, attempts=0, not_before=None, updated_at=now)
    )
    return int(rowcount(result) or 0)


def retryable_failed(s: Session, codes: Iterable[str]) -> dict[int, int]:
    """Campaign id -> how many of its messages failed with one of ``codes``."""
    rows = s.execute(
        select(T.c.campaign_id, func.count())
        .where(T.c.status == FAILED, T.c.error_code.in_(sorted(codes)))
        .group_by(T.c.campaign_id)
    )
    return {int(c): int(n) for c, n in rows}


def mark_sending(s: Session, ids: Sequence[int], now: datetime) -> None:
    """Mark ``ids`` as being sent (the caller commits before calling the gateway)."""
    s.execute(
        update(T)
        .where(T.c.id.in_(list(ids)))
        .values(status=SENDING, attempts=T.c.attempts + 1, updated_at=now)
    )


_UPDATE_KEYS = (
    "status",
    "provider_message_id",
    "provider_status",
    "cost",
    "error_code",
    "error_text",
    "sent_at",
    "not_before",
)


def apply(s: Session, changes: Iterable[dict[str, Any]], now: datetime) -> int:
    """Write per-row outcomes: dicts with ``id`` and any of :data:`_UPDATE_KEYS`
    (missing keys keep their value). Rows are grouped by the keys they set."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    n = 0
    for change in changes:
        keys = tuple(k for k in _UPDATE_KEYS if k in change)
        row = {f"v_{k}": change[k] for k in keys}
        row["v_id"] = change["id"]
        groups.setdefault(keys, []).append(row)
        n += 1
    for keys, rows in groups.items():
        values: dict[str, Any] = {k: bindparam(f"v_{k}") for k in keys}
        values["updated_at"] = now
        stmt = update(T).where(T.c.id == bindparam("v_id")).values(**values)
        s.connection().execute(stmt, rows)
    return n


def log_contacts(
    s: Session, campaign_id: int, sent: Sequence[tuple[Due, str]], at: datetime
) -> None:
    """Write each sent message on its customer's contact history (an Interaction of
    kind ``sms``/``email``) and set ``last_contact_at`` with a Core UPDATE, so the
    customer's version (an open edit form's) is not bumped."""
    rows = [
        {
            "customer_id": m.customer_id,
            "at": at,
            "kind": channel,
            "direction": "out",
            "summary": m.body,
            "outcome": "sent",
            "campaign_id": campaign_id,
            "outbox_id": m.id,
            "created_at": at,
            "updated_at": at,
        }
        for m, channel in sent
        if m.customer_id is not None
    ]
    if not rows:
        return
    s.execute(insert(Interaction.__table__), rows)
    ids = sorted({m.customer_id for m, _channel in sent if m.customer_id is not None})
    for start in range(0, len(ids), CHUNK_SIZE):
        s.execute(
            update(C)
            .where(C.c.id.in_(ids[start:start + CHUNK_SIZE]))
            .where(or_(C.c.last_contact_at.is_(None), C.c.last_contact_at < at))
            .values(last_contact_at=at, updated_at=C.c.updated_at)
        )


def queue_until(s: Session, campaign_id: int, channel: str, until: datetime) -> int:
    """Hold the campaign's pending ``channel`` messages until ``until`` (quiet hours)."""
    result = s.execute(
        update(T)
        .where(
            T.c.campaign_id == campaign_id,
            T.c.channel == channel,
            T.c.status == PENDING,
            or_(T.c.not_before.is_(None), T.c.not_before < until),
        )
        .values(not_before=until, updated_at=_now())
    )
    return int(rowcount(result) or 0)


def next_due(s: Session, campaign_id: int) -> datetime | None:
    """The earliest ``not_before`` of the campaign's pending messages."""
    return s.scalar(
        select(func.min(T.c.not_before)).where(
            T.c.campaign_id == campaign_id, T.c.status == PENDING
        )
    )


def delivery_state(status: int | None) -> str:
    """The outbox status for a gateway delivery status."""
    if status == DELIVERED:
        return DELIVERED_STATE
    if is_failed(status):
        return FAILED
    return SENT


def delivery_error(status: int | None) -> str | None:
    """The error code recorded for a failed delivery status."""
    if status == BLOCKED:
        return "sms_blocked"
    if is_failed(status):
        return "sms_undelivered"
    return None


def unfinished_sms(
    s: Session, *, after_id: int = 0, limit: int | None = None
) -> list[tuple[int, int, int | None]]:
    """(row id, gateway message id, customer id) of sent SMS whose delivery is not final,
    by id, after ``after_id``."""
    stmt = (
        select(T.c.id, T.c.provider_message_id, T.c.customer_id)
        .where(
            T.c.channel == "sms",
            T.c.status == SENT,
            T.c.provider_message_id.is_not(None),
            or_(T.c.provider_status.is_(None), T.c.provider_status.not_in(_FINAL)),
            T.c.id > after_id,
        )
        .order_by(T.c.id)
    )
    if limit:
        stmt = stmt.limit(limit)
    out = []
    for row_id, mid, customer_id in s.execute(stmt):
        try:
            out.append((row_id, int(mid), customer_id))
        except (TypeError, ValueError):
            continue
    return out


def opt_out_sms(s: Session, customer_ids: Iterable[int], at: datetime) -> int:
    """Mark customers as opted out of SMS (gateway status 14). The version is bumped so
    an edit form opened before cannot silently turn the opt-out back off."""
    ids = sorted(set(customer_ids))
    if not ids:
        return 0
    result = s.execute(
        update(C)
        .where(C.c.id.in_(ids), C.c.sms_opt_out.is_not(True))
        .values(sms_opt_out=True, sms_opt_out_at=at, version=C.c.version + 1, updated_at=at)
    )
    return int(rowcount(result) or 0)


def list_rows(
    s: Session,
    *,
    campaign_id: int | None = None,
    status: str | None = None,
    limit: int | None = 200,
    offset: int = 0,
) -> list[OutboxView]:
    """Outbox rows, newest campaign first, then by id."""
    stmt = select(
        T.c.id,
        T.c.campaign_id,
        T.c.customer_id,
        T.c.channel,
        T.c.recipient,
        T.c.status,
        T.c.parts,
        T.c.provider_message_id,
        T.c.provider_status,
        T.c.cost,
        T.c.error_code,
        T.c.error_text,
        T.c.attempts,
        T.c.not_before,
        T.c.sent_at,
        T.c.body,
    )
    conditions = []
    if campaign_id is not None:
        conditions.append(T.c.campaign_id == campaign_id)
    if status:
        conditions.append(T.c.status == status)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    stmt = stmt.order_by(T.c.campaign_id.desc(), T.c.id).offset(offset)
    if limit:
        stmt = stmt.limit(limit)
    # by name: the checker cannot spread a row of more than ten columns
    return [OutboxView(**row._asdict()) for row in s.execute(stmt)]


def campaign_ids_with_open(s: Session) -> list[int]:
    """Campaigns that still have pending or sending messages."""
    return list(
        s.scalars(
            select(Campaign.id)
            .where(Campaign.id.in_(select(T.c.campaign_id).where(T.c.status.in_(OPEN_STATES))))
            .order_by(Campaign.id)
        )
    )


def _now() -> datetime:
    from shopcrm.domain.dates import utc_now

    return utc_now()
