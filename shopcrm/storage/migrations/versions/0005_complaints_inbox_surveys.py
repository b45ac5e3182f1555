"""complaints, the SMS inbox and after-visit surveys

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

- ``complaint``: one row per complaint (customer, optional visit, channel, text, severity,
  status open|in_progress|resolved, resolution, who handled it, when it was resolved).
  Complaints kept until now as contact-log rows (``interaction.kind = 'complaint'``) are
  moved here with their date, text, status and outcome, so nothing is lost; a downgrade
  puts them back.
- ``inbound_message``: every SMS reply read from the line's inbox, unique by the
  gateway's message id, with the matched customer and what was done about it.
- ``survey_request``: the after-visit survey of a visit (unique per visit).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("handled_by", sa.String(100), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_complaint_customer_id_customer"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"],
                                name=op.f("fk_complaint_visit_id_visit"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
    )
    op.create_index("ix_complaint_customer_status", "complaint", ["customer_id", "status"])
    op.create_index(op.f("ix_complaint_status"), "complaint", ["status"])
    op.create_index(op.f("ix_complaint_visit_id"), "complaint", ["visit_id"])

    op.create_table(
        "inbound_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("sender", sa.String(40), nullable=False),
        sa.Column("mobile", sa.String(11), nullable=True),
        sa.Column("receptor", sa.String(40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("classification", sa.String(10), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(30), nullable=True),
        sa.Column("acted_at", sa.DateTime(), nullable=True),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_inbound_message_customer_id_customer"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_message")),
        sa.UniqueConstraint("message_id", name=op.f("uq_inbound_message_message_id")),
    )
    for column in ("customer_id", "mobile", "read_at", "received_at"):
        op.create_index(op.f(f"ix_inbound_message_{column}"), "inbound_message", [column])

    op.create_table(
        "survey_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("inbound_id", sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"],
                                name=op.f("fk_survey_request_visit_id_visit"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_survey_request_customer_id_customer"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox_message.id"],
                                name=op.f("fk_survey_request_outbox_id_outbox_message"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["inbound_id"], ["inbound_message.id"],
                                name=op.f("fk_survey_request_inbound_id_inbound_message"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_request")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_survey_request_visit_id")),
    )
    op.create_index(op.f("ix_survey_request_customer_id"), "survey_request", ["customer_id"])
    op.create_index(op.f("ix_survey_request_outbox_id"), "survey_request", ["outbox_id"])
    _move_complaints_out_of_the_contact_log()


_interaction = sa.table(
    "interaction", sa.column("id", sa.Integer), sa.column("customer_id", sa.Integer),
    sa.column("at", sa.DateTime), sa.column("kind", sa.String), sa.column("direction", sa.String),
    sa.column("summary", sa.Text), sa.column("outcome", sa.String),
    sa.column("status", sa.String), sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime))
_complaint = sa.table(
    "complaint", sa.column("id", sa.Integer), sa.column("customer_id", sa.Integer),
    sa.column("opened_at", sa.DateTime), sa.column("channel", sa.String),
    sa.column("text", sa.Text), sa.column("severity", sa.String), sa.column("status", sa.String),
    sa.column("resolution", sa.Text), sa.column("resolved_at", sa.DateTime),
    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime))


def _move_complaints_out_of_the_contact_log() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_interaction).where(_interaction.c.kind == "complaint")
                        .order_by(_interaction.c.id)).all()
    if not rows:
        return
    values = []
    for r in rows:
        resolved = (r.status or "").strip() == "resolved"
        values.append({
            "customer_id": r.customer_id, "opened_at": r.at,
            "channel": "phone" if r.direction == "in" else "in_person",
            "text": r.summary or "", "severity": "medium",
            "status": "resolved" if resolved else "open",
            "resolution": r.outcome, "resolved_at": r.updated_at if resolved else None,
            "created_at": r.created_at, "updated_at": r.updated_at,
        })
    bind.execute(_complaint.insert(), values)
    bind.execute(_interaction.delete().where(_interaction.c.kind == "complaint"))


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_complaint).order_by(_complaint.c.id)).all()
    if rows:
        bind.execute(_interaction.insert(), [{
            "customer_id": r.customer_id, "at": r.opened_at, "kind": "complaint",
            "direction": "in" if r.channel != "in_person" else None, "summary": r.text,
            "outcome": (r.resolution or "")[:50] or None, "status": "resolved" if r.status == "resolved" else "open",
            "created_at": r.created_at, "updated_at": r.updated_at} for r in rows])
    op.drop_table("survey_request")
    op.drop_table("inbound_message")
    op.drop_table("complaint")
