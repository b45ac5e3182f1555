"""SQLAlchemy 2 typed models for every record of the customer book.

Conventions:
- naive ``datetime`` values are UTC instants; ``date`` values are plain calendar dates;
- money is an integer number of Rials;
- every table has ``created_at``/``updated_at``;
- deleting a customer sets ``deleted_at`` (the trash) until the trash is emptied.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shopcrm.domain.dates import utc_now
from shopcrm.storage.outbox_status import OutboxStatus

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # Every model here is mapped to a Table (none to a join or a select), so ``__table__``
    # is typed as one: insert(Model.__table__) and update(...) type-check without a cast.
    __table__: ClassVar[Table]


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utc_now, onupdate=utc_now, nullable=False
    )


customer_tag = Table(
    "customer_tag",
    Base.metadata,
    Column("customer_id", ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Timestamped, Base):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    color: Mapped[str | None] = mapped_column(String(20))


class Customer(Timestamped, Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)  # search/dedupe key
    name_sort: Mapped[str] = mapped_column(String(200), index=True)  # Persian alphabetical
    mobile: Mapped[str | None] = mapped_column(String(11), unique=True)  # 09XXXXXXXXX
    mobile_raw: Mapped[str | None] = mapped_column(String(100))  # unreadable original text
    phone2: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254), index=True)  # lower-cased
    birthday: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(10))  # "female" | "male"
    city: Mapped[str | None] = mapped_column(String(100), index=True)
    address: Mapped[str | None] = mapped_column(Text)
    referral: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    sms_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    sms_opt_out_at: Mapped[datetime | None] = mapped_column(DateTime)
    email_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    email_opt_out_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Visits before the book (from an imported hand-kept list): they count toward
    # "regular" but have no dates.
    prior_visits: Mapped[int] = mapped_column(Integer, default=0)
    # Spending before the book (an imported list's total, whole rials, beyond the amounts
    # of its visits in the book; migration 0008): part of ``total_spent``, no date.
    prior_spent: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    # Summary columns, kept correct in the same transaction as every visit change,
    # so lists never scan all visits.
    visit_count: Mapped[int] = mapped_column(Integer, default=0, index=True)  # dated visits
    visit_days: Mapped[int] = mapped_column(Integer, default=0)  # distinct local days
    first_visit_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_visit_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    total_spent: Mapped[int] = mapped_column(BigInteger, default=0)  # visits + prior_spent
    usual_gap_days: Mapped[float | None] = mapped_column(Float)  # median gap, dated visits
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime)
    snoozed_until: Mapped[date | None] = mapped_column(Date)

    search_text: Mapped[str] = mapped_column(Text, default="")  # normalised, for FTS/trgm
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    # Loyalty and referrals (migration 0006). The points columns are the sums of the
    # customer's ``points_entry`` rows (all of them; earn+bonus+adjust for ``earned``),
    # changed only in the same transaction as an entry (shopcrm.services.loyalty.points).
    points_balance: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    points_earned: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # No ON DELETE action: SQLite cannot add one that reflects; emptying the trash and
    # merging clear or move the links first (services/customers/service.py).
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)

    tags: Mapped[list[Tag]] = relationship(secondary=customer_tag, lazy="selectin")
    visits: Mapped[list[Visit]] = relationship(
        back_populates="customer", order_by="Visit.at", passive_deletes=True
    )

    # typed as DeclarativeBase declares it (a ClassVar would clash); read once, at mapping
    __mapper_args__: Any = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        # the absent and overdue lists, answered from the index alone (migration 0003)
        Index("ix_customer_followup", "deleted_at", "last_visit_at", "visit_count",
              "prior_visits", "visit_days", "usual_gap_days", "total_spent",
              "snoozed_until", "last_contact_at"),
        # live customers in Persian alphabetical order (migration 0004)
        Index("ix_customer_live_name", "name_sort", "id",
              sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
        # the priority words' value marks and the birthdays of the week (migration 0007)
        Index("ix_customer_spent", "total_spent", "deleted_at"),
        Index("ix_customer_birthday", "birthday"),
    )


class Visit(Timestamped, Base):
    __tablename__ = "visit"
    # customer, time and amount: RFM and the report series read this index alone
    __table_args__ = (Index("ix_visit_customer_at_amount", "customer_id", "at", "amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    amount: Mapped[int | None] = mapped_column(BigInteger)
    service: Mapped[str | None] = mapped_column(String(200))
    staff: Mapped[str | None] = mapped_column(String(100))
    payment_method: Mapped[str | None] = mapped_column(String(50))
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual|import|demo
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )

    customer: Mapped[Customer] = relationship(back_populates="visits")


class Interaction(Timestamped, Base):
    """The contact log: calls, messages, in-person talks, complaints, snoozes."""

    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_customer_at", "customer_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    kind: Mapped[str] = mapped_column(String(20))  # call|sms|email|in_person|complaint|snooze|note
    direction: Mapped[str | None] = mapped_column(String(10))  # out|in
    summary: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str | None] = mapped_column(String(20))  # complaints: open|resolved
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), index=True
    )


class Campaign(Timestamped, Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30), default="custom")  # winback|relocation|...
    channel: Mapped[str] = mapped_column(String(10))  # sms|email|both|prefer_email
    template: Mapped[str] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(String(300))
    audience: Mapped[str] = mapped_column(Text, default="{}")  # JSON description
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # draft|sending|paused|done|cancelled
    pause_reason: Mapped[str | None] = mapped_column(String(50))
    dedupe_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class OutboxMessage(Timestamped, Base):
    """One row per recipient and channel, created before anything is sent.

    ``id`` doubles as the numeric local id given to the gateway.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("campaign_id", "channel", "recipient", name="uq_outbox_recipient"),
        Index("ix_outbox_campaign_status", "campaign_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str] = mapped_column(String(10))  # sms|email
    recipient: Mapped[str] = mapped_column(String(254))
    body: Mapped[str] = mapped_column(Text)
    parts: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default=OutboxStatus.PENDING.value)
    # one of shopcrm.storage.outbox_status.OutboxStatus
    provider_message_id: Mapped[str | None] = mapped_column(String(64), index=True)
    provider_status: Mapped[int | None] = mapped_column(Integer)
    cost: Mapped[int | None] = mapped_column(Integer)
    error_code: Mapped[str | None] = mapped_column(String(50))
    error_text: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportBatch(Timestamped, Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_hash: Mapped[str] = mapped_column(String(64), index=True)
    sheet: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="customers")  # customers|visits
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[str | None] = mapped_column(Text)  # JSON
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportChange(Timestamped, Base):
    """What one import did to one customer, so the batch can be undone."""

    __tablename__ = "import_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(10))  # insert|update
    before: Mapped[str | None] = mapped_column(Text)  # JSON of changed fields
    version_after: Mapped[int] = mapped_column(Integer)


