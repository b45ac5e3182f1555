"""The states of one outbox message, named once.

The outbox (``shopcrm.services.messaging.outbox``), the model's default, the Excel export's
words and the window's words and colours all use these; a test checks that every table of
words covers every state. Values are stored as plain strings (``.value``), so the column
reads the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from enum import StrEnum


class OutboxStatus(StrEnum):
    PENDING = "pending"  # in the outbox, not sent yet (or queued for the quiet hours' end)
    SENDING = "sending"  # handed to the gateway; its fate is being learnt
    SENT = "sent"  # the gateway took it
    DELIVERED = "delivered"  # the operator reported it delivered
    FAILED = "failed"  # refused or undelivered
    INVALID = "invalid"  # the recipient cannot receive it (a bad number or address)
    CANCELLED = "cancelled"  # the campaign was stopped before it went out
    UNKNOWN = "unknown"  # sent or not, nobody can tell (a crash during an email send)
    TEST = "test"  # written to the test file: nothing left the machine


OPEN_STATUSES = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)
ALL_STATUSES = tuple(status.value for status in OutboxStatus)
