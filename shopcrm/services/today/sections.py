"""Every section of the Today page as plain data: the window, ``shopcrm today [--json]``
and the tests read this one source.

Each section's number is the number of the page it links to:

- ``call``: the top of the follow-up lists (absent and overdue, the settings' rules,
  snoozed and recently contacted customers hidden: ``AbsenceService`` exactly as the
  Win-back page asks it), highest priority first, each with its reason and the priority
  in words; ``absent`` and ``overdue`` are the Win-back page's two list totals;
- ``birthdays``: Jalali birthdays today and in the next 7 days with the greeting date
  (the Customers page's ``birthday:7`` segment);
- ``came_back``: customers contacted while absent who came back in the last 7 days, with
  what they spent, and the win-back totals of the default period (``winback_summary``,
  as on the Win-back page);
- ``complaints``, ``replies``, ``rewards``: from ``services.today.feeds``;
- ``messages``: campaigns with failed, invalid or unknown messages that changed in the last
  7 days, each with the same "failed" count as the Campaigns page;
- ``backup``: the newest backup and its age in days (None on PostgreSQL: the server's).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.domain.absence import AbsenceRules, day_start_utc
from shopcrm.domain.dates import format_jalali, local_date_of, local_today, utc_to_local
from shopcrm.services.absence.birthdays import upcoming_birthdays
from shopcrm.services.absence.lists import FollowUpRow, follow_up_page
from shopcrm.services.absence.priority_marks import value_marks
from shopcrm.services.absence.winback_totals import (
    CameBack,
    WinbackSummary,
    default_period,
    summary_in,
)
from shopcrm.services.today import feeds
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, OutboxMessage

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

CALL_LIMIT = 10
BIRTHDAY_DAYS = 7
CAME_BACK_DAYS = 7
MESSAGE_DAYS = 7
PROBLEM_STATES = ("failed", "invalid", "unknown")
SECTIONS = ("call", "birthdays", "came_back", "complaints", "replies", "rewards", "messages",
            "backup")


@dataclass(frozen=True)
class CallRow:
    id: int
    name: str
    mobile: str | None
    list: str  # absent | overdue (absent when on both)
    days_since: int
    usual_gap_days: float | None
    total_spent: int
    priority: float
    reason_fa: str
    reason_en: str
    priority_fa: str
    priority_en: str

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["priority"] = round(self.priority, 2)
        return data


@dataclass(frozen=True)
class CallSection:
    rows: list[CallRow]
    absent: int  # the Win-back page's "Absent (n)"
    overdue: int  # the Win-back page's "Overdue (n)"

    def as_dict(self) -> dict[str, Any]:
        return {"count": len(self.rows), "absent": self.absent, "overdue": self.overdue,
                "rows": [r.as_dict() for r in self.rows]}


@dataclass(frozen=True)
class MessageProblem:
    campaign_id: int
    name: str
    failed: int  # failed + invalid + unknown: the Campaigns page's "failed"
    unknown: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BackupState:
    path: str
    taken_at: datetime  # local time of the shop
    age_days: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Today:
    """The Today page of ``day`` (plain data, safe between threads)."""

    day: date
    call: CallSection
    birthdays: list[Any]  # BirthdayRow
    came_back: list[CameBack]
    winback: WinbackSummary
    complaints: list[feeds.OpenComplaint]
    replies: list[dict[str, Any]]
    rewards: list[dict[str, Any]]
    messages: list[MessageProblem]
    backup: BackupState | None
    backup_kind: str = "file"  # file | server (PostgreSQL: backups are the server's)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def birthdays_today(self) -> int:
        return sum(1 for b in self.birthdays if b.days_until == 0)

    @property
    def failed_messages(self) -> int:
        return sum(m.failed for m in self.messages)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``shopcrm today --json``: exactly the keys of ``SECTIONS`` (the day
        is the ``birthdays`` section's ``from``)."""
        totals = self.winback.as_dict()
        totals.pop("rows")
        return {
            "call": self.call.as_dict(),
            "birthdays": {"count": len(self.birthdays), "today": self.birthdays_today,
                          "from": self.day.isoformat(),
                          "days": BIRTHDAY_DAYS,
                          "rows": [b.as_dict() for b in self.birthdays]},
            "came_back": {"count": len(self.came_back), "days": CAME_BACK_DAYS,
                          "spent": sum(r.spent_since for r in self.came_back),
                          "rows": [r.as_dict() for r in self.came_back], "totals": totals},
            "complaints": {"count": len(self.complaints),
                           "rows": [c.as_dict() for c in self.complaints]},
            "replies": {"count": len(self.replies), "wired": feeds.REPLIES_WIRED,
                        "rows": self.replies},
            "rewards": {"count": len(self.rewards), "wired": feeds.REWARDS_WIRED,
                        "rows": self.rewards},
            "messages": {"count": self.failed_messages, "days": MESSAGE_DAYS,
                         "rows": [m.as_dict() for m in self.messages]},
            "backup": {"kind": self.backup_kind,
                       "last": self.backup.as_dict() if self.backup else None},
        }