class Setting(Timestamped, Base):
    """Small key/value store inside the book: remembered mappings, last backup..."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class PointsEntry(Timestamped, Base):
    """The loyalty ledger: one row per change of a customer's points (migration 0006).

    ``reason``: earn (a visit), redeem (negative), expire (negative), bonus (a referral),
    adjust (a visit changed or deleted, or the owner's correction). ``key`` makes a one-off
    entry (a referral bonus) idempotent.
    """

    __tablename__ = "points_entry"
    __table_args__ = (Index("ix_points_entry_customer_at", "customer_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visit.id", ondelete="SET NULL"), index=True
    )
    points: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(10))  # earn|redeem|expire|bonus|adjust
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    note: Mapped[str | None] = mapped_column(Text)
    key: Mapped[str | None] = mapped_column(String(80), unique=True)


class RewardNotice(Timestamped, Base):
    """A reward reached, claimed once per customer and reward number (migration 0006).

    Reward ``reward_no`` is reached when the points earned in all reach ``reward_no`` x
    ``loyalty.reward_points``; the unique constraint makes the notice go out exactly once.
    """

    __tablename__ = "reward_notice"
    __table_args__ = (
        UniqueConstraint("customer_id", "reward_no", name="uq_reward_notice_customer_reward"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    reward_no: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)  # the balance when it was claimed
    status: Mapped[str] = mapped_column(String(20), default="claimed")  # claimed|queued|skipped
    note: Mapped[str | None] = mapped_column(String(100))
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), index=True
    )


class Complaint(Timestamped, Base):
    """A customer's complaint: how it came in, how bad, and how it was settled
    (migration 0005; older books kept complaints as ``Interaction`` rows)."""

    __tablename__ = "complaint"
    __table_args__ = (Index("ix_complaint_customer_status", "customer_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visit.id", ondelete="SET NULL"), index=True
    )
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    channel: Mapped[str] = mapped_column(String(20))  # in_person|phone|sms_reply|survey
    text: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(10), default="medium")  # low|medium|high
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    # open|in_progress|resolved
    resolution: Mapped[str | None] = mapped_column(Text)
    handled_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class InboundMessage(Timestamped, Base):
    """One SMS reply read from the line's inbox, stored before anything is done with it.

    ``message_id`` (the gateway's) is unique, so a reply is stored once however often the
    inbox is read; ``acted_at`` is set in the same transaction as the action, so it is
    carried out once."""

    __tablename__ = "inbound_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(64), unique=True)
    sender: Mapped[str] = mapped_column(String(40))  # as the gateway gave it
    mobile: Mapped[str | None] = mapped_column(String(11), index=True)  # 09XXXXXXXXX
    receptor: Mapped[str | None] = mapped_column(String(40))  # our line
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="SET NULL"), index=True
    )
    classification: Mapped[str | None] = mapped_column(String(10))  # optout|optin|score|other
    score: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str | None] = mapped_column(String(30))  # what was done, see inbox.py
    acted_at: Mapped[datetime | None] = mapped_column(DateTime)
    read_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)


class SurveyRequest(Timestamped, Base):
    """The after-visit survey of one visit: at most one per visit (unique ``visit_id``),
    written in the same transaction as its outbox row."""

    __tablename__ = "survey_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visit.id", ondelete="CASCADE"), unique=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="SET NULL"), index=True
    )
    score: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_message.id", ondelete="SET NULL")
    )

