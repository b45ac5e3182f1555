"""The after-visit survey: one short SMS per visit asking for a score from 1 to 5.

Off unless ``survey.enabled``. A visit's survey is *due* ``survey.delay`` after the visit:
``next_morning`` (the default: the day after the visit at ``survey.morning``, Tehran
time) or a number of hours. Visits older than ``survey.max_age_days`` get none (turning
the survey on does not message every past customer). Nothing goes out in the quiet hours
(``sms.quiet_hours``): what is due then goes at the next run after they end.

Exactly once per visit: the ``survey_request`` row (unique per visit) and the outbox row
are written in one transaction into the day's survey campaign (``dedupe_key``
``survey:<date>``), and the outbox machinery sends it once (see
:mod:`shopcrm.services.messaging.sender`). A customer with several visits waiting is asked
about the newest; the older ones are marked covered. Customers opted out of SMS, or without
a valid mobile, are skipped. The reply is read by :mod:`.inbox`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcrm.domain.dates import format_jalali, local_date_of, local_to_utc, utc_now, utc_to_local
from shopcrm.domain.phones import normalize_mobile
from shopcrm.domain.text import fold_digits
from shopcrm.errors import Conflict, InvalidInput
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.sms_text import parse_quiet_hours, sms_parts, with_opt_out
from shopcrm.services.messaging.templates import Person, ShopInfo, compile_template
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, Customer, OutboxMessage, SurveyRequest, Visit

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

KIND = "survey"


@dataclass
class SurveyResult:
    """What one run did (plain data). ``created``: surveys written to the outbox now."""

    enabled: bool = True
    reason: str | None = None  # survey_disabled | quiet_hours | campaign_busy | None
    dry_run: bool = False
    due: int = 0  # visits considered (one per customer)
    created: int = 0
    covered: int = 0  # older visits of a customer asked about a newer one
    skipped: dict[str, int] = field(default_factory=dict)  # opted_out, no_mobile...
    parts: int = 0
    campaign_id: int | None = None
    sent: int = 0  # of the day's survey campaign, after this run
    sent_now: int = 0  # sent by this run
    failed: int = 0
    pending: int = 0
    sample: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Visit:
    id: int
    customer_id: int
    at: datetime
    name: str
    mobile: str | None
    sms_opt_out: bool
    last_visit_at: datetime | None


def parse_delay(value: Any) -> float | None:
    """``next_morning`` -> None; ``"3"``, ``"3h"``, ``"۳"`` -> 3.0 hours."""
    text = fold_digits(str(value or "")).strip().lower()
    if text in ("", "next_morning", "morning"):
        return None
    try:
        hours = float(text.removesuffix("h").strip())
    except ValueError:
        raise InvalidInput("bad_survey_delay", value=value) from None
    if not 0 <= hours <= 24 * 14:
        raise InvalidInput("bad_survey_delay", value=value)
    return hours


def _morning(settings: SettingsView) -> time:
    text = fold_digits(str(settings.get("survey.morning") or "10:00")).strip()
    try:
        hour, minute = (int(x) for x in text.split(":"))
        return time(hour, minute)
    except ValueError:
        raise InvalidInput("bad_setting", key="survey.morning", detail=repr(text)) from None


def due_at(visit_at: datetime, settings: SettingsView) -> datetime:
    """When the survey of a visit at ``visit_at`` (naive UTC) is due (naive UTC)."""
    hours = parse_delay(settings.get("survey.delay"))
    if hours is not None:
        return visit_at + timedelta(hours=hours)
    next_day = local_date_of(visit_at) + timedelta(days=1)
    return local_to_utc(datetime.combine(next_day, _morning(settings)))


def _rows(s: Session, where: Iterable[Any]) -> list[_Visit]:
    stmt = (select(Visit.id, Visit.customer_id, Visit.at, Customer.name, Customer.mobile,
                   Customer.sms_opt_out, Customer.last_visit_at)
            .join(Customer, Customer.id == Visit.customer_id)
            .outerjoin(SurveyRequest, SurveyRequest.visit_id == Visit.id)
            .where(SurveyRequest.id.is_(None), Customer.deleted_at.is_(None), *where)
            .order_by(Visit.customer_id, Visit.at.desc(), Visit.id.desc()))
    return [_Visit(r[0], r[1], r[2], r[3] or "", r[4], bool(r[5]), r[6]) for r in s.execute(stmt)]


def _candidates(s: Session, settings: SettingsView, now: datetime, since: date | None,
                phones: list[str] | None, skipped: Counter[str]) -> list[_Visit]:
    if phones is not None:
        mobiles = []
        for raw in phones:
            mobile = normalize_mobile(raw)  # InvalidInput names the bad one
            if mobile:
                mobiles.append(mobile)
        found = _rows(s, [Customer.mobile.in_(mobiles), Visit.at <= now])
        known = {v.mobile for v in found}
        if set(mobiles) - known:
            skipped["no_visit_to_ask_about"] += len(set(mobiles) - known)
        return found
    if since is not None:
        start = local_to_utc(datetime.combine(since, time()))
        return _rows(s, [Visit.at >= start, Visit.at <= now])
    oldest = now - timedelta(days=int(settings.get("survey.max_age_days")))
    return [v for v in _rows(s, [Visit.at >= oldest, Visit.at <= now])
            if due_at(v.at, settings) <= now]


def _campaign(s: Session, day: date, text: str) -> int:
    key = f"survey:{day.isoformat()}"
    found = s.scalar(select(Campaign.id).where(Campaign.dedupe_key == key))
    if found is not None:
        return found
    campaign = Campaign(
        name=f"نظرسنجی پس از مراجعه {format_jalali(day, persian_digits=False)}", kind=KIND,
        channel="sms", template=text, audience=json.dumps({"audience": {"kind": KIND}}),
        status="draft", dedupe_key=key)
    s.add(campaign)
    s.flush()
    return campaign.id


def send_due_surveys(
    db: Database,
    settings: SettingsView,
    *,
    today: date | None = None,
    now: datetime | None = None,
    since: date | None = None,
    phones: list[str] | None = None,
    dry_run: bool = False,
    force: bool = False,
    sms: Any = None,
    options: Any = None,
) -> SurveyResult:
    """Write the due surveys into the day's survey campaign and send it.

    ``now`` (naive UTC; default now) or ``today`` (a local date: now's time of day on that
    date) is the reference. ``since`` (a local date) or ``phones`` choose the visits by
    hand instead of by due time. ``dry_run`` counts and writes nothing. Without
    ``survey.enabled`` nothing is done (``reason`` ``survey_disabled``) unless ``force``."""
    now = now or utc_now()
    if today is not None and now.tzinfo is None and today != local_date_of(now):
        now = local_to_utc(datetime.combine(today, utc_to_local(now).time()))
    if not settings.get("survey.enabled") and not force:
        return SurveyResult(enabled=False, reason="survey_disabled", dry_run=dry_run)
    text = str(settings.get("survey.text") or "").strip()
    template = compile_template(text)
    shop = ShopInfo.from_settings(settings)
    template.check_shop(shop)
    line = settings.get("sms.line")
    quiet = parse_quiet_hours(settings.get("sms.quiet_hours"))
    result = SurveyResult(dry_run=dry_run)
    if quiet is not None and quiet.is_quiet(now.replace(tzinfo=UTC)) and not dry_run:
        result.reason = "quiet_hours"
        return result
    for attempt in range(2):
        try:
            _write(db, settings, result, now, since, phones, text, shop, line, dry_run)
            break
        except IntegrityError:  # another run wrote the same surveys meanwhile
            if attempt:
                raise
            result = SurveyResult(dry_run=dry_run)
    if dry_run or result.campaign_id is None:
        return result
    from shopcrm.services.messaging.campaigns import CampaignService

    service = CampaignService(db, settings, sms=sms, options=options)
    try:
        try:
            before = service.get(result.campaign_id)
            if before.pending:
                start, last = service.run_counted(result.campaign_id)
                result.sent, result.failed, result.pending = last.sent, last.failed, last.pending
                result.sent_now = last.sent - start.sent
                return result
        except Conflict as err:
            if err.code != "campaign_busy":
                raise
            result.reason = "campaign_busy"  # another run is sending the day's surveys
        view = service.get(result.campaign_id)
        result.sent, result.failed, result.pending = view.sent, view.failed, view.pending
    finally:
        if sms is None:
            service.close()
    return result


def _write(db: Database, settings: SettingsView, result: SurveyResult, now: datetime,
           since: date | None, phones: list[str] | None, text: str, shop: ShopInfo,
           line: str, dry_run: bool) -> None:
    template = compile_template(text)
    skipped: Counter[str] = Counter()
    door = db.reading if dry_run else db.writing
    with door() as s:
        visits = _candidates(s, settings, now, since, phones, skipped)
        newest: dict[int, _Visit] = {}
        older: list[_Visit] = []
        for v in visits:  # ordered newest first per customer
            if v.customer_id in newest:
                older.append(v)
            else:
                newest[v.customer_id] = v
        result.due = len(newest)
        campaign_id = None if dry_run else _campaign(s, local_date_of(now), text)
        have: set[str] = set()
        if campaign_id is not None:
            have = {r for ch, r in ob.existing(s, campaign_id)[0] if ch == "sms"}
        messages: list[ob.NewMessage] = []
        asked: list[_Visit] = []
        asked_today: list[_Visit] = []
        for v in newest.values():
            if v.sms_opt_out:
                skipped["opted_out"] += 1
                continue
            if not v.mobile:
                skipped["no_mobile"] += 1
                continue
            if v.mobile in have:  # asked today already (about another visit)
                asked_today.append(v)
                skipped["asked_today"] += 1
                continue
            have.add(v.mobile)
            body = with_opt_out(template.render(Person(v.name, v.last_visit_at), shop), line)
            parts = sms_parts(body).parts
            result.parts += parts
            result.sample = result.sample or body
            messages.append(ob.NewMessage(v.customer_id, "sms", v.mobile, body, parts))
            asked.append(v)
        reached = {v.customer_id for v in asked + asked_today}
        covered = [v for v in older if v.customer_id in reached] + asked_today
        result.created = len(messages)
        result.covered = len(covered)
        result.skipped = dict(skipped)
        if dry_run or campaign_id is None:
            return
        result.campaign_id = campaign_id
        ob.insert_messages(s, campaign_id, messages)
        ids = dict(s.execute(select(OutboxMessage.recipient, OutboxMessage.id).where(
            OutboxMessage.campaign_id == campaign_id, OutboxMessage.channel == "sms",
            OutboxMessage.recipient.in_([a.mobile for a in asked]))).all()) if asked else {}
        stamp = utc_now()
        for v in asked:  # each asked visit has a mobile (checked above)
            s.add(SurveyRequest(visit_id=v.id, customer_id=v.customer_id,
                                outbox_id=ids.get(v.mobile) if v.mobile else None,
                                created_at=stamp, updated_at=stamp))
        for v in covered:
            s.add(SurveyRequest(visit_id=v.id, customer_id=v.customer_id, outbox_id=None,
                                created_at=stamp, updated_at=stamp))