# -- the sections ----------------------------------------------------------------------


def call_section(s: Session, rules: AbsenceRules, day: date,
                 limit: int | None = CALL_LIMIT) -> CallSection:
    """The top ``limit`` of the absent and overdue lists (as the Win-back page shows them:
    snoozed and recently contacted customers hidden), merged by priority."""
    marks = value_marks(s)  # read once for both lists
    pages = {kind: follow_up_page(s, kind, rules, day, limit=limit, words=True, marks=marks)
             for kind in ("absent", "overdue")}
    merged: dict[int, tuple[str, FollowUpRow]] = {}
    for kind in ("absent", "overdue"):
        for row in pages[kind].rows:
            merged.setdefault(row.id, (kind, row))
    ordered = sorted(merged.values(), key=lambda kr: (-kr[1].priority, kr[1].last_visit_at,
                                                      kr[1].id))[:limit]
    rows = [CallRow(r.id, r.name, r.mobile, kind, r.days_since, r.usual_gap_days,
                    r.total_spent, r.priority, r.reason_fa, r.reason_en, r.priority_fa,
                    r.priority_en) for kind, r in ordered]
    return CallSection(rows, int(pages["absent"].total or 0), int(pages["overdue"].total or 0))


def message_problems(s: Session, day: date, days: int = MESSAGE_DAYS) -> list[MessageProblem]:
    """Campaigns with a failed, invalid or unknown message changed since ``days - 1``
    days before ``day``; counts over the whole campaign (as the Campaigns page)."""
    since = day_start_utc(day - timedelta(days=days - 1))
    T = OutboxMessage
    recent = (select(T.campaign_id).where(T.status.in_(PROBLEM_STATES), T.updated_at >= since)
              .distinct())
    rows = s.execute(
        select(Campaign.id, Campaign.name, T.status, func.count())
        .join(T, T.campaign_id == Campaign.id)
        .where(Campaign.id.in_(recent), T.status.in_(PROBLEM_STATES))
        .group_by(Campaign.id, Campaign.name, T.status)
        .order_by(Campaign.id.desc())).all()
    found: dict[int, list[Any]] = {}
    for cid, name, status, n in rows:
        entry = found.setdefault(cid, [name, 0, 0])
        entry[1] += int(n)
        if status == "unknown":
            entry[2] += int(n)
    return [MessageProblem(cid, name, failed, unknown)
            for cid, (name, failed, unknown) in found.items()]


def backup_state(db: Database, settings: SettingsView, day: date) -> tuple[str, BackupState | None]:
    if not db.is_sqlite:
        return "server", None
    from shopcrm.services.backup.backups import list_backups

    found = list_backups(settings)
    if not found:
        return "file", None
    newest = found[0]
    return "file", BackupState(str(newest.path), newest.taken_at,
                               max(0, (day - newest.taken_at.date()).days), newest.reason)


def build_today(db: Database, settings: SettingsView, day: date | None = None, *,
                call_limit: int | None = CALL_LIMIT) -> Today:
    """Every section of the Today page on ``day`` (default: today in Tehran)."""
    day = day or local_today()
    rules = AbsenceRules.from_settings(settings)
    start, end = default_period(day)
    with db.reading() as s:
        call = call_section(s, rules, day, call_limit)
        birthdays = upcoming_birthdays(s, BIRTHDAY_DAYS, day)
        winback = summary_in(s, rules, start, end)
        week = day - timedelta(days=CAME_BACK_DAYS - 1)
        came_back = [r for r in winback.rows if local_date_of(r.returned_at) >= week]
        complaints = feeds.open_complaints(s)
        replies = feeds.unread_replies(s)
        messages = message_problems(s, day)
    rewards = feeds.rewards_reached(db, settings)
    kind, backup = backup_state(db, settings, day)
    return Today(day, call, birthdays, came_back, winback, complaints, replies, rewards,
                 messages, backup, kind)


def jalali(value: date | datetime) -> str:
    """A Jalali date with ASCII digits (the command line's form)."""
    if isinstance(value, datetime):
        value = utc_to_local(value).date()
    return format_jalali(value, persian_digits=False)
