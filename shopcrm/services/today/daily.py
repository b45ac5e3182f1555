"""One daily run: the day's automatic work, in order, safe to run again.

``run_daily`` does, each step on its own (a step that fails is reported and the next one
still runs):

1. ``resume``: campaigns left unfinished (a crash, a pause for credit or the network) are
   resumed and retried to their end (``CampaignService.resumable``);
2. ``sync``: delivery statuses of sent SMS are asked from the gateway;
3. ``inbox``: replies are read -- skipped with a reason until the inbox is wired;
4. ``birthdays``: today's birthday greetings (setting ``daily.birthdays``), once per
   customer per Jalali year;
5. ``surveys`` and ``rewards``: after-visit surveys and reward notices -- skipped with a
   reason until those features are wired;
6. ``backup``: the daily backup unless one was taken today (SQLite; a PostgreSQL book is
   backed up by its server).

Idempotent: every message goes through the outbox (created before anything is sent, one
row per recipient), so a second run the same day sends nothing twice, and a run killed
mid-way leaves rows the next run's ``resume`` finishes, each message once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from shopcrm.domain.dates import local_today
from shopcrm.errors import ShopError
from shopcrm.storage.db import Database

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

STEPS = ("resume", "sync", "inbox", "birthdays", "surveys", "rewards", "backup")
DONE, SKIPPED, FAILED = "done", "skipped", "failed"


@dataclass
class StepResult:
    name: str
    status: str  # done | skipped | failed
    reason: str | None = None  # why skipped, or the error code
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DailyResult:
    day: date
    steps: list[StepResult]

    @property
    def sent(self) -> int:
        return sum(int(s.detail.get("sent", 0)) for s in self.steps)

    @property
    def failed(self) -> bool:
        return any(s.status == FAILED for s in self.steps)

    def step(self, name: str) -> StepResult:
        return next(s for s in self.steps if s.name == name)

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "sent": self.sent, "failed": self.failed,
                "steps": [s.as_dict() for s in self.steps]}


# Features built elsewhere plug in here: a callable(db, settings, service) -> detail dict.
# None: the step is skipped with the reason in NOT_WIRED.
OptionalStep = Callable[[Database, Any, Any], dict[str, Any]]
def _inbox(db: Database, settings: SettingsView, service: Any) -> dict[str, Any]:
    from shopcrm.services.retention.daily_steps import inbox_step

    return inbox_step(db, settings, service)


def _surveys(db: Database, settings: SettingsView, service: Any) -> dict[str, Any]:
    from shopcrm.services.retention.daily_steps import surveys_step

    return surveys_step(db, settings, service)


def _rewards(db: Database, settings: SettingsView, service: Any) -> dict[str, Any]:
    from shopcrm.services.loyalty.rewards import rewards_step

    return rewards_step(db, settings, service)


OPTIONAL: dict[str, OptionalStep | None] = {"inbox": _inbox, "surveys": _surveys,
                                            "rewards": _rewards}
NOT_WIRED = {"inbox": "inbox_not_wired", "surveys": "surveys_not_wired",
             "rewards": "rewards_not_wired"}


def _progress_detail(last: Any) -> dict[str, Any]:
    if last is None:
        return {"sent": 0}
    return {"campaign": last.campaign_id, "status": last.status, "sent": last.sent,
            "written": getattr(last, "written", 0), "failed": last.failed,
            "pending": last.pending, "queued": last.queued,
            "cost": last.cost, "pause_reason": last.pause_reason}


def run_daily(db: Database, settings: SettingsView, *, today: date | None = None, sms: Any = None,
              email: Any = None, options: Any = None,
              on_step: Callable[[StepResult], None] | None = None) -> DailyResult:
    """Run the day's work on ``db``; ``sms``/``email``/``options`` as for
    ``CampaignService`` (tests give providers; normally the settings choose)."""
    from shopcrm.services.messaging.campaigns import CampaignService

    day = today or local_today()
    service = CampaignService(db, settings, sms=sms, email=email, options=options)
    steps: list[StepResult] = []

    def record(result: StepResult) -> None:
        steps.append(result)
        if on_step is not None:
            on_step(result)

    try:
        for name in STEPS:
            try:
                record(_STEP_FUNCTIONS[name](db, settings, service, day))
            except ShopError as exc:
                record(StepResult(name, FAILED, exc.code, dict(getattr(exc, "data", {}) or {})))
    finally:
        service.close()
    return DailyResult(day, steps)


def run_step(db: Database, settings: SettingsView, name: str, *, today: date | None = None,
             sms: Any = None, email: Any = None, options: Any = None) -> StepResult:
    """One step of the daily run by itself (the Today page's "Greet today's birthdays",
    "Check deliveries"): the same code, the same idempotence."""
    from shopcrm.services.messaging.campaigns import CampaignService

    if name not in STEPS:
        raise ValueError(f"unknown step {name!r}")
    service = CampaignService(db, settings, sms=sms, email=email, options=options)
    try:
        return _STEP_FUNCTIONS[name](db, settings, service, today or local_today())
    except ShopError as exc:
        return StepResult(name, FAILED, exc.code, dict(getattr(exc, "data", {}) or {}))
    finally:
        service.close()


def _resume(db: Database, settings: SettingsView, service: Any, day: date) -> StepResult:
    ids = service.resumable()
    if not ids:
        return StepResult("resume", SKIPPED, "nothing_unfinished")
    runs = [_progress_detail(service.run_to_end(cid)) for cid in ids]
    return StepResult("resume", DONE, None, {
        "campaigns": ids, "sent": sum(r["sent"] for r in runs),
        "failed": sum(r["failed"] for r in runs), "runs": runs})


def _sync(db: Database, settings: SettingsView, service: Any, day: date) -> StepResult:
    from shopcrm.services.messaging import outbox as ob

    with db.reading() as s:
        waiting = ob.unfinished_sms(s, after_id=0, limit=1)
    if not waiting:
        return StepResult("sync", SKIPPED, "nothing_to_check")
    result = service.sync_status()
    return StepResult("sync", DONE, None, result.as_dict())


def _optional(name: str) -> Callable[[Database, Any, Any, date], StepResult]:
    def step(db: Database, settings: SettingsView, service: Any, day: date) -> StepResult:
        fn = OPTIONAL.get(name)
        if fn is None:
            return StepResult(name, SKIPPED, NOT_WIRED[name])
        detail = fn(db, settings, service)
        return StepResult(name, DONE if detail.get("enabled", True) else SKIPPED,
                          detail.get("reason"), detail)

    return step


def _birthdays(db: Database, settings: SettingsView, service: Any, day: date) -> StepResult:
    if not settings.get("daily.birthdays"):
        return StepResult("birthdays", SKIPPED, "birthdays_off")
    request, ids = service.birthday_request(day)
    if not ids:
        return StepResult("birthdays", SKIPPED, "no_birthdays", {"birthdays": 0})
    from shopcrm.services.messaging import factory

    if service._sms is None and factory.sms_configured(settings):
        return StepResult("birthdays", SKIPPED, "sms_not_configured", {"birthdays": len(ids)})
    service.check_ready(service.plan(request, credit=False))
    campaign_id, plan = service.prepare_birthday_greetings(day)
    if campaign_id is None:
        return StepResult("birthdays", SKIPPED, "no_birthdays", {"birthdays": 0})
    last = service.run_to_end(campaign_id) if service.get(campaign_id).pending else None
    detail = _progress_detail(last) | {"birthdays": len(ids), "campaign": campaign_id,
                                       "added": plan.recipients if plan else 0}
    if last is None:
        return StepResult("birthdays", SKIPPED, "greeted_already", detail)
    return StepResult("birthdays", DONE, None, detail)


def _backup(db: Database, settings: SettingsView, service: Any, day: date) -> StepResult:
    from shopcrm.services.backup.backups import daily_backup_if_due, list_backups

    if not db.is_sqlite:
        return StepResult("backup", SKIPPED, "backup_on_server")
    if not settings.get("backup.auto"):
        return StepResult("backup", SKIPPED, "backup_off")
    info = daily_backup_if_due(db, settings)
    if info is None:
        newest = list_backups(settings)
        return StepResult("backup", SKIPPED, "backup_up_to_date",
                          {"path": str(newest[0].path)} if newest else {})
    return StepResult("backup", DONE, None, {"path": str(info.path), "size": info.size})


_STEP_FUNCTIONS: dict[str, Callable[[Database, Any, Any, date], StepResult]] = {
    "resume": _resume, "sync": _sync, "inbox": _optional("inbox"),
    "birthdays": _birthdays, "surveys": _optional("surveys"), "rewards": _optional("rewards"),
    "backup": _backup,
}
