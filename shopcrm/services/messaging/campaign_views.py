"""The plain data campaigns hand out: a plan before sending, a campaign's standing, one
customer's preview, a delivery sync's result."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from shopcrm.services.messaging import outbox as ob


@dataclass(frozen=True)
class CampaignRequest:
    """What to send to whom. ``text`` is the template; ``new_address`` overrides
    ``shop.new_address`` for ``{new_address}``. ``again``: send to those who already got
    the same message (see :mod:`.repeats`)."""

    text: str
    audience: Any  # an audiences.Audience
    channel: str = "sms"
    name: str | None = None
    subject: str | None = None
    kind: str = "custom"
    new_address: str | None = None
    dedupe_key: str | None = None
    again: bool = False


@dataclass
class Plan:
    """What a campaign will take, before it is created (plain data)."""

    recipients: int  # messages
    customers: int  # distinct customers reached
    by_channel: dict[str, int]
    excluded: dict[str, int]
    excluded_by_channel: dict[str, dict[str, int]]
    parts: int  # SMS parts in all (what Kavenegar charges per)
    sms_chars: dict[str, int]  # min / max characters of one SMS
    parts_per_message: dict[int, int]  # parts -> number of SMS
    personalised: bool
    line: str
    queued: int  # SMS that would wait for the quiet hours to end
    not_before: datetime | None
    missing_values: dict[str, int]  # placeholder -> messages where it is empty
    credit: int | None = None
    credit_error: str | None = None
    sample: dict[str, str] = field(default_factory=dict)  # channel -> first text
    subject: str | None = None
    kind: str = "custom"
    purpose: str = "promotional"  # promotional|notice (see audiences.purpose)
    audience_total: int | None = None  # the audience before the win-back/complaint rules
    repeat_days: int = 30
    repeats: int = 0  # messages that repeat an earlier one (sent anyway: ``again``)
    repeat_last: date | None = None  # the latest day an earlier same message was sent
    unfinished: list[int] = field(default_factory=list)  # same content, not finished
    price_per_part: int = 0  # rials
    price_source: str = "setting"  # gateway (learned from earlier sends) | setting
    cost_estimate: int = 0  # rials: parts x price
    test_file: str | None = None  # test mode: where the messages would be written
    key_unused: bool = False  # test mode chosen although a Kavenegar API key is set
    messages: list[ob.NewMessage] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "messages"}
        data["parts_per_message"] = {str(k): v for k, v in self.parts_per_message.items()}
        data["test_mode"] = self.test_file is not None
        return data


@dataclass(frozen=True)
class CampaignView:
    """A campaign and its outbox counts (plain data). ``status``: draft, sending, paused,
    done, incomplete (finished with ``failed`` left), cancelled."""

    id: int
    name: str
    kind: str
    channel: str
    status: str
    pause_reason: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    total: int
    sent: int
    delivered: int
    failed: int  # failed + invalid + unknown
    pending: int
    queued: int
    cost: int
    parts: int
    excluded: dict[str, int]
    written: int = 0  # test mode: written to the test file
    unknown: int = 0  # emails whose outcome is unknown
    retryable: int = 0  # failed for a passing reason: a resume tries them again
    test_file: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["test_mode"] = self.test_file is not None
        return data


@dataclass(frozen=True)
class Preview:
    """One customer's message: the text as sent, its length and what was missing."""

    customer_id: int | None
    name: str | None
    channel: str
    text: str
    chars: int
    parts: int
    unicode: bool
    missing: list[str]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SyncResult:
    checked: int
    delivered: int
    failed: int
    opted_out: int  # customers marked opted out by status 14

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def words(excluded: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(excluded.items())) or "-"


def load_json(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
